#include "names.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "utf8.h"

namespace whosaid {

// Generated at build time: data/first-names.tsv, data/surnames.txt and Debian's wamerican list.
extern const char* const kFirstNamesTsv;
extern const char* const kSurnamesTxt;
extern const char* const kEnglishWords;

namespace {

// A word is known by the 64-bit FNV-1a hash of its lower-case form: the table holds no strings, so
// building it (220,000 words, on the first look-up) costs a few milliseconds, and a look-up needs
// no allocation. Two words of the lists sharing a hash is a chance of about 1 in 10^9.
std::uint64_t hash_lower_ascii(std::string_view w) {
  std::uint64_t h = 14695981039346656037ull;
  for (char ch : w) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
    h = (h ^ c) * 1099511628211ull;
  }
  return h;
}

std::uint64_t key_of(std::string_view w) {
  if (w.size() > 2 && w.substr(w.size() - 2) == "'s") w.remove_suffix(2);
  else if (w.size() > 4 && w.substr(w.size() - 4) == "\xE2\x80\x99s") w.remove_suffix(4);
  for (char c : w)
    if (static_cast<unsigned char>(c) >= 0x80) return hash_lower_ascii(utf8::to_lower(utf8::fold_diacritics(w)));
  return hash_lower_ascii(w);
}

template <typename F>
void each_line(const char* data, F&& f) {
  std::string_view all(data);
  std::size_t s = 0;
  while (s < all.size()) {
    std::size_t e = all.find('\n', s);
    if (e == std::string_view::npos) e = all.size();
    if (e > s) f(all.substr(s, e - s));
    s = e + 1;
  }
}

// The lists in an open-addressing table (linear probing, at most half full) keyed by the hash: a
// look-up is one or two cache lines, and a word in several lists gets what each says of it.
struct Slots {
  std::vector<std::uint64_t> keys;  // 0: empty (a word hashing to 0 is left out)
  std::vector<NameEvidence> values;
  std::uint64_t mask = 0;

  explicit Slots(std::size_t words) {
    std::size_t n = 1;
    while (n < words * 2) n <<= 1;
    keys.assign(n, 0);
    values.assign(n, NameEvidence{});
    mask = n - 1;
  }
  NameEvidence& at(std::uint64_t k) {
    std::uint64_t i = k & mask;
    while (keys[i] != 0 && keys[i] != k) i = (i + 1) & mask;
    keys[i] = k;
    return values[i];
  }
};

const Slots& slots() {
  static const Slots s = [] {
    Slots t(240000);
    each_line(kFirstNamesTsv, [&](std::string_view line) {
      auto tab = line.find('\t');
      if (tab == std::string_view::npos) return;
      long births = std::strtol(std::string(line.substr(tab + 1)).c_str(), nullptr, 10);
      std::uint8_t mag = 0;
      for (long b = births; b >= 100; b /= 10) ++mag;  // 100..999 -> 1
      std::uint64_t k = key_of(line.substr(0, tab));
      if (k == 0) return;
      NameEvidence& e = t.at(k);
      e.given = std::max(e.given, std::min<std::uint8_t>(mag, 6));
    });
    std::size_t rank = 0;
    each_line(kSurnamesTxt, [&](std::string_view line) {
      ++rank;
      std::uint64_t k = key_of(line);
      if (k == 0) return;
      NameEvidence& e = t.at(k);
      std::uint8_t r = rank <= 1000 ? 1 : rank <= 10000 ? 2 : 3;
      if (!e.surname || r < e.surname) e.surname = r;
    });
    each_line(kEnglishWords, [&](std::string_view w) {
      if (w.size() > 2 && w.substr(w.size() - 2) == "'s") return;  // possessives repeat their word
      std::uint64_t k = key_of(w);
      if (k == 0) return;
      NameEvidence& e = t.at(k);
      if (std::isupper(static_cast<unsigned char>(w[0]))) e.proper = true;
      else e.word = true;
    });
    return t;
  }();
  return s;
}

}  // namespace

NameEvidence name_evidence(std::string_view word) {
  const Slots& s = slots();
  const std::uint64_t k = key_of(word);
  for (std::uint64_t i = k & s.mask; s.keys[i] != 0; i = (i + 1) & s.mask)
    if (s.keys[i] == k) return s.values[i];
  return NameEvidence{};
}

}  // namespace whosaid
