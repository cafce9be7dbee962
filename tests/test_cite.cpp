// `whosaid cite`: each style on a record with full metadata, and what each does when the article
// has no author, no date or no outlet (never an empty field).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "citation.h"
#include "error.h"

using namespace whosaid;

namespace {

QuoteRecord full_record() {
  QuoteRecord r;
  Quote& q = r.quote;
  q.quote_id = "v-early#1";
  q.doc_id = "v-early";
  q.text = "We have waited eleven years for a fair contract and we will not wait any longer,";
  q.speaker = "Tom Okafor";
  q.speaker_kind = SpeakerKind::person;
  q.role = "chairman";
  q.affiliation = "Dockworkers' Union";
  q.cue = "said";
  Article& a = r.article;
  a.id = "v-early";
  a.title = "Port workers walk out";
  a.outlet = "Harbour Times";
  a.date = "2019-03-04";
  a.url = "https://harbour.example/strike";
  a.authors = {"Jane Doe"};
  return r;
}

QuoteRecord bare_record() {
  QuoteRecord r = full_record();
  r.article.outlet.clear();
  r.article.date.clear();
  r.article.url.clear();
  r.article.authors.clear();
  return r;
}

const CitationDate kAccessed{2026, 11, 28};

std::string cite_as(const QuoteRecord& r, const char* style) { return cite(r, parse_citation_style(style), kAccessed); }

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Marks of an empty field in prose styles.
void check_no_empty_fields(const std::string& s) {
  for (const char* bad : {"()", "(, ", ", ,", "\"\"", "**", " .", "..", "= {}", "{}", ", ."}) {
    CAPTURE(bad);
    CHECK_FALSE(contains(s, bad));
  }
}

}  // namespace

TEST_CASE("cite: APA 7 names the speaker in the sentence and cites the article") {
  std::string s = cite_as(full_record(), "apa");
  CHECK(contains(s, "Tom Okafor, chairman at Dockworkers' Union, said, \"We have waited eleven years for a fair "
                    "contract and we will not wait any longer\" (as cited in Doe, 2019)."));
  CHECK(contains(s, "Doe, J. (2019, March 4). Port workers walk out. *Harbour Times*. https://harbour.example/strike"));
  check_no_empty_fields(s);

  std::string bare = cite_as(bare_record(), "apa");
  CHECK(contains(bare, "(as cited in \"Port workers walk out,\" n.d.)."));
  CHECK(contains(bare, "\n\nPort workers walk out. (n.d.).\n"));  // the title takes the author's place
  check_no_empty_fields(bare);

  QuoteRecord two = full_record();
  two.article.authors = {"Sam Lee", "Ana Maria Ruiz"};
  CHECK(contains(cite_as(two, "apa"), "(as cited in Lee & Ruiz, 2019)"));
  CHECK(contains(cite_as(two, "apa"), "Lee, S., & Ruiz, A. M. (2019, March 4)."));
  two.article.authors.push_back("Kim Park");
  CHECK(contains(cite_as(two, "apa"), "(as cited in Lee et al., 2019)"));
}

TEST_CASE("cite: MLA 9 says qtd. in") {
  std::string s = cite_as(full_record(), "mla");
  CHECK(contains(s, "(qtd. in Doe)."));
  CHECK(contains(s, "Doe, Jane. \"Port workers walk out.\" *Harbour Times*, 4 Mar. 2019, harbour.example/strike."));
  CHECK_FALSE(contains(s, "Accessed"));  // dated: no access date needed
  check_no_empty_fields(s);

  std::string bare = cite_as(bare_record(), "mla");
  CHECK(contains(bare, "(qtd. in \"Port workers walk out\")."));
  CHECK(contains(bare, "\"Port workers walk out.\" Accessed 28 Nov. 2026."));
  check_no_empty_fields(bare);
}

