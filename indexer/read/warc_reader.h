// WarcReader: every HTML response record of a WARC or WARC.gz file -> Article, through HtmlReader,
// with the record's target URI and date as fallbacks. Records are read one at a time, so memory
// stays bounded by the largest record, not the file.
#pragma once
#include <string>

#include "reader.h"

namespace whosaid {

// Reads `path` (plain or gzip-compressed, sniffed from its first bytes).
void read_warc(const std::string& path, const ArticleHandler& on_article, const ProblemHandler& on_problem);

}  // namespace whosaid
