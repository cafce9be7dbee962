// The extraction line is written by hand for speed; it must say exactly what add_quote_fields says.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "extract_json.h"

using namespace whosaid;

TEST_CASE("quote_to_json_line agrees with add_quote_fields, escapes included") {
  Quote q;
  q.doc_id = "doc \"1\"";
  q.quote_id = "doc \"1\"#2";
  q.text = "Line one\nline \\two\\ \t“curly” é \x01 end";
  q.byte_start = 10;
  q.byte_end = 52;
  q.speaker = "Zoë O'Brien";
  q.speaker_kind = SpeakerKind::person;
  q.speaker_mention = "she";
  q.role = "director";
  q.affiliation = "Médecins Sans Frontières";
  q.former = true;
  q.cue = "said";
  q.kind = QuoteKind::partial;
  q.group = 3;
  q.confidence = 0.8765;
  q.alterations.push_back({Alteration::Kind::insertion, 12, 18, "[with]"});
  q.alterations.push_back({Alteration::Kind::elision, 20, 23, "…"});

  nlohmann::json line = nlohmann::json::parse(quote_to_json_line(q));
  nlohmann::ordered_json fields;
  fields["doc_id"] = q.doc_id;
  add_quote_fields(fields, q);
  CHECK(line == nlohmann::json::parse(fields.dump()));
  CHECK(line["text"] == q.text);
  CHECK(line["alterations"][1]["text"] == "…");
  CHECK(line["confidence"] == doctest::Approx(0.88));

  std::vector<std::string> keys;
  const nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(quote_to_json_line(q));
  for (auto it = ordered.begin(); it != ordered.end() && keys.size() < 3; ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"doc_id", "quote_id", "text"});
}
