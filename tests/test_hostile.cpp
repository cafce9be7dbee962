// Hostile and broken input (issue 6): whatever the bytes, a reader names the fault and goes on,
// extraction finishes in time linear in the input with offsets that slice the text exactly, and
// a query answers or fails with a usage error. docs/robustness.md lists the guarantees.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "error.h"
#include "extract.h"
#include "html_reader.h"
#include "quote_index.h"
#include "reader.h"
#include "search.h"
#include "test_support.h"
#include "utf8.h"

// Under AddressSanitizer: leak checking paused around a leak of Xapian's own (see below).
#if defined(__SANITIZE_ADDRESS__)
#define WHOSAID_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WHOSAID_LSAN 1
#endif
#endif
#ifdef WHOSAID_LSAN
#include <sanitizer/lsan_interface.h>
#endif

using namespace whosaid;
using namespace std::string_literals;

namespace {

// Extracts `text` and checks the output contract on every quotation.
std::vector<Quote> checked_quotes(const std::string& text) {
  Article a;
  a.id = "h";
  a.text = text;
  std::vector<Quote> quotes = extract_quotes(a);
  std::size_t n = 0, previous = 0;
  for (const auto& q : quotes) {
    ++n;
    REQUIRE(q.quote_id == "h#" + std::to_string(n));
    REQUIRE(q.byte_start <= q.byte_end);
    REQUIRE(q.byte_end <= text.size());
    REQUIRE(q.text == text.substr(q.byte_start, q.byte_end - q.byte_start));
    REQUIRE(q.mark_start <= q.byte_start);
    REQUIRE(q.mark_end >= q.byte_end);
    REQUIRE(q.mark_end <= text.size());
    REQUIRE(q.byte_start >= previous);
    previous = q.byte_start;
    for (const auto& alt : q.alterations) {
      REQUIRE(alt.byte_start >= q.byte_start);
      REQUIRE(alt.byte_end <= q.byte_end);
      REQUIRE(alt.text == text.substr(alt.byte_start, alt.byte_end - alt.byte_start));
    }
  }
  return quotes;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct Read {
  std::vector<Article> articles;
  std::vector<ReadProblem> problems;
};

Read read_jsonl_string(const std::string& jsonl) {
  Read r;
  std::istringstream in(jsonl);
  read_jsonl(in, "h.jsonl", [&](Article&& a) { r.articles.push_back(std::move(a)); },
             [&](const ReadProblem& p) { r.problems.push_back(p); });
  return r;
}

}  // namespace

TEST_CASE("invalid UTF-8 is replaced and offsets stay exact") {
  // In a JSONL string, in front matter text, and inside a quotation.
  Read r = read_jsonl_string("{\"id\": \"u\", \"text\": \"\\\"Bad \xff\xfe bytes \xc3,\\\" said Ann Lee. \\\"Fine \xe2\x80,\\\" she added.\"}\n");
  REQUIRE(r.problems.empty());
  REQUIRE(r.articles.size() == 1);
  const std::string& text = r.articles[0].text;
  CHECK(text.find("\xEF\xBF\xBD") != std::string::npos);
  std::string copy = text;
  CHECK(utf8::repair(copy) == 0);  // valid now
  auto quotes = checked_quotes(text);
  REQUIRE(quotes.size() == 2);
  CHECK(quotes[0].text == "Bad \xEF\xBF\xBD\xEF\xBF\xBD bytes \xEF\xBF\xBD,");
  CHECK(quotes[0].speaker == "Ann Lee");
  CHECK(quotes[1].speaker == "Ann Lee");

  Article t = read_text_article("---\ntitle: T\xff\n---\n\"Odd \xc0\xaf,\" said Bo Chan.\n", "d", "h.txt");
  CHECK(t.title == "T\xEF\xBF\xBD");
  auto tq = checked_quotes(t.text);
  REQUIRE(tq.size() == 1);
  CHECK(tq[0].speaker == "Bo Chan");
}

TEST_CASE("NUL bytes: escaped in JSON they are text; raw they are named and skipped, nothing else lost") {
  Read r = read_jsonl_string(
      "{\"id\": \"a\", \"text\": \"\\\"Null \\u0000 here,\\\" said Ann Lee.\"}\n"
      "{\"id\": \"b\", \"text\": \"raw \0 nul\"}\n"
      "{\"id\": \"c\", \"text\": \"\\\"Fine,\\\" said Bo Chan.\"}\n"s);
  REQUIRE(r.articles.size() == 2);
  CHECK(r.articles[0].id == "a");
  CHECK(r.articles[0].text.find('\0') != std::string::npos);
  auto quotes = checked_quotes(r.articles[0].text);
  REQUIRE(quotes.size() == 1);
  CHECK(quotes[0].speaker == "Ann Lee");
  CHECK(r.articles[1].id == "c");
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].where == "h.jsonl:2");

  // Raw NULs anywhere in extraction input: no crash, exact offsets.
  std::string nul_text = "\"A\0B,\" said Ann Lee. \0\0 \"C\0\" \0"s;
  checked_quotes(nul_text);

  // A text file with NUL bytes is named; the folder's other article is still read.
  test::TempDir dir;
  std::ofstream(dir / "bad.txt") << "\"Hello\0,\" said Ann Lee."s;
  std::ofstream(dir / "good.txt") << "\"Hello,\" said Ann Lee.";
  std::vector<Article> articles;
  std::vector<ReadProblem> problems;
  read_inputs({dir / ""}, [&](Article&& a) { articles.push_back(std::move(a)); },
              [&](const ReadProblem& p) { problems.push_back(p); });
  REQUIRE(articles.size() == 1);
  CHECK(articles[0].id == "good");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where.find("bad.txt") != std::string::npos);
}

