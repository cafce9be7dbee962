#include "extract_json.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace whosaid {

const char* to_string(SpeakerKind k) {
  switch (k) {
    case SpeakerKind::person: return "person";
    case SpeakerKind::organisation: return "organisation";
    case SpeakerKind::anonymous: return "anonymous";
    case SpeakerKind::unknown: break;
  }
  return "unknown";
}

const char* to_string(QuoteKind k) { return k == QuoteKind::partial ? "partial" : "full"; }

const char* to_string(Alteration::Kind k) { return k == Alteration::Kind::insertion ? "insertion" : "elision"; }

void add_quote_fields(nlohmann::ordered_json& o, const Quote& q) {
  o["quote_id"] = q.quote_id;
  o["text"] = q.text;
  o["byte_start"] = q.byte_start;
  o["byte_end"] = q.byte_end;
  o["speaker"] = q.speaker;
  o["speaker_kind"] = to_string(q.speaker_kind);
  o["speaker_mention"] = q.speaker_mention;
  o["role"] = q.role;
  o["affiliation"] = q.affiliation;
  o["former"] = q.former;
  o["cue"] = q.cue;
  o["kind"] = to_string(q.kind);
  o["group"] = q.group;
  o["confidence"] = std::round(q.confidence * 100) / 100;
  auto alts = nlohmann::ordered_json::array();
  for (const auto& x : q.alterations)
    alts.push_back({{"kind", to_string(x.kind)}, {"byte_start", x.byte_start}, {"byte_end", x.byte_end}, {"text", x.text}});
  o["alterations"] = std::move(alts);
}

std::string quote_to_json_line(const Quote& q) {
  nlohmann::ordered_json o;
  o["doc_id"] = q.doc_id;
  add_quote_fields(o, q);
  return o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace whosaid
