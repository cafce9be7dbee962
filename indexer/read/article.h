// An article as every reader produces it and every later stage consumes it.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace whosaid {

struct Article {
  std::string id;        // stable id; from the input, else derived from url or a hash of text
  std::string title;
  std::string outlet;
  std::string date;      // ISO 8601 as given (YYYY-MM-DD...), may be empty
  std::string url;
  std::vector<std::string> authors;
  std::string language;
  std::string text;      // valid UTF-8 (readers repair invalid bytes with U+FFFD)
  std::string source;    // where it came from, "path:line", for error messages
  std::size_t input_bytes = 0;  // input consumed to read it (its line, file or record): progress
};

}  // namespace whosaid
