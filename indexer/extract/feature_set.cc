#include "feature_set.h"

#include <charconv>
#include <string>

namespace whosaid {
namespace {

constexpr std::uint64_t kOffset = 14695981039346656037ull;
constexpr std::uint64_t kPrime = 1099511628211ull;

// FNV-1a, continued from `h`: a feature's name is hashed in pieces without being built.
std::uint64_t fnv(std::uint64_t h, std::string_view s) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * kPrime;
  return h;
}

}  // namespace

std::uint64_t FeatureSet::key_of(std::string_view name) { return fnv(kOffset, name); }

void FeatureSet::push(std::uint64_t key, std::string_view family, std::string_view value) {
  keys_.push_back(key);
  if (keep_names_) {
    std::string n(family);
    n += '=';
    n += value;
    names_.push_back(std::move(n));
  }
}

void FeatureSet::add(std::string_view family, std::string_view value) {
  push(fnv(fnv(fnv(kOffset, family), "="), value), family, value);
}

void FeatureSet::add(std::string_view family, long value) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;
  add(family, std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

void FeatureSet::add_pair(std::string_view fa, std::string_view va, std::string_view fb, std::string_view vb) {
  std::uint64_t h = fnv(fnv(fnv(fnv(fnv(fnv(fnv(kOffset, fa), "="), va), "&"), fb), "="), vb);
  if (keep_names_) {
    std::string v(va);
    v += '&';
    v += fb;
    v += '=';
    v += vb;
    push(h, fa, v);
  } else {
    keys_.push_back(h);
  }
}

long bucket(long v, long exact, long cap) {
  long sign = v < 0 ? -1 : 1;
  long a = v < 0 ? -v : v;
  if (a <= exact) return v;
  long b = exact;
  while (b < a && b < cap) b = b == 0 ? 1 : b * 2;
  return sign * (b > cap ? cap : b);
}

}  // namespace whosaid
