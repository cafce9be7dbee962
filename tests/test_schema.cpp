#include <doctest/doctest.h>

#include <random>
#include <set>

#include <fmt/format.h>
#include <xapian.h>

#include "org_mentions.h"
#include "schema.h"

using namespace whosaid;

TEST_CASE("date values sort as strings and pad partial dates") {
  struct { const char* in; const char* out; } cases[] = {
      {"2024-12-05", "20241205"}, {"2024-12-05T10:00:00Z", "20241205"}, {"2024-12", "20241200"},
      {"2024", "20240000"},       {"20241205", "20241205"},              {"", ""},
      {"yesterday", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(schema::date_value(c.in) == c.out);
  }
}

namespace {

std::set<Xapian::docid> matches(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire e(db);
  e.set_query(q);
  std::set<Xapian::docid> out;
  Xapian::MSet m = e.get_mset(0, db.get_doccount());
  for (auto it = m.begin(); it != m.end(); ++it) out.insert(*it);
  return out;
}

}  // namespace

TEST_CASE("date terms match exactly the dates a value range over the stored dates would") {
  // Every kind of stored date: full days (month ends, leap day), month-only and year-only dates,
  // unknown ones, over years far apart.
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::mt19937 rng(7);
  std::vector<std::string> dates = {"", "20240000", "20241200", "20240229", "20231231", "20240101", "19990615",
                                    "20301100", "20250000"};
  for (int i = 0; i < 300; ++i) {
    int y = 1995 + static_cast<int>(rng() % 40), m = static_cast<int>(rng() % 13), d = m == 0 ? 0 : static_cast<int>(rng() % 32);
    dates.push_back(fmt::format("{:04}{:02}{:02}", y, m, d));
  }
  for (const auto& date : dates) {
    Xapian::Document doc;
    doc.add_value(schema::Value::date, date);
    for (const auto& t : schema::date_terms(date)) doc.add_boolean_term(t);
    doc.add_boolean_term("Xall");
    db.add_document(doc);
  }
  auto by_value = [&](const std::string& from, const std::string& to) {
    // Unknown dates ("") sort first: a value range from "00000000" leaves them out.
    return matches(db, Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::Value::date, from, to));
  };
  std::vector<std::pair<std::string, std::string>> ranges = {
      {"00000000", "99999999"}, {"20240000", "20249999"}, {"20241200", "20241299"}, {"20240101", "20241231"},
      {"20240229", "20240229"}, {"00000000", "20239999"}, {"20240000", "99999999"}, {"19990615", "20301100"},
      {"20231231", "20240101"}, {"20240100", "20240399"}, {"20200000", "20200000"}};
  for (int i = 0; i < 300; ++i) {
    std::string a = dates[rng() % dates.size()], b = dates[rng() % dates.size()];
    if (a.empty() || b.empty()) continue;
    if (a > b) std::swap(a, b);
    if (rng() % 3 == 0) b.replace(6, 2, "99");  // a range ending "..YYYY-MM"
    ranges.emplace_back(a, b);
  }
  for (const auto& [from, to] : ranges) {
    CAPTURE(from);
    CAPTURE(to);
    CHECK(matches(db, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("Xall"),
                                    schema::date_range_query(db, from, to))) == by_value(from, to));
  }
  // Few terms for a wide range: whole years, then months, then days at the two ragged ends.
  Xapian::Query wide = schema::date_range_query(db, "19990615", "20301100");
  CHECK(wide.get_num_subqueries() < 120);
  CHECK(schema::date_range_query(db, "20240102", "20240101").empty());
}

TEST_CASE("the facets value gives back its parts") {
  std::string v = schema::facet_value("Liz Evenson", "Human Rights Watch", "00ab");
  auto parts = schema::split_facet_value(v);
  CHECK(parts.speaker == "Liz Evenson");
  CHECK(parts.org == "Human Rights Watch");
  CHECK(parts.collapse == "00ab");
  parts = schema::split_facet_value(schema::facet_value("A\x1f" "B", "", "ff"));
  CHECK(parts.speaker == "A B");
  CHECK(parts.org.empty());
  CHECK(parts.collapse == "ff");
  CHECK(schema::split_facet_value("no separators").speaker.empty());
}

TEST_CASE("exact terms are normalised and stay under Xapian's term limit") {
  CHECK(schema::speaker_term("Liz  Evenson") == schema::speaker_term("liz evenson"));
  CHECK(schema::org_term("HRW") == schema::org_term("Human Rights Watch"));
  CHECK(schema::org_term("the State Department") == schema::org_term("U.S. Department of State"));
  std::string long_id(400, 'x');
  std::string t1 = schema::article_term(long_id), t2 = schema::article_term(long_id + "y");
  CHECK(t1.size() <= 245);
  CHECK(t1 != t2);
  CHECK(schema::article_term("short") == "XARTICLE:short");
}

TEST_CASE("collapse key ignores case, punctuation and spacing but not words") {
  CHECK(schema::collapse_key("We expect all ICC actions...") == schema::collapse_key("we expect all  ICC actions"));
  CHECK(schema::collapse_key("It's been a mood,") == schema::collapse_key("It's been a mood"));
  CHECK(schema::collapse_key("We expect all ICC actions") != schema::collapse_key("We expect no ICC actions"));
}

TEST_CASE("every field has a unique prefix and name") {
  const auto& fields = schema::fields();
  for (std::size_t i = 0; i < fields.size(); ++i)
    for (std::size_t j = i + 1; j < fields.size(); ++j) {
      CAPTURE(fields[i].prefix);
      CHECK(fields[i].prefix != fields[j].prefix);
      if (!fields[i].name.empty()) CHECK(fields[i].name != fields[j].name);
    }
  for (const auto& f : fields)
    if (f.kind == schema::FieldKind::boolean) CHECK(static_cast<bool>(f.term));
}

TEST_CASE("organisation mentions under any spelling") {
  SUBCASE("acronym with possessive") {
    CHECK(org_mentions("The ICC's current paradox") == std::vector<std::string>{"International Criminal Court"});
  }
  SUBCASE("full name and dotted initialism") {
    auto found = org_mentions("the International Criminal Court and the U.S. State Department");
    CHECK(found == std::vector<std::string>{"International Criminal Court", "U.S. Department of State"});
  }
  SUBCASE("acronyms are case-sensitive") { CHECK(org_mentions("who said what to whom").empty()); }
  SUBCASE("the longest spelling wins") {
    CHECK(org_mentions("the UN Security Council met") ==
          std::vector<std::string>{"United Nations Security Council"});
  }
}
