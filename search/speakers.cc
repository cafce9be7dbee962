#include "speakers.h"

#include "schema.h"
#include "xapian_error.h"

namespace whosaid {

namespace {

// A speaker's roles and organisations are read from this many of their quotations at most.
constexpr Xapian::doccount kRoleSample = 500;

void describe(const Xapian::Database& db, const Xapian::Query& query, SpeakerSummary& s) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(schema::speaker_term(s.name))));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::ValueCountMatchSpy roles(schema::Value::role), orgs(schema::Value::org);
  enquire.add_matchspy(&roles);
  enquire.add_matchspy(&orgs);
  enquire.get_mset(0, 0, kRoleSample);
  s.roles = top_values(roles, 5);
  s.orgs = top_values(orgs, 5);
}

}  // namespace

std::vector<SpeakerSummary> list_speakers(const QuoteIndex& index, const SpeakersRequest& req) {
  Xapian::Query query = parse_query(index, req.query);
  return index.run("listing speakers in", [&] {
    const Xapian::Database& db = index.database();
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy speakers(schema::Value::speaker);
    enquire.add_matchspy(&speakers);
    enquire.get_mset(0, 0, db.get_doccount());  // every match: the counts are exact
    std::vector<SpeakerSummary> out;
    for (const auto& f : top_values(speakers, req.limit)) {
      SpeakerSummary s{f.value, f.count, {}, {}};
      describe(db, query, s);
      out.push_back(std::move(s));
    }
    return out;
  });
}

}  // namespace whosaid
