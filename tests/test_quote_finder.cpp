// Finding quotations: every mark style, apostrophes, nesting, multi-paragraph and broken marks.
#include <doctest/doctest.h>

#include "quote_finder.h"
#include "test_helpers.h"

using whosaid::test::quotes_of;
using whosaid::test::texts_of;
using V = std::vector<std::string>;

TEST_CASE("mark styles") {
  SUBCASE("straight double") { CHECK(texts_of("\"We will win,\" she said.") == V{"We will win,"}); }
  SUBCASE("typographic double") { CHECK(texts_of("“We will win,” she said.") == V{"We will win,"}); }
  SUBCASE("guillemets") { CHECK(texts_of("«We will win,» said Jean Dupont.") == V{"We will win,"});
    CHECK(texts_of("»We will win,« said Jan Meyer.") == V{"We will win,"}); }
  SUBCASE("German low-high") { CHECK(texts_of("Merkel said: „Wir schaffen das.“") == V{"Wir schaffen das."}); }
  SUBCASE("German single low-high") { CHECK(texts_of("Merkel said: ‚Wir schaffen das.‘") == V{"Wir schaffen das."}); }
  SUBCASE("single quotes as quotation marks") {
    CHECK(texts_of("'We will win,' she said.") == V{"We will win,"});
    CHECK(texts_of("‘We will win,’ she said.") == V{"We will win,"});
  }
  SUBCASE("LaTeX quotes") { CHECK(texts_of("``We will win,'' she said.") == V{"We will win,"}); }
}

TEST_CASE("apostrophes are never quotation marks") {
  CHECK(texts_of("Don't go to the Joneses' house in the '90s, he said.").empty());
  CHECK(texts_of("\"Don't go to the Joneses' house,\" he said.") == V{"Don't go to the Joneses' house,"});
  CHECK(texts_of("“It’s the dogs’ dinner, isn’t it?” asked Tom Hall.") == V{"It’s the dogs’ dinner, isn’t it?"});
}

TEST_CASE("nested quotation stays inside the outer one") {
  CHECK(texts_of("\"He told me 'never again' and left,\" said Ann Lee.") == V{"He told me 'never again' and left,"});
  CHECK(texts_of("“How “are” you doing?” asked Ann Lee.") == V{"How “are” you doing?"});
}

TEST_CASE("news-style multi-paragraph quotation is one record") {
  std::string t = "Ann Lee said:\n\n\"The first paragraph goes on.\n\n\"The second one ends here.\"\n\nThen nothing.";
  auto qs = quotes_of(t);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].text == "The first paragraph goes on.\n\n\"The second one ends here.");
  CHECK(t.substr(qs[0].byte_start, qs[0].byte_end - qs[0].byte_start) == qs[0].text);
}

TEST_CASE("an unbalanced mark never swallows the rest") {
  std::string t = "He said \"this never closes.\n\nA new paragraph.\n\n\"Here is a real one,\" said Bo Kim.";
  CHECK(texts_of(t) == V{"Here is a real one,"});
  // a stray opener inside a paragraph: the pair after it is still found
  CHECK(texts_of("He said \"stray. Then \"a real quotation,\" said Bo Kim.") == V{"a real quotation,"});
}

TEST_CASE("10,000 nested marks stay linear and balanced") {
  std::string t;
  for (int i = 0; i < 10000; ++i) t += "“a ";
  for (int i = 0; i < 10000; ++i) t += "a” ";
  auto spans = whosaid::find_quote_spans(t);
  CHECK(spans.size() == 1);
}

TEST_CASE("split quotations share a group") {
  auto qs = quotes_of("\"We are ready,\" she said, \"and we will go.\" Ann Lee is the coach.");
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].group == qs[1].group);
  auto other = quotes_of("\"We are ready,\" said Ann Lee.\n\n\"No,\" said Bo Kim.");
  REQUIRE(other.size() == 2);
  CHECK(other[0].group != other[1].group);
}