TEST_CASE("10,000 nested or unbalanced quotation marks") {
  const std::vector<std::pair<std::string, std::string>> marks = {
      {"\"", "\""}, {"\xE2\x80\x9C", "\xE2\x80\x9D"}, {"'", "'"}, {"\xE2\x80\x98", "\xE2\x80\x99"},
      {"\xC2\xAB", "\xC2\xBB"}, {"``", "''"}};
  for (const auto& [open, close] : marks) {
    CAPTURE(open);
    std::string openers, closers, nested, alternating;
    for (int i = 0; i < 10000; ++i) {
      openers += open + "a ";
      closers += "a" + close + " ";
      // Double and single families alternate, so each level is a real nesting.
      nested += (i % 2 ? "\xE2\x80\x98" : open) + std::string("w ");
      alternating += open + "x" + (i % 3 ? close : "") + " said Ann Lee. ";
    }
    for (int i = 0; i < 10000; ++i) nested += std::string(" w") + (i % 2 ? "\xE2\x80\x99" : close);
    auto t0 = std::chrono::steady_clock::now();
    checked_quotes(openers);
    checked_quotes(closers);
    checked_quotes(nested);
    checked_quotes(openers + closers);
    checked_quotes(closers + openers);
    checked_quotes(alternating);
    CHECK(seconds_since(t0) < 20.0);
  }
}

