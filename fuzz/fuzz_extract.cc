// Fuzz target: the whole extraction pipeline (quotation marks, tokens, speakers, classification)
// on arbitrary bytes, repaired to UTF-8 as every reader does. Checks the output contract: offsets
// slice the text exactly, marks around the text, alterations inside the quotation, ids in order,
// and the --extract JSON line parses.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "extract.h"
#include "extract_json.h"
#include "fuzz_check.h"
#include "utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace whosaid;
  Article a;
  a.id = "fuzz";
  a.text.assign(reinterpret_cast<const char*>(data), size);
  utf8::repair(a.text);
  const std::vector<Quote> quotes = extract_quotes(a);
  const std::string& t = a.text;
  std::size_t ordinal = 0, previous_start = 0;
  for (const Quote& q : quotes) {
    ++ordinal;
    FUZZ_CHECK(q.doc_id == a.id);
    FUZZ_CHECK(q.quote_id == a.id + "#" + std::to_string(ordinal));
    FUZZ_CHECK(q.byte_start <= q.byte_end && q.byte_end <= t.size());
    FUZZ_CHECK(q.text == t.substr(q.byte_start, q.byte_end - q.byte_start));
    FUZZ_CHECK(q.mark_start <= q.byte_start && q.byte_end <= q.mark_end && q.mark_end <= t.size());
    FUZZ_CHECK(q.paragraph_start <= q.mark_start && q.paragraph_end <= t.size());
    FUZZ_CHECK(q.byte_start >= previous_start);  // text order
    previous_start = q.byte_start;
    FUZZ_CHECK(q.group >= 1);
    FUZZ_CHECK(q.confidence >= 0.0 && q.confidence <= 1.0);
    for (const auto* s : {&q.text, &q.speaker, &q.speaker_mention, &q.role, &q.affiliation, &q.cue})
      FUZZ_CHECK(fuzz::valid_utf8(*s));
    for (const Alteration& alt : q.alterations) {
      FUZZ_CHECK(q.byte_start <= alt.byte_start && alt.byte_start < alt.byte_end && alt.byte_end <= q.byte_end);
      FUZZ_CHECK(alt.text == t.substr(alt.byte_start, alt.byte_end - alt.byte_start));
    }
  }
  // The --extract line is written by hand: it must be JSON that reads back the same text. One
  // line per input (parsing them all would halve the executions per second).
  if (!quotes.empty()) {
    const Quote& q = quotes[size % quotes.size()];
    const auto json = nlohmann::json::parse(quote_to_json_line(q), nullptr, /*allow_exceptions=*/false);
    FUZZ_CHECK(json.is_object() && json.value("text", std::string{}) == q.text &&
               json.value("speaker", std::string{}) == q.speaker && json.value("byte_start", 0u) == q.byte_start);
  }
  return 0;
}
