#include "org_mentions.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "aliases.h"

namespace whosaid {

namespace {

// U+2000..U+206F (dashes, curly quotes, ellipsis) separate words, except U+2019, an apostrophe.
bool is_general_punctuation(std::string_view s, std::size_t i) {
  return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
         (static_cast<unsigned char>(s[i + 1]) == 0x80 || static_cast<unsigned char>(s[i + 1]) == 0x81);
}

bool is_initialism(std::string_view w) {  // "U.S", "U.N." (a letter, a dot, a letter...)
  if (w.size() < 3) return false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    bool letter_slot = i % 2 == 0;
    unsigned char c = static_cast<unsigned char>(w[i]);
    if (letter_slot ? !std::isalpha(c) : c != '.') return false;
  }
  return true;
}

std::string normalise_word(std::string w) {
  for (std::string_view suffix : {"\xE2\x80\x99s", "'s", "\xE2\x80\x99", "'"}) {
    if (w.size() > suffix.size() && w.ends_with(suffix)) {
      w.resize(w.size() - suffix.size());
      break;
    }
  }
  if (is_initialism(w)) {
    w.erase(std::remove(w.begin(), w.end(), '.'), w.end());
    return w;
  }
  while (!w.empty() && (w.back() == '.' || w.back() == '\'')) w.pop_back();
  std::size_t b = 0;
  while (b < w.size() && (w[b] == '.' || w[b] == '\'')) ++b;
  return w.substr(b);
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) {
      std::string w = normalise_word(std::move(cur));
      if (!w.empty()) words.push_back(std::move(w));
    }
    cur.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80 && is_general_punctuation(text, i)) {
      bool apostrophe = static_cast<unsigned char>(text[i + 1]) == 0x80 && static_cast<unsigned char>(text[i + 2]) == 0x99;
      if (apostrophe) cur.append(text.substr(i, 3));
      else flush();
      i += 3;
      continue;
    }
    if (std::isalnum(c) || c >= 0x80 || c == '.' || c == '\'') cur += static_cast<char>(c);
    else flush();
    ++i;
  }
  flush();
  return words;
}

struct Spelling {
  std::vector<std::string> words;
  std::size_t canonical;  // index into org_alias_table()
};

// First word -> every spelling that starts with it.
const std::unordered_map<std::string, std::vector<Spelling>>& spellings_by_first_word() {
  static const auto index = [] {
    std::unordered_map<std::string, std::vector<Spelling>> m;
    const auto& table = org_alias_table();
    for (std::size_t i = 0; i < table.size(); ++i) {
      auto add = [&](const std::string& spelling) {
        auto words = words_of(spelling);
        if (!words.empty() && words.front() == "the") words.erase(words.begin());
        if (!words.empty()) m[words.front()].push_back({std::move(words), i});
      };
      add(table[i].canonical);
      for (const auto& a : table[i].aliases) add(a);
    }
    // Longest spellings first, so "UN Security Council" wins over "UN".
    for (auto& [first, list] : m)
      std::stable_sort(list.begin(), list.end(),
                       [](const Spelling& a, const Spelling& b) { return a.words.size() > b.words.size(); });
    return m;
  }();
  return index;
}

}  // namespace

std::vector<std::string> org_mentions(std::string_view text) {
  const auto& index = spellings_by_first_word();
  const auto& table = org_alias_table();
  auto words = words_of(text);
  std::vector<std::string> found;
  for (std::size_t i = 0; i < words.size();) {
    std::size_t matched = 0;
    if (auto it = index.find(words[i]); it != index.end()) {
      for (const auto& s : it->second) {
        if (i + s.words.size() > words.size()) continue;
        if (!std::equal(s.words.begin(), s.words.end(), words.begin() + static_cast<std::ptrdiff_t>(i))) continue;
        const std::string& name = table[s.canonical].canonical;
        if (std::find(found.begin(), found.end(), name) == found.end()) found.push_back(name);
        matched = s.words.size();
        break;
      }
    }
    i += matched ? matched : 1;
  }
  return found;
}

}  // namespace whosaid
