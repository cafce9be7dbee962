#include "names.h"

#include <cstdlib>
#include <string>
#include <unordered_map>

#include "utf8.h"

namespace whosaid {

// Generated at build time: data/first-names.tsv, data/surnames.txt and Debian's wamerican list.
extern const char* const kFirstNamesTsv;
extern const char* const kSurnamesTxt;
extern const char* const kEnglishWords;

namespace {

std::string key_of(std::string_view w) {
  if (w.size() > 2 && w.substr(w.size() - 2) == "'s") w.remove_suffix(2);
  else if (w.size() > 4 && w.substr(w.size() - 4) == "\xE2\x80\x99s") w.remove_suffix(4);
  bool ascii = true;
  for (char c : w) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  std::string k = ascii ? std::string(w) : utf8::fold_diacritics(w);
  for (auto& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return k;
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

const std::unordered_map<std::string, NameEvidence>& table() {
  static const std::unordered_map<std::string, NameEvidence> t = [] {
    std::unordered_map<std::string, NameEvidence> m;
    m.reserve(220000);
    each_line(kFirstNamesTsv, [&](std::string_view line) {
      auto tab = line.find('\t');
      if (tab == std::string_view::npos) return;
      long births = std::strtol(std::string(line.substr(tab + 1)).c_str(), nullptr, 10);
      std::uint8_t mag = 0;
      for (long b = births; b >= 100; b /= 10) ++mag;  // 100..999 -> 1
      auto& e = m[key_of(line.substr(0, tab))];
      if (mag > e.given) e.given = std::min<std::uint8_t>(mag, 6);
    });
    std::size_t rank = 0;
    each_line(kSurnamesTxt, [&](std::string_view line) {
      ++rank;
      auto& e = m[key_of(line)];
      if (!e.surname) e.surname = rank <= 1000 ? 1 : rank <= 10000 ? 2 : 3;
    });
    each_line(kEnglishWords, [&](std::string_view w) {
      if (w.size() > 2 && (w.substr(w.size() - 2) == "'s")) return;  // possessives repeat their word
      bool upper = std::isupper(static_cast<unsigned char>(w[0]));
      auto& e = m[key_of(w)];
      if (upper) e.proper = true;
      else e.word = true;
    });
    return m;
  }();
  return t;
}

}  // namespace

NameEvidence name_evidence(std::string_view word) {
  const auto& t = table();
  auto it = t.find(key_of(word));
  return it == t.end() ? NameEvidence{} : it->second;
}

}  // namespace whosaid
