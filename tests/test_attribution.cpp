// Attributing speakers: each cue pattern, appositives, pronouns, follow-ons, organisations.
#include <doctest/doctest.h>

#include "test_helpers.h"

using whosaid::SpeakerKind;
using whosaid::test::quotes_of;

namespace {
whosaid::Quote only(const std::string& text) {
  auto qs = quotes_of(text);
  REQUIRE(qs.size() == 1);
  return qs[0];
}
}  // namespace

TEST_CASE("cue after the quotation") {
  SUBCASE("said X") {
    auto q = only("\"It works,\" said Liz Evenson, international justice director at Human Rights Watch.");
    CHECK(q.speaker == "Liz Evenson");
    CHECK(q.role == "international justice director");
    CHECK(q.affiliation == "Human Rights Watch");
    CHECK(q.cue == "said");
    CHECK(q.speaker_kind == SpeakerKind::person);
  }
  SUBCASE("X said") { CHECK(only("\"It works,\" Tom Hall said.").speaker == "Tom Hall"); }
  SUBCASE("pre-modified name") {
    auto q = only("\"We expect all of it,\" U.S. State Department legal adviser Reed Rubinstein told member states in July.");
    CHECK(q.speaker == "Reed Rubinstein");
    CHECK(q.role == "legal adviser");
    CHECK(q.affiliation == "U.S. State Department");
    CHECK(q.cue == "told");
  }
  SUBCASE("sports position before the name, the surname in the cue") {
    auto qs = quotes_of("Riverside half back Tom Harper was pleased afterwards. \"We kept our shape,\" Harper said.");
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].speaker == "Tom Harper");
    CHECK(qs[0].role == "half back");
    CHECK(qs[0].affiliation == "Riverside");
    auto q = only("\"It was a long night,\" said Harbour City quarterback Dan Ruiz.");
    CHECK(q.speaker == "Dan Ruiz");
    CHECK(q.role == "quarterback");
    CHECK(q.affiliation == "Harbour City");
  }
  SUBCASE("former") {
    auto q = only("\"It is the issue,\" said Stacy Gilbert, a former State Department emergency response expert who resigned.");
    CHECK(q.speaker == "Stacy Gilbert");
    CHECK(q.former);
    CHECK(q.affiliation == "State Department");
  }
  SUBCASE("dash byline") { CHECK(only("\"Never give up.\" — Winston Churchill").speaker == "Winston Churchill"); }
}

TEST_CASE("cue before the quotation") {
  SUBCASE("colon") { CHECK(only("Tom Hall said: \"It works.\"").speaker == "Tom Hall"); }
  SUBCASE("told Y that") {
    auto q = only("Tom Hall told reporters that \"it works\" and left.");
    CHECK(q.speaker == "Tom Hall");
    CHECK(q.cue == "told");
  }
  SUBCASE("according to") {
    auto q = only("The plan \"will fail within a year,\" according to Mia Wong, an economist at the World Bank.");
    CHECK(q.speaker == "Mia Wong");
    CHECK(q.cue == "according to");
    CHECK(q.role == "economist");
    CHECK(q.affiliation == "World Bank");
  }
  SUBCASE("intro clause before the subject") {
    auto q = only("In a statement, the current bishop, Allan Casicas, said, \"We mourn him.\"");
    CHECK(q.speaker == "Allan Casicas");
    CHECK(q.role == "current bishop");
  }
}

TEST_CASE("pronouns, surnames and titles resolve to the fullest name") {
  auto qs = quotes_of(
      "Liz Evenson arrived on Monday. \"It works,\" she said.\n\n\"We are glad,\" Evenson added.\n\n"
      "\"So are we,\" Ms. Evenson said.");
  REQUIRE(qs.size() == 3);
  for (const auto& q : qs) CHECK(q.speaker == "Liz Evenson");
  CHECK(qs[0].speaker_mention == "she");
}

TEST_CASE("a follow-on quotation takes the previous speaker") {
  auto qs = quotes_of("\"I love cats!\" insists Burton. \"I absolutely do.\"");
  REQUIRE(qs.size() == 2);
  CHECK(qs[1].speaker == "Burton");
  CHECK(qs[1].cue == "");
}

TEST_CASE("organisations and anonymous sources") {
  auto org = only("\"The plant is safe,\" the Ministry of Health said on Monday.");
  CHECK(org.speaker_kind == SpeakerKind::organisation);
  CHECK(org.speaker == "Ministry of Health");
  auto anon = only("\"Nothing was decided,\" a senior official said.");
  CHECK(anon.speaker_kind == SpeakerKind::anonymous);
  CHECK(anon.speaker == "a senior official");
  auto police = only("\"Detectives are looking into it,\" Richmond police said in a news release.");
  CHECK(police.speaker_kind == SpeakerKind::organisation);
  CHECK(police.speaker == "Richmond police");
}

TEST_CASE("acronyms the article defines expand") {
  auto qs = quotes_of(
      "The International Federation for Human Rights (FIDH) met.\n\n"
      "\"We are threatened,\" said Danya Chaikel, representative to the ICC for FIDH.");
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].affiliation == "International Federation for Human Rights");
}

