// whosaid verify [--speaker NAME] [--format text|json] "CLAIMED QUOTE"
#include <algorithm>
#include <iostream>
#include <string_view>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "error.h"
#include "verify_output.h"

namespace whosaid {

int cmd_verify(int argc, char** argv) {
  CommonOptions common;
  auto app = make_verb_app("verify",
                           "Check a claimed quotation against the index: was it said, by whom, where first, and\n"
                           "how does the claim differ from what was said?\n"
                           "Verdicts: exact, altered, misattributed, altered_and_misattributed, not_found (exit 1).\n"
                           "A claim that is part of a longer quotation, unchanged, is exact (a \"truncation\"\n"
                           "difference says what it leaves out). \"...\" or \"\u2026\" in the claim stands for cut words.\n\n"
                           "Examples:\n"
                           "  whosaid verify \"a constructive mood with a lot of states leaning in\"\n"
                           "  whosaid verify --speaker 'Ms. Evenson' --format json \"It's been a constructive mood\"",
                           common, false);
  app->add_option("--format", common.format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
  VerifyRequest req;
  std::vector<std::string> words;
  app->add_option("--speaker", req.speaker, "who the claim says said it (any form of the name, or an organisation)");
  auto* claim = app->add_option("claim", words, "the claimed quotation");
  // A claim may begin with a dash ("-Article last amended ..."), which CLI11 takes for an option
  // even after "--": a last argument that is no option of ours is the claim.
  std::vector<char*> args(argv, argv + argc);
  std::string dashed;
  if (argc > 1) {
    std::string_view last = argv[argc - 1], before = argc > 2 ? argv[argc - 2] : "";
    bool ours = false;
    for (std::string_view o : {"--db", "--format", "--speaker", "--remote-timeout", "--allow-partial", "--help",
                               "--version", "-h"})
      ours = ours || last.substr(0, o.size()) == o || before == o;
    if (last.size() > 1 && last[0] == '-' && !ours) {
      dashed = last;
      args.pop_back();
      if (!args.empty() && std::string_view(args.back()) == "--") args.pop_back();
    }
  }
  if (dashed.empty()) claim->required();
  return run_verb(*app, static_cast<int>(args.size()), args.data(), [&] {
    if (!dashed.empty()) words.push_back(dashed);
    for (const auto& w : words) req.claim += (req.claim.empty() ? "" : " ") + w;
    QuoteIndex index = open_index(common);
    VerifyResult r = verify(index, req);
    report_missing_shards(index, "verify");
    if (common.format == "json")
      std::cout << verify_to_json(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    else
      print_verify_text(r, std::cout);
    return r.verdict == Verdict::not_found ? static_cast<int>(exit_not_found) : static_cast<int>(exit_ok);
  });
}

}  // namespace whosaid
