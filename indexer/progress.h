// Progress of a long run: on a terminal, one live line on stderr (articles, quotations, MB/s,
// percent and ETA when the input size is known); when stderr is not a terminal, nothing (the
// caller prints its final summary either way). No Debian C++ package does this small job.
#pragma once
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

namespace whosaid {

struct ProgressCounts {
  std::size_t articles = 0;    // articles done (indexed, unchanged or in another shard)
  std::size_t unchanged = 0;   // of which skipped as unchanged
  std::size_t quotations = 0;
  std::size_t problems = 0;    // files or lines skipped
  std::size_t bytes = 0;       // input consumed
};

// "1,234 articles (56 unchanged), 7,890 quotations, 3 skipped, 12.3 MB/s, 45%, ETA 1m23s".
// `total_bytes` 0: unknown (stdin), no percent or ETA.
std::string progress_line(const ProgressCounts& c, std::size_t total_bytes, double elapsed_seconds);

// "1,234,567"
std::string with_thousands(std::size_t n);

class ProgressLine {
 public:
  // `enabled`: draw at all (stderr is a terminal). `total_bytes`: the input's size, 0 if unknown.
  ProgressLine(bool enabled, std::size_t total_bytes);

  // Redraws the line with these counts, at most a few times a second. Thread-safe.
  void update(const ProgressCounts& c);

  // Prints a message line (a skipped file) on stderr without tearing the live line. Thread-safe.
  void message(std::string_view text);

  // Erases the live line for good (before the final summary).
  void finish();

 private:
  void erase_locked();
  bool enabled_;
  std::size_t total_bytes_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
  std::string drawn_;  // what the line shows now ("" when erased)
  ProgressCounts last_;
  std::mutex mu_;
};

// Whether stderr is a terminal (WHOSAID_PROGRESS=1 forces the live line, =0 turns it off).
bool progress_wanted();

}  // namespace whosaid
