#include "speaker_match.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <unicode/uchar.h>

#include "aliases.h"
#include "lexicon.h"
#include "schema.h"
#include "utf8.h"

namespace whosaid {

namespace {

// Words before a name that are not part of it ("Ms.", "Dr", "President", "Secretary-General").
bool honorific(std::string_view w) {
  for (std::string_view h : {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
                             "rev", "reverend", "hon", "sen", "rep", "gov", "gen", "col", "capt", "sgt", "lt"})
    if (w == h) return true;
  if (lexicon::title_word(w)) return true;
  // "secretary-general", "vice-president": every part a title.
  if (w.find('-') == std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= w.size()) {
    std::size_t dash = w.find('-', start);
    std::string_view part = w.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start);
    if (part.empty() || !(lexicon::title_word(part) || part == "vice" || part == "deputy")) return false;
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  return true;
}

bool name_suffix(std::string_view w) {
  for (std::string_view h : {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
    if (w == h) return true;
  return false;
}

bool is_apostrophe(char32_t c) { return c == U'\'' || c == U'\u2019' || c == U'\u2018' || c == U'\u02BC'; }
bool is_letter_or_digit(char32_t c) {
  auto type = u_charType(static_cast<UChar32>(c));
  return u_isalnum(static_cast<UChar32>(c)) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

struct Token {
  std::string folded;    // lower case, no diacritics, straight apostrophes
  std::string written;   // as written
};

// Words: letters and digits, with apostrophes and hyphens inside them.
std::vector<Token> tokens(std::string_view name) {
  std::vector<Token> out;
  std::string cur;
  auto flush = [&] {
    while (!cur.empty() && (cur.back() == '\'' || cur.back() == '-')) cur.pop_back();
    if (!cur.empty()) out.push_back({utf8::fold_diacritics(utf8::to_lower(cur)), cur});
    cur.clear();
  };
  for (std::size_t i = 0; i < name.size();) {
    std::size_t at = i;
    char32_t c = utf8::next(name, i);
    if (is_letter_or_digit(c)) cur.append(name, at, i - at);
    else if ((is_apostrophe(c) || c == U'-') && !cur.empty()) cur += is_apostrophe(c) ? '\'' : '-';
    else flush();
  }
  flush();
  return out;
}

bool starts_lower(std::string_view written) {
  return !written.empty() && written[0] >= 'a' && written[0] <= 'z';
}

bool acronym(std::string_view written) {
  if (written.size() < 2) return false;
  return std::all_of(written.begin(), written.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

PersonName parse_person_name(std::string_view name) {
  std::vector<Token> t = tokens(name);
  // Titles before the name and suffixes after it, never its last word ("King" is a surname too);
  // an acronym ("NATO") only while two words are left ("JK Rowling").
  std::size_t lead = 0;
  while (lead + 1 < t.size() && (honorific(t[lead].folded) || (lead + 2 < t.size() && acronym(t[lead].written))))
    ++lead;
  t.erase(t.begin(), t.begin() + static_cast<long>(lead));
  while (t.size() > 1 && name_suffix(t.back().folded)) t.pop_back();
  PersonName out;
  bool has_upper = std::any_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  out.person = !t.empty();
  for (auto& w : t) {
    // A possessive is not part of the name ("Evenson's").
    if (w.folded.size() > 2 && w.folded.compare(w.folded.size() - 2, 2, "'s") == 0) w.folded.resize(w.folded.size() - 2);
    bool particle = lexicon::name_particle(w.folded);
    if (!particle && lexicon::function_word(w.folded)) out.person = false;
    if (!particle && has_upper && starts_lower(w.written)) out.person = false;
    out.words.push_back(w.folded);
  }
  return out;
}

namespace {

bool given_matches(const std::string& a, const std::string& b) {
  if (a == b) return true;
  if (a.size() == 1) return b.front() == a.front();
  if (b.size() == 1) return a.front() == b.front();
  return false;
}

// Every given name of `fewer` matches a distinct one of `more`, in order.
bool given_subset(const std::vector<std::string>& fewer, const std::vector<std::string>& more) {
  std::size_t j = 0;
  for (std::size_t i = 0; i + 1 < fewer.size(); ++i) {
    while (j + 1 < more.size() && !given_matches(fewer[i], more[j])) ++j;
    if (j + 1 >= more.size()) return false;
    ++j;
  }
  return true;
}

bool same_person(const PersonName& a, const PersonName& b) {
  if (!a.person || !b.person || a.words.empty() || b.words.empty() || a.words.back() != b.words.back()) return false;
  return a.words.size() <= b.words.size() ? given_subset(a.words, b.words) : given_subset(b.words, a.words);
}

}  // namespace

bool same_person(std::string_view a, std::string_view b) {
  return same_person(parse_person_name(a), parse_person_name(b));
}

bool same_organisation(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  return schema::normalise_name(canonical_org(a)) == schema::normalise_name(canonical_org(b));
}

bool lone_given_name(std::string_view claimed, std::string_view speaker) {
  PersonName c = parse_person_name(claimed), s = parse_person_name(speaker);
  return c.words.size() == 1 && s.person && s.words.size() >= 2 && c.words[0] == s.words[0] &&
         c.words[0] != s.words.back();
}

SpeakerMatch match_speaker(std::string_view claimed, const Quote& q) {
  if (q.speaker.empty()) return SpeakerMatch::unknown;
  if (same_organisation(claimed, q.speaker)) return SpeakerMatch::same;
  PersonName c = parse_person_name(claimed), s = parse_person_name(q.speaker);
  // An "organisation" whose name, its titles and acronyms set aside, is a person's full name is
  // that person speaking ("NATO Secretary-General Jens Stoltenberg").
  bool person = q.speaker_kind != SpeakerKind::organisation || s.words.size() >= 2;
  if (person && same_person(c, s)) return SpeakerMatch::same;
  // "Human Rights Watch said" of its director's words: the organisation spoke through them.
  if (same_organisation(claimed, q.affiliation)) return SpeakerMatch::same;
  return SpeakerMatch::different;
}

SpeakerMatch match_speaker(std::string_view claimed, const Quote& q, const std::vector<std::string>& article_speakers) {
  SpeakerMatch m = match_speaker(claimed, q);
  if (m != SpeakerMatch::different || !lone_given_name(claimed, q.speaker)) return m;
  std::string given = parse_person_name(claimed).words[0];
  std::set<std::string> surnames;  // the people of that given name in the article
  for (const auto& name : article_speakers) {
    PersonName p = parse_person_name(name);
    if (p.person && p.words.size() >= 2 && p.words[0] == given) surnames.insert(p.words.back());
  }
  return surnames.size() == 1 ? SpeakerMatch::same : SpeakerMatch::different;
}

}  // namespace whosaid
