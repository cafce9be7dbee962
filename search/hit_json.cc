#include "hit_json.h"

#include <cmath>

namespace whosaid {

Json article_to_json(const Article& a) {
  return Json{{"id", a.id}, {"title", a.title}, {"outlet", a.outlet}, {"date", a.date}, {"url", a.url}};
}

Json hit_to_json(const Hit& hit) {
  const Quote& q = hit.record.quote;
  Json j;
  j["quote_id"] = q.quote_id;
  j["text"] = q.text;
  j["speaker"] = q.speaker;
  j["speaker_kind"] = to_string(q.speaker_kind);
  j["role"] = q.role;
  j["affiliation"] = q.affiliation;
  j["former"] = q.former;
  j["kind"] = to_string(q.kind);
  j["cue"] = q.cue;
  j["article"] = article_to_json(hit.record.article);
  j["score"] = std::round(hit.score * 1000) / 1000;
  j["snippet"] = hit.snippet;
  j["duplicates"] = hit.duplicates;
  return j;
}

Json hit_with_context_to_json(const Hit& hit) {
  Json j = hit_to_json(hit);
  const QuoteRecord& r = hit.record;
  Json context{{"paragraph", r.paragraph}};
  if (std::size_t at = r.quote_offset_in_paragraph(); at != std::string::npos) {
    context["quote_start"] = at;  // byte offsets of the quote's text in the paragraph
    context["quote_end"] = at + (r.quote.byte_end - r.quote.byte_start);
  }
  j["context"] = std::move(context);
  return j;
}

Json facets_to_json(const std::vector<FacetCount>& counts) {
  Json out = Json::array();
  for (const auto& f : counts) out.push_back({{"value", f.value}, {"count", f.count}});
  return out;
}

Json search_to_json(const SearchResult& r) {
  Json j;
  j["format_version"] = kFormatVersion;
  j["query"] = r.query;
  j["suggestion"] = r.suggestion;
  j["corrected"] = r.corrected;
  j["total"] = r.total;
  j["total_exact"] = r.total_exact;
  j["exact"] = r.exact;
  Json hits = Json::array();
  for (const auto& h : r.hits) hits.push_back(hit_to_json(h));
  j["hits"] = std::move(hits);
  if (r.facets) j["facets"] = {{"speakers", facets_to_json(r.speakers)}, {"orgs", facets_to_json(r.orgs)}};
  if (r.missing_shards) j["missing_shards"] = missing_shards_to_json(*r.missing_shards);
  return j;
}

Json speaker_to_json(const SpeakerSummary& s) {
  return Json{{"speaker", s.name},
              {"quotations", s.quotations},
              {"roles", facets_to_json(s.roles)},
              {"orgs", facets_to_json(s.orgs)}};
}

Json speakers_to_json(const std::string& query, const std::vector<SpeakerSummary>& list) {
  Json arr = Json::array();
  for (const auto& s : list) arr.push_back(speaker_to_json(s));
  return Json{{"format_version", kFormatVersion}, {"query", query}, {"speakers", std::move(arr)}};
}

Json missing_shards_to_json(const std::vector<MissingShard>& missing) {
  Json out = Json::array();
  for (const auto& m : missing) out.push_back({{"shard", m.shard}, {"error", m.error}});
  return out;
}

std::string dump(const Json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace whosaid
