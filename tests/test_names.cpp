// Names told from words: the name lists and the English word list (names.h), and the verdict on a
// capitalised run (name_verdict), in context.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "article_tokens.h"
#include "names.h"
#include "quote_finder.h"
#include "test_helpers.h"
#include "tokens.h"

using whosaid::NameVerdict;
using whosaid::test::quotes_of;

namespace {

// The verdict on the capitalised run starting at the first occurrence of `run` in `text`.
NameVerdict verdict_in(const std::string& text, const std::string& run) {
  auto spans = whosaid::find_quote_spans(text);
  auto toks = whosaid::tokenize(text, spans);
  whosaid::ArticleTokens t(text, toks, spans);
  const std::size_t at = text.find(run);
  REQUIRE(at != std::string::npos);
  std::size_t s = 0;
  while (s < toks.size() && toks[s].start < at) ++s;
  std::size_t e = s;
  while (e < toks.size() && toks[e].end <= at + run.size()) ++e;
  REQUIRE(e > s);
  return whosaid::name_verdict(t, s, e);
}

}  // namespace

TEST_CASE("name evidence from the lists") {
  auto ev = whosaid::name_evidence("Elizabeth");
  CHECK(ev.given >= 4);  // hundreds of thousands of babies
  CHECK(whosaid::name_evidence("Smith").surname == 1);
  CHECK(whosaid::name_evidence("SMITH").surname == 1);  // case does not matter
  CHECK(whosaid::name_evidence("Smith's").surname == 1);  // nor a possessive
  CHECK(whosaid::name_evidence("Search").word);
  CHECK_FALSE(whosaid::name_evidence("Search").proper);
  CHECK(whosaid::name_evidence("Paris").proper);
  CHECK_FALSE(whosaid::name_evidence("Zinichev").name_list());
  CHECK_FALSE(whosaid::name_evidence("Zinichev").word);
}

TEST_CASE("a capitalised run is a person's name only with evidence") {
  SUBCASE("names") {
    CHECK(verdict_in("Yesterday Yevgeny Zinichev arrived.", "Yevgeny Zinichev") == NameVerdict::person);
    CHECK(verdict_in("Yesterday Will Smith arrived.", "Will Smith") == NameVerdict::person);
    CHECK(verdict_in("Yesterday Charlie King arrived.", "Charlie King") == NameVerdict::person);
    CHECK(verdict_in("He met Mr. Tribe there.", "Tribe") == NameVerdict::person);  // after an honorific
    CHECK(verdict_in("The Secretary of State Mike Pompeo came.", "Secretary of State Mike Pompeo") ==
          NameVerdict::person);
    CHECK(verdict_in("It was good, according to Politico.", "Politico") == NameVerdict::person);  // mid-sentence
  }
  SUBCASE("ordinary words capitalised by position") {
    CHECK(verdict_in("Search and rescue was suspended.", "Search") == NameVerdict::words);
    CHECK(verdict_in("Previously you had mentioned it.", "Previously") == NameVerdict::words);
    CHECK(verdict_in("He read it. Part of Trump's tweet was removed.", "Part of Trump's") == NameVerdict::words);
  }
  SUBCASE("roles without a name") {
    CHECK(verdict_in("He met the Information Minister there.", "Information Minister") == NameVerdict::words);
    CHECK(verdict_in("He met Dean of UC Berkeley School of Law there.", "Dean of UC Berkeley School of Law") ==
          NameVerdict::words);
    CHECK(verdict_in("He met the Chief Technology Officer of Red Hat.", "Chief Technology Officer of Red Hat") ==
          NameVerdict::words);
  }
  SUBCASE("bodies") {
    CHECK(verdict_in("He wrote for The Atlantic in May.", "Atlantic") == NameVerdict::body);
    CHECK(verdict_in("He praised Black Voices for Trump in May.", "Black Voices for Trump") == NameVerdict::body);
    CHECK(verdict_in("A poll by Pew Research found it.", "Pew Research") == NameVerdict::body);
  }
}

TEST_CASE("no ordinary word, role or body speaks as a person") {
  auto q = quotes_of("Search and rescue was suspended on Tuesday, with Yevgeny Zinichev describing the \"real "
                     "threat of another collapse\" as grave.");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker == "Yevgeny Zinichev");
  auto q2 = quotes_of("In the blog post Chris Wright, the Chief Technology Officer of Red Hat, said Red Hat was "
                      "\"shifting our investment fully\" to the new project.");
  REQUIRE(q2.size() == 1);
  CHECK(q2[0].speaker == "Chris Wright");
  CHECK(q2[0].affiliation == "Red Hat");
  auto q3 = quotes_of("Erwin Chemerinsky, Dean of UC Berkeley School of Law, called it \"a truly silly argument.\"");
  REQUIRE(q3.size() == 1);
  CHECK(q3[0].speaker == "Erwin Chemerinsky");
}

TEST_CASE("honours and honorifics are neither names nor roles") {
  auto q = quotes_of("Judge Durham Hall QC said they \"appear not to have shown any respect\" for the rules.");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker == "Durham Hall");
  CHECK(q[0].speaker_kind == whosaid::SpeakerKind::person);
  auto q2 = quotes_of("Dr. Anthony Fauci, director of the National Institute of Allergy and Infectious Diseases, "
                      "said: \"We are not there yet.\"");
  REQUIRE(q2.size() == 1);
  CHECK(q2[0].role == "director");
  CHECK(q2[0].affiliation == "National Institute of Allergy and Infectious Diseases");
}
