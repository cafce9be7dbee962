// whosaid: everything that reads the index. A dispatcher over the verbs in commands.h.
#include <cstring>
#include <iostream>
#include <string_view>

#include "commands.h"
#include "error.h"

using namespace whosaid;

namespace {

struct Verb {
  std::string_view name;
  std::string_view summary;
  int (*run)(int argc, char** argv);
};

// Add a verb here and in commands.h.
constexpr Verb kVerbs[] = {
    {"search", "find quotations by words, speaker, organisation, role, outlet, date", cmd_search},
    {"speakers", "list quoted speakers with counts, roles and organisations", cmd_speakers},
    {"show", "one quotation with its article and paragraph", cmd_show},
    {"verify", "check a claimed quotation: said, altered, by whom, where first", cmd_verify},
    {"cite", "a citation of a quotation (apa, mla, chicago, csl-json, bibtex)", cmd_cite},
    {"serve", "a web page and JSON API over the index (HTTP, read-only)", cmd_serve},
};

void usage(std::ostream& out) {
  out << "whosaid: who said what, from an index built by whosaid-index.\n\n"
         "Usage: whosaid COMMAND [--db PATH]... [OPTIONS] [ARGS]\n\nCommands:\n";
  for (const auto& v : kVerbs) out << "  " << v.name << std::string(10 - v.name.size(), ' ') << v.summary << '\n';
  out << "\nEvery command takes --db PATH (default: $WHOSAID_DB, else ./whosaid.db), --help, --version.\n"
         "Exit status: 0 found, 1 nothing found, 2 usage or input error.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(std::cerr);
    return exit_usage;
  }
  std::string_view verb = argv[1];
  if (verb == "--help" || verb == "-h" || verb == "help") {
    usage(std::cout);
    return exit_ok;
  }
  if (verb == "--version") {
    std::cout << "whosaid " << WHOSAID_VERSION << '\n';
    return exit_ok;
  }
  for (const auto& v : kVerbs)
    if (v.name == verb) return v.run(argc - 1, argv + 1);
  std::cerr << "whosaid: unknown command '" << verb << "' (try whosaid --help)\n";
  return exit_usage;
}
