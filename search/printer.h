// One printer per output format (text for people, json and jsonl for programs), so that every
// verb gets every format. A new verb adds one method here and one in each printer.
#pragma once
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "search.h"
#include "speakers.h"

namespace whosaid {

class Printer {
 public:
  virtual ~Printer() = default;
  virtual void search(const SearchResult& r) = 0;
  // One answer of `search --queries FILE`, with the time the search took.
  virtual void search_timed(const SearchResult& r, double elapsed_ms) = 0;
  virtual void speakers(const std::string& query, const std::vector<SpeakerSummary>& list) = 0;
  virtual void quotation(const Hit& hit) = 0;  // `show`: one quotation with its paragraph
};

// "text" | "json" | "jsonl"; throws whosaid::Error (exit 2) for any other. `highlight`: mark
// query matches with ANSI bold in text output (for a terminal). `index`: when it allows a partial
// answer, JSON documents carry its missing_shards.
std::unique_ptr<Printer> make_printer(const std::string& format, std::ostream& out, bool highlight,
                                      const QuoteIndex* index = nullptr);

std::unique_ptr<Printer> make_text_printer(std::ostream& out, bool highlight);
std::unique_ptr<Printer> make_json_printer(std::ostream& out, bool lines, const QuoteIndex* index = nullptr);

}  // namespace whosaid
