// Candidates, then a choice: what the cue patterns propose, the mentions near a quotation, a
// pronoun's options, the model's weights file, and roles as the stages tidy them.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "article_tokens.h"
#include "candidates.h"
#include "cues.h"
#include "error.h"
#include "extract.h"
#include "mention.h"
#include "quote_finder.h"
#include "registry.h"
#include "speaker_model.h"
#include "test_helpers.h"
#include "tokens.h"

using whosaid::test::quotes_of;

namespace {

// Everything the candidate stage needs for one text, kept alive together.
struct Stages {
  std::string text;
  std::vector<whosaid::QuoteSpan> spans;
  std::vector<whosaid::Token> toks;
  whosaid::ArticleTokens t;
  whosaid::MentionParser parser;
  whosaid::EntityRegistry registry;
  whosaid::CueProposer cues;
  whosaid::CandidateFinder finder;

  explicit Stages(std::string s)
      : text(std::move(s)), spans(whosaid::find_quote_spans(text)), toks(whosaid::tokenize(text, spans)),
        t(text, toks, spans), parser(t), registry(t, parser), cues(t, parser),
        finder(t, parser, registry, cues, /*keep_feature_names=*/true) {
    parser.know(&registry);
  }
  std::size_t quote(int k = 0) const {
    int seen = 0;
    for (std::size_t i = 0; i < toks.size(); ++i)
      if (toks[i].type == whosaid::Token::Type::quote && seen++ == k) return i;
    FAIL("no such quotation");
    return 0;
  }
  std::vector<std::string> patterns(int k = 0) const {
    std::vector<std::string> out;
    for (const auto& p : cues.propose(quote(k))) out.push_back(whosaid::pattern_name(p.pattern) + (":" + p.mention.name));
    return out;
  }
};

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

bool has_feature(const whosaid::Candidate& c, const std::string& f) {
  const auto& n = c.features.names();
  return std::find(n.begin(), n.end(), f) != n.end();
}

}  // namespace

TEST_CASE("every cue pattern proposes, none decides") {
  SUBCASE("after the quotation") {
    Stages s("\"It works,\" said Liz Evenson, international justice director at Human Rights Watch.");
    CHECK(has(s.patterns(), "said_x:Liz Evenson"));
  }
  SUBCASE("before it, and in the sentence before") {
    Stages s("Ted Cruz tweeted a warning. Tom Hall told reporters that \"it works\" and left.");
    auto p = s.patterns();
    CHECK(has(p, "x_said_before:Tom Hall"));
  }
  SUBCASE("a verb joined to the clause's first takes its subject") {
    Stages s("The German government announced the tests found poison, and said there was \"unequivocal\" proof.");
    CHECK(has(s.patterns(), "and_said:German government"));
  }
  SUBCASE("the quotative like") {
    Stages s("Every time I ask, people are like, \"But he's my god.\"");
    CHECK(has(s.patterns(), "quotative_like:people"));
  }
  SUBCASE("a name after a long role") {
    Stages s("\"We lost them all,\" said 9/11 widow Terry Strada.");
    CHECK(has(s.patterns(), "said_x:Terry Strada"));
  }
}

TEST_CASE("candidates: mentions near the quotation, a pronoun's people, the previous speaker") {
  Stages s("Liz Evenson met Reed Rubinstein on Monday. \"It works,\" she said.");
  whosaid::PreviousSpeaker prev;
  prev.speaker = "Reed Rubinstein";
  prev.kind = whosaid::SpeakerKind::person;
  prev.entity = s.registry.find("Reed Rubinstein");
  prev.quote_token = 0;
  auto found = s.finder.find(s.quote(), &prev);
  CHECK(found.cue);
  CHECK(found.cue_word);
  int she_options = 0;
  bool window_name = false, previous = false;
  for (const auto& c : found.candidates) {
    if (c.mention.mention == "she" && c.how == whosaid::Resolution::antecedent) ++she_options;
    if (c.window && c.speaker == "Liz Evenson" && c.how == whosaid::Resolution::entity) window_name = true;
    if (c.how == whosaid::Resolution::previous) previous = true;
  }
  CHECK(she_options >= 2);  // Evenson and Rubinstein both
  CHECK(window_name);
  CHECK(previous);
  for (const auto& c : found.candidates)
    if (c.mention.mention == "she") {
      CHECK(has_feature(c, "pattern=x_said"));
      CHECK(!c.ante.names().empty());  // who she stands for is weighed apart
    }
}