TEST_CASE("subjects found through clauses, participles and relative clauses") {
  SUBCASE("participle takes the sentence subject") {
    auto q = only("The mayor of London, Sadiq Khan, gave his condolences via Twitter, adding, \"We grieve.\"");
    CHECK(q.speaker == "Sadiq Khan");
    CHECK(q.role == "mayor");
    CHECK(q.affiliation == "London");
  }
  SUBCASE("statement which said") {
    auto qs = quotes_of("The Ministry of Health met on Monday. They released a statement which said, \"Stay home.\"");
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].speaker == "Ministry of Health");
  }
  SUBCASE("colon introduction after an adverbial") {
    auto qs = quotes_of("Ali Reza Khamenei, the Supreme Leader, spoke. In his message, he praised him: \"He was brave.\"");
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].speaker == "Ali Reza Khamenei");
  }
  SUBCASE("the next sentence names the speaker") {
    auto q = only("\"It will heal us.\" Crystal Bearing of the Arapaho preservation office told the crowd.");
    CHECK(q.speaker == "Crystal Bearing");
    CHECK(q.affiliation == "Arapaho preservation office");
  }
  SUBCASE("a name after a parenthesis") {
    CHECK(only("\"It is a lie,\" Rep. Gwen Moore (D-Wis.) said Friday.").speaker == "Gwen Moore");
  }
}

TEST_CASE("affiliations from parties, possessives and bodies named before") {
  SUBCASE("party before a name") {
    auto q = only("Democrat Chuck Schumer, the Senate minority leader, told reporters \"it was a disgrace.\"");
    CHECK(q.speaker == "Chuck Schumer");
    CHECK(q.role == "Senate minority leader");
    CHECK(q.affiliation == "Democrat");
  }
  SUBCASE("possessive place before the body") {
    CHECK(only("\"We agree,\" said Mark Lee, a professor at London's Royal Veterinary College.").affiliation ==
          "Royal Veterinary College");
  }
  SUBCASE("police rank takes the force named before") {
    auto qs = quotes_of("Thames Valley Police arrested a man.\n\n\"We urge anyone with information to call,\" said "
                        "Detective Inspector Steven Jones.");
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].role == "Detective Inspector");
    CHECK(qs[0].affiliation == "Thames Valley Police");
  }
  SUBCASE("the governor is Gov. Pence") {
    auto qs = quotes_of("Indiana Gov. Mike Pence spoke in Ohio.\n\nThe Indiana governor said the media are \"to blame\".");
    REQUIRE(qs.size() == 1);
    CHECK(qs[0].speaker == "Mike Pence");
  }
}

TEST_CASE("a role named before the name, in a sentence without a quotation, stays with the person") {
  auto qs = quotes_of("US singer and animal rights advocate Doris Day died on Monday at her home.\n\n"
                      "\"I have had a wonderful life,\" Day said in 2004.");
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].speaker == "Doris Day");
  CHECK(qs[0].role == "animal rights advocate");
}

TEST_CASE("party and state after a legislator's name") {
  SUBCASE("R-Ky. between commas") {
    auto q = only("\"The vote will pass,\" Senate Majority Leader Tom Wells, R-Ky., said Tuesday.");
    CHECK(q.speaker == "Tom Wells");
  }
  SUBCASE("an exclamation, then the name and its designation") {
    auto q = only("\"What a week!\" Rep. Ann Lee, R-Pa., said of the session.");
    CHECK(q.speaker == "Ann Lee");
  }
  SUBCASE("a designation is never the speaker") {
    auto qs = quotes_of("Sen. Mark Dunn, D-Ore., spoke first.\n\nThe bill \"will help families,\" D-Ore. added.");
    for (const auto& q : qs) CHECK(q.speaker != "D-Ore.");
  }
}

TEST_CASE("a body and a role between the verb and the name") {
  auto q = only("\"Nobody saw it coming,\" said Lakeside State University political scientist Brenda Hale.");
  CHECK(q.speaker == "Brenda Hale");
  CHECK(q.affiliation == "Lakeside State University");
  SUBCASE("not across a clause") {
    auto q2 = only("The memo \"plainly and wrongly\" suggests that the town and its staff back Mr. Kemp.");
    CHECK(q2.speaker != "Kemp");
    CHECK(q2.speaker != "Mr. Kemp");
  }
}

TEST_CASE("long appositives and relative clauses around the subject") {
  SUBCASE("two descriptions after the name") {
    auto q = only("\"It is an overreach, in our view, of the county's powers,\" Tom Brown, the attorney general of "
                  "Ohio, one of the states that sued the agency, said at an event.");
    CHECK(q.speaker == "Tom Brown");
  }
  SUBCASE("a description and a relative clause") {
    auto q = only("Mark Field, president of the Union of Bakers, which represents city bakers, said he hopes the day "
                  "shows that \"people are standing up for their bakeries.\"");
    CHECK(q.speaker == "Mark Field");
    CHECK(q.affiliation == "Union of Bakers");
  }
  SUBCASE("the verb of a relative clause about someone else") {
    auto q = only("Mark Field, the head of the Baking League, firmly told a young man who suggested that people "
                  "may stop baking that \"this is not the first generation to be tired.\"");
    CHECK(q.speaker == "Mark Field");
  }
  SUBCASE("a relative clause's verb when it is the only one") {
    auto q = only("Dana Ruiz, a chef who writes fiction, has a story about a contest \"where the loser is dinner.\"");
    CHECK(q.speaker == "Dana Ruiz");
  }
}

TEST_CASE("speech words used as nouns are not cues") {
  auto q = only("Ann Lee says John Smith's flurry of late-night tweets about the mayor was \"wild, even for him.\"");
  CHECK(q.speaker == "Ann Lee");
  CHECK(only("Tom Hall the co-founder said \"we go.\"").cue == "said");  // a verb after a compound word still speaks
}

TEST_CASE("a split quotation's speaker goes on past a relative clause naming someone else") {
  auto qs = quotes_of("\"My name is not on it,\" Ron Doe said on Saturday at the dinner, where Ann Lee also spoke. "
                      "\"Tolerance is on it.\"");
  REQUIRE(qs.size() == 2);
  CHECK(qs[1].speaker == "Ron Doe");
}
