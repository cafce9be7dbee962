// Candidates: every way the article offers of naming the speaker of one quotation, each with the
// evidence for it. Proposers add them (the cue patterns, every mention near the quotation, the
// previous quotation's speaker); each is then resolved to the person or body it names (a pronoun
// once per person it may stand for). The speaker model (speaker_model.h) chooses among them.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "article_tokens.h"
#include "cues.h"
#include "feature_set.h"
#include "mention.h"
#include "registry.h"

namespace whosaid {

// How a candidate's mention was turned into a speaker.
enum class Resolution : std::uint8_t {
  entity,      // a name the registry knows ("Evenson" -> Liz Evenson)
  name,        // a name the registry does not know: as written
  antecedent,  // a pronoun, to a person or body named before it
  role,        // "the archbishop": the person named earlier with that role
  body,        // "the ministry": the organisation named earlier
  described,   // an unnamed source as written ("a senior official")
  previous,    // the previous quotation's speaker
  turn,        // an interview's current speaker ("((Name))", "Name:" opening the paragraph)
};
const char* resolution_name(Resolution r);

// What the choice of the previous quotation left for this one.
struct PreviousSpeaker {
  std::string speaker, role, affiliation, mention;
  SpeakerKind kind = SpeakerKind::unknown;
  bool former = false;
  const Entity* entity = nullptr;
  std::size_t quote_token = 0;
  bool had_cue = false;
};

struct Candidate {
  Mention mention;                 // the words naming the speaker (role and organisation said there)
  std::uint32_t patterns = 0;      // a bit per Pattern that proposed this mention
  int first_pattern = -1;          // the first pattern (in rule order) of all that matched, if it is this one's
  bool window = false;             // a mention near the quotation
  std::string cue;                 // the cue as written, "" when none
  std::size_t cue_token = 0;
  std::size_t start = 0, end = 0;  // the mention's tokens

  // Resolved:
  Resolution how = Resolution::name;
  std::string speaker;
  SpeakerKind kind = SpeakerKind::unknown;
  const Entity* entity = nullptr;
  std::size_t antecedent_token = 0;  // where a pronoun's person was named
  int antecedent_rank = 0;           // 0: the nearest person named before the pronoun, 1 the next, ...
  bool old_choice = false;           // what the hand-written pronoun rule would have chosen

  int mention_id = 0;                // candidates resolving one mention (a pronoun's options) share it
  FeatureSet features;               // of the mention: is it the one that names the speaker here?
  FeatureSet ante;                   // of the resolution: is this the person the pronoun stands for?
  double mention_score = 0.0;        // the model's probability that the mention names the speaker
  double ante_score = 1.0;           // ... that the pronoun stands for this person (1 but for pronouns)
  double score = 0.0;                // the product: that this candidate is the speaker
};

// A quotation's candidates, and what its cue patterns found before any was resolved.
struct CandidateList {
  std::vector<Candidate> candidates;
  bool cue = false;       // a cue pattern matched ("said", "according to", the sentence before, ...)
  bool cue_word = false;  // one of them with a cue word of the quotation's own (not a sentence before)
};

class CandidateFinder {
 public:
  CandidateFinder(const ArticleTokens& t, const MentionParser& parser, const EntityRegistry& registry,
                  const CueProposer& cues, bool keep_feature_names);

  // The candidates of quotation token q, resolved, with their features.
  CandidateList find(std::size_t q, const PreviousSpeaker* previous) const;

 private:
  void from_cues(std::size_t q, std::vector<Candidate>& out) const;
  void from_window(std::size_t q, std::vector<Candidate>& out) const;
  void add_mention(std::vector<Candidate>& out, const Mention& m, std::size_t start, std::size_t end) const;
  std::vector<Candidate> resolve(std::size_t q, std::vector<Candidate> mentions, const PreviousSpeaker* previous) const;
  void resolve_named(Candidate& c, std::size_t q) const;
  void pronoun_options(const Candidate& c, std::size_t q, const PreviousSpeaker* previous, std::vector<Candidate>& out) const;
  const std::string* turn_speaker(std::size_t q) const;

  const ArticleTokens& t_;
  const MentionParser& parser_;
  const EntityRegistry& registry_;
  const CueProposer& cues_;
  bool keep_names_;
  std::vector<std::size_t> pronouns_;          // tokens of he, she, they, ... outside quotations
  std::vector<std::size_t> nominals_;          // heads of "the ministry", "a senior official", "the father"
  std::vector<std::string> turn_by_paragraph_; // an interview's speaker per paragraph, "" when none

  friend class FeatureWriter;
};

}  // namespace whosaid