TEST_CASE("the choice: a pronoun's person, and the words that name the speaker here") {
  auto qs = quotes_of("Liz Evenson arrived on Monday. \"It works,\" she said.");
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].speaker == "Liz Evenson");
  CHECK(qs[0].speaker_mention == "she");
  CHECK(qs[0].confidence > 0.5);
  auto q2 = quotes_of("Burton explained from a podium. \"I love cats,\" he said.");
  REQUIRE(q2.size() == 1);
  CHECK(q2[0].speaker == "Burton");
  CHECK(q2[0].speaker_mention == "he");
}

TEST_CASE("unnamed speakers as written") {
  // the subject of "said" reported by another verb; an unnamed person, not the possessor
  Stages s("Znak.com reported its source said \"three terrorists\" were killed on Monday night.");
  CHECK(has(s.patterns(), "x_said_before:its source"));
  auto q2 = quotes_of("The father said little. One of the children said, \"Sometimes I still have nightmares.\"");
  REQUIRE(q2.size() == 1);
  CHECK(q2[0].speaker == "One of the children");
}

TEST_CASE("the speaker model's weights file") {
  auto m = whosaid::SpeakerModel::parse("# a comment\n@threshold\t0.25\nbias=1\t-1.5\nsource=said_x\t3\n", "test.txt");
  CHECK(m.threshold() == doctest::Approx(0.25));
  CHECK(m.size() == 2);
  whosaid::FeatureSet f;
  f.add("bias", "1");
  f.add("source", "said_x");
  CHECK(m.probability(f) == doctest::Approx(1.0 / (1.0 + std::exp(-1.5))));
  CHECK(whosaid::FeatureSet::key_of("source=said_x") == f.keys()[1]);
  try {
    whosaid::SpeakerModel::parse("bias=1\t-1\nbroken line\n", "weights.txt");
    FAIL("a bad line must be refused");
  } catch (const whosaid::Error& e) {
    CHECK(std::string(e.what()).find("weights.txt:2:") != std::string::npos);
  }
  CHECK(whosaid::SpeakerModel::builtin().size() > 100);
}

TEST_CASE("roles as the article gives them, tidied") {
  std::string place;
  CHECK(whosaid::tidy_role("Dr.", &place) == "Dr.");  // nothing else describes the person
  CHECK(whosaid::tidy_role("Mr.", &place).empty());
  CHECK(whosaid::tidy_role("judge presiding over the case", &place) == "judge");
  CHECK(whosaid::tidy_role("civil and environmental engineering professor", &place) ==
        "civil and environmental engineering professor");
  CHECK(whosaid::tidy_role("Director-General of the", &place) == "Director-General");
  place.clear();
  CHECK(whosaid::tidy_role("Vermont Senator", &place) == "Senator");
  CHECK(place == "Vermont");
  place.clear();
  CHECK(whosaid::tidy_role("Republican Senate Majority Leader", &place) == "Senate Majority Leader");
  CHECK(place == "Republican");
  place.clear();
  CHECK(whosaid::tidy_role("Democratic Party's presumptive nominee", &place) == "presumptive nominee");
  CHECK(place == "Democratic Party");
  auto q = quotes_of("Polls show Democratic presidential nominee Joe Biden led incumbent President Donald Trump. "
                     "\"We will win,\" Trump said.");
  REQUIRE(q.size() == 1);
  CHECK(q[0].speaker == "Donald Trump");
  CHECK(q[0].role.find("Biden") == std::string::npos);  // no other person's name in a role
  CHECK(q[0].role.find("led") == std::string::npos);    // nor a verb
}