TEST_CASE("cite: Chicago says quoted in, in a note, and gives the bibliography entry") {
  std::string s = cite_as(full_record(), "chicago");
  CHECK(contains(s, "any longer.\"[1]"));
  CHECK(contains(s, "1. Tom Okafor, quoted in Jane Doe, \"Port workers walk out,\" *Harbour Times*, March 4, 2019, "
                    "https://harbour.example/strike."));
  CHECK(contains(s, "Doe, Jane. \"Port workers walk out.\" *Harbour Times*, March 4, 2019. https://harbour.example/strike."));
  check_no_empty_fields(s);

  std::string bare = cite_as(bare_record(), "chicago");
  CHECK(contains(bare, "1. Tom Okafor, quoted in \"Port workers walk out,\" n.d., accessed November 28, 2026."));
  CHECK(contains(bare, "\"Port workers walk out.\" n.d. Accessed November 28, 2026."));
  check_no_empty_fields(bare);

  QuoteRecord unsigned_ = full_record();
  unsigned_.article.authors.clear();
  CHECK(contains(cite_as(unsigned_, "chicago"), "*Harbour Times*. \"Port workers walk out.\" March 4, 2019."));
}

TEST_CASE("cite: CSL-JSON parses, is article-newspaper and carries the fields") {
  auto j = nlohmann::json::parse(cite_as(full_record(), "csl-json"));
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 1);
  const auto& item = j[0];
  const std::string key = citation_key(full_record());
  CHECK(key.rfind("doe2019port-", 0) == 0);
  CHECK(key.size() == std::string("doe2019port-").size() + 6);
  CHECK(item["id"] == key);
  CHECK(item["type"] == "article-newspaper");
  CHECK(item["title"] == "Port workers walk out");
  CHECK(item["container-title"] == "Harbour Times");
  CHECK(item["author"][0]["family"] == "Doe");
  CHECK(item["author"][0]["given"] == "Jane");
  CHECK(item["issued"]["date-parts"][0] == nlohmann::json::array({2019, 3, 4}));
  CHECK(item["URL"] == "https://harbour.example/strike");
  CHECK(item["accessed"]["date-parts"][0] == nlohmann::json::array({2026, 11, 28}));
  std::string note = item["note"];
  CHECK(contains(note, "Tom Okafor (chairman, Dockworkers' Union)"));
  CHECK(contains(note, "eleven years"));

  auto bare = nlohmann::json::parse(cite_as(bare_record(), "csl-json"))[0];
  for (const char* absent : {"author", "issued", "URL", "container-title"}) {
    CAPTURE(absent);
    CHECK_FALSE(bare.contains(absent));
  }
  for (const auto& [key, value] : bare.items()) {
    CAPTURE(key);
    CHECK_FALSE((value.is_string() && value.get<std::string>().empty()));
  }
  CHECK(bare["id"].get<std::string>().rfind("portnd-", 0) == 0);
}

TEST_CASE("cite: BibTeX, @article with an outlet, @misc without") {
  std::string s = cite_as(full_record(), "bibtex");
  CHECK(s.rfind("@article{" + citation_key(full_record()) + ",\n", 0) == 0);
  for (const char* field : {"author = {Doe, Jane}", "title = {Port workers walk out}", "journal = {Harbour Times}",
                            "entrysubtype = {newspaper}",
                            "year = {2019}", "month = mar", "url = {https://harbour.example/strike}",
                            "urldate = {2026-11-28}"}) {
    CAPTURE(field);
    CHECK(contains(s, field));
  }
  CHECK(contains(s, "note = {Quoting Tom Okafor"));
  CHECK(s.back() == '\n');

  std::string bare = cite_as(bare_record(), "bibtex");
  CHECK(bare.rfind("@misc{portnd-", 0) == 0);
  CHECK_FALSE(contains(bare, "entrysubtype"));
  CHECK_FALSE(contains(bare, "= {}"));
  CHECK_FALSE(contains(bare, "year ="));
  CHECK_FALSE(contains(bare, "author ="));

  QuoteRecord special = full_record();
  special.article.title = "Profits up 5% at Smith & Co";
  special.quote.quote_id = "x#1";
  std::string esc = cite_as(special, "bibtex");
  // Sentence case: the capitalised words after the first are names, and only they are braced.
  CHECK(contains(esc, "title = {Profits up 5\\% at {Smith} \\& {Co}},"));
  special.article.title = "A Court Under Pressure in The Hague, Says ICC Official";
  special.article.outlet = "Harbour Times";
  special.quote.affiliation = "International Criminal Court";
  // Title case: only acronyms and known names (a place, the quotation's organisation) are braced.
  CHECK(contains(cite_as(special, "bibtex"), "title = {A {Court} Under Pressure in The Hague, Says {ICC} Official},"));
  CHECK(contains(esc, "[x\\#1]"));
}

