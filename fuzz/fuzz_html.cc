// Fuzz target: the HTML reader (libxml2 parser, JSON-LD, meta tags, charsets) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "html_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace whosaid;
  std::string_view html(reinterpret_cast<const char*>(data), size);
  // The first byte picks a fallback charset, as a WARC record's HTTP header would give one.
  static const char* const charsets[] = {"", "utf-8", "iso-8859-1", "windows-1252", "shift_jis", "utf-16", "bogus"};
  HtmlFallback fb;
  if (!html.empty()) {
    fb.charset = charsets[static_cast<unsigned char>(html[0]) % std::size(charsets)];
    fb.url = "https://fuzz.example/page";
    fb.date = "2024-01-02";
  }
  Article a = read_html_article(html, "fuzz-default", "fuzz.html", fb);
  FUZZ_CHECK(!a.id.empty());
  for (const auto* s : {&a.id, &a.title, &a.outlet, &a.date, &a.url, &a.language, &a.text})
    FUZZ_CHECK(fuzz::valid_utf8(*s));
  for (const auto& s : a.authors) FUZZ_CHECK(fuzz::valid_utf8(s));
  (void)declared_charset(html);
  return 0;
}
