// whosaid search [--format text|json|jsonl] [--limit N] [--offset N] [--sort relevance|date] QUERY
#include "cli.h"
#include "commands.h"
#include "error.h"
#include "search.h"

namespace whosaid {

namespace {

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
                           "  whosaid search --sort date 'speaker:Evenson date:2024..2025'",
                           common);
  std::vector<std::string> words;
  SearchRequest req;
  std::string sort = "relevance";
  bool all = false;
  app->add_option("--limit", req.limit, "hits to show (default 10)");
  app->add_option("--offset", req.offset, "hits to skip (default 0)");
  app->add_option("--sort", sort, "relevance (default), date (newest first) or oldest");
  app->add_flag("--all-copies", all, "list identical quotations separately instead of the earliest");
  app->add_option("query", words, "the query")->required();
  return run_verb(*app, argc, argv, [&] {
    req.query = join_words(words);
    req.sort = parse_sort_order(sort);
    req.collapse_duplicates = !all;
    QuoteIndex index = open_index(common);
    SearchResult r = search(index, req);
    stdout_printer(common)->search(r);
    return r.total == 0 ? exit_not_found : exit_ok;
  });
}

}  // namespace whosaid
