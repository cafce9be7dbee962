// What every `whosaid` verb shares: --db (repeatable), --format, --version, opening the index,
// and turning errors into the exit codes of CONTRACT.md.
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
};

// A verb's CLI11 app with --help, --version and --db; --format too when `with_format`.
std::unique_ptr<CLI::App> make_verb_app(const std::string& verb, const std::string& description,
                                        CommonOptions& options, bool with_format = true);

QuoteIndex open_index(const CommonOptions& options);

// A printer for stdout in the chosen format (ANSI highlights only on a terminal).
std::unique_ptr<Printer> stdout_printer(const CommonOptions& options);

// Parses the verb's arguments and runs `body`: usage errors exit 2 with a one-line message,
// whosaid::Error exits with its code, anything else 3.
int run_verb(CLI::App& app, int argc, char** argv, const std::function<int()>& body);

}  // namespace whosaid
