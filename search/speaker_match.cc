#include "speaker_match.h"

#include <string>
#include <vector>

#include "aliases.h"
#include "lexicon.h"
#include "schema.h"
#include "utf8.h"

namespace whosaid {

namespace {

// Words before a name that are not part of it ("Ms.", "Dr", "President"), and after it ("Jr.").
bool honorific(std::string_view w) {
  for (std::string_view h : {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
                             "rev", "reverend", "hon", "sen", "rep", "gov", "gen", "col", "capt", "sgt", "lt"})
    if (w == h) return true;
  return lexicon::title_word(w);
}

bool name_suffix(std::string_view w) {
  for (std::string_view h : {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
    if (w == h) return true;
  return false;
}

// "Ms. Liz Evenson" -> {"liz", "evenson"}
std::vector<std::string> name_words(std::string_view name) {
  std::string folded = utf8::fold_diacritics(utf8::to_lower(name));
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    while (!cur.empty() && (cur.back() == '\'' || cur.back() == '-')) cur.pop_back();
    if (!cur.empty()) words.push_back(cur);
    cur.clear();
  };
  for (std::size_t i = 0; i < folded.size();) {
    std::size_t at = i;
    char32_t c = utf8::next(folded, i);
    bool letter = (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9') || c >= 0x80;
    if (c == U'\u2019') c = U'\'';
    if (letter && c != U'\u2019' && c != U'\u00a0') cur.append(folded, at, i - at);
    else if ((c == U'\'' || c == U'-') && !cur.empty()) cur += static_cast<char>(c);
    else flush();
  }
  flush();
  // Titles before the name and suffixes after it, never its last word ("King" is a surname too).
  std::size_t lead = 0;
  while (lead + 1 < words.size() && honorific(words[lead])) ++lead;
  words.erase(words.begin(), words.begin() + static_cast<long>(lead));
  while (words.size() > 1 && name_suffix(words.back())) words.pop_back();
  // A possessive is not part of the name ("Evenson's").
  for (auto& w : words)
    if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) w.resize(w.size() - 2);
  return words;
}

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

}  // namespace

bool same_person(std::string_view a, std::string_view b) {
  auto wa = name_words(a), wb = name_words(b);
  if (wa.empty() || wb.empty() || wa.back() != wb.back()) return false;
  return wa.size() <= wb.size() ? given_subset(wa, wb) : given_subset(wb, wa);
}

bool same_organisation(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  return schema::normalise_name(canonical_org(a)) == schema::normalise_name(canonical_org(b));
}

SpeakerMatch match_speaker(std::string_view claimed, const Quote& q) {
  if (q.speaker.empty()) return SpeakerMatch::unknown;
  if (same_organisation(claimed, q.speaker)) return SpeakerMatch::same;
  if (q.speaker_kind != SpeakerKind::organisation && same_person(claimed, q.speaker)) return SpeakerMatch::same;
  // "Human Rights Watch said" of its director's words: the organisation spoke through them.
  if (same_organisation(claimed, q.affiliation)) return SpeakerMatch::same;
  return SpeakerMatch::different;
}

}  // namespace whosaid
