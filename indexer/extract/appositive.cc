#include "mention.h"

#include <algorithm>
#include <vector>

#include "places.h"

#include "lexicon.h"
#include "utf8.h"

namespace whosaid {

std::string tidy_role(std::string_view role, std::string* place) {
  if (role.empty()) return {};
  std::vector<std::string> words;
  for (std::size_t s = 0; s < role.size();) {
    std::size_t e = role.find(' ', s);
    if (e == std::string_view::npos) e = role.size();
    if (e > s) words.emplace_back(role.substr(s, e - s));
    s = e + 1;
  }
  // Honorifics are no role ("Mr", "Ms"); "Dr." only when nothing else describes the person.
  static const char* const honorifics[] = {"mr.", "mr", "mrs.", "mrs", "ms.", "ms", "miss", "mx.", "mx", "sir", "dame",
                                           "madam", "mister"};
  auto honorific = [&](const std::string& l) {
    return std::find(std::begin(honorifics), std::end(honorifics), l) != std::end(honorifics) ||
           ((l == "dr." || l == "dr") && words.size() > 1);
  };
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string l = utf8::to_lower(words[i]);
    if (honorific(l)) continue;
    if (kept.empty() && (l == "which" || l == "who" || l == "whom" || l == "the" || l == "a" || l == "an" ||
                         ((l == "another" || l == "one") && i + 1 < words.size())))
      continue;
    // "the Democratic Party's presumptive nominee": the possessor is the body, the rest the role
    if (words[i].size() > 2 && std::isupper(static_cast<unsigned char>(words[i][0])) && ends_possessive(words[i]) &&
        i + 1 < words.size()) {
      std::string body;
      for (const auto& w : kept) body += w + " ";
      body += strip_possessive(words[i]);
      if (place && place->empty() && !is_place_name(body)) *place = body;
      kept.clear();
      continue;
    }
    // "judge presiding over the case", "an official who asked not to be named"; not "engineering
    // professor" (an -ing word after a role noun is a verb)
    bool participle_after_role = l.size() > 4 && l.compare(l.size() - 3, 3, "ing") == 0 && !role_noun(l) &&
                                 !kept.empty() && role_noun(utf8::to_lower(kept.back()));
    if (participle_after_role || (i > 0 && (l == "who" || l == "which" || l == "that" || l == "whose"))) break;
    kept.push_back(words[i]);
  }
  // No role ends on a connector: "Director-General of the".
  while (!kept.empty()) {
    std::string l = utf8::to_lower(kept.back());
    if (!(is_connector(l) || l == "a" || l == "an" || l == "at" || l == "in" || l == "to")) break;
    kept.pop_back();
  }
  // "Republican Senate Majority Leader": the party is the affiliation.
  if (!kept.empty() && !party_of(utf8::to_lower(kept.front())).empty()) {
    if (place && place->empty()) *place = kept.front();
    kept.erase(kept.begin());
  }
  // "Vermont Senator", "Ohio Governor": the place is the affiliation of a sub-national office.
  std::size_t p = 0;
  while (p + 1 < kept.size() && !kept[p].empty() && std::isupper(static_cast<unsigned char>(kept[p][0])) &&
         !lexicon::title_word(utf8::to_lower(kept[p])))
    ++p;
  if (p > 0 && p < kept.size()) {
    std::string lead;
    for (std::size_t i = 0; i < p; ++i) lead += (i ? " " : "") + kept[i];
    if (is_place_name(lead)) {
      if (place && place->empty()) *place = lead;
      kept.erase(kept.begin(), kept.begin() + static_cast<long>(p));
    }
  }
  std::string out;
  for (const auto& w : kept) out += (out.empty() ? "" : " ") + w;
  return out;
}

// A party word as an affiliation: the party's name when the article spells it ("Democratic
// party"), else the word as written ("Democrat").
std::string MentionParser::party_name(std::string_view written) const {
  std::string full = party_of(utf8::to_lower(written));  // "Democratic Party"
  std::string lower_p = full;                              // "Democratic party"
  if (auto sp = lower_p.rfind(' '); sp != std::string::npos) lower_p[sp + 1] = 'p';
  if (t_.text().find(full) != std::string_view::npos) return full;
  if (t_.text().find(lower_p) != std::string_view::npos) return lower_p;
  return std::string(written);
}

