// SpeakerResolver: binds each quotation to the person or organisation who said it.
// Reads the tokens around a quotation for a cue (`"…," said X`, `X said: "…"`, `according to X`,
// `"…" — X`), parses the speaker phrase into name, role and organisation, and resolves pronouns,
// surnames and follow-on quotations to the fullest name the article gives.
#pragma once
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "quote.h"
#include "quote_finder.h"
#include "tokens.h"

namespace whosaid {

// What the tokens around one quotation say about it.
struct Attribution {
  std::string mention;          // words naming the speaker here ("she", "Evenson", "the ministry")
  std::string speaker;          // resolved canonical name
  SpeakerKind kind = SpeakerKind::unknown;
  std::string role;
  std::string affiliation;
  bool former = false;
  std::string cue;              // "said", "according to", ":", "—", "" (follow-on)
  double confidence = 0.0;
  bool has_cue = false;         // a cue of its own (not inherited)
  std::size_t mention_token = 0;  // where the mention stands (pronouns resolve from there)
};

// Per-article state: people and organisations named so far, acronyms the article defines.
class SpeakerResolver {
 public:
  SpeakerResolver(std::string_view text, const std::vector<Token>& tokens, const std::vector<QuoteSpan>& spans);

  // Attribution from the quotation's own sentence, or an empty one (has_cue false).
  Attribution attribute(std::size_t quote_token) const;

  // Fills speaker, role and organisation from the entity registry (fullest name, role and
  // affiliation known anywhere in the article).
  void resolve(Attribution& a, std::size_t quote_token, const Attribution* previous) const;

  // True when a speech verb or "according to" appears in the quotation's sentence.
  bool sentence_has_cue(std::size_t quote_token) const;

  struct Entity {
    std::vector<std::string> tokens;  // name words as written
    std::vector<std::string> folded;  // the same without diacritics, for matching
    std::string name;
    std::string role, org;
    bool former = false;
    SpeakerKind kind = SpeakerKind::person;
    std::size_t first_token = 0;
  };

 private:
  struct Parsed {
    std::string mention, name, role, org;
    bool former = false;
    SpeakerKind kind = SpeakerKind::unknown;
    bool pronoun = false;
    std::size_t name_token = 0;  // first token of the name (for pronoun resolution order)
  };
  Parsed parse_phrase(std::size_t a, std::size_t b) const;
  void parse_appositive(std::size_t a, std::size_t b, Parsed& p) const;
  std::size_t name_run_end(std::size_t i, std::size_t b) const;
  bool starts_name(std::size_t i) const;
  std::string span_text(std::size_t a, std::size_t b) const;
  std::string expand_org(const std::string& org) const;
  bool title_like(std::size_t quote_token) const;
  bool initials_match(std::size_t s, std::size_t e, std::string_view shortform) const;
  std::string party_name(std::string_view written) const;
  const Entity* find_entity(const std::string& name) const;
  static std::size_t mentions_before(const std::vector<std::pair<std::size_t, std::size_t>>& mentions,
                                     std::size_t token);
  const Entity* last_org_before(std::size_t token) const;
  void build_registry();
  void learn(const Parsed& p);
  std::size_t sentence_start(std::size_t i) const;
  std::size_t sentence_end(std::size_t i) const;
  Parsed parse_subject(std::size_t lo, std::size_t verb) const;
  Parsed leading_subject(std::size_t a, std::size_t b) const;
  const Entity* pronoun_antecedent(std::size_t token) const;

  bool is_cue(std::size_t i) const { return cue_[i] != 0; }

  std::string_view text_;
  std::vector<char> cue_;  // per token: a speech verb used as a verb
  // Word lists a token belongs to, looked up once per token (the rules ask many times).
  struct WordClass {
    bool title = false, org = false, anon = false, person_pronoun = false, org_pronoun = false, not_name = false,
         particle = false, month = false, place_word = false, speech = false, aux = false, connector = false;
  };
  std::vector<WordClass> wc_;
  std::vector<std::size_t> sent_start_, sent_end_;  // sentence bounds per token
  static constexpr std::size_t kWindow = 400;       // look-around limit, in tokens
  static constexpr std::size_t kLookBack = 400;     // mentions searched back for a role or body
  const std::vector<Token>& toks_;
  const std::vector<QuoteSpan>& spans_;
  std::vector<Entity> entities_;
  // People by the last and the first word of their name (folded), for find_entity. A long article
  // names thousands of people who share a few surnames: a look-up must not walk them all, so the
  // best answer for one word is kept up to date as people are added (best_surname_, best_word_),
  // and a full name is looked up by one of its words with its last (by_pair_).
  std::unordered_map<std::string, std::vector<std::size_t>> by_last_, by_first_, by_pair_;
  std::unordered_map<std::string, std::size_t> best_surname_;  // the longest name ending in the word
  std::unordered_map<std::string, std::size_t> best_word_;     // the longest name ending or starting with it
  void index_entity(std::size_t idx);
  std::vector<std::pair<std::size_t, std::size_t>> person_mentions_;  // (token, entity)
  std::vector<std::pair<std::size_t, std::size_t>> org_mentions_;
  std::vector<std::pair<std::string, std::string>> acronyms_;  // ("FIDH", "International Federation ...")
};

}  // namespace whosaid
