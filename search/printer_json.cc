// json: one document per command. jsonl: one line per hit / speaker, for streaming and `jq -c`.
#include <cmath>

#include "hit_json.h"
#include "printer.h"

namespace whosaid {

namespace {

class JsonPrinter : public Printer {
 public:
  JsonPrinter(std::ostream& out, bool lines, const QuoteIndex* index) : out_(out), lines_(lines), index_(index) {}

  void search(const SearchResult& r) override {
    if (!lines_) return emit(search_to_json(r));
    for (const auto& h : r.hits) emit(hit_to_json(h));
  }

  // One line per query in both formats: a file of queries gives a stream of answers.
  void search_timed(const SearchResult& r, double elapsed_ms) override {
    Json j = search_to_json(r);
    j["elapsed_ms"] = std::round(elapsed_ms * 1000) / 1000;
    out_ << dump(j) << '\n';
  }

  void speakers(const std::string& query, const std::vector<SpeakerSummary>& list) override {
    if (!lines_) return emit(with_shards(speakers_to_json(query, list)));
    for (const auto& s : list) emit(speaker_to_json(s));
  }

  void quotation(const Hit& hit) override {
    Json j{{"format_version", kFormatVersion}};
    j.update(hit_with_context_to_json(hit));
    emit(with_shards(std::move(j)));
  }

 private:
  // A partial answer says which shards it leaves out (search and verify results carry their own).
  Json with_shards(Json j) const {
    if (index_ && index_->partial_allowed()) j["missing_shards"] = missing_shards_to_json(index_->missing());
    return j;
  }

  void emit(const Json& j) { out_ << (lines_ ? dump(j) : j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)) << '\n'; }

  std::ostream& out_;
  bool lines_;
  const QuoteIndex* index_;
};

}  // namespace

std::unique_ptr<Printer> make_json_printer(std::ostream& out, bool lines, const QuoteIndex* index) {
  return std::make_unique<JsonPrinter>(out, lines, index);
}

}  // namespace whosaid
