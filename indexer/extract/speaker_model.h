// SpeakerModel: a logistic regression over candidate features (feature_set.h), trained by
// tools/train from the shared gold sets (liblinear), its weights a text file embedded at build
// time (data/speaker-model.txt). It scores each candidate of a quotation; the best one above the
// threshold is the speaker.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "feature_set.h"

namespace whosaid {

class SpeakerModel {
 public:
  // The model built into the program.
  static const SpeakerModel& builtin();
  // A model from the text of a weights file; `source` names it in errors (throws Error on a bad line).
  static SpeakerModel parse(std::string_view text, const std::string& source);

  // The probability that the candidate with these features is the speaker.
  double probability(const FeatureSet& f) const;
  // Below this probability the best candidate is not taken: the speaker stays unknown.
  double threshold() const { return threshold_; }
  std::size_t size() const { return weights_.size(); }

 private:
  std::unordered_map<std::uint64_t, double> weights_;
  double threshold_ = 0.1;
};

}  // namespace whosaid
