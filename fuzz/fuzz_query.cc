// Fuzz target: the search query path (QueryParser setup of schema.cc: words, phrases, AND/OR/NOT,
// wildcards, field prefixes, exact filters, date:FROM..TO) and the match, facets, duplicate
// resolution, snippets and spelling correction of search.cc, against a small index built once.
// A query either answers or fails with a usage error (exit 2); anything else is a bug.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "error.h"
#include "extract.h"
#include "fuzz_check.h"
#include "index_writer.h"
#include "search.h"

namespace {

using namespace whosaid;

std::filesystem::path g_dir;

void remove_index() { std::filesystem::remove_all(g_dir); }

QuoteIndex& fixture() {
  static QuoteIndex* index = [] {
    g_dir = std::filesystem::temp_directory_path() / ("whosaid-fuzz-query-" + std::to_string(getpid()));
    std::filesystem::remove_all(g_dir);
    std::atexit(remove_index);
    const char* texts[] = {
        "\"It's been a constructive mood [with] a lot of states leaning in,\" said Liz Evenson, international "
        "justice director at Human Rights Watch. \"We support the court,\" she added.",
        "Reed Rubinstein, legal adviser to the U.S. State Department, said: \"We expect all ICC actions... to be "
        "terminated [or] all options remain on the table.\"",
        "\"The strike will go on,\" union leader Maria Lopez told reporters. The port authority called it "
        "\"a disgrace\". \"We are open to talks,\" said a spokesperson for the International Criminal Court.",
        "\"The budget is balanced,\" Mayor John Smith said. \"The budget is balanced,\" he repeated.",
    };
    const char* dates[] = {"2024-12-02", "2025-01-15T10:00:00Z", "", "1999-07"};
    IndexWriter writer(g_dir.string(), {.batch_articles = 2});
    for (int i = 0; i < 4; ++i) {
      Article a;
      a.id = "fuzz-" + std::to_string(i);
      a.title = "Fuzz article " + std::to_string(i);
      a.outlet = i % 2 ? "Harbour Times" : "Daily Courier";
      a.date = dates[i];
      a.text = texts[i];
      writer.replace_article(a, extract_quotes(a));
    }
    writer.commit();
    return new QuoteIndex(QuoteIndex::open({g_dir.string()}));
  }();
  return *index;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  QuoteIndex& index = fixture();
  SearchRequest req;
  // The first byte picks the options; the rest is the query.
  unsigned char opts = size ? data[0] : 0;
  req.query.assign(reinterpret_cast<const char*>(data) + (size ? 1 : 0), size ? size - 1 : 0);
  req.sort = static_cast<SortOrder>(opts % 3);
  req.collapse_duplicates = (opts & 4) == 0;
  req.offset = (opts >> 3) & 3;
  req.limit = 1 + ((opts >> 5) & 7);
  try {
    SearchResult r = search(index, req);
    FUZZ_CHECK(r.hits.size() <= req.limit);
    for (const auto& hit : r.hits) FUZZ_CHECK(!hit.record.quote.quote_id.empty());
  } catch (const Error& e) {
    if (e.exit_code() != exit_usage) {
      std::fprintf(stderr, "query failed with exit %d: %s\n", e.exit_code(), e.what());
      std::abort();
    }
  }
  return 0;
}
