// Readers: JSONL fields and problems, front matter, invalid UTF-8.
#include <doctest/doctest.h>

#include <sstream>

#include "reader.h"
#include "utf8.h"

using namespace whosaid;

TEST_CASE("JSONL: fields, doc_id alias, derived ids, problems with line numbers") {
  std::istringstream in(
      "{\"doc_id\": \"a1\", \"title\": \"T\", \"text\": \"Hello\", \"authors\": [\"X\", \"Y\"]}\n"
      "\n"
      "{\"url\": \"https://e.x/1\", \"text\": \"Hi\"}\n"
      "{broken\n"
      "{\"text\": 5}\n"
      "[1, 2]\n"
      "{\"title\": \"no text\"}\n");
  std::vector<Article> got;
  std::vector<ReadProblem> problems;
  read_jsonl(in, "f.jsonl", [&](Article&& a) { got.push_back(std::move(a)); },
             [&](const ReadProblem& p) { problems.push_back(p); });
  REQUIRE(got.size() == 2);
  CHECK(got[0].id == "a1");
  CHECK(got[0].authors == std::vector<std::string>{"X", "Y"});
  CHECK(got[1].id == "https://e.x/1");
  REQUIRE(problems.size() == 4);
  CHECK(problems[0].where == "f.jsonl:4");
  CHECK(problems[1].where == "f.jsonl:5");
  CHECK(problems[1].reason.find("\"text\"") != std::string::npos);
  CHECK(problems[2].where == "f.jsonl:6");
  CHECK(problems[3].where == "f.jsonl:7");
}

TEST_CASE("front matter") {
  Article a = read_text_article("---\nid: x-1\ntitle: \"A title\"\ndate: 2024-01-02\nauthors: [Ann, Bo]\n---\nBody text.\n",
                                "default", "p.txt");
  CHECK(a.id == "x-1");
  CHECK(a.title == "A title");
  CHECK(a.date == "2024-01-02");
  CHECK(a.authors == std::vector<std::string>{"Ann", "Bo"});
  CHECK(a.text == "Body text.\n");
  Article b = read_text_article("No front matter.", "dir/file", "p.txt");
  CHECK(b.id == "dir/file");
  CHECK(b.text == "No front matter.");
}

TEST_CASE("invalid UTF-8 is replaced, lengths stay consistent") {
  std::string s = "ok \xff\xfe bad \xc3";
  CHECK(utf8::repair(s) == 3);
  CHECK(s == "ok \xEF\xBF\xBD\xEF\xBF\xBD bad \xEF\xBF\xBD");
  std::string good = "déjà vu";
  CHECK(utf8::repair(good) == 0);
  CHECK(utf8::fold_diacritics("Erdoğan") == "Erdogan");
}
