// The extraction pipeline for one article: find quotation marks, decide which spans are
// quotations, attribute each to a speaker. Pure function of the article; never touches the index.
#pragma once
#include <vector>

#include "article.h"
#include "quote.h"

namespace whosaid {

std::vector<Quote> extract_quotes(const Article& article);

}  // namespace whosaid
