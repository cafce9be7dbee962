// whosaid speakers [--limit N] [QUERY]: who is quoted, how often, with which roles and organisations.
#include "cli.h"
#include "commands.h"
#include "error.h"
#include "speakers.h"

namespace whosaid {

int cmd_speakers(int argc, char** argv) {
  CommonOptions common;
  auto app = make_verb_app("speakers",
                           "List the speakers quoted (in quotations matching QUERY), most quoted first, with\n"
                           "their roles and organisations.\n\n"
                           "Examples:\n"
                           "  whosaid speakers\n"
                           "  whosaid speakers 'org:\"Human Rights Watch\"'",
                           common);
  std::vector<std::string> words;
  SpeakersRequest req;
  app->add_option("--limit", req.limit, "speakers to list (default 50)");
  app->add_option("query", words, "only quotations matching this query");
  return run_verb(*app, argc, argv, [&] {
    for (const auto& w : words) req.query += (req.query.empty() ? "" : " ") + w;
    QuoteIndex index = open_index(common);
    auto list = list_speakers(index, req);
    stdout_printer(common, &index)->speakers(req.query, list);
    report_missing_shards(index, "speakers");
    return list.empty() ? exit_not_found : exit_ok;
  });
}

}  // namespace whosaid
