// whosaid cite --style apa|mla|chicago|csl-json|bibtex QUOTE_ID
#include <iostream>

#include <fmt/format.h>

#include "citation.h"
#include "cli.h"
#include "commands.h"
#include "error.h"

namespace whosaid {

int cmd_cite(int argc, char** argv) {
  CommonOptions common;
  auto app = make_verb_app("cite",
                           "Cite a quotation (by the id search prints) and the article it appeared in.\n"
                           "Styles: apa (APA 7, \"as cited in\"), mla (MLA 9, \"qtd. in\"), chicago (Chicago 17 note\n"
                           "and bibliography, \"quoted in\"), csl-json (for pandoc and Zotero), bibtex.\n\n"
                           "Examples:\n"
                           "  whosaid cite --style apa 'seed-icc-assembly#1'\n"
                           "  whosaid cite --style csl-json 'seed-icc-assembly#1' > refs.json",
                           common, false);
  std::string style = "apa", id, accessed;
  app->add_option("--style", style, "apa (default), mla, chicago, csl-json or bibtex")
      ->check(CLI::IsMember({"apa", "mla", "chicago", "csl-json", "csl", "bibtex"}));
  app->add_option("--accessed", accessed, "access date YYYY-MM-DD for web sources (default: today)");
  app->add_option("quote_id", id, "the quotation's id")->required();
  return run_verb(*app, argc, argv, [&] {
    CitationStyle s = parse_citation_style(style);
    CitationDate when = today();
    if (!accessed.empty()) {
      when = parse_citation_date(accessed);
      if (when.empty() || !when.day) throw Error(fmt::format("--accessed {}: expected YYYY-MM-DD", accessed));
    }
    QuoteIndex index = open_index(common);
    auto record = index.find(id);
    report_missing_shards(index, "cite");
    if (!record) {
      std::cerr << fmt::format("whosaid cite: no quotation {} in {}\n", id, index.name());
      return static_cast<int>(exit_not_found);
    }
    std::cout << cite(*record, s, when);
    return static_cast<int>(exit_ok);
  });
}

}  // namespace whosaid
