#include "progress.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>
#include <unistd.h>

namespace whosaid {

std::string with_thousands(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

namespace {

std::string duration(double seconds) {
  auto s = static_cast<long long>(seconds + 0.5);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
}

}  // namespace

std::string progress_line(const ProgressCounts& c, std::size_t total_bytes, double elapsed_seconds) {
  std::string line = with_thousands(c.articles) + (c.articles == 1 ? " article" : " articles");
  if (c.unchanged) line += fmt::format(" ({} unchanged)", with_thousands(c.unchanged));
  line += fmt::format(", {} quotations", with_thousands(c.quotations));
  if (c.problems) line += fmt::format(", {} skipped", with_thousands(c.problems));
  const double mb = static_cast<double>(c.bytes) / 1e6;
  if (elapsed_seconds > 0) line += fmt::format(", {:.1f} MB/s", mb / elapsed_seconds);
  if (total_bytes > 0) {
    const double done = std::min(1.0, static_cast<double>(c.bytes) / static_cast<double>(total_bytes));
    line += fmt::format(", {:.0f}%", done * 100);
    // Only once there is a rate to go by.
    if (done > 0 && done < 1 && elapsed_seconds >= 1)
      line += ", ETA " + duration(elapsed_seconds * (1 - done) / done);
  }
  return line;
}

bool progress_wanted() {
  if (const char* env = std::getenv("WHOSAID_PROGRESS"); env && *env) return std::strcmp(env, "0") != 0;
  return isatty(STDERR_FILENO) == 1;
}

ProgressLine::ProgressLine(bool enabled, std::size_t total_bytes)
    : enabled_(enabled), total_bytes_(total_bytes), start_(std::chrono::steady_clock::now()) {}

void ProgressLine::erase_locked() {
  if (drawn_.empty()) return;
  std::fputs("\r\033[K", stderr);  // back to the line's start, clear to its end
  drawn_.clear();
}

void ProgressLine::update(const ProgressCounts& c) {
  if (!enabled_) return;
  std::lock_guard lock(mu_);
  last_ = c;
  const auto now = std::chrono::steady_clock::now();
  if (!drawn_.empty() && now - last_draw_ < std::chrono::milliseconds(250)) return;
  last_draw_ = now;
  std::string line = progress_line(c, total_bytes_, std::chrono::duration<double>(now - start_).count());
  erase_locked();
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
  drawn_ = std::move(line);
}

void ProgressLine::message(std::string_view text) {
  std::lock_guard lock(mu_);
  const bool redraw = !drawn_.empty();
  erase_locked();
  std::fwrite(text.data(), 1, text.size(), stderr);
  if (redraw) {
    drawn_ = progress_line(last_, total_bytes_,
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
    std::fputs(drawn_.c_str(), stderr);
  }
  std::fflush(stderr);
}

void ProgressLine::finish() {
  if (!enabled_) return;
  std::lock_guard lock(mu_);
  erase_locked();
  std::fflush(stderr);
  enabled_ = false;
}

}  // namespace whosaid
