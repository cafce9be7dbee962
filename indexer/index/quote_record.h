// What the index stores for one quotation (the Xapian document data): enough to print, cite or
// verify it without the article text or re-extraction. Written by IndexWriter, read by search/.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "article.h"
#include "quote.h"

namespace whosaid {

struct QuoteRecord {
  Quote quote;
  Article article;               // metadata only: text is empty
  std::string paragraph;         // the paragraph the quote stands in
  std::size_t paragraph_start = 0;  // its byte offset in the article text

  // Where the quote's text lies inside `paragraph` (npos when it does not).
  std::size_t quote_offset_in_paragraph() const;
};

// The paragraph around `q`: the extractor's paragraph_start/end when set, else the line.
std::pair<std::size_t, std::size_t> paragraph_span(const Article& a, const Quote& q);

QuoteRecord make_record(const Article& a, const Quote& q);

// Stored format, versioned by its "v" field; only this file reads or writes it.
std::string record_to_json(const QuoteRecord& r);
// Throws whosaid::Error(exit_internal) on data that is not a record.
QuoteRecord record_from_json(std::string_view data);

}  // namespace whosaid
