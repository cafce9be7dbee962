// `whosaid speakers [QUERY]`: who is quoted (about QUERY), how often, as what and for whom.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "quote_index.h"
#include "search.h"

namespace whosaid {

struct SpeakerSummary {
  std::string name;
  std::size_t quotations = 0;
  std::vector<FacetCount> roles;  // most frequent first
  std::vector<FacetCount> orgs;
};

struct SpeakersRequest {
  std::string query;        // empty: every quotation
  std::size_t limit = 50;   // speakers to list, most quoted first
};

std::vector<SpeakerSummary> list_speakers(const QuoteIndex& index, const SpeakersRequest& request);

}  // namespace whosaid
