#include "search.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "error.h"
#include "schema.h"
#include "xapian_error.h"

namespace whosaid {

namespace {

// Facet counts come from the first this many matches the search examines: exact for most
// queries, a sample (and fast) for broad ones on millions of quotations. The match is not made to
// examine more than it needs for the hits shown (get_mset's checkatleast): on a million
// quotations that tripled the time of a query with many matches.
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

Xapian::MSet run(Xapian::Enquire& enquire, const SearchRequest& req, Xapian::MultiValueKeyMaker& order) {
  switch (req.sort) {
    case SortOrder::relevance: break;
    case SortOrder::newest:
    case SortOrder::oldest:
      order.add_value(schema::Value::date, req.sort == SortOrder::newest);
      order.add_value(schema::Value::order);
      enquire.set_sort_by_key_then_relevance(&order, false);
      break;
  }
  if (req.collapse_duplicates) enquire.set_collapse_key(schema::Value::collapse);
  return enquire.get_mset(req.offset, req.limit);
}

// For each hit with copies (quotations with the same words) that match the query: the earliest
// copy, and how many others there are. Xapian's collapse keeps the best-ranked copy; the earliest
// is the one to cite. One match for all the hits: the copies of every hit, sorted by date and
// collapsed on their words, so the first of each group is its earliest and the group's
// collapse count the others.
void resolve_duplicates(const Xapian::Database& db, const Xapian::Query& query, std::vector<Hit>& hits,
                        const std::vector<std::string>& collapse_keys) {
  std::vector<Xapian::Query> copies;
  for (const auto& key : collapse_keys) {
    std::string dup = schema::exact_term(schema::prefix::duplicate, key);
    if (db.get_termfreq(dup) >= 2) copies.emplace_back(dup);  // cheap: most quotations are unique
  }
  if (copies.empty()) return;
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  Xapian::Query(Xapian::Query::OP_OR, copies.begin(), copies.end())));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MultiValueKeyMaker order;
  order.add_value(schema::Value::date);
  order.add_value(schema::Value::order);
  enquire.set_sort_by_key(&order, false);
  enquire.set_collapse_key(schema::Value::collapse);
  Xapian::MSet earliest = enquire.get_mset(0, copies.size(), db.get_doccount());
  for (auto it = earliest.begin(); it != earliest.end(); ++it) {
    for (std::size_t i = 0; i < hits.size(); ++i) {
      if (collapse_keys[i] != it.get_collapse_key()) continue;
      hits[i].duplicates = it.get_collapse_count();
      if (hits[i].record.quote.quote_id.empty() || *it != hits[i].docid)
        hits[i].record = record_from_json(it.get_document().get_data());
    }
  }
}

// Counts the speakers and organisations of the first `sample` matches the matcher looks at.
// Every count is a value look-up in the index: without a bound, a query matching 100,000
// quotations reads 200,000 values for two lists of ten names.
class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(Xapian::doccount sample) : sample_(sample) {}

  void operator()(const Xapian::Document& doc, double) override {
    if (seen_ >= sample_) return;
    ++seen_;
    ++speakers_[doc.get_value(schema::Value::speaker)];
    ++orgs_[doc.get_value(schema::Value::org)];
  }

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

  Xapian::doccount sample_;
  Xapian::doccount seen_ = 0;
  std::unordered_map<std::string, std::size_t> speakers_, orgs_;
};

Hit make_hit(const Xapian::MSetIterator& it, const Xapian::MSet& mset) {
  Hit hit;
  hit.docid = *it;
  hit.record = record_from_json(it.get_document().get_data());
  hit.score = it.get_weight();
  return hit;
}

std::string snippet_of(const Xapian::MSet& mset, const std::string& text) {
  // The whole quote: quotes are short, and a cut one misleads. With nothing to choose between,
  // no background model (it looks up every word's frequency in the index).
  return mset.snippet(text, 2 * text.size() + 100, Xapian::Stem("english"), Xapian::MSet::SNIPPET_EXHAUSTIVE,
                      "<b>", "</b>", "");
}

SearchResult search_once(const Xapian::Database& db, const Xapian::Query& query, const SearchRequest& req) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  FacetSpy facets(kFacetSample);
  enquire.add_matchspy(&facets);
  Xapian::MultiValueKeyMaker order;
  Xapian::MSet mset = run(enquire, req, order);

  SearchResult r;
  r.total = mset.get_matches_estimated();
  r.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  std::vector<std::string> collapse_keys;  // the match read them already: no second look
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    r.hits.push_back(make_hit(it, mset));
    collapse_keys.push_back(it.get_collapse_key());
  }
  if (req.collapse_duplicates) resolve_duplicates(db, query, r.hits, collapse_keys);
  for (auto& hit : r.hits) hit.snippet = snippet_of(mset, hit.record.quote.text);
  r.speakers = facets.speakers(req.facet_limit);
  r.orgs = facets.orgs(req.facet_limit);
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
    return parse(index.database(), text, suggestion);
  } catch (const Xapian::Error& e) {
    throw_xapian_error(e, fmt::format("query '{}'", text));
  }
}

SearchResult search(const QuoteIndex& index, const SearchRequest& req) {
  Xapian::Query query = parse_query(index, req.query);
  try {
    SearchResult r = search_once(index.database(), query, req);
    std::string suggestion;
    if (r.hits.empty() && r.total == 0 && req.spelling) {
      // Nothing for the words as typed: answer the corrected query, and say so.
      parse_query(index, req.query, &suggestion);
      if (!suggestion.empty()) {
        SearchResult corrected = search_once(index.database(), parse_query(index, suggestion), req);
        if (!corrected.hits.empty()) {
          r = std::move(corrected);
          r.corrected = true;
        }
      }
    }
    r.query = req.query;
    r.suggestion = suggestion;
    return r;
  } catch (const Xapian::Error& e) {
    throw_xapian_error(e, "searching " + index.name());
  }
}

}  // namespace whosaid
