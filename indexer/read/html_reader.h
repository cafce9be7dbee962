// HtmlReader: a saved news page -> Article. Body text from the article's paragraphs (navigation,
// captions, related-article boxes, cookie banners and comments left out); title, date, authors,
// outlet and canonical url from schema.org JSON-LD, OpenGraph and article: meta tags, <time>.
// Parsed with libxml2's HTML parser; other character sets converted to UTF-8 with ICU.
#pragma once
#include <string>
#include <string_view>

#include "article.h"

namespace whosaid {

// Fallbacks (from a WARC record, say) fill what the page itself does not say.
struct HtmlFallback {
  std::string url;
  std::string date;
  std::string charset;  // from an HTTP Content-Type header
};

Article read_html_article(std::string_view html, const std::string& default_id, const std::string& source,
                          const HtmlFallback& fallback = {});

// The charset a page declares (<meta charset>, http-equiv, XML declaration), lower-case, or "".
std::string declared_charset(std::string_view html);

}  // namespace whosaid
