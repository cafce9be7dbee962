// Helpers for the extraction unit tests: run the whole pipeline on a string.
#pragma once
#include <string>
#include <vector>

#include "extract.h"

namespace whosaid::test {

inline std::vector<Quote> quotes_of(const std::string& text) {
  Article a;
  a.id = "t";
  a.text = text;
  return extract_quotes(a);
}

inline std::vector<std::string> texts_of(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& q : quotes_of(text)) out.push_back(q.text);
  return out;
}

}  // namespace whosaid::test
