// whosaid verify [--speaker NAME] [--format text|json|jsonl] "CLAIMED QUOTE"
//                [--claims FILE]
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cmath>
#include <fstream>
#include <iostream>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "cli.h"
#include "commands.h"
#include "error.h"
#include "verify_output.h"

namespace whosaid {

namespace {

// CPU time of this thread, ms: on a shared machine a claim's own cost, whatever else runs.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1000 + double(ts.tv_nsec) / 1e6;
}

void print(const VerifyResult& r, const std::string& format, const double* elapsed_ms, const double* cpu_ms = nullptr) {
  if (format == "text") {
    print_verify_text(r, std::cout);
    return;
  }
  Json j = verify_to_json(r);
  if (elapsed_ms) j["elapsed_ms"] = std::round(*elapsed_ms * 1000) / 1000;
  if (cpu_ms) j["cpu_ms"] = std::round(*cpu_ms * 1000) / 1000;
  if (format == "jsonl") std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  else std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

// Every line of FILE ("-": stdin) is a claim, checked against the index opened once: for scripts
// and for measuring latency without process start-up. A line is the claim itself, or a JSON
// object {"claim": "...", "speaker": "..."}. A line that is no claim is reported (file:line) and
// the others still run; the exit status is then 2.
int run_claim_file(const std::string& file, const QuoteIndex& index, const VerifyRequest& base,
                   const std::string& format) {
  std::ifstream in_file;
  if (file != "-") {
    in_file.open(file);
    if (!in_file) throw Error(fmt::format("--claims {}: cannot read it", file));
  }
  std::istream& in = file == "-" ? std::cin : in_file;
  std::size_t line_no = 0, found = 0;
  bool failed = false;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    VerifyRequest req = base;
    try {
      if (line.front() == '{') {
        Json j = Json::parse(line, nullptr, false);
        if (!j.is_object() || !j.contains("claim") || !j["claim"].is_string())
          throw Error("not a claim: a JSON line needs {\"claim\": \"...\"} (and may give \"speaker\")");
        req.claim = j["claim"].get<std::string>();
        if (j.contains("speaker") && j["speaker"].is_string()) req.speaker = j["speaker"].get<std::string>();
      } else {
        req.claim = line;
      }
      auto t0 = std::chrono::steady_clock::now();
      double c0 = thread_cpu_ms();
      VerifyResult r = verify(index, req);
      double cpu = thread_cpu_ms() - c0;
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      print(r, format, &ms, &cpu);
      if (format == "text") std::cout << '\n';
      if (r.verdict != Verdict::not_found) ++found;
    } catch (const Error& e) {
      if (e.exit_code() != exit_usage) throw;
      std::cerr << fmt::format("whosaid verify: {}:{}: {}\n", file, line_no, e.what());
      failed = true;
    }
  }
  if (failed) return exit_usage;
  return found > 0 ? exit_ok : exit_not_found;
}

}  // namespace

int cmd_verify(int argc, char** argv) {
  CommonOptions common;
  auto app = make_verb_app(
      "verify",
      "Check a claimed quotation against the index: was it said, by whom, where first, and\n"
      "how does the claim differ from what was said?\n"
      "Verdicts: exact, altered, misattributed, altered_and_misattributed, not_found (exit 1).\n"
      "A claim that is part of a longer quotation, unchanged, is exact (a \"truncation\"\n"
      "difference says what it leaves out). \"...\" or \"\u2026\" in the claim stands for cut words;\n"
      "words cut without one are an \"omission\", which alters the quotation. Leaving out an\n"
      "editor's [bracketed words] is exact; other words in their place are a substitution.\n"
      "With --speaker, that speaker's quotations are always considered, and one of theirs within\n"
      "0.1 similarity of the best match is the match: misattributed means no quotation of\n"
      "theirs is close to the claim (README, \"How verify decides\").\n\n"
      "Examples:\n"
      "  whosaid verify \"a constructive mood with a lot of states leaning in\"\n"
      "  whosaid verify --speaker 'Ms. Evenson' --format json \"It's been a constructive mood\"\n"
      "  whosaid verify --format jsonl --claims claims.txt   one claim per line (or a JSON line\n"
      "                                                     {\"claim\": ..., \"speaker\": ...}), one\n"
      "                                                     JSON line each with \"elapsed_ms\"\n"
      "                                                     and \"cpu_ms\" (this thread's CPU time)",
      common, false);
  app->add_option("--format", common.format, "text (default), json or jsonl (one line)")
      ->check(CLI::IsMember({"text", "json", "jsonl"}));
  VerifyRequest req;
  std::vector<std::string> words;
  std::string claims;
  app->add_option("--speaker", req.speaker, "who the claim says said it (any form of the name, or an organisation)");
  app->add_option("--claims", claims,
                  "check every line of FILE (\"-\": stdin) with the index opened once: a claim, or a JSON "
                  "object {\"claim\": ..., \"speaker\": ...}");
  auto* claim = app->add_option("claim", words, "the claimed quotation (required unless --claims)");
  // A claim may begin with a dash ("-Article last amended ..."), which CLI11 takes for an option
  // even after "--": a last argument that is no option of ours is the claim.
  std::vector<char*> args(argv, argv + argc);
  std::string dashed;
  if (argc > 1) {
    std::string_view last = argv[argc - 1], before = argc > 2 ? argv[argc - 2] : "";
    bool ours = false;
    for (std::string_view o : {"--db", "--format", "--speaker", "--claims", "--remote-timeout", "--allow-partial",
                               "--help", "--version", "-h"})
      ours = ours || last.substr(0, o.size()) == o || before == o;
    if (last.size() > 1 && last[0] == '-' && !ours) {
      dashed = last;
      args.pop_back();
      if (!args.empty() && std::string_view(args.back()) == "--") args.pop_back();
    }
  }
  // Required unless --claims: CLI11 then leaves the last words to the claim, not to --db's list.
  bool claims_given = std::any_of(argv + 1, argv + argc, [](const char* a) {
    return std::string_view(a) == "--claims" || std::string_view(a).rfind("--claims=", 0) == 0;
  });
  if (dashed.empty() && !claims_given) claim->required();
  return run_verb(*app, static_cast<int>(args.size()), args.data(), [&] {
    if (!dashed.empty()) words.push_back(dashed);
    if (words.empty() == claims.empty())
      throw Error(words.empty() ? "no CLAIM given (try --help)" : "give either CLAIM or --claims FILE, not both");
    QuoteIndex index = open_index(common);
    if (!claims.empty()) {
      int rc = run_claim_file(claims, index, req, common.format);
      report_missing_shards(index, "verify");
      return rc;
    }
    for (const auto& w : words) req.claim += (req.claim.empty() ? "" : " ") + w;
    VerifyResult r = verify(index, req);
    report_missing_shards(index, "verify");
    print(r, common.format, nullptr);
    return r.verdict == Verdict::not_found ? static_cast<int>(exit_not_found) : static_cast<int>(exit_ok);
  });
}

}  // namespace whosaid
