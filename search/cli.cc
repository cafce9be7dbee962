#include "cli.h"

#include <cstdlib>
#include <iostream>

#include <unistd.h>

#include "error.h"

namespace whosaid {

std::unique_ptr<CLI::App> make_verb_app(const std::string& verb, const std::string& description,
                                        CommonOptions& options, bool with_format) {
  auto app = std::make_unique<CLI::App>(description, "whosaid " + verb);
  app->set_version_flag("--version", std::string("whosaid ") + WHOSAID_VERSION);
  app->add_option("--db", options.dbs,
                  "index to read (default: $WHOSAID_DB, else ./whosaid.db); repeat to search several as one");
  if (with_format)
    app->add_option("--format", options.format, "text (default), json or jsonl")
        ->check(CLI::IsMember({"text", "json", "jsonl"}));
  return app;
}

QuoteIndex open_index(const CommonOptions& options) {
  std::vector<std::string> dbs = options.dbs;
  if (dbs.empty()) {
    const char* env = std::getenv("WHOSAID_DB");
    dbs.push_back(env && *env ? env : "whosaid.db");
  }
  return QuoteIndex::open(dbs);
}

std::unique_ptr<Printer> stdout_printer(const CommonOptions& options) {
  return make_printer(options.format, std::cout, isatty(STDOUT_FILENO) != 0);
}

int run_verb(CLI::App& app, int argc, char** argv, const std::function<int()>& body) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << app.get_name() << ": " << e.what() << " (try --help)\n";
    return exit_usage;
  }
  try {
    int rc = body();
    std::cout.flush();
    return rc;
  } catch (const Error& e) {
    std::cerr << app.get_name() << ": " << e.what() << "\n";
    return e.exit_code();
  } catch (const std::exception& e) {
    std::cerr << app.get_name() << ": internal error: " << e.what() << "\n";
    return exit_internal;
  }
}

}  // namespace whosaid
