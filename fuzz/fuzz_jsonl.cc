// Fuzz target: the JSONL reader on arbitrary bytes. Every line is an article or a problem naming
// its line; every article is valid UTF-8 with an id; no line yields two results.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_check.h"
#include "reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace whosaid;
  std::string input(reinterpret_cast<const char*>(data), size);
  std::istringstream in(input);
  std::size_t lines = 0;
  for (char c : input) lines += c == '\n';
  lines += !input.empty() && input.back() != '\n';
  std::size_t results = 0;
  read_jsonl(
      in, "fuzz.jsonl",
      [&](Article&& a) {
        ++results;
        FUZZ_CHECK(!a.id.empty());
        FUZZ_CHECK(a.source.rfind("fuzz.jsonl:", 0) == 0);
        for (const auto* s : {&a.id, &a.title, &a.outlet, &a.date, &a.url, &a.language, &a.text})
          FUZZ_CHECK(fuzz::valid_utf8(*s));
        for (const auto& s : a.authors) FUZZ_CHECK(fuzz::valid_utf8(s));
      },
      [&](const ReadProblem& p) {
        ++results;
        FUZZ_CHECK(p.where.rfind("fuzz.jsonl:", 0) == 0);
        FUZZ_CHECK(!p.reason.empty());
      });
  FUZZ_CHECK(results <= lines);
  return 0;
}
