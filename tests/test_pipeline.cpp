// The pieces of whosaid-index's pipeline: the ordered parallel stage, shards, content hashes,
// the progress line.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "content_hash.h"
#include "error.h"
#include "pipeline.h"
#include "progress.h"
#include "shard.h"

using namespace whosaid;

namespace {

Article numbered(int i) {
  Article a;
  a.id = std::to_string(i);
  a.text = std::string(static_cast<std::size_t>(i % 7) * 1000, 'x');
  return a;
}

}  // namespace

TEST_CASE("the pipeline hands results on in input order, whatever order the workers finish in") {
  for (unsigned jobs : {1u, 2u, 4u}) {
    std::vector<std::string> seen;
    std::atomic<int> max_in_flight{0}, in_flight{0};
    {
      OrderedPipeline p(
          jobs, 3,
          [&](PipelineItem& item, unsigned worker) {
            CHECK(worker < jobs);
            int now = ++in_flight;
            int prev = max_in_flight.load();
            while (now > prev && !max_in_flight.compare_exchange_weak(prev, now)) {}
            // Later articles finish first: odd ids sleep.
            if (std::stoi(item.article.id) % 2) std::this_thread::sleep_for(std::chrono::milliseconds(2));
            item.quotations = item.article.text.size();
            --in_flight;
          },
          [&](PipelineItem& item) {
            CHECK(item.quotations == item.article.text.size());
            seen.push_back(item.article.id);
          });
      for (int i = 0; i < 50; ++i) p.push(numbered(i));
      p.finish();
    }
    REQUIRE(seen.size() == 50);
    for (int i = 0; i < 50; ++i) CHECK(seen[static_cast<std::size_t>(i)] == std::to_string(i));
    CHECK(max_in_flight.load() <= 3);  // the window bounds what is in flight
  }
}

TEST_CASE("a failure in a worker or the consumer stops the pipeline and reaches the caller") {
  SUBCASE("worker") {
    OrderedPipeline p(
        2, 4, [](PipelineItem& item, unsigned) { if (item.article.id == "5") throw std::runtime_error("bad five"); },
        [](PipelineItem&) {});
    bool thrown = false;
    try {
      for (int i = 0; i < 100; ++i) p.push(numbered(i));
      p.finish();
    } catch (const std::runtime_error& e) {
      thrown = true;
      CHECK(std::string(e.what()) == "bad five");
    }
    CHECK(thrown);
  }
  SUBCASE("consumer") {
    int consumed = 0;
    OrderedPipeline p(
        2, 4, [](PipelineItem&, unsigned) {},
        [&](PipelineItem& item) {
          if (item.article.id == "3") throw Error("disk full");
          ++consumed;
        });
    CHECK_THROWS_WITH_AS(([&] { for (int i = 0; i < 100; ++i) p.push(numbered(i)); p.finish(); })(), "disk full", Error);
    CHECK(consumed == 3);  // nothing after the failure is consumed
  }
}

TEST_CASE("an empty pipeline finishes") {
  OrderedPipeline p(3, 8, [](PipelineItem&, unsigned) {}, [](PipelineItem&) { FAIL("nothing to consume"); });
  p.finish();
}

TEST_CASE("--shard K/N: parsed strictly; every id in exactly one shard; stable") {
  CHECK(parse_shard("2/3").index == 2);
  CHECK(parse_shard("2/3").count == 3);
  CHECK(parse_shard("1/1").count == 1);
  for (const char* bad : {"0/3", "4/3", "3", "/3", "1/", "a/b", "1/3x", "-1/3", "1/0", ""})
    CHECK_THROWS_AS(parse_shard(bad), Error);
  std::vector<int> per_shard(3);
  for (int i = 0; i < 3000; ++i) {
    std::string id = "article-" + std::to_string(i);
    int hits = 0;
    for (unsigned k = 1; k <= 3; ++k)
      if (in_shard(id, {k, 3})) {
        ++hits;
        ++per_shard[k - 1];
      }
    CHECK(hits == 1);
  }
  for (int n : per_shard) CHECK(n > 900);  // roughly even
  // The hash is FNV-1a 64 of the id: fixed across runs, machines and versions (docs/scale-out.md).
  // FNV-1a 64 of "seed-icc-assembly" is 0xdf870c76dd33f361: shard 3 of 3, shard 1 of 5.
  CHECK(in_shard("seed-icc-assembly", {3, 3}));
  CHECK(in_shard("seed-icc-assembly", {1, 5}));
  CHECK_FALSE(in_shard("seed-icc-assembly", {1, 3}));
}

TEST_CASE("content hash: any field or the engine changes it; where it was read from does not") {
  Article a;
  a.id = "x";
  a.title = "T";
  a.text = "body";
  a.authors = {"A", "B"};
  const auto h = article_content_hash(a, "v1");
  CHECK(h == article_content_hash(a, "v1"));
  CHECK(h != article_content_hash(a, "v2"));
  Article b = a;
  b.source = "elsewhere.jsonl:9";
  b.input_bytes = 12345;
  CHECK(article_content_hash(b, "v1") == h);
  b = a;
  b.text = "body ";
  CHECK(article_content_hash(b, "v1") != h);
  b = a;
  b.authors = {"AB"};
  CHECK(article_content_hash(b, "v1") != h);
  b = a;  // bytes moved from one field to the next
  b.title = "Tb";
  b.text = "ody";
  CHECK(article_content_hash(b, "v1") != h);
  b = a;
  b.date = "2024";
  CHECK(article_content_hash(b, "v1") != h);
}

TEST_CASE("progress line: counts, rate, percent and ETA") {
  ProgressCounts c;
  c.articles = 1234;
  c.unchanged = 56;
  c.quotations = 7890;
  c.bytes = 25'000'000;
  CHECK(progress_line(c, 100'000'000, 2.0) ==
        "1,234 articles (56 unchanged), 7,890 quotations, 12.5 MB/s, 25%, ETA 6s");
  c.problems = 3;
  c.unchanged = 0;
  CHECK(progress_line(c, 0, 2.0) == "1,234 articles, 7,890 quotations, 3 skipped, 12.5 MB/s");  // size unknown
  ProgressCounts one;
  one.articles = 1;
  one.bytes = 10;
  CHECK(progress_line(one, 1000, 0.5) == "1 article, 0 quotations, 0.0 MB/s, 1%");  // no ETA before 1 s
  c.bytes = 50'000'000;
  CHECK(progress_line(c, 100'000'000, 5000.0).find("ETA 1h23m") != std::string::npos);
  CHECK(with_thousands(0) == "0");
  CHECK(with_thousands(999) == "999");
  CHECK(with_thousands(1000) == "1,000");
  CHECK(with_thousands(1234567) == "1,234,567");
}
