// Search behaviour on corpus/ plus tests/data/search-fixture.jsonl, indexed by the real pipeline,
// run against every backend: one on-disk database, and two shards joined with add_database.
// The acceptance queries of issue 3 live here.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <memory>

#include <xapian.h>

#include "error.h"
#include "quote_index.h"
#include "schema.h"
#include "search.h"
#include "speakers.h"
#include "test_support.h"

using namespace whosaid;

namespace {

struct Backends {
  test::TempDir dir;
  std::map<std::string, std::unique_ptr<QuoteIndex>> by_name;

  Backends() {
    auto corpus = test::read_articles({test::kSourceDir + "/corpus/icc-assembly.txt"});
    auto fixture = test::read_articles({test::kSourceDir + "/tests/data/search-fixture.jsonl"});
    REQUIRE(corpus.size() == 1);
    REQUIRE(fixture.size() == 3);
    std::vector<Article> all = corpus;
    all.insert(all.end(), fixture.begin(), fixture.end());
    test::index_articles(dir / "one.db", all);
    by_name["one database"] = std::make_unique<QuoteIndex>(QuoteIndex::open({dir / "one.db"}));

    // Shards split the duplicate quotation across databases, the hard case for collapsing.
    test::index_articles(dir / "shard1.db", {corpus[0], fixture[0]});
    test::index_articles(dir / "shard2.db", {fixture[1], fixture[2]});
    Xapian::Database shards(dir / "shard1.db");
    shards.add_database(Xapian::Database(dir / "shard2.db"));
    by_name["two shards"] = std::make_unique<QuoteIndex>(shards, "shards");
  }
};

Backends& backends() {
  static Backends b;
  return b;
}

SearchResult run(const QuoteIndex& index, const std::string& query, bool collapse = true) {
  SearchRequest req;
  req.query = query;
  req.limit = 100;
  req.collapse_duplicates = collapse;
  return search(index, req);
}

std::vector<std::string> ids(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.record.quote.quote_id);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> speakers_of(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.record.quote.speaker);
  std::sort(out.begin(), out.end());
  return out;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("acceptance queries on every backend") {
  for (const auto& [name, index] : backends().by_name) {
    CAPTURE(name);
    const QuoteIndex& ix = *index;
    // ICC: two quotes say it, one says "the court", one stands next to "The ICC's".
    CHECK(ids(run(ix, "ICC")) ==
          Ids{"seed-icc-assembly#1", "seed-icc-assembly#2", "seed-icc-assembly#3", "seed-icc-assembly#4"});
    CHECK(ids(run(ix, "International Criminal Court")) == ids(run(ix, "ICC")));
    CHECK(speakers_of(run(ix, "speaker:Evenson")) == std::vector<std::string>{"Liz Evenson"});
    CHECK(ids(run(ix, "org:HRW")) == Ids{"seed-icc-assembly#1"});
    CHECK(ids(run(ix, "org:\"Human Rights Watch\"")) == ids(run(ix, "org:HRW")));
    CHECK(speakers_of(run(ix, "org:\"State Department\"")) ==
          std::vector<std::string>{"Reed Rubinstein", "Stacy Gilbert"});
    CHECK(speakers_of(run(ix, "\"Rome Statute\"")) == std::vector<std::string>{"Danya Chaikel"});

    SearchResult misspelt = run(ix, "Rubenstein");
    CHECK(misspelt.suggestion == "rubinstein");
    CHECK(misspelt.corrected);
    CHECK(speakers_of(misspelt) == std::vector<std::string>{"Reed Rubinstein"});
  }
}

TEST_CASE("fields, boolean operators and dates") {
  for (const auto& [name, index] : backends().by_name) {
    CAPTURE(name);
    const QuoteIndex& ix = *index;
    CHECK(ids(run(ix, "role:director")) == Ids{"dup-b#2", "seed-icc-assembly#1"});
    CHECK(ids(run(ix, "role:director AND NOT org:HRW")) == Ids{"dup-b#2"});
    CHECK(ids(run(ix, "outlet:\"Daily One\" vaccine")) == Ids{"c-2025#1"});
    CHECK(ids(run(ix, "org:WHO")) == Ids{"c-2025#1"});
    CHECK(ids(run(ix, "speaker_exact:\"ana silva\"")) == Ids{"c-2025#1"});
    CHECK(ids(run(ix, "article:dup-b", false)) == Ids{"dup-b#1", "dup-b#2"});
    CHECK(ids(run(ix, "id:c-2025#1")) == Ids{"c-2025#1"});
    CHECK(ids(run(ix, "date:2025")) == Ids{"c-2025#1"});
    CHECK(ids(run(ix, "date:2024-01..2024-12", false)) == Ids{"dup-b#1", "dup-b#2"});
    CHECK(ids(run(ix, "date:2024-01-02..2025-03-10 speaker:Silva")) == Ids{"c-2025#1"});
    CHECK(ids(run(ix, "date:2024-01-02..2025-03-09 speaker:Silva")).empty());
    CHECK(ids(run(ix, "date:..2023")) == Ids{"dup-a#1"});
    CHECK(run(ix, "zzyzx").total == 0);
    CHECK_THROWS_AS(run(ix, "date:soon..later"), Error);
  }
}

TEST_CASE("identical quotations collapse to the earliest, with a count of the others") {
  for (const auto& [name, index] : backends().by_name) {
    CAPTURE(name);
    SearchResult r = run(*index, "victims");
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].record.quote.quote_id == "dup-a#1");  // 2023, before dup-b's 2024 copy
    CHECK(r.hits[0].duplicates == 1);
    CHECK(ids(run(*index, "victims", false)) == Ids{"dup-a#1", "dup-b#1"});
  }
}