TEST_CASE("titles, nicknames and scare quotes are not quotations") {
  CHECK(texts_of("Burton claims that his favorite book is \"One Hundred Years of Solitude\".").empty());
  CHECK(texts_of("The film \"Gone With the Wind\" was shown on Monday.").empty());
  CHECK(texts_of("Former boxer Joe \"The Hammer\" Smith arrived.").empty());
  CHECK(texts_of("Burton thinks that cats are \"cuties\".").empty());
  CHECK(texts_of("The so-called \"peace plan\" was rejected.").empty());
}

TEST_CASE("partial quotations in reported speech") {
  auto qs = quotes_of("Ann Lee called the decision \"a disgrace\" on Monday.");
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].text == "a disgrace");
  CHECK(qs[0].kind == whosaid::QuoteKind::partial);
  CHECK(qs[0].speaker == "Ann Lee");
}

TEST_CASE("editorial marks are kept and listed") {
  std::string t = "\"We expect all of it... to end [or] else,\" said Ann Lee. \"It is over…\" she added.";
  auto qs = quotes_of(t);
  REQUIRE(qs.size() == 2);
  REQUIRE(qs[0].alterations.size() == 2);
  CHECK(qs[0].alterations[0].kind == whosaid::Alteration::Kind::elision);
  CHECK(qs[0].alterations[0].text == "...");
  CHECK(qs[0].alterations[1].kind == whosaid::Alteration::Kind::insertion);
  CHECK(qs[0].alterations[1].text == "[or]");
  CHECK(t.substr(qs[0].alterations[1].byte_start, 4) == "[or]");
  REQUIRE(qs[1].alterations.size() == 1);
  CHECK(qs[1].alterations[0].text == "…");
}

TEST_CASE("offsets slice the text exactly, also after multi-byte characters") {
  std::string t = "Zoë Ångström — née Öberg — said: “Ça va très bien.”";
  auto qs = quotes_of(t);
  REQUIRE(qs.size() == 1);
  CHECK(t.substr(qs[0].byte_start, qs[0].byte_end - qs[0].byte_start) == "Ça va très bien.");
}

TEST_CASE("names given and glosses are not quotations") {
  CHECK(texts_of("He removed people from danger, a process called \"exfiltration.\" He said so.").empty());
  CHECK(texts_of("They are called \"U.S. nationals\" on their passports, Ann Lee said.").empty());
  CHECK(texts_of("The exit has been termed Brexit for \"British exit\".").empty());
  CHECK(texts_of("He told her to shun her \"kuffar\" (non-Muslim) parents, police said.").empty());
  // a partial quotation after "called" with an object in between is still speech
  CHECK(texts_of("Ann Lee called the decision \"a disgrace\" on Monday.") == V{"a disgrace"});
}

TEST_CASE("markup left in the text holds no quotations") {
  CHECK(texts_of("She wrote back.\n\n<tweet author=\"jdoe\" link=\"pic.example.com/\">Nice try</tweet>\n\n"
                 "\"We are done,\" she said.") == V{"We are done,"});
  CHECK(texts_of("If a < b then \"we stop,\" he said.") == V{"we stop,"});
}

TEST_CASE("a headline that opens the text and section headings are not quotations") {
  whosaid::Article a;
  a.id = "t";
  a.title = "Mayor calls the budget 'a fair deal'";
  a.text = "Mayor calls the budget 'a fair deal.'\n\nThe mayor spoke on Monday.\n\n"
           "'The Long Road.'\n\n\"It is a fair deal,\" Mayor Ann Lee said.";
  auto qs = whosaid::extract_quotes(a);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].text == "It is a fair deal,");
  SUBCASE("the headline's speaker goes on in the next paragraph") {
    a.title = "Ann Lee: 'We Will Build It'";
    a.text = "Ann Lee: 'We Will Build It.'\n\n\"The plan is ready and the money is there.\"";
    auto q2 = whosaid::extract_quotes(a);
    REQUIRE(q2.size() == 1);
    CHECK(q2[0].speaker == "Ann Lee");
  }
}