void MentionParser::parse_appositive(std::size_t a, std::size_t b, Mention& p) const {
  // [a, b): the words after "Name," up to the next comma, "who", or the sentence end.
  std::size_t e = a;
  while (e < b) {
    const Token& t = t_[e];
    if (t.type != Token::Type::word) break;
    // (a relative pronoun, not the WHO)
    if (!t.all_caps && (t.lower == "who" || t.lower == "which" || t.lower == "that" || t.lower == "whose")) break;
    if (t_.is_cue(e) && e > a) break;
    ++e;
  }
  if (e - a > 16 || e == a) return;
  // "His daughter, and member of the INC, …": a second description joined by "and"
  if (t_[a].lower == "and" && e > a + 1) ++a;
  std::size_t s = a;
  const Token& first = t_[s];
  // "Sharif Hotak, of the Maidan Wardak provincial council," / "…, in her fourth year at X University,":
  // no role, but the organisation.
  if ((first.lower == "of" || first.lower == "from" || first.lower == "in" || first.lower == "at") && p.org.empty()) {
    for (std::size_t i = a; i < e; ++i) {
      const auto& w = t_[i].lower;
      if (!(w == "of" || w == "from" || w == "at" || (w == "in" && i > a))) continue;
      std::size_t j = i + 1;
      if (j < e && t_[j].lower == "the") ++j;
      if (j >= e || !t_[j].cap) continue;
      std::size_t k = t_.name_run_end(j, e);
      for (std::size_t t = k; t < e && t < k + 3; ++t) {
        if (t_[t].type != Token::Type::word || t_[t].cap) break;
        if (t_.wc(t).org) { k = t + 1; break; }
      }
      bool orgish = false;
      for (std::size_t x = j; x < k; ++x) if (t_.wc(x).org || acronym_like(t_[x])) orgish = true;
      if (orgish) p.org = strip_possessive(t_.span_text(j, k));
      break;
    }
    return;
  }
  // "said Smith on Tuesday", "adding that", "in a statement": not an appositive.
  if (first.lower == "on" || first.lower == "in" || first.lower == "at" || first.lower == "to" || first.lower == "and" ||
      first.lower == "but" || first.lower == "as" || first.lower == "while" || first.lower == "when" ||
      first.lower == "after" || first.lower == "before" || first.lower == "during" || first.lower == "according" ||
      first.lower == "speaking" || first.lower == "who" || first.lower == "with" ||
      (first.lower.size() > 4 && first.lower.compare(first.lower.size() - 3, 3, "ing") == 0 && !role_noun(first.lower)))
    return;
  // A description names a role; "gave his condolences via Twitter" does not.
  {
    bool det = first.lower == "a" || first.lower == "an" || first.lower == "the" || first.lower == "his" ||
               first.lower == "her" || first.lower == "their" || first.lower == "its" || first.lower == "former" || first.cap;
    bool noun = false;
    for (std::size_t x = a; x < e; ++x) {
      if (t_.is_cue(x) || (t_.wc(x).aux && t_[x].lower != "a" && t_[x].lower != "an" &&
                                 t_[x].lower != "in" && t_[x].lower != "also"))
        return;
      if (role_noun(t_[x].lower)) noun = true;
    }
    bool all_caps_words = true;
    for (std::size_t x = a; x < e; ++x)
      if (!t_[x].cap && t_[x].lower != "the" && t_[x].lower != "of" && t_[x].lower != "also" &&
          t_[x].lower != "and" && t_[x].lower != "for")
        all_caps_words = false;
    if (!noun && !all_caps_words) return;
    (void)det;
  }
  if (first.lower == "a" || first.lower == "an" || first.lower == "the" || first.lower == "his" || first.lower == "her" ||
      first.lower == "their" || first.lower == "its" || first.lower == "also")
    ++s;
  if (s >= e) return;
  // A bare capitalised appositive ("Smith, Human Rights Watch,") is the organisation.
  std::size_t run = t_.starts_name(s) ? t_.name_run_end(s, e) : s;
  bool has_lower = false;
  for (std::size_t i = s; i < e; ++i)
    if (!t_[i].cap) has_lower = true;
  if (!has_lower && run == e) {
    bool org = false, titled = false;
    for (std::size_t i = s; i < e; ++i) {
      if (t_.wc(i).org || acronym_like(t_[i])) org = true;
      if (t_.wc(i).title && i + 1 == e) titled = true;
    }
    // "the Republican Senate Majority Leader": a title last makes it a role (the party its body)
    if (titled && p.role.empty()) {
      p.role = tidy_role(t_.span_text(s, e), &p.org);
      return;
    }
    if (org && p.org.empty()) p.org = t_.span_text(s, e);
    else if (!org && e == s + 1 && !party_of(t_[s].lower).empty()) {
      if (p.org.empty()) p.org = party_name(t_[s].text);
    } else if (!org) {
      bool title = false;
      for (std::size_t i = s; i < e; ++i) if (t_.wc(i).title) title = true;
      // "A Republican Assemblywoman": the party is the affiliation
      if (title && e > s + 1 && !party_of(t_[s].lower).empty()) {
        if (p.org.empty()) p.org = party_name(t_[s].text);
        ++s;
      }
      if (title && p.role.empty()) p.role = t_.span_text(s, e);
    }
    return;
  }
  // "<role> at|of|for|with|from [the] <Organisation>"
  std::size_t role_end = e;
  for (std::size_t i = s; i < e; ++i) {
    const auto& w = t_[i].lower;
    if (w == "at" || w == "of" || w == "for" || w == "with" || w == "from" || w == "in") {
      // "U.S. House of Representatives": a connector inside a name, not the role's end
      if (i > s && t_[i - 1].cap && i + 1 < e && t_[i + 1].cap && !t_.wc(i - 1).title &&
          !acronym_like(t_[i - 1]) && !acronym_like(t_[i + 1]))
        continue;
      std::size_t j = i + 1;
      if (j < e && t_[j].lower == "the") ++j;
      // "chief executive of the palace", "secretary of the dockers' union": a body in lower case
      // (not "secretary of state", "head of state": one bare word is part of the role)
      if (j < e && e - j <= 3 && !t_[j].cap && t_.wc(e - 1).org && w != "in" && (j > i + 1 || e - j >= 2)) {
        bool lower_case = true;
        for (std::size_t x = j; x < e; ++x) if (t_[x].cap || t_[x].type != Token::Type::word) lower_case = false;
        if (lower_case) {
          if (p.org.empty()) p.org = t_.span_text(j, e);
          role_end = i;
          break;
        }
      }
      // "nominee for President of the United States": a title after the preposition is still the role
      if (j < e && t_[j].cap && t_.wc(j).title) continue;
      if (j < e && t_[j].cap) {
        std::size_t k = t_.name_run_end(j, e);
        // "London's Royal Veterinary College": the place before the possessive is not the name.
        std::size_t o = j;
        if (ends_possessive(t_[k - 1].text) && k < e && t_[k].cap) {
          o = k;
          k = t_.name_run_end(k, e);
        }
        // "the Maidan Wardak provincial council": lower-case words ending in an organisation head
        for (std::size_t t = k; t < e && t < k + 3; ++t) {
          if (t_[t].type != Token::Type::word || t_[t].cap) break;
          if (t_.wc(t).org) { k = t + 1; break; }
        }
        std::string org = t_.span_text(o, k);
        if (ends_possessive(t_[k - 1].text)) org = strip_possessive(org);
        if (w == "in" && !t_.wc(k - 1).org) {
          // "a lawyer in London": a place, the affiliation only when nothing better
          if (p.org.empty() && k == e) {}
          continue;
        }
        if (p.org.empty()) p.org = org;
        role_end = i;
        break;
      }
    }
  }
  // Role words, minus an organisation written inside them ("a former State Department expert").
  std::vector<std::string> words;
  for (std::size_t i = s; i < role_end; ++i) {
    const Token& t = t_[i];
    if (t.cap && !lexicon::title_word(t.lower) && t.lower != "former") {
      std::size_t k = t_.name_run_end(i, role_end);
      bool org = false;
      for (std::size_t x = i; x < k; ++x)
        if (t_.wc(x).org || acronym_like(t_[x])) org = true;
      if (org && p.org.empty()) {
        std::string o = t_.span_text(i, k);
        if (ends_possessive(t_[k - 1].text)) o = strip_possessive(o);
        p.org = o;
        i = k - 1;
        continue;
      }
    }
    if (t.lower == "former" || t.lower == "ex-" || t.lower.rfind("then-", 0) == 0 || t.lower.rfind("ex-", 0) == 0) p.former = true;
    words.push_back(std::string(t.text));
  }
  if (!words.empty() && p.role.empty()) {
    std::string r;
    for (auto& w : words) { if (!r.empty()) r += ' '; r += w; }
    p.role = r;
  }
}

}  // namespace whosaid
