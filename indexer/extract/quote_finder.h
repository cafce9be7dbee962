// QuoteFinder: finds the top-level spans enclosed in quotation marks. It knows nothing about
// speakers; it only decides which marks open and close which spans.
//
// How: each mark is classified open / close / either from the characters beside it (a mark
// between two letters is an apostrophe, "'90s" is elision, ...). Double and single families are
// paired in two passes, each with a stack, so a stray apostrophe can never hide a double-quoted
// quotation. Nested pairs stay inside their parent; when an outer mark never closes, the pairs
// inside it are promoted instead of being lost. At a line end an open quotation continues only
// when the next paragraph opens with a mark of the same family (news style), or, across a single
// line break, when a closing mark comes before any opening one; otherwise its opener is dropped,
// so an unbalanced mark never swallows the rest of the article. Linear in the input.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace whosaid {

struct QuoteSpan {
  std::size_t open_start = 0;   // byte offset of the opening mark
  std::size_t text_start = 0;   // first byte after the opening mark
  std::size_t text_end = 0;     // first byte of the closing mark
  std::size_t close_end = 0;    // first byte after the closing mark
  bool single = false;          // single-family marks (' ‘ ’ ‚ ‹ ›)
  bool multi_paragraph = false;
  std::size_t continuation_marks = 0;  // opening marks repeated at paragraph starts
};

std::vector<QuoteSpan> find_quote_spans(std::string_view text);

}  // namespace whosaid
