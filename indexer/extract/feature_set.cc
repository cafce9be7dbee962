#include "feature_set.h"

#include <charconv>
#include <string>

namespace whosaid {

void FeatureSet::push(std::uint64_t key, std::string_view family, std::string_view value) {
  keys_.push_back(key);
  if (keep_names_) {
    std::string n(family);
    n += '=';
    n += value;
    names_.push_back(std::move(n));
  }
}

void FeatureSet::add(Family family, std::string_view value) {
  push(fnv::hash(family.prefix, value), family.name, value);
}

void FeatureSet::add(Family family, long value) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;
  add(family, std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

void FeatureSet::add_pair(Family fa, std::string_view va, Family fb, std::string_view vb) {
  std::uint64_t h = fnv::hash(fnv::hash(fnv::hash(fnv::hash(fnv::hash(fa.prefix, va), "&"), fb.name), "="), vb);
  if (keep_names_) {
    std::string v(va);
    v += '&';
    v += fb.name;
    v += '=';
    v += vb;
    push(h, fa.name, v);
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
