#include "places.h"

#include <sstream>
#include <string>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "utf8.h"

namespace whosaid {

extern const char* const kIso3166Json;  // generated from iso-codes' iso_3166-1.json
extern const char* const kPlacesTxt;    // generated from data/places.txt

namespace {

const std::unordered_set<std::string>& places() {
  static const std::unordered_set<std::string> s = [] {
    std::unordered_set<std::string> s;
    auto j = nlohmann::json::parse(kIso3166Json, nullptr, false);
    if (j.is_object() && j.contains("3166-1")) {
      for (const auto& c : j["3166-1"]) {
        for (const char* key : {"name", "common_name", "official_name"}) {
          if (!c.contains(key)) continue;
          std::string n = utf8::to_lower(c[key].get<std::string>());
          s.insert(n);
          // "Korea, Republic of" -> also "korea"
          if (auto comma = n.find(','); comma != std::string::npos) s.insert(n.substr(0, comma));
        }
      }
    }
    std::istringstream in(kPlacesTxt);
    std::string line;
    while (std::getline(in, line))
      if (!line.empty() && line[0] != '#') s.insert(line);
    return s;
  }();
  return s;
}

}  // namespace

bool is_place_name(std::string_view name) {
  // Most names are not places: reject on the first word before building the lower-case key.
  static const std::unordered_set<std::string> first_words = [] {
    std::unordered_set<std::string> f;
    for (const auto& p : places()) f.insert(p.substr(0, p.find(' ')));
    return f;
  }();
  std::string_view head = name;
  if (head.size() > 4 && (head.substr(0, 4) == "The " || head.substr(0, 4) == "the ")) head.remove_prefix(4);
  std::string first = utf8::to_lower(head.substr(0, head.find(' ')));
  if (!first_words.count(first)) return false;
  std::string n = utf8::to_lower(name);
  if (n.rfind("the ", 0) == 0) n = n.substr(4);
  return places().count(n) > 0;
}

bool is_place_word(std::string_view w) {
  static const std::unordered_set<std::string_view> s = {
      "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "new",
      "city", "county", "province", "state", "island", "islands", "sea", "river", "mount", "mountains",
      "lake", "bay", "street", "avenue", "road", "square", "station", "airport", "park", "valley", "coast",
      "gulf", "ocean", "district", "region", "kingdom", "republic", "beach", "hills", "strait", "peninsula",
      "desert", "canyon", "harbour", "harbor", "village", "oblast", "prefecture", "territory", "heights"};
  return s.count(w) > 0;
}

}  // namespace whosaid
