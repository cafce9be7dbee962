#include "search.h"

#include <algorithm>
#include <iterator>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "date_order.h"
#include "error.h"
#include "schema.h"
#include "snippet.h"
#include "xapian_error.h"

namespace whosaid {

namespace {

// The most matches the facet spy reads locally: a match sorted by date examines every match, and
// reading the facets value of each of 100,000 scattered matches costs an index block each.
// Over remote shards, the matches every shard examines at least, so that fewer matches in all are
// counted exactly there without a second round of messages.
constexpr Xapian::doccount kFacetSample = 1000;


constexpr unsigned kParseFlags =
    Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_AUTO_SYNONYMS | Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;

// Words too common to require in every hit ("what Evenson said about the court").
const Xapian::Stopper* stopper() {
  static const Xapian::SimpleStopper* s = [] {
    auto* st = new Xapian::SimpleStopper;  // lives as long as the program: parsers keep a pointer
    for (const char* w : {"a", "about", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it",
                          "of", "on", "or", "that", "the", "this", "to", "was", "what", "with"})
      st->add(w);
    return st;
  }();
  return s;
}

Xapian::Query parse(const Xapian::Database& db, const std::string& text, std::string* suggestion) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return Xapian::Query::MatchAll;
  Xapian::QueryParser qp;
  schema::configure_query_parser(qp, db);
  qp.set_stopper(stopper());
  // Spelling correction looks up letter trigrams for every word: only when asked for.
  unsigned flags = kParseFlags | (suggestion ? Xapian::QueryParser::FLAG_SPELLING_CORRECTION : 0);
  Xapian::Query q = schema::parse_query(qp, text, flags);
  if (suggestion) *suggestion = qp.get_corrected_query_string();
  return q;
}

// Ties in relevance (equal weights are common: short quotes, boolean filters) go by the stable
// order value, not by docid: docids interleave across shards, and one index and its shards must
// answer in the same order.
Xapian::MSet run_by_relevance(Xapian::Enquire& enquire, const SearchRequest& req, bool remote,
                              Xapian::doccount check_at_least) {
  enquire.set_sort_by_relevance_then_value(schema::Value::order, false);
  if (req.collapse_duplicates) enquire.set_collapse_key(schema::Value::collapse);
  else if (remote) enquire.set_collapse_key(schema::Value::order);  // see DateOrderRequest::unique_collapse
  if (req.time_limit_seconds > 0) enquire.set_time_limit(req.time_limit_seconds);
  return enquire.get_mset(req.offset, req.limit, check_at_least);
}

// For each hit with copies (quotations with the same words) that match the query: the earliest
// copy, and how many others there are. Xapian's collapse keeps the best-ranked copy; the earliest
// is the one to cite. One match for all the hits: the copies of every hit, sorted by date and
// collapsed on their words, so the first of each group is its earliest and the group's
// collapse count the others.
void resolve_duplicates(const QuoteIndex& index, const Xapian::Query& query, std::vector<Hit>& hits,
                        const std::vector<std::string>& collapse_keys) {
  const Xapian::Database& db = index.database();
  std::vector<Xapian::Query> copies;
  for (const auto& key : collapse_keys) {
    std::string dup = schema::exact_term(schema::prefix::duplicate, key);
    // Cheap on local databases (most quotations are unique, and the match is skipped); over
    // remote shards each look-up is a round trip to every shard, one after the other (10 hits,
    // 3 shards: 30), where one match of all the hits' texts costs one round of messages.
    if (index.has_remote() || db.get_termfreq(dup) >= 2) copies.emplace_back(dup);
  }
  if (copies.empty()) return;
  DateOrderRequest req;
  req.query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(Xapian::Query::OP_OR, copies.begin(), copies.end()));
  req.weights = false;
  req.collapse = true;
  req.count = static_cast<Xapian::doccount>(copies.size());
  req.check_at_least = db.get_doccount();
  // Copies counted by a spy over every match: a collapse count is exact on one database, but
  // Xapian 1.4 loses some of it merging the counts of copies held by different remote shards.
  Xapian::ValueCountMatchSpy copies_of(schema::Value::collapse);
  req.spies = {&copies_of};
  DateOrderedMatches earliest = match_in_date_order(db, index.has_remote(), req);
  std::unordered_map<std::string, std::size_t> count;
  for (auto it = copies_of.values_begin(); it != copies_of.values_end(); ++it) count[*it] = it.get_termfreq();
  for (const auto& e : earliest.items) {
    for (std::size_t i = 0; i < hits.size(); ++i) {
      if (collapse_keys[i] != e.collapse_key) continue;
      hits[i].duplicates = count[e.collapse_key] > 0 ? count[e.collapse_key] - 1 : 0;
      if (hits[i].record.quote.quote_id.empty() || e.docid != hits[i].docid)
        hits[i].record = record_from_json(e.doc.get_data());
    }
  }
}

