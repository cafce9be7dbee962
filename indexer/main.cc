// whosaid-index: reads articles, extracts quotations, writes the index (or prints them: --extract).
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "error.h"
#include "extract.h"
#include "extract_json.h"
#include "index_writer.h"
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

std::string default_db() {
  const char* env = std::getenv("WHOSAID_DB");
  return env && *env ? env : "whosaid.db";
}

// Indexes every INPUT (each article replaces its earlier quotations), after removing the articles
// named by --delete. Exit 2 when nothing could be read at all.
int run_index(const std::string& db, const std::vector<std::string>& inputs, const std::vector<std::string>& deletes,
              std::size_t batch) {
  // Extraction and document building here, Xapian on the writer's thread: two cores, two stages.
  IndexWriter writer(db, {.batch_articles = batch, .background = true});
  for (const auto& id : deletes) {
    if (writer.delete_article(id) == 0)
      std::cerr << fmt::format("whosaid-index: --delete {}: no such article in {}\n", id, db);
  }
  std::size_t articles = 0;
  std::vector<ReadProblem> problems;
  read_inputs(
      inputs,
      [&](Article&& a) {
        writer.replace_article(a, extract_quotes(a));
        ++articles;
      },
      [&](const ReadProblem& p) {
        problems.push_back(p);
        std::cerr << fmt::format("whosaid-index: {}: skipped: {}\n", p.where, p.reason);
      });
  writer.commit();
  std::cerr << fmt::format("whosaid-index: {}: {} articles, {} quotations indexed, {} removed, {} skipped\n", db,
                           articles, writer.quotations_written(), writer.quotations_deleted(), problems.size());
  if (articles == 0 && !problems.empty()) return exit_usage;
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "whosaid-index: find every quotation in news articles, bind it to its speaker, and index it.\n\n"
      "Examples:\n"
      "  whosaid-index --extract article.txt          print quotations as JSON lines, index nothing\n"
      "  whosaid-index --db news.db archive/ more.jsonl  index a folder and a JSONL file\n"
      "  whosaid-index --db news.db --delete ID        remove an article's quotations\n"
      "  cat feed.jsonl | whosaid-index --db news.db -   index JSON Lines from stdin\n\n"
      "Inputs: .jsonl/.ndjson (one article per line), .txt/.md (optional front matter),\n"
      "directories (walked recursively), '-' (JSONL on stdin)."};
  app.set_version_flag("--version", std::string("whosaid-index ") + WHOSAID_VERSION);
  bool extract = false;
  std::string db;
  std::vector<std::string> inputs;
  std::vector<std::string> deletes;
  std::size_t batch = 500;
  app.add_flag("--extract", extract, "print quotations as JSON lines on stdout instead of indexing");
  app.add_option("--db", db, "index path (default: $WHOSAID_DB, else ./whosaid.db)");
  app.add_option("--delete", deletes, "remove this article id's quotations from the index (repeatable)");
  app.add_option("--batch", batch, "articles per transaction (default 500)")->check(CLI::PositiveNumber);
  app.add_option("inputs", inputs, "files, directories or - (JSONL on stdin)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : exit_usage;
  }
  try {
    if (extract) {
      if (inputs.empty()) throw Error("no INPUT given (try --help)");
      if (!deletes.empty()) throw Error("--delete cannot be used with --extract");
      return run_extract(inputs);
    }
    if (inputs.empty() && deletes.empty()) throw Error("no INPUT given (try --help)");
    return run_index(db.empty() ? default_db() : db, inputs, deletes, batch);
  } catch (const Error& e) {
    std::cerr << "whosaid-index: " << e.what() << "\n";
    return e.exit_code();
  } catch (const std::exception& e) {
    std::cerr << "whosaid-index: internal error: " << e.what() << "\n";
    return exit_internal;
  }
}
