#include "search.h"

#include <algorithm>

#include <fmt/format.h>

#include "error.h"
#include "schema.h"
#include "xapian_error.h"

namespace whosaid {

namespace {

// Facet counts look at this many matches at least: exact for small indexes, a sample (and fast)
// for millions of quotations.
constexpr Xapian::doccount kFacetSample = 20000;

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
  Xapian::Query q = qp.parse_query(text, flags);
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
  Xapian::doccount check = std::max<Xapian::doccount>(kFacetSample, req.offset + req.limit);
  return enquire.get_mset(req.offset, req.limit, check);
}

// The earliest of the quotations that share `hit`'s words and match `query`, and how many others
// there are. Xapian's collapse keeps the best-ranked copy; the earliest is the one to cite.
void resolve_duplicates(const Xapian::Database& db, const Xapian::Query& query, const std::string& collapse_key,
                        Hit& hit) {
  const std::string dup = schema::exact_term(schema::prefix::duplicate, collapse_key);
  if (db.get_termfreq(dup) < 2) return;  // cheap: most quotations are unique
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(dup)));
  Xapian::MultiValueKeyMaker order;
  order.add_value(schema::Value::date);
  order.add_value(schema::Value::order);
  enquire.set_sort_by_key(&order, false);
  Xapian::MSet copies = enquire.get_mset(0, 1, db.get_doccount());
  if (copies.empty()) return;
  hit.duplicates = copies.get_matches_estimated() - 1;
  hit.record = record_from_json(copies.begin().get_document().get_data());
}

Hit make_hit(const Xapian::MSetIterator& it, const Xapian::MSet& mset) {
  Hit hit;
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
  Xapian::ValueCountMatchSpy speakers(schema::Value::speaker), orgs(schema::Value::org);
  enquire.add_matchspy(&speakers);
  enquire.add_matchspy(&orgs);
  Xapian::MultiValueKeyMaker order;
  Xapian::MSet mset = run(enquire, req, order);

  SearchResult r;
  r.total = mset.get_matches_estimated();
  r.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit = make_hit(it, mset);
    // The match already read the collapse key: no second look at the document's values.
    if (req.collapse_duplicates) resolve_duplicates(db, query, it.get_collapse_key(), hit);
    hit.snippet = snippet_of(mset, hit.record.quote.text);
    r.hits.push_back(std::move(hit));
  }
  r.speakers = top_values(speakers, req.facet_limit);
  r.orgs = top_values(orgs, req.facet_limit);
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