TEST_CASE("sorting, paging, facets and snippets") {
  for (const auto& [name, index] : backends().by_name) {
    CAPTURE(name);
    SearchRequest req;
    req.query = "date:2020..2030";
    req.sort = SortOrder::newest;
    req.collapse_duplicates = false;
    auto r = search(*index, req);
    REQUIRE(r.hits.size() == 4);
    CHECK(r.hits[0].record.quote.quote_id == "c-2025#1");
    CHECK(r.hits[3].record.quote.quote_id == "dup-a#1");
    CHECK(r.hits[1].record.quote.quote_id == "dup-b#1");  // same date: text order
    req.sort = SortOrder::oldest;
    req.offset = 1;
    req.limit = 1;
    r = search(*index, req);
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].record.quote.quote_id == "dup-b#1");
    CHECK(r.total == 4);

    r = run(*index, "ICC");
    REQUIRE(r.orgs.size() >= 1);
    CHECK(r.orgs[0].value == "U.S. Department of State");
    CHECK(r.orgs[0].count == 2);
    CHECK(r.speakers.size() == 4);
    r = run(*index, "\"Rome Statute\"");
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].snippet.find("<b>Rome Statute</b>") != std::string::npos);
  }
}

TEST_CASE("backends agree") {
  auto& b = backends().by_name;
  const QuoteIndex& one = *b.at("one database");
  const QuoteIndex& shards = *b.at("two shards");
  for (const char* q : {"ICC", "court", "org:\"State Department\"", "victims", "words OR funding", "date:2023..2025",
                        "speaker:Lopez OR speaker:Silva", "NOT ICC"}) {
    CAPTURE(q);
    SearchResult a = run(one, q), s = run(shards, q);
    CHECK(ids(a) == ids(s));
    CHECK(a.total == s.total);
    CHECK(a.speakers.size() == s.speakers.size());
  }
  CHECK(one.find("dup-b#2")->quote.text == shards.find("dup-b#2")->quote.text);
}

