#include "attribution.h"

#include <set>

#include "places.h"
#include "utf8.h"

namespace whosaid {

namespace {

std::string trim(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

// Lower-case words, punctuation at their ends dropped: "Father," -> "father".
std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> out;
  std::string lower = utf8::to_lower(s), w;
  for (char c : lower + " ") {
    if (c == ' ' || c == ',' || c == '.' || c == ';' || c == '(' || c == ')' || c == '"') {
      if (!w.empty()) out.push_back(w);
      w.clear();
    } else {
      w += c;
    }
  }
  return out;
}

// Every word of `part` is one of `whole`'s (articles and "former" aside).
bool said_by(std::string_view part, const std::vector<std::string>& whole) {
  std::set<std::string> have(whole.begin(), whole.end());
  bool any = false;
  for (const auto& w : words_of(part)) {
    if (w == "the" || w == "a" || w == "an" || w == "former" || w == "of") continue;
    if (!have.count(w)) return false;
    any = true;
  }
  return any;
}

// A country as bylines and datelines abbreviate it: not an organisation either.
bool is_place(const std::string& s) {
  for (const char* abbreviation : {"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "DRC", "PRC"})
    if (s == abbreviation) return true;
  return is_place_name(s);
}

bool starts_with_former(std::string_view role) {
  return role.size() >= 6 && utf8::to_lower(role.substr(0, 6)) == "former" &&
         (role.size() == 6 || role[6] == ' ' || role[6] == '-');
}

}  // namespace

SpeakerDescription describe_speaker(const Quote& q) {
  SpeakerDescription d;
  d.name = trim(q.speaker);
  const std::vector<std::string> name_words = words_of(d.name);
  std::string role = trim(q.role);
  if (!role.empty() && said_by(role, name_words)) role.clear();
  if (starts_with_former(role)) role[0] = 'f';  // mid-sentence: "former President", not "Former"
  else if (!role.empty() && q.former) role = "former " + role;
  d.role = role;
  std::string org = trim(q.affiliation);
  std::vector<std::string> said = name_words;
  for (auto& w : words_of(role)) said.push_back(std::move(w));
  if (!org.empty() && (is_place(org) || said_by(org, said))) org.clear();
  d.org = org;
  return d;
}

}  // namespace whosaid
