// Builds the Xapian document of one quotation, as schema.h describes it.
#pragma once
#include <string>
#include <vector>

#include <xapian.h>

#include "article.h"
#include "quote.h"

namespace whosaid {

// `tg` carries schema::stemmer(); its document is replaced. Does not touch any database.
Xapian::Document quote_document(const Article& a, const Quote& q, Xapian::TermGenerator& tg);

// The words spelling correction learns from a quotation, each once: the unstemmed words of the
// quote, its speaker, role and organisations (not the title or the context). Recomputable from
// the stored record, so deleting a document takes back exactly what adding it gave.
std::vector<std::string> spelling_words(const Quote& q);

}  // namespace whosaid
