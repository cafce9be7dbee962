// The JSON form of search results (docs/json-output.md). Shared by every verb and printer that
// emits JSON (search, speakers, show, and later verify, cite, serve), so a hit looks the same
// everywhere. Bump kFormatVersion when a field changes meaning or goes away; adding is free.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "quote_index.h"
#include "search.h"
#include "speakers.h"

namespace whosaid {

inline constexpr int kFormatVersion = 2;

using Json = nlohmann::ordered_json;

Json article_to_json(const Article& a);
// A hit: quote_id, text, speaker..., article, score, snippet, duplicates.
Json hit_to_json(const Hit& hit);
// A hit with the paragraph it stands in (`show`).
Json hit_with_context_to_json(const Hit& hit);
Json facets_to_json(const std::vector<FacetCount>& counts);
Json search_to_json(const SearchResult& r);
Json speaker_to_json(const SpeakerSummary& s);
Json speakers_to_json(const std::string& query, const std::vector<SpeakerSummary>& list);
// [{"shard": "tcp:HOST:PORT", "error": "..."}]: shards left out of a partial answer.
Json missing_shards_to_json(const std::vector<MissingShard>& missing);

// One line of JSON, invalid UTF-8 replaced.
std::string dump(const Json& j);

}  // namespace whosaid
