#include "aliases.h"

#include <mutex>
#include <sstream>
#include <unordered_map>

#include "utf8.h"

namespace whosaid {

extern const char* const kOrgAliasesTsv;  // generated from data/org_aliases.tsv

namespace {

// "The U.S. State Department" -> "u.s. state department"
std::string key_of(std::string_view name) {
  std::string k = utf8::to_lower(name);
  while (!k.empty() && (k.back() == ' ' || k.back() == '.' || k.back() == ',')) k.pop_back();
  std::size_t b = 0;
  while (b < k.size() && k[b] == ' ') ++b;
  k = k.substr(b);
  if (k.rfind("the ", 0) == 0) k = k.substr(4);
  // "U.S." and "US" are one spelling.
  std::string out;
  for (std::size_t i = 0; i < k.size(); ++i) {
    if (k[i] == '.' && i > 0 && i + 1 <= k.size()) {
      bool initialism = (i >= 1 && std::isalpha(static_cast<unsigned char>(k[i - 1])) &&
                         (i < 2 || k[i - 2] == '.' || k[i - 2] == ' ' || i - 1 == 0));
      if (initialism) continue;
    }
    out += k[i];
  }
  return out;
}

struct Table {
  std::vector<OrgAlias> entries;
  std::unordered_map<std::string, std::size_t> by_key;
};

const Table& table() {
  static const Table t = [] {
    Table t;
    std::istringstream in(kOrgAliasesTsv);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream fields(line);
      std::string field;
      OrgAlias e;
      bool first = true;
      while (std::getline(fields, field, '\t')) {
        if (field.empty()) continue;
        if (first) { e.canonical = field; first = false; }
        else e.aliases.push_back(field);
      }
      if (e.canonical.empty()) continue;
      std::size_t idx = t.entries.size();
      t.by_key.emplace(key_of(e.canonical), idx);
      for (auto& a : e.aliases) t.by_key.emplace(key_of(a), idx);
      t.entries.push_back(std::move(e));
    }
    return t;
  }();
  return t;
}

}  // namespace

const std::vector<OrgAlias>& org_alias_table() { return table().entries; }

std::string canonical_org(std::string_view name) {
  const auto& t = table();
  auto it = t.by_key.find(key_of(name));
  if (it == t.by_key.end()) return std::string(name);
  return t.entries[it->second].canonical;
}

std::vector<std::string> org_spellings(std::string_view name) {
  const auto& t = table();
  auto it = t.by_key.find(key_of(name));
  if (it == t.by_key.end()) return {std::string(name)};
  const auto& e = t.entries[it->second];
  std::vector<std::string> out{e.canonical};
  out.insert(out.end(), e.aliases.begin(), e.aliases.end());
  return out;
}

}  // namespace whosaid
