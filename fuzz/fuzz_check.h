// What every fuzz target shares: a failed invariant aborts with a message, so libFuzzer keeps the
// input as a crash and prints what was wrong.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <unicode/utf8.h>

namespace whosaid::fuzz {

[[noreturn]] inline void fail(const char* what, const char* file, int line) {
  std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", what, file, line);
  std::abort();
}

// True when `s` is well-formed UTF-8.
inline bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

}  // namespace whosaid::fuzz

#define FUZZ_CHECK(cond) ((cond) ? (void)0 : ::whosaid::fuzz::fail(#cond, __FILE__, __LINE__))
