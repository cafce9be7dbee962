#include "speaker_model.h"

#include <cmath>
#include <cstdlib>

#include "error.h"

namespace whosaid {

extern const char* const kSpeakerModelTxt;  // generated from data/speaker-model.txt

SpeakerModel SpeakerModel::parse(std::string_view text, const std::string& source) {
  SpeakerModel m;
  std::size_t line_no = 0, s = 0;
  while (s < text.size()) {
    std::size_t e = text.find('\n', s);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(s, e - s);
    s = e + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::size_t tab = line.find('\t');
    std::string value(tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1));
    char* end = nullptr;
    double w = std::strtod(value.c_str(), &end);
    if (tab == std::string_view::npos || value.empty() || end != value.c_str() + value.size() || !std::isfinite(w))
      throw Error(source + ":" + std::to_string(line_no) + ": expected FEATURE<TAB>WEIGHT, got \"" +
                  std::string(line.substr(0, 80)) + "\"");
    std::string_view name = line.substr(0, tab);
    if (name == "@threshold") m.threshold_ = w;
    else m.weights_[FeatureSet::key_of(name)] += w;
  }
  return m;
}

const SpeakerModel& SpeakerModel::builtin() {
  static const SpeakerModel m = parse(kSpeakerModelTxt, "speaker-model.txt (built in)");
  return m;
}

double SpeakerModel::probability(const FeatureSet& f) const {
  double z = 0.0;
  for (std::uint64_t k : f.keys()) {
    auto it = weights_.find(k);
    if (it != weights_.end()) z += it->second;
  }
  return 1.0 / (1.0 + std::exp(-z));
}

}  // namespace whosaid