TEST_CASE("speakers lists counts, roles and organisations") {
  for (const auto& [name, index] : backends().by_name) {
    CAPTURE(name);
    auto list = list_speakers(*index, {});
    REQUIRE(!list.empty());
    CHECK(list[0].name == "Maria Lopez");  // two quotations
    CHECK(list[0].quotations == 2);
    REQUIRE(!list[0].orgs.empty());
    CHECK(list[0].orgs[0].value == "Amnesty International");
    auto icc = list_speakers(*index, {"org:\"State Department\"", 50});
    CHECK(icc.size() == 2);
  }
}

// Issue 14: capitals and accents do not change the answer, in free text, phrases and prefixed
// fields; the exact forms stay beside the folded ones (verify's word look-ups).
TEST_CASE("capitals and accents: one normalisation for the index and the query") {
  test::TempDir dir;
  test::index_articles(dir / "norm.db", test::read_articles({test::kSourceDir + "/tests/data/normalise-fixture.jsonl"}));
  QuoteIndex index = QuoteIndex::open({dir / "norm.db"});
  auto found = [&](const std::string& q) {
    SearchRequest req;
    req.query = q;
    req.limit = 50;
    SearchResult r = search(index, req);
    CHECK(r.exact);
    CHECK(r.total == r.hits.size());
    std::vector<std::string> out = ids(r);
    std::sort(out.begin(), out.end());
    return out;
  };
  using Ids = std::vector<std::string>;
  const Ids kenosha{"norm-erdogan#1", "norm-erdogan#2", "norm-kenosha#1"};
  for (const char* q : {"Kenosha", "kenosha", "KENOSHA"}) {
    CAPTURE(q);
    CHECK(found(q) == kenosha);
  }
  const Ids gdansk{"norm-gdansk#1", "norm-gdansk#2"};  // #2 through its paragraph and title
  for (const char* q : {"Gdansk", "Gdańsk", "gdańsk", "GDANSK", "title:gdansk"}) {
    CAPTURE(q);
    CHECK(found(q) == gdansk);
  }
  const Ids erdogan{"norm-erdogan#1", "norm-erdogan#2"};
  for (const char* q : {"speaker:Erdogan", "speaker:Erdoğan", "speaker:ERDOGAN", "speaker:\"recep tayyip erdogan\"",
                        "speaker_exact:\"Recep Tayyip Erdogan\"", "speaker_exact:\"RECEP TAYYIP ERDOĞAN\""}) {
    CAPTURE(q);
    CHECK(found(q) == erdogan);
  }
  const Ids hong_kong{"norm-erdogan#2", "norm-kenosha#1"};
  for (const char* q : {"\"Hong Kong\"", "\"hong kong\"", "\"HONG KONG\"", "Hong Kong"}) {
    CAPTURE(q);
    CHECK(found(q) == hong_kong);
  }
  CHECK(found("\"Gdansk is generous\"") == Ids{"norm-gdansk#1"});  // a phrase without its accents
  CHECK(found("\"shares generous\"").empty());                    // still a phrase: the order counts
  CHECK(found("org:\"European Council\"") == Ids{"norm-gdansk#2"});
  CHECK(found("outlet:HERALD").size() == 4);

  // The phrase is highlighted as one, accents and all.
  SearchRequest req;
  req.query = "\"gdansk is generous\"";
  CHECK(search(index, req).hits.at(0).snippet == "<b>Gdańsk is generous</b>, Gdańsk shares good things,");

  // Exact forms and their folded copies are terms (without positions) beside the stems.
  const Xapian::Database& db = index.database();
  for (const char* term : {"gdańsk", "gdansk", "Zgdansk", "Aerdoğan", "Aerdogan", "ZAerdogan", "kenosha", "Zkenosha"}) {
    CAPTURE(term);
    CHECK(db.get_termfreq(term) > 0);
  }
  CHECK(db.get_termfreq("Zgdańsk") == 0);  // stems are folded
  CHECK(schema::fold_accents("Łódź Øresund İzmir straße") == "Lodz Oresund Izmir strasse");
  CHECK(schema::normalise_name("  Recep  Tayyip ERDOĞAN ") == "recep tayyip erdogan");
}