TEST_CASE("a person's name closing a run of body and title words") {
  // The name is the given name and what follows it; the words before it are the role and body.
  auto a = quotes_of("Former US Ambassador to the United Nations Nikki Haley wrote, \"Leaving them is a mistake.\"");
  REQUIRE(a.size() == 1);
  CHECK(a[0].speaker == "Nikki Haley");
  auto b = quotes_of("\"Stripes may dazzle flies,\" said Royal Society University Research Fellow Martin How.");
  REQUIRE(b.size() == 1);
  CHECK(b[0].speaker == "Martin How");
  // An Arabic article in lower case is part of the name.
  auto c = quotes_of("President Abdel Fattah el-Sisi of Egypt said, \"The zone is a real test.\"");
  REQUIRE(c.size() == 1);
  CHECK(c[0].speaker == "Abdel Fattah el-Sisi");
}

TEST_CASE("roles stated before the name or in a relative clause") {
  auto a = quotes_of("Another eyewitness, Maria Delgado, described \"enormous\" heat on the road.");
  REQUIRE(a.size() == 1);
  CHECK(a[0].speaker == "Maria Delgado");
  CHECK(a[0].role == "eyewitness");
  auto b = quotes_of("Officials met John Carter, who is the secretary of state, on Monday. "
                     "\"Nothing will change,\" Carter told the press.");
  REQUIRE(b.size() == 1);
  CHECK(b[0].speaker == "John Carter");
  CHECK(b[0].role == "secretary of state");
}

TEST_CASE("a description, then the name after its comma") {
  auto a = quotes_of("Officials met. \"Somebody came in,\" the White House spokesman, Josh Earnest, said on Thursday.");
  REQUIRE(a.size() == 1);
  CHECK(a[0].speaker == "Josh Earnest");
  CHECK(a[0].role == "spokesman");
  CHECK(a[0].affiliation == "White House");
  auto b = quotes_of("The launch carried NASA astronauts Bob Behnken and Doug Hurley. \"It was a great ride,\" Hurley said.");
  REQUIRE(b.size() == 1);
  CHECK(b[0].speaker == "Doug Hurley");
  CHECK(b[0].affiliation == "NASA");
}

TEST_CASE("the one spoken to, a body by its 'its', an age before a name") {
  auto a = quotes_of("Reporters reached campaign manager Steve Dasbach. \"We saw the bat,\" said Dasbach to Wikinews.");
  REQUIRE(a.size() == 1);
  CHECK(a[0].speaker == "Steve Dasbach");
  auto b = quotes_of("Shops limited sales. Coles, in its March 8 media release, reported \"many stores are selling out\".");
  REQUIRE(b.size() == 1);
  CHECK(b[0].speaker == "Coles");
  CHECK(b[0].speaker_kind == whosaid::SpeakerKind::organisation);
  auto c = quotes_of("Fifteen-year-old Robert Lane said, \"We were scared.\"");
  REQUIRE(c.size() == 1);
  CHECK(c[0].speaker == "Robert Lane");
}

TEST_CASE("the role before a name: a place before the title, no verb of another name") {
  auto a = quotes_of("United States President Donald Trump said, \"We will win.\"");
  REQUIRE(a.size() == 1);
  CHECK(a[0].speaker == "Donald Trump");
  CHECK(a[0].role == "President");
  auto b = quotes_of("Polls showed presidential nominee Joe Biden leading President Donald Trump. \"We will win,\" Trump said.");
  REQUIRE(b.size() == 1);
  CHECK(b[0].speaker == "Donald Trump");
  CHECK(b[0].role == "President");
}