// Counts the speakers and organisations of the first `sample` matches the matcher looks at.
// Every count is a value look-up in the index: without a bound, a query sorted by date and
// matching 100,000 quotations reads 100,000 values for two lists of ten names. One value
// (Value::facets) holds all three parts: a look-up of a scattered match reads an index block of
// its own.
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(Xapian::doccount sample) : sample_(sample) {}

  void operator()(const Xapian::Document& doc, double) override {
    if (seen_ >= sample_) return;
    ++seen_;
    ++values_[doc.get_value(schema::Value::facets)];
  }

  // Matches seen (up to the sample).
  Xapian::doccount seen() const { return seen_; }
  const std::unordered_map<std::string, std::size_t>& values() const { return values_; }

 private:
  Xapian::doccount sample_;
  Xapian::doccount seen_ = 0;
  std::unordered_map<std::string, std::size_t> values_;  // Value::facets -> matches
};

// Speakers, organisations and distinct quotation texts, from counts of Value::facets.
class FacetTally {
 public:
  void add(std::string_view facets, std::size_t count) {
    schema::FacetParts parts = schema::split_facet_value(facets);
    speakers_[parts.speaker] += count;
    orgs_[parts.org] += count;
    texts_.insert(std::move(parts.collapse));
  }
  std::size_t texts() const { return texts_.size(); }
  std::vector<FacetCount> speakers(std::size_t n) const { return top(speakers_, n); }
  std::vector<FacetCount> orgs(std::size_t n) const { return top(orgs_, n); }

 private:
  // The n most frequent non-empty values ("" means unknown speaker or no organisation), most
  // frequent first, ties by name.
  static std::vector<FacetCount> top(const std::unordered_map<std::string, std::size_t>& counts, std::size_t n) {
    std::vector<FacetCount> out;
    for (const auto& [value, count] : counts)
      if (!value.empty()) out.push_back({value, count});
    auto order = [](const FacetCount& a, const FacetCount& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    };
    std::size_t k = std::min(n, out.size());
    std::partial_sort(out.begin(), out.begin() + k, out.end(), order);
    out.resize(k);
    return out;
  }

  std::unordered_map<std::string, std::size_t> speakers_, orgs_;
  std::unordered_set<std::string> texts_;
};

Hit make_hit(const Xapian::Document& doc, Xapian::docid docid, double weight) {
  Hit hit;
  hit.docid = docid;
  hit.record = record_from_json(doc.get_data());
  hit.score = weight;
  return hit;
}

// The spies that count the facets (none when they are not wanted). A remote shard runs only
// Xapian's own match spies: there every shard counts what it examines with ValueCountMatchSpy and
// the counts add up.
struct Counters {
  Counters(bool remote_, bool wanted_) : remote(remote_), wanted(wanted_), sampled(kFacetSample) {}

  std::vector<Xapian::MatchSpy*> spies() {
    if (!wanted) return {};
    if (remote) return {&all};
    return {&sampled};
  }
  // Matches counted (a local FacetSpy stops at kFacetSample).
  Xapian::doccount examined() const { return remote ? all.get_total() : sampled.seen(); }
  // What the spies saw, tallied (once the match is done).
  FacetTally tally() const {
    FacetTally t;
    if (remote) {
      for (auto it = all.values_begin(); it != all.values_end(); ++it) t.add(*it, it.get_termfreq());
    } else {
      for (const auto& [value, count] : sampled.values()) t.add(value, count);
    }
    return t;
  }

  bool remote, wanted;
  FacetSpy sampled;
  Xapian::ValueCountMatchSpy all{schema::Value::facets};
};

// A count among `examined` matches scaled up to `estimated` matches (at most `upper`, never less
// than what was counted).
std::size_t scale(std::size_t count, double factor, Xapian::doccount upper) {
  auto scaled = static_cast<std::size_t>(static_cast<double>(count) * factor + 0.5);
  return std::max(count, std::min<std::size_t>(scaled, upper));
}

