// whosaid-index: reads articles, extracts quotations, writes the index (or prints them: --extract).
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "error.h"
#include "extract.h"
#include "extract_json.h"
#include "reader.h"

using namespace whosaid;

namespace {

int run_extract(const std::vector<std::string>& inputs) {
  std::size_t articles = 0, quotes = 0, problems = 0;
  std::string buf;
  read_inputs(
      inputs,
      [&](Article&& a) {
        ++articles;
        for (const auto& q : extract_quotes(a)) {
          buf += quote_to_json_line(q);
          buf += '\n';
          ++quotes;
        }
        if (buf.size() > (1u << 16)) {
          std::fwrite(buf.data(), 1, buf.size(), stdout);
          buf.clear();
        }
      },
      [&](const ReadProblem& p) {
        ++problems;
        std::cerr << fmt::format("whosaid-index: {}: skipped: {}\n", p.where, p.reason);
      });
  std::fwrite(buf.data(), 1, buf.size(), stdout);
  std::fflush(stdout);
  std::cerr << fmt::format("whosaid-index: extracted {} quotations from {} articles ({} skipped)\n", quotes,
                           articles, problems);
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "whosaid-index: find every quotation in news articles, bind it to its speaker, and index it.\n\n"
      "Examples:\n"
      "  whosaid-index --extract article.txt          print quotations as JSON lines, index nothing\n"
      "  whosaid-index --db news.db archive/ more.jsonl  index a folder and a JSONL file\n"
      "  cat feed.jsonl | whosaid-index --db news.db -   index JSON Lines from stdin\n\n"
      "Inputs: .jsonl/.ndjson (one article per line), .txt/.md (optional front matter),\n"
      "directories (walked recursively), '-' (JSONL on stdin)."};
  app.set_version_flag("--version", std::string("whosaid-index ") + WHOSAID_VERSION);
  bool extract = false;
  std::string db;
  std::vector<std::string> inputs;
  app.add_flag("--extract", extract, "print quotations as JSON lines on stdout instead of indexing");
  app.add_option("--db", db, "index path (default: $WHOSAID_DB, else ./whosaid.db)");
  app.add_option("inputs", inputs, "files, directories or - (JSONL on stdin)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : exit_usage;
  }
  try {
    if (inputs.empty()) throw Error("no INPUT given (try --help)");
    if (extract) return run_extract(inputs);
    throw Error("indexing is not built yet; use --extract");
  } catch (const Error& e) {
    std::cerr << "whosaid-index: " << e.what() << "\n";
    return e.exit_code();
  } catch (const std::exception& e) {
    std::cerr << "whosaid-index: internal error: " << e.what() << "\n";
    return exit_internal;
  }
}
