#include "extract_json.h"

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

std::string quote_to_json_line(const Quote& q) {
  nlohmann::ordered_json o;
  o["doc_id"] = q.doc_id;
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
  for (const auto& a : q.alterations) {
    nlohmann::ordered_json x;
    x["kind"] = to_string(a.kind);
    x["byte_start"] = a.byte_start;
    x["byte_end"] = a.byte_end;
    x["text"] = a.text;
    alts.push_back(std::move(x));
  }
  o["alterations"] = std::move(alts);
  return o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace whosaid
