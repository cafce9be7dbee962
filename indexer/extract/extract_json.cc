#include "extract_json.h"

#include <cmath>

#include <fmt/format.h>

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

namespace {

// JSON string escaping for valid UTF-8 (readers repair invalid input before extraction).
void append_string(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static const char* hex = "0123456789abcdef";
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void append_field(std::string& out, const char* key, std::string_view value) {
  out += ",\"";
  out += key;
  out += "\":";
  append_string(out, value);
}

void append_field(std::string& out, const char* key, std::size_t value) {
  out += ",\"";
  out += key;
  out += "\":";
  out += std::to_string(value);
}

}  // namespace

// Written by hand rather than through nlohmann: this line is printed once per quotation of every
// article extracted, and the DOM round trip cost a tenth of the extraction time. The fields and
// their order are add_quote_fields' (tests/test_extract_json.cpp checks that both agree).
std::string quote_to_json_line(const Quote& q) {
  std::string out;
  out.reserve(256 + q.text.size() + q.quote_id.size() * 2);
  out += "{\"doc_id\":";
  append_string(out, q.doc_id);
  append_field(out, "quote_id", q.quote_id);
  append_field(out, "text", q.text);
  append_field(out, "byte_start", q.byte_start);
  append_field(out, "byte_end", q.byte_end);
  append_field(out, "speaker", q.speaker);
  append_field(out, "speaker_kind", to_string(q.speaker_kind));
  append_field(out, "speaker_mention", q.speaker_mention);
  append_field(out, "role", q.role);
  append_field(out, "affiliation", q.affiliation);
  out += ",\"former\":";
  out += q.former ? "true" : "false";
  append_field(out, "cue", q.cue);
  append_field(out, "kind", to_string(q.kind));
  out += ",\"group\":";
  out += std::to_string(q.group);
  out += ",\"confidence\":";
  out += fmt::format("{}", std::round(q.confidence * 100) / 100);
  out += ",\"alterations\":[";
  for (std::size_t i = 0; i < q.alterations.size(); ++i) {
    const auto& a = q.alterations[i];
    out += i ? ",{\"kind\":" : "{\"kind\":";
    append_string(out, to_string(a.kind));
    append_field(out, "byte_start", a.byte_start);
    append_field(out, "byte_end", a.byte_end);
    append_field(out, "text", a.text);
    out += '}';
  }
  out += "]}";
  return out;
}

std::string candidates_to_json_line(const Quote& q, const QuoteCandidates& c) {
  nlohmann::ordered_json o;
  o["doc_id"] = q.doc_id;
  o["quote_id"] = q.quote_id;
  o["byte_start"] = q.byte_start;
  o["byte_end"] = q.byte_end;
  o["chosen"] = c.chosen;
  auto list = nlohmann::ordered_json::array();
  for (const auto& r : c.candidates) {
    nlohmann::ordered_json x;
    x["speaker"] = r.speaker;
    x["kind"] = r.kind;
    x["how"] = r.how;
    x["mention"] = r.mention_text;
    x["mention_id"] = r.mention;
    x["p"] = std::round(r.probability * 10000) / 10000;
    x["features"] = r.features;
    x["ante"] = r.ante;
    list.push_back(std::move(x));
  }
  o["candidates"] = std::move(list);
  return o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace whosaid