TEST_CASE("cite: dates, styles and keys") {
  CHECK(parse_citation_date("2024-12-05T10:00Z").day == 5);
  CHECK(parse_citation_date("2024-12").month == 12);
  CHECK(parse_citation_date("2024-12").day == 0);
  CHECK(parse_citation_date("2024").year == 2024);
  CHECK(parse_citation_date("yesterday").empty());
  CHECK(parse_citation_date("").empty());
  CHECK_THROWS_AS(parse_citation_style("harvard"), Error);
  CHECK(parse_citation_style("csl-json") == CitationStyle::csl_json);

  QuoteRecord partial = full_record();
  partial.article.date = "2019-03";
  CHECK(contains(cite_as(partial, "apa"), "(2019, March)."));
  CHECK(contains(cite_as(partial, "mla"), "Mar. 2019"));
  QuoteRecord accented = full_record();
  accented.article.authors = {"José Núñez"};
  CHECK(citation_key(accented).rfind("nunez2019port-", 0) == 0);
  // One key per article: every quotation of it has the same; another article with the same
  // author, year and title word has another.
  QuoteRecord second = full_record();
  second.quote.quote_id = "v-early#2";
  CHECK(citation_key(second) == citation_key(full_record()));
  QuoteRecord other = full_record();
  other.article.id = "v-late";
  CHECK(citation_key(other) != citation_key(full_record()));
}

TEST_CASE("cite: names as CSL and BibTeX want them, and the styles that follow") {
  auto with_authors = [](std::vector<std::string> authors) {
    QuoteRecord r = full_record();
    r.article.authors = std::move(authors);
    return r;
  };
  auto csl_authors = [&](std::vector<std::string> authors) {
    return nlohmann::json::parse(cite_as(with_authors(std::move(authors)), "csl-json"))[0]["author"];
  };
  using J = nlohmann::json;
  // An organisation is a literal, never "Press, A."
  CHECK(csl_authors({"Associated Press"}) == J::parse(R"([{"literal": "Associated Press"}])"));
  CHECK(csl_authors({"Wikinews staff"}) == J::parse(R"([{"literal": "Wikinews staff"}])"));
  CHECK(csl_authors({"Reuters"}) == J::parse(R"([{"literal": "Reuters"}])"));
  CHECK(csl_authors({"Martin Luther King Jr."}) ==
        J::parse(R"([{"family": "King", "given": "Martin Luther", "suffix": "Jr."}])"));
  CHECK(csl_authors({"King, Martin Luther, Jr."}) == csl_authors({"Martin Luther King Jr."}));
  CHECK(csl_authors({"Martin Luther King, Jr."}) == csl_authors({"Martin Luther King Jr."}));
  CHECK(csl_authors({"Ludwig van Beethoven"}) ==
        J::parse(R"([{"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}])"));
  CHECK(csl_authors({"Charles de Gaulle"}) ==
        J::parse(R"([{"family": "Gaulle", "given": "Charles", "non-dropping-particle": "de"}])"));
  CHECK(csl_authors({"de Gaulle, Charles"}) == csl_authors({"Charles de Gaulle"}));
  CHECK(csl_authors({"Martin Van Buren"}) == J::parse(R"([{"family": "Van Buren", "given": "Martin"}])"));

  QuoteRecord four = with_authors({"Associated Press", "Martin Luther King Jr.", "Ludwig van Beethoven", "Charles de Gaulle"});
  std::string apa = cite_as(four, "apa");
  CHECK(contains(apa, "Associated Press, King, M. L., Jr., Beethoven, L. van, & de Gaulle, C. (2019, March 4)."));
  CHECK(contains(apa, "(as cited in Associated Press et al., 2019)"));
  CHECK(contains(cite_as(with_authors({"Charles de Gaulle"}), "apa"), "(as cited in de Gaulle, 2019)"));
  CHECK(contains(cite_as(with_authors({"Ludwig van Beethoven"}), "mla"), "Beethoven, Ludwig van. \"Port workers"));
  CHECK(contains(cite_as(with_authors({"Ludwig van Beethoven"}), "mla"), "(qtd. in Beethoven)"));
  CHECK(contains(cite_as(with_authors({"Martin Luther King Jr."}), "mla"), "King, Martin Luther, Jr. \"Port workers"));
  std::string chicago = cite_as(with_authors({"Martin Luther King Jr.", "Charles de Gaulle"}), "chicago");
  CHECK(contains(chicago, "quoted in Martin Luther King Jr. and Charles de Gaulle, \"Port workers walk out,\""));
  CHECK(contains(chicago, "King, Martin Luther, Jr., and Charles de Gaulle. \"Port workers walk out.\""));
  CHECK(contains(cite_as(with_authors({"Associated Press"}), "chicago"), "Associated Press. \"Port workers walk out.\""));

  std::string bib = cite_as(four, "bibtex");
  CHECK(contains(bib, "author = {{Associated Press} and King, Jr., Martin Luther and van Beethoven, Ludwig and "
                      "de Gaulle, Charles},"));
  CHECK(citation_key(four).rfind("associated2019port-", 0) == 0);
}

