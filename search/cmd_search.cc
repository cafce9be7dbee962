// whosaid search [--format text|json|jsonl] [--limit N] [--offset N] [--sort relevance|date] QUERY
//                [--queries FILE] [--facets | --no-facets]
#include <chrono>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli.h"
#include "commands.h"
#include "error.h"
#include "search.h"

namespace whosaid {

namespace {

// Every line of FILE ("-": stdin) is a query, run against the index opened once: for scripts
// and for measuring latency without process start-up. A query that does not parse is reported
// (file:line) and the others still run; the exit status is then 2.
int run_query_file(const std::string& file, const QuoteIndex& index, SearchRequest req, Printer& printer) {
  std::ifstream in_file;
  if (file != "-") {
    in_file.open(file);
    if (!in_file) throw Error(fmt::format("--queries {}: cannot read it", file));
  }
  std::istream& in = file == "-" ? std::cin : in_file;
  std::size_t line_no = 0, found = 0;
  bool failed = false;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    req.query = line;
    try {
      auto t0 = std::chrono::steady_clock::now();
      SearchResult r = search(index, req);
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      printer.search_timed(r, ms);
      if (r.total > 0) ++found;
    } catch (const Error& e) {
      if (e.exit_code() != exit_usage) throw;
      std::cerr << fmt::format("whosaid search: {}:{}: {}\n", file, line_no, e.what());
      failed = true;
    }
  }
  if (failed) return exit_usage;
  return found > 0 ? exit_ok : exit_not_found;
}

// QUERY may be given as several arguments: `whosaid search speaker:Evenson court`.
std::string join_words(const std::vector<std::string>& words) {
  std::string q;
  for (const auto& w : words) q += (q.empty() ? "" : " ") + w;
  return q;
}

}  // namespace

int cmd_search(int argc, char** argv) {
  CommonOptions common;
  auto app = make_verb_app("search",
                           "Find quotations: words, \"phrases\", AND/OR/NOT, and the fields speaker:, org:, role:,\n"
                           "outlet:, title:, article:, id:, kind:, date:FROM..TO (YYYY, YYYY-MM or YYYY-MM-DD).\n"
                           "Exact filters: speaker_exact:, org_exact:, outlet_exact:.\n\n"
                           "Examples:\n"
                           "  whosaid search ICC\n"
                           "  whosaid search 'org:HRW AND court'\n"
                           "  whosaid search --sort date 'speaker:Evenson date:2024..2025'\n"
                           "  whosaid search --format jsonl --queries queries.txt   one query per line, one\n"
                           "                                                        answer per line, with elapsed_ms\n"
                           "  whosaid search --db tcp:10.0.0.2:7001 --db tcp:10.0.0.3:7001 --allow-partial ICC\n"
                           "                                   two shards as one; names a shard that is down\n\n"
                           "Capitals and accents do not matter (Kenosha = kenosha, Gdansk = Gdańsk). Totals and\n"
                           "facet counts are exact when the search saw every match, else estimates (\"about\").",
                           common);
  std::vector<std::string> words;
  SearchRequest req;
  std::string sort = "relevance";
  bool all = false;
  app->add_option("--limit", req.limit, "hits to show (default 10)");
  app->add_option("--offset", req.offset, "hits to skip (default 0)");
  app->add_option("--sort", sort, "relevance (default), date (newest first) or oldest");
  app->add_flag("--all-copies", all, "list identical quotations separately instead of the earliest");
  bool facets = false, no_facets = false;
  app->add_flag("--facets", facets,
                "count the top speakers and organisations (the default but for --format jsonl, whose\n"
                "lines have no place for them: there --queries prints them with --facets)");
  app->add_flag("--no-facets", no_facets, "do not count them (a faster search)");
  std::string queries;
  app->add_option("--queries", queries,
                  "run every line of FILE ('-': stdin) as a query in this one process; prints one answer\n"
                  "per query with its elapsed_ms (json and jsonl: one line per query)");
  app->add_option("query", words, "the query (required unless --queries)");
  // The query is optional now, so --db must not swallow it: one path per --db.
  app->get_option("--db")->allow_extra_args(false);
  return run_verb(*app, argc, argv, [&] {
    if (words.empty() == queries.empty())
      throw Error(words.empty() ? "no QUERY given (try --help)" : "give either QUERY or --queries FILE, not both");
    if (facets && no_facets) throw Error("give either --facets or --no-facets, not both");
    req.sort = parse_sort_order(sort);
    req.collapse_duplicates = !all;
    // Counted only where shown: jsonl prints a hit per line, or with --queries one line per query
    // that carries them only when asked.
    req.facets = facets || (!no_facets && common.format != "jsonl");
    QuoteIndex index = open_index(common);
    if (!queries.empty()) {
      int rc = run_query_file(queries, index, req, *stdout_printer(common, &index));
      report_missing_shards(index, "search");
      return rc;
    }
    req.query = join_words(words);
    SearchResult r = search(index, req);
    stdout_printer(common, &index)->search(r);
    report_missing_shards(index, "search");
    return r.total == 0 ? int{exit_not_found} : int{exit_ok};
  });
}

}  // namespace whosaid
