#include "quote_record.h"

#include "extract_json.h"

#include <nlohmann/json.hpp>

#include "error.h"

namespace whosaid {

namespace {

constexpr int kRecordVersion = 1;

SpeakerKind speaker_kind_from(const std::string& s) {
  if (s == "person") return SpeakerKind::person;
  if (s == "organisation") return SpeakerKind::organisation;
  if (s == "anonymous") return SpeakerKind::anonymous;
  return SpeakerKind::unknown;
}

}  // namespace

std::size_t QuoteRecord::quote_offset_in_paragraph() const {
  if (quote.byte_start < paragraph_start || quote.byte_end > paragraph_start + paragraph.size())
    return std::string::npos;
  return quote.byte_start - paragraph_start;
}

std::pair<std::size_t, std::size_t> paragraph_span(const Article& a, const Quote& q) {
  const std::string& t = a.text;
  if (q.paragraph_end > q.paragraph_start && q.paragraph_end <= t.size()) return {q.paragraph_start, q.paragraph_end};
  std::size_t at = std::min(q.byte_start, t.size());
  std::size_t start = t.rfind('\n', at == 0 ? 0 : at - 1);
  start = (start == std::string::npos || at == 0) ? 0 : start + 1;
  std::size_t end = t.find('\n', std::max(at, q.byte_end));
  if (end == std::string::npos) end = t.size();
  return {start, end};
}

QuoteRecord make_record(const Article& a, const Quote& q) {
  QuoteRecord r;
  r.quote = q;
  // Everything but the text, which is the biggest part and not kept.
  r.article.id = a.id;
  r.article.title = a.title;
  r.article.outlet = a.outlet;
  r.article.date = a.date;
  r.article.url = a.url;
  r.article.authors = a.authors;
  r.article.language = a.language;
  r.article.source = a.source;
  auto [start, end] = paragraph_span(a, q);
  r.paragraph = a.text.substr(start, end - start);
  r.paragraph_start = start;
  return r;
}

std::string record_to_json(const QuoteRecord& r) {
  const Quote& q = r.quote;
  nlohmann::ordered_json o;
  o["v"] = kRecordVersion;
  add_quote_fields(o, q);
  const Article& a = r.article;
  o["article"] = {{"id", a.id},         {"title", a.title},       {"outlet", a.outlet},
                  {"date", a.date},     {"url", a.url},           {"authors", a.authors},
                  {"language", a.language}};
  o["paragraph"] = r.paragraph;
  o["paragraph_start"] = r.paragraph_start;
  return o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

QuoteRecord record_from_json(std::string_view data) {
  QuoteRecord r;
  try {
    auto o = nlohmann::json::parse(data);
    if (o.value("v", 0) != kRecordVersion) throw Error("index document of an unknown record version", exit_internal);
    Quote& q = r.quote;
    q.quote_id = o.at("quote_id").get<std::string>();
    q.text = o.at("text").get<std::string>();
    q.byte_start = o.value("byte_start", std::size_t{0});
    q.byte_end = o.value("byte_end", std::size_t{0});
    q.speaker = o.value("speaker", "");
    q.speaker_kind = speaker_kind_from(o.value("speaker_kind", ""));
    q.speaker_mention = o.value("speaker_mention", "");
    q.role = o.value("role", "");
    q.affiliation = o.value("affiliation", "");
    q.former = o.value("former", false);
    q.cue = o.value("cue", "");
    q.kind = o.value("kind", "") == "partial" ? QuoteKind::partial : QuoteKind::full;
    q.group = o.value("group", 0);
    q.confidence = o.value("confidence", 0.0);
    for (const auto& x : o.value("alterations", nlohmann::json::array())) {
      Alteration alt;
      alt.kind = x.value("kind", "") == "insertion" ? Alteration::Kind::insertion : Alteration::Kind::elision;
      alt.byte_start = x.value("byte_start", std::size_t{0});
      alt.byte_end = x.value("byte_end", std::size_t{0});
      alt.text = x.value("text", "");
      q.alterations.push_back(std::move(alt));
    }
    const auto& a = o.at("article");
    r.article.id = a.value("id", "");
    r.article.title = a.value("title", "");
    r.article.outlet = a.value("outlet", "");
    r.article.date = a.value("date", "");
    r.article.url = a.value("url", "");
    r.article.authors = a.value("authors", std::vector<std::string>{});
    r.article.language = a.value("language", "");
    q.doc_id = r.article.id;
    r.paragraph = o.value("paragraph", "");
    r.paragraph_start = o.value("paragraph_start", std::size_t{0});
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string("index document is not a quotation record: ") + e.what(), exit_internal);
  }
  return r;
}

}  // namespace whosaid
