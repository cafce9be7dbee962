#include "date_order.h"

#include <algorithm>
#include <map>
#include <set>

#include "schema.h"

namespace whosaid {

namespace {

struct Keyed {
  DateOrderedItem item;
  std::string date, order;
};

Keyed keyed(const Xapian::MSetIterator& it, bool collapse) {
  Keyed k;
  k.item.doc = it.get_document();
  k.item.docid = *it;
  k.item.weight = it.get_weight();
  if (collapse) {
    k.item.collapse_key = it.get_collapse_key();
    k.item.collapse_count = it.get_collapse_count();
  }
  k.date = k.item.doc.get_value(schema::Value::date);
  k.order = k.item.doc.get_value(schema::Value::order);
  return k;
}

void configure(Xapian::Enquire& e, const DateOrderRequest& req) {
  if (!req.weights) e.set_weighting_scheme(Xapian::BoolWeight());
  if (req.collapse) e.set_collapse_key(schema::Value::collapse);
  else if (req.unique_collapse) e.set_collapse_key(schema::Value::order);
  if (req.time_limit_seconds > 0) e.set_time_limit(req.time_limit_seconds);
}

DateOrderedMatches local_match(const Xapian::Database& db, const DateOrderRequest& req) {
  Xapian::Enquire e(db);
  e.set_query(req.query);
  configure(e, req);
  for (auto* spy : req.spies) e.add_matchspy(spy);
  Xapian::MultiValueKeyMaker order;
  order.add_value(schema::Value::date, req.newest_first);
  order.add_value(schema::Value::order);
  e.set_sort_by_key_then_relevance(&order, false);
  DateOrderedMatches out;
  out.mset = e.get_mset(req.first, req.count, req.check_at_least);
  for (auto it = out.mset.begin(); it != out.mset.end(); ++it) out.items.push_back(keyed(it, req.collapse).item);
  return out;
}

// Every match of `query`, sorted by order only (one date's ties), collapsed as asked.
Xapian::MSet by_order(const Xapian::Database& db, const Xapian::Query& query, const DateOrderRequest& req,
                      Xapian::doccount n) {
  Xapian::Enquire e(db);
  e.set_query(query);
  configure(e, req);
  e.set_sort_by_value_then_relevance(schema::Value::order, false);
  return e.get_mset(0, n, req.check_at_least);
}

DateOrderedMatches remote_match(const Xapian::Database& db, const DateOrderRequest& req) {
  const Xapian::doccount n = req.first + req.count;
  Xapian::Enquire e(db);
  e.set_query(req.query);
  configure(e, req);
  for (auto* spy : req.spies) e.add_matchspy(spy);
  e.set_sort_by_value_then_relevance(schema::Value::date, req.newest_first);
  DateOrderedMatches out;
  out.mset = e.get_mset(0, n, req.check_at_least);

  std::vector<Keyed> settled, ties;
  std::map<std::string, Xapian::doccount> counts;  // collapse key -> count, from the full match
  for (auto it = out.mset.begin(); it != out.mset.end(); ++it) {
    settled.push_back(keyed(it, req.collapse));
    if (req.collapse) counts[settled.back().item.collapse_key] = settled.back().item.collapse_count;
  }
  // A full page may stop inside one date: which of that date's matches come first is for the
  // order value to say, so the last date's matches are fetched again by order.
  if (n > 0 && settled.size() == n) {
    const std::string last = settled.back().date;
    std::erase_if(settled, [&](const Keyed& k) { return k.date == last; });
    std::set<std::string> before;  // quotations (collapse keys) already placed at an earlier date
    for (const auto& k : settled) before.insert(k.item.collapse_key);
    Xapian::MSet m = by_order(db, dated(req.query, last), req, n);
    for (auto it = m.begin(); it != m.end() && settled.size() + ties.size() < n; ++it) {
      Keyed k = keyed(it, req.collapse);
      if (req.collapse && before.count(k.item.collapse_key)) continue;
      if (req.collapse && counts.count(k.item.collapse_key)) k.item.collapse_count = counts[k.item.collapse_key];
      ties.push_back(std::move(k));
    }
  }
  // A collapsed hit stands for the first of its copies in this order; copies of the same date
  // were told apart by docid: the one first by order, for every such hit in one match.
  if (req.collapse) {
    std::vector<Xapian::Query> same_date;
    for (const auto& k : settled)
      if (k.item.collapse_count > 0)
        same_date.push_back(dated(Xapian::Query(schema::exact_term(schema::prefix::duplicate, k.item.collapse_key)), k.date));
    if (!same_date.empty()) {
      Xapian::Query copies(Xapian::Query::OP_FILTER, req.query,
                           Xapian::Query(Xapian::Query::OP_OR, same_date.begin(), same_date.end()));
      Xapian::MSet m = by_order(db, copies, req, static_cast<Xapian::doccount>(same_date.size()));
      std::map<std::string, Keyed> first;
      for (auto it = m.begin(); it != m.end(); ++it) {
        Keyed k = keyed(it, true);
        first.emplace(k.item.collapse_key, std::move(k));
      }
      for (auto& k : settled) {
        auto f = first.find(k.item.collapse_key);
        if (f == first.end() || f->second.date != k.date) continue;
        Xapian::doccount count = k.item.collapse_count;
        k = f->second;
        k.item.collapse_count = count;
      }
    }
  }
  std::stable_sort(settled.begin(), settled.end(), [&](const Keyed& a, const Keyed& b) {
    if (a.date != b.date) return req.newest_first ? a.date > b.date : a.date < b.date;
    return a.order < b.order;
  });
  for (std::size_t i = req.first; i < settled.size() + ties.size() && out.items.size() < req.count; ++i)
    out.items.push_back(i < settled.size() ? settled[i].item : ties[i - settled.size()].item);
  return out;
}

}  // namespace

Xapian::Query dated(const Xapian::Query& query, const std::string& date) {
  // Undated quotations have no date value; every stored date starts with a digit.
  if (date.empty())
    return Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                         Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::Value::date, "0"));
  return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(schema::date_terms(date).back()));
}

DateOrderedMatches match_in_date_order(const Xapian::Database& db, bool remote, const DateOrderRequest& req) {
  return remote ? remote_match(db, req) : local_match(db, req);
}

}  // namespace whosaid
