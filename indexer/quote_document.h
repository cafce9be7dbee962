// Builds the Xapian document of one quotation, as schema.h describes it.
#pragma once
#include <xapian.h>

#include "article.h"
#include "quote.h"

namespace whosaid {

// `tg` carries the stemmer; its document is replaced. Does not touch any database.
Xapian::Document quote_document(const Article& a, const Quote& q, Xapian::TermGenerator& tg);

// Unprefixed, unstemmed terms: the words spelling correction learns from a document.
bool is_spelling_term(const std::string& term);

}  // namespace whosaid
