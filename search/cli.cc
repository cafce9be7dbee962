#include "cli.h"

#include <cstdlib>
#include <iostream>

#include <unistd.h>

#include <fmt/format.h>

#include "error.h"

namespace whosaid {

std::unique_ptr<CLI::App> make_verb_app(const std::string& verb, const std::string& description,
                                        CommonOptions& options, bool with_format) {
  auto app = std::make_unique<CLI::App>(description, "whosaid " + verb);
  app->set_version_flag("--version", std::string("whosaid ") + WHOSAID_VERSION);
  app->add_option("--db", options.dbs,
                  "index to read (default: $WHOSAID_DB, else ./whosaid.db): a path, a remote shard\n"
                  "tcp:HOST:PORT served by xapian-tcpsrv, or a Xapian stub file listing them; repeat to\n"
                  "search several as one (docs/scale-out.md)");
  app->add_flag("--allow-partial", options.allow_partial,
                "when a shard is down or too slow, answer from the others and name the missing ones\n"
                "(stderr; \"missing_shards\" in JSON) instead of failing");
  app->add_option("--remote-timeout", options.remote_timeout_ms,
                  "MS to wait for a remote shard to connect or answer (default: $WHOSAID_REMOTE_TIMEOUT_MS,\n"
                  "else 10000)")
      ->check(CLI::PositiveNumber);
  if (with_format)
    app->add_option("--format", options.format, "text (default), json or jsonl")
        ->check(CLI::IsMember({"text", "json", "jsonl"}));
  return app;
}

OpenOptions open_options(const CommonOptions& options) {
  OpenOptions o;
  o.allow_partial = options.allow_partial;
  if (options.remote_timeout_ms > 0) {
    o.remote_timeout_ms = options.remote_timeout_ms;
  } else if (const char* env = std::getenv("WHOSAID_REMOTE_TIMEOUT_MS"); env && *env) {
    char* end = nullptr;
    unsigned long ms = std::strtoul(env, &end, 10);
    if (*end || ms == 0 || ms > 86400000)
      throw Error(fmt::format("WHOSAID_REMOTE_TIMEOUT_MS={}: expected milliseconds, 1 to 86400000", env));
    o.remote_timeout_ms = static_cast<unsigned>(ms);
  }
  return o;
}

QuoteIndex open_index(const CommonOptions& options) {
  std::vector<std::string> dbs = options.dbs;
  if (dbs.empty()) {
    const char* env = std::getenv("WHOSAID_DB");
    dbs.push_back(env && *env ? env : "whosaid.db");
  }
  return QuoteIndex::open(dbs, open_options(options));
}

std::unique_ptr<Printer> stdout_printer(const CommonOptions& options, const QuoteIndex* index) {
  return make_printer(options.format, std::cout, isatty(STDOUT_FILENO) != 0, index);
}

void report_missing_shards(const QuoteIndex& index, const std::string& verb) {
  if (index.missing().empty()) return;
  std::cerr << fmt::format("whosaid {}: partial answer, without the quotations of {} shard{}: {}\n", verb,
                           index.missing().size(), index.missing().size() == 1 ? "" : "s",
                           describe(index.missing()));
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