TEST_CASE("a quotation mark on every character") {
  const std::string base = "Ann Lee said the court was right, and Bo Chan said: it was not. ";
  for (const std::string mark : {"\"", "'", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xC2\xAB"}) {
    CAPTURE(mark);
    std::string text;
    for (int rep = 0; rep < 50; ++rep)
      for (char c : base) text += mark + std::string(1, c);
    auto t0 = std::chrono::steady_clock::now();
    checked_quotes(text);
    checked_quotes(std::string(20000, mark[0]));  // marks only (a lead byte alone is repaired input's job)
    CHECK(seconds_since(t0) < 20.0);
  }
  std::string marks_only;
  for (int i = 0; i < 5000; ++i) marks_only += i % 2 ? "\xE2\x80\x9C" : "\xE2\x80\x9D";
  checked_quotes(marks_only);
}

TEST_CASE("empty and whitespace-only articles") {
  for (const std::string text : {"", " ", "\n\n\n", " \t\r\n ", "\xC2\xA0\xE2\x80\x83", "\"", "\"\"", "\xE2\x80\x9C"})
    CHECK(checked_quotes(text).size() <= 1);
  CHECK(checked_quotes("").empty());
  CHECK(checked_quotes("   \n\t").empty());
  Read r = read_jsonl_string("{\"id\": \"e\", \"text\": \"\"}\n{\"id\": \"w\", \"text\": \"  \\n \"}\n");
  CHECK(r.problems.empty());
  REQUIRE(r.articles.size() == 2);
  for (const auto& a : r.articles) CHECK(extract_quotes(a).empty());
  // An empty text file is named, and is not an article.
  test::TempDir dir;
  std::ofstream(dir / "empty.txt") << "";
  std::ofstream(dir / "blank.md") << "---\ntitle: Only front matter\n---\n  \n";
  std::vector<ReadProblem> problems;
  std::size_t articles = 0;
  read_inputs({dir / ""}, [&](Article&&) { ++articles; }, [&](const ReadProblem& p) { problems.push_back(p); });
  CHECK(articles == 0);
  CHECK(problems.size() == 2);
}

TEST_CASE("JSON with wrong types or missing fields: each line named, the others read") {
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  const std::vector<std::string> bad = {
      "{\"id\": \"x\"}",                                   // no text
      "{\"text\": 5}",                                     // wrong type
      "{\"text\": [\"a\"]}",
      "{\"text\": {\"a\": 1}}",
      "{\"text\": true}",
      "{\"text\": \"t\", \"title\": 3}",
      "{\"text\": \"t\", \"date\": [2024]}",
      "{\"text\": \"t\", \"authors\": 7}",
      "{\"text\": \"t\", \"id\": 1.5}",
      "{\"text\": \"t\", \"id\": {}}",
      "\"just a string\"",
      "42",
      "null",
      "{\"text\": \"unterminated",
      "{\"text\": \"t\",}",
      "{\"text\": \"t\", \"n\": 7e773, \"bad\": \"\xff\"}",  // number overflow (found by fuzz_jsonl)
      "{\"text\": \"t\", \"n\": -1e999}x",
      deep,
      std::string(100000, '{'),
      "{\"text\": \"t\", \"x\": " + deep + "}" + "x",
  };
  std::string jsonl;
  int line = 0;
  std::vector<int> good_lines;
  for (const auto& b : bad) {
    jsonl += "{\"id\": \"good-" + std::to_string(++line) + "\", \"text\": \"\\\"Yes,\\\" said Ann Lee.\"}\n";
    good_lines.push_back(line);
    jsonl += b + "\n";
    ++line;
  }
  // Tolerated oddities: a numeric id, authors as one string, unknown fields, mixed author lists.
  jsonl += "{\"id\": 17, \"text\": \"t\", \"authors\": \"Ann Lee\", \"extra\": {\"deep\": [1, 2]}}\n";
  jsonl += "{\"text\": \"t\", \"authors\": [\"Ann\", 3, null, \"Bo\"], \"title\": null}\n";
  Read r = read_jsonl_string(jsonl);
  REQUIRE(r.problems.size() == bad.size());
  for (std::size_t i = 0; i < bad.size(); ++i) {
    CAPTURE(i);
    CHECK(r.problems[i].where == "h.jsonl:" + std::to_string(2 * i + 2));
    CHECK(r.problems[i].reason.size() < 400);  // a message, not the line echoed back
  }
  REQUIRE(r.articles.size() == bad.size() + 2);
  for (std::size_t i = 0; i < bad.size(); ++i) CHECK(r.articles[i].id == "good-" + std::to_string(good_lines[i]));
  CHECK(r.articles[bad.size()].id == "17");
  CHECK(r.articles[bad.size()].authors == std::vector<std::string>{"Ann Lee"});
  CHECK(r.articles[bad.size() + 1].authors == std::vector<std::string>{"Ann", "Bo"});
}

TEST_CASE("a query of 100 KB answers or fails cleanly, in bounded time") {
  test::TempDir dir;
  test::index_articles(dir / "h.db", test::read_articles({test::kSourceDir + "/corpus"}));
  QuoteIndex index = QuoteIndex::open({dir / "h.db"});
  std::string words, operators, marks;
  const char* pool[] = {"court", "ICC", "speaker:Evenson", "AND", "OR", "NOT", "\"constructive", "mood\"",
                        "date:2024..2025", "org:HRW", "(", ")", "st*", "zzyzx"};
  for (std::size_t i = 0; words.size() < 100 * 1024; ++i) words += std::string(pool[i * 7 % 14]) + " ";
  while (operators.size() < 100 * 1024) operators += "court OR ";
  marks = std::string(100 * 1024, '"');
  for (const auto* q : {&words, &operators, &marks}) {
    SearchRequest req;
    req.query = *q;
    auto t0 = std::chrono::steady_clock::now();
    try {
      SearchResult r = search(index, req);
      CHECK(r.hits.size() <= req.limit);
    } catch (const Error& e) {
      CHECK(e.exit_code() == exit_usage);
      CHECK(std::string(e.what()).size() < 1000);  // names the query, does not echo 100 KB of it
    }
    CHECK(seconds_since(t0) < 30.0);
  }
}

// Found by fuzz_query (LeakSanitizer): with FLAG_BOOLEAN, a syntax error Xapian's QueryParser
// recovers from (a leading OR, then a word with a full stop and NEAR) leaks one 96-byte object
// inside Xapian 1.4.22 (Debian libxapian30): reproduced with Xapian alone, no whosaid code, so
// fuzz/query.lsan.supp suppresses it for the fuzzer. The query still answers, retried by Xapian
// without operators. Whosaid's own leaks on that path (a field processor that throws: the bad
// dates below) stay checked: the sanitizer suite runs without the suppression.
TEST_CASE("queries Xapian's parser recovers from answer") {
  test::TempDir dir;
  test::index_articles(dir / "x.db", test::read_articles({test::kSourceDir + "/corpus"}));
  QuoteIndex index = QuoteIndex::open({dir / "x.db"});
  for (const std::string& q : {std::string("OR a. b NEAR c d"), std::string("OR court. ICC NEAR states leaning"),
                               std::string("OR\0o n\vN\0o? n\vNEAR \0o\0o", 23)}) {
#ifdef WHOSAID_LSAN
    __lsan::ScopedDisabler xapian_leak;
#endif
    SearchRequest req;
    req.query = q;
    try {
      SearchResult r = search(index, req);
      CHECK(r.hits.size() <= req.limit);
    } catch (const Error& e) {
      CHECK(e.exit_code() == exit_usage);
    }
  }
}

TEST_CASE("date ranges: backwards, malformed, and the forms that work") {
  test::TempDir dir;
  test::index_articles(dir / "d.db", test::read_articles({test::kSourceDir + "/tests/data/search-fixture.jsonl"}));
  QuoteIndex index = QuoteIndex::open({dir / "d.db"});
  for (const std::string bad : {"date:2025..2024", "date:2024-12-31..2024-01-01", "date:yesterday", "date:2024-13",
                                "date:2024-02-30x", "date:2024..2025..2026", "date:..", "date:20241",
                                "date:2024-1", "date:2024-00-10", "date:2024-01-32"}) {
    CAPTURE(bad);
    SearchRequest req;
    req.query = bad;
    try {
      search(index, req);
      FAIL("no error for " << bad);
    } catch (const Error& e) {
      CHECK(e.exit_code() == exit_usage);
      CHECK(std::string(e.what()).find(bad.substr(5)) != std::string::npos);
    }
  }
  for (const std::string good : {"date:2019..2025", "date:2024", "date:2024-03", "date:2024-03-04", "date:..2030",
                                 "date:2000..", "date:20240304", "date:2024..2024"}) {
    CAPTURE(good);
    SearchRequest req;
    req.query = good;
    CHECK_NOTHROW(search(index, req));
  }
}

TEST_CASE("a WARC record claiming an enormous length is a truncated record, and the folder goes on") {
  test::TempDir dir;
  std::ofstream(dir / "huge.warc", std::ios::binary)
      << "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\n"
         "Content-Length: 999999999999999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>hi</p>\r\n";
  std::filesystem::copy_file(test::kSourceDir + "/tests/data/sample.warc", dir / "sample.warc");
  std::vector<Article> articles;
  std::vector<ReadProblem> problems;
  read_inputs({dir / ""}, [&](Article&& a) { articles.push_back(std::move(a)); },
              [&](const ReadProblem& p) { problems.push_back(p); });
  CHECK(articles.size() == 2);  // sample.warc's two pages
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where.find("huge.warc") != std::string::npos);
  CHECK(problems[0].reason == "truncated record");
}

TEST_CASE("HTML without any element, or nested 200,000 deep") {
  for (const std::string html : {"", "<!-- only a comment -->", "<!DOCTYPE html>", "\xEF\xBB\xBF", "<?xml?>"}) {
    Article a = read_html_article(html, "d", "h.html");
    CHECK(a.id == "d");
    CHECK(a.text.empty());
  }
  std::string deep = "<html><body>";
  for (int i = 0; i < 200000; ++i) deep += "<div>";
  deep += "<p>\"Deep,\" said Ann Lee.</p>";
  Article a = read_html_article(deep, "d", "h.html");  // libxml2 stops at its depth limit
  CHECK(a.id == "d");
}
