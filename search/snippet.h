// The snippet of a hit: the quote, HTML-escaped (& < >), with the words the query matched in
// <b>...</b> and the words of a matched phrase in one <b>...</b>. Xapian's own MSet::snippet
// cannot do this for this schema: it compares a phrase's terms with the words as written, and
// the query's phrases are of stems (schema.h, "Normalisation").
#pragma once
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <xapian.h>

namespace whosaid {

class Highlighter {
 public:
  // The terms and phrases of `query` that can match words of a quote (prefixed field terms
  // cannot; a NOT's terms are not looked for).
  explicit Highlighter(const Xapian::Query& query);

  std::string operator()(std::string_view text) const;

 private:
  void collect(const Xapian::Query& q);

  std::unordered_set<std::string> terms_;          // exact forms and Z stems
  std::vector<std::vector<std::string>> phrases_;  // their terms in order
  mutable Xapian::Stem stem_;
};

}  // namespace whosaid