SearchResult search_once(const QuoteIndex& index, const Xapian::Query& query, const SearchRequest& req) {
  const Xapian::Database& db = index.database();
  const bool remote = index.has_remote();
  // The match for the hits stops looking once no other match can enter them: totals and facets
  // are exact when it saw every match, and estimates otherwise (the decision of issue 14: a
  // second match to count them exactly doubled the time of a search). Over remote shards, with
  // facets, each shard examines kFacetSample of its matches: fewer in all are then counted exactly
  // in the one round of messages.
  Counters seen(remote, req.facets);
  const Xapian::doccount check_at_least = remote && req.facets ? kFacetSample : 0;

  SearchResult r;
  Xapian::MSet mset;
  std::vector<std::string> collapse_keys;  // the match read them already: no second look
  if (req.sort == SortOrder::relevance) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    for (auto* spy : seen.spies()) enquire.add_matchspy(spy);
    mset = run_by_relevance(enquire, req, remote, check_at_least);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      r.hits.push_back(make_hit(it.get_document(), *it, it.get_weight()));
      collapse_keys.push_back(req.collapse_duplicates ? it.get_collapse_key() : std::string());
    }
  } else {
    DateOrderRequest dr;
    dr.query = query;
    dr.newest_first = req.sort == SortOrder::newest;
    dr.collapse = req.collapse_duplicates;
    dr.unique_collapse = !req.collapse_duplicates && remote;
    dr.first = static_cast<Xapian::doccount>(req.offset);
    dr.count = static_cast<Xapian::doccount>(req.limit);
    dr.time_limit_seconds = req.time_limit_seconds;
    dr.check_at_least = check_at_least;
    dr.spies = seen.spies();
    DateOrderedMatches m = match_in_date_order(db, remote, dr);
    mset = m.mset;
    for (const auto& item : m.items) {
      r.hits.push_back(make_hit(item.doc, item.docid, item.weight));
      collapse_keys.push_back(item.collapse_key);
    }
  }
  r.total = mset.get_matches_estimated();
  r.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  r.exact = r.total_exact;

  if (req.facets) {
    // Every match seen: the spy counted as many as match. Xapian leaves the uncollapsed bounds
    // loose (an OR of synonyms: 4 to 6) when it has seen every match, but the collapsed count is
    // then exact, which it cannot be before. Over remote shards, fewer than kFacetSample counted
    // in all means every shard counted all of its own.
    const Xapian::doccount lower = mset.get_uncollapsed_matches_lower_bound();
    const Xapian::doccount upper = mset.get_uncollapsed_matches_upper_bound();
    const Xapian::doccount examined = seen.examined();
    const bool all_seen =
        (lower == upper && examined >= upper) ||
        (req.collapse_duplicates && r.total_exact && examined >= lower && (remote || examined < kFacetSample)) ||
        (remote && examined < kFacetSample);
    const FacetTally tally = seen.tally();
    r.facets = true;
    r.speakers = tally.speakers(req.facet_limit);
    r.orgs = tally.orgs(req.facet_limit);
    if (all_seen) {
      r.total = req.collapse_duplicates ? tally.texts() : examined;
      r.total_exact = r.exact = true;
    } else {
      r.exact = false;
      const double factor =
          examined > 0 ? static_cast<double>(mset.get_uncollapsed_matches_estimated()) / examined : 1.0;
      for (auto* list : {&r.speakers, &r.orgs})
        for (auto& f : *list) f.count = scale(f.count, factor, upper);
    }
  }

  if (req.collapse_duplicates) resolve_duplicates(index, query, r.hits, collapse_keys);
  const Highlighter highlight(query);
  for (auto& hit : r.hits) hit.snippet = highlight(hit.record.quote.text);
  if (index.partial_allowed()) r.missing_shards = index.missing();
  return r;
}

}  // namespace

std::vector<FacetCount> top_values(const Xapian::ValueCountMatchSpy& spy, std::size_t n) {
  std::vector<FacetCount> out;
  for (auto it = spy.top_values_begin(n + 1); it != spy.top_values_end(n + 1) && out.size() < n; ++it)
    if (!(*it).empty()) out.push_back({*it, it.get_termfreq()});
  return out;
}

SortOrder parse_sort_order(const std::string& name) {
  if (name == "relevance") return SortOrder::relevance;
  if (name == "date" || name == "newest") return SortOrder::newest;
  if (name == "oldest") return SortOrder::oldest;
  throw Error(fmt::format("--sort {}: expected relevance, date (newest first) or oldest", name));
}

Xapian::Query parse_query(const QuoteIndex& index, const std::string& text, std::string* suggestion) {
  try {
    return parse(index.query_database(), text, suggestion);
  } catch (const Xapian::Error& e) {
    throw_xapian_error(e, fmt::format("query '{}'", text));
  }
}

SearchResult search(const QuoteIndex& index, const SearchRequest& req) {
  Xapian::Query query = parse_query(index, req.query);
  return index.run("searching", [&] {
    SearchResult r = search_once(index, query, req);
    std::string suggestion;
    if (r.hits.empty() && r.total == 0 && req.spelling) {
      // Nothing for the words as typed: answer the corrected query, and say so.
      parse_query(index, req.query, &suggestion);
      if (!suggestion.empty()) {
        SearchResult corrected = search_once(index, parse_query(index, suggestion), req);
        if (!corrected.hits.empty()) {
          r = std::move(corrected);
          r.corrected = true;
        }
      }
    }
    r.query = req.query;
    r.suggestion = suggestion;
    return r;
  });
}

}  // namespace whosaid
