// whosaid show QUOTE_ID: one quotation with its article and the paragraph it stands in.
#include <iostream>

#include <fmt/format.h>

#include "cli.h"
#include "commands.h"
#include "error.h"

namespace whosaid {

int cmd_show(int argc, char** argv) {
  CommonOptions common;
  auto app = make_verb_app("show",
                           "Show one quotation (by the id search prints) with its full context.\n\n"
                           "Example:\n"
                           "  whosaid show 'seed-icc-assembly#1'",
                           common);
  std::string id;
  app->add_option("quote_id", id, "the quotation's id")->required();
  return run_verb(*app, argc, argv, [&] {
    QuoteIndex index = open_index(common);
    auto record = index.find(id);
    report_missing_shards(index, "show");
    if (!record) {
      std::cerr << fmt::format("whosaid show: no quotation {} in {}\n", id, index.name());
      return static_cast<int>(exit_not_found);
    }
    Hit hit;
    hit.record = std::move(*record);
    stdout_printer(common, &index)->quotation(hit);
    return static_cast<int>(exit_ok);
  });
}

}  // namespace whosaid