TEST_CASE("cite: attribution prose without doubled words or places as organisations") {
  QuoteRecord r = full_record();
  r.quote.speaker = "Nicolas Sarkozy";
  r.quote.role = "Former president";
  r.quote.former = true;
  r.quote.affiliation.clear();
  CHECK(contains(cite_as(r, "apa"), "Nicolas Sarkozy, former president, said,"));
  CHECK_FALSE(contains(cite_as(r, "apa"), "former Former"));
  r.quote.role = "president";
  CHECK(contains(cite_as(r, "apa"), "Nicolas Sarkozy, former president, said,"));

  r.quote.speaker = "The father";
  r.quote.role = "father";
  r.quote.former = false;
  r.quote.speaker_kind = SpeakerKind::anonymous;
  CHECK(contains(cite_as(r, "apa"), "The father said, \""));

  r.quote.speaker = "Tara Strong";
  r.quote.role = "voice actor";
  r.quote.affiliation = "US";
  r.quote.speaker_kind = SpeakerKind::person;
  CHECK(contains(cite_as(r, "apa"), "Tara Strong, voice actor, said,"));
  CHECK(contains(cite_as(r, "csl-json"), "Quoting Tara Strong (voice actor):"));

  r.quote.role = "Human Rights Watch director";
  r.quote.affiliation = "Human Rights Watch";
  CHECK(contains(cite_as(r, "apa"), "Tara Strong, Human Rights Watch director, said,"));
}

TEST_CASE("cite: formatted runs set the outlet in italics; their text has no Markdown") {
  auto runs = cite_formatted(full_record(), CitationStyle::apa, kAccessed);
  std::string text;
  std::vector<std::string> italics;
  for (const auto& run : runs) {
    text += run.text;
    if (run.italic) italics.push_back(run.text);
  }
  CHECK(italics == std::vector<std::string>{"Harbour Times"});
  CHECK_FALSE(contains(text, "*"));
  CHECK(contains(text, "Doe, J. (2019, March 4). Port workers walk out. Harbour Times. https://harbour.example/strike"));
  std::string markdown = cite_as(full_record(), "apa");
  CHECK(contains(markdown, "*Harbour Times*"));
}
