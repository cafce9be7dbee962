// Word lists the attribution rules read: speech verbs, titles, organisation heads, pronouns,
// descriptions of anonymous sources. Lower-case; looked up by a token's `lower` form.
#pragma once
#include <cstdint>
#include <string_view>

namespace whosaid::lexicon {

bool speech_verb(std::string_view w);        // said, told, tweeted, ... (all inflections listed)
bool speech_verb_base(std::string_view w);   // say, tell, ... (after "to", "will", "would")
bool title_word(std::string_view w);         // president, minister, director, spokesman, ...
bool org_head(std::string_view w);           // department, ministry, university, police, ...
bool person_pronoun(std::string_view w);     // he, she, i, we
bool org_pronoun(std::string_view w);        // it, they
bool anonymous_head(std::string_view w);     // official, source, spokesperson, witness, ...
bool name_particle(std::string_view w);      // de, van, von, bin, al, da, ...
bool not_a_name(std::string_view w);         // capitalised words that never start a name
bool title_cue(std::string_view w);          // titled, entitled, dubbed, nicknamed, ...
bool function_word(std::string_view w);      // the, of, and, ... (for title-case tests)
bool month_or_day(std::string_view w);

// Every list a word belongs to, in one look-up (the attribution rules ask many times per token).
enum : std::uint16_t {
  kSpeechVerb = 1, kTitle = 2, kOrgHead = 4, kPersonPronoun = 8, kOrgPronoun = 16, kAnonymous = 32,
  kParticle = 64, kNotAName = 128, kMonth = 256, kAux = 512, kConnector = 1024,
  kClause = 2048  // opens a clause: that, which, who, because, while, when, where, if, although, whereas
};
std::uint16_t classify(std::string_view lower_word);

}  // namespace whosaid::lexicon
