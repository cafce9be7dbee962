// CandidateFeatures: what the speaker model weighs about one candidate: which patterns proposed
// it, where it stands (side, distance in tokens, sentences and paragraphs, punctuation between),
// the verb it is the subject of, what kind of mention it is and how it was resolved, the evidence
// that its words are a name, the previous quotation's speaker and the quotation's own shape.
#pragma once
#include <cstddef>
#include <vector>

#include "article_tokens.h"
#include "candidates.h"
#include "mention.h"
#include "registry.h"

namespace whosaid {

class CandidateFeatures {
 public:
  CandidateFeatures(const ArticleTokens& t, const MentionParser& parser, const EntityRegistry& registry, std::size_t q,
                    const PreviousSpeaker* previous);

  void write(Candidate& c, const std::vector<Candidate>& all) const;

  // The class of a speech verb: say, tell, write, add, ask, other.
  static const char* verb_class(std::string_view lower);

 private:
  void position(const Candidate& c, FeatureSet& f) const;
  void syntax(const Candidate& c, FeatureSet& f) const;
  void evidence(const Candidate& c, FeatureSet& f) const;
  void pronoun(const Candidate& c, FeatureSet& f) const;
  void previous(const Candidate& c, FeatureSet& f) const;
  const char* mention_type(const Candidate& c) const;
  const char* source(const Candidate& c) const;
  std::size_t name_end(std::size_t s) const;

  const ArticleTokens& t_;
  const EntityRegistry& registry_;
  std::size_t q_;
  const PreviousSpeaker* previous_;
  // The quotation's own shape, the same for all its candidates (they count in conjunction).
  bool para_only_, opens_para_, embedded_, sentence_cue_;
  // The subject the quotation's sentence opens with (past adverbials): who a participle's
  // "…, saying "…"" belongs to.
  std::size_t lead_token_ = SIZE_MAX;
  const Entity* lead_entity_ = nullptr;
};

}  // namespace whosaid
