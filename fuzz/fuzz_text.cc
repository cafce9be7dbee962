// Fuzz target: plain text / Markdown with front matter. The article is valid UTF-8, has an id,
// and its text is a tail of the input (front matter only ever removed from the start).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace whosaid;
  std::string input(reinterpret_cast<const char*>(data), size);
  Article a = read_text_article(input, "fuzz-default", "fuzz.md");
  FUZZ_CHECK(!a.id.empty());
  for (const auto* s : {&a.id, &a.title, &a.outlet, &a.date, &a.url, &a.language, &a.text})
    FUZZ_CHECK(fuzz::valid_utf8(*s));
  for (const auto& s : a.authors) FUZZ_CHECK(fuzz::valid_utf8(s));
  if (fuzz::valid_utf8(input)) {
    FUZZ_CHECK(a.text.size() <= input.size());
    FUZZ_CHECK(input.compare(input.size() - a.text.size(), a.text.size(), a.text) == 0);
  }
  return 0;
}
