// What every `whosaid` verb shares: --db (repeatable: paths, tcp:HOST:PORT shards, stub files),
// --allow-partial, --remote-timeout, --format, --version, opening the index, and turning errors
// into the exit codes of CONTRACT.md.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "printer.h"
#include "quote_index.h"

namespace whosaid {

struct CommonOptions {
  std::vector<std::string> dbs;  // empty: $WHOSAID_DB, else ./whosaid.db
  std::string format = "text";
  bool allow_partial = false;          // answer from the shards that answer
  unsigned remote_timeout_ms = 0;      // 0: $WHOSAID_REMOTE_TIMEOUT_MS, else 10000
};

// A verb's CLI11 app with --help, --version and --db; --format too when `with_format`.
std::unique_ptr<CLI::App> make_verb_app(const std::string& verb, const std::string& description,
                                        CommonOptions& options, bool with_format = true);

// How the verb's options open shards (for verbs that open the index themselves, like serve).
OpenOptions open_options(const CommonOptions& options);
QuoteIndex open_index(const CommonOptions& options);

// A printer for stdout in the chosen format (ANSI highlights only on a terminal); JSON names
// `index`'s missing shards when it allows a partial answer.
std::unique_ptr<Printer> stdout_printer(const CommonOptions& options, const QuoteIndex* index = nullptr);

// A partial answer (--allow-partial with a shard down) says so on stderr, naming the shards.
void report_missing_shards(const QuoteIndex& index, const std::string& verb);

// Parses the verb's arguments and runs `body`: usage errors exit 2 with a one-line message,
// whosaid::Error exits with its code, anything else 3.
int run_verb(CLI::App& app, int argc, char** argv, const std::function<int()>& body);

}  // namespace whosaid
