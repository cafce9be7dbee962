// `whosaid search`: a query in CONTRACT.md syntax -> ranked, collapsed, faceted quotations.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "quote_index.h"

namespace whosaid {

enum class SortOrder { relevance, newest, oldest };

// "relevance" | "date" (newest first) | "newest" | "oldest"; throws whosaid::Error otherwise.
SortOrder parse_sort_order(const std::string& name);

struct SearchRequest {
  std::string query;            // empty: every quotation
  std::size_t offset = 0;
  std::size_t limit = 10;
  SortOrder sort = SortOrder::relevance;
  bool collapse_duplicates = true;  // identical quotations: show the earliest, count the others
  bool facets = true;               // count speakers and organisations (only where they are shown)
  std::size_t facet_limit = 10;     // top speakers and organisations to report
  bool spelling = true;             // when the query finds nothing: suggest a correction and answer it
  double time_limit_seconds = 0;    // > 0: the matcher stops looking for better hits after this (serve)
};

struct FacetCount {
  std::string value;
  std::size_t count = 0;
};

struct SearchResult {
  std::string query;         // as asked
  std::string suggestion;    // "did you mean" (the whole corrected query) when `query` found nothing
  bool corrected = false;    // the hits are for `suggestion`: `query` found nothing
  std::size_t total = 0;     // matching quotations (Xapian's estimate when not exact)
  bool total_exact = true;
  // The total and the facet counts are all exact: the match saw every matching quotation. Else
  // the total is Xapian's estimate and each facet count the count among the matches seen scaled
  // up to the estimated matches (docs/json-output.md).
  bool exact = true;
  std::vector<Hit> hits;
  bool facets = false;               // counted (SearchRequest::facets); else the lists are empty
  std::vector<FacetCount> speakers;  // top speakers among the matches
  std::vector<FacetCount> orgs;      // top organisations among the matches
  // With --allow-partial: the shards that did not answer (empty: none).
  std::optional<std::vector<MissingShard>> missing_shards;
};

// The n most frequent non-empty values a spy saw ("" means unknown speaker or no organisation).
std::vector<FacetCount> top_values(const Xapian::ValueCountMatchSpy& spy, std::size_t n);

// Throws whosaid::Error (exit 2) for a query that does not parse.
SearchResult search(const QuoteIndex& index, const SearchRequest& request);

// The parsed query, for verbs that run their own match (speakers). Empty text matches all.
Xapian::Query parse_query(const QuoteIndex& index, const std::string& text, std::string* suggestion = nullptr);

}  // namespace whosaid
