#include "speaker.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "aliases.h"
#include "lexicon.h"
#include "places.h"
#include "utf8.h"

namespace whosaid {
namespace {

bool ends_possessive(std::string_view w) {
  return (w.size() > 2 && (w.substr(w.size() - 2) == "'s")) || (w.size() > 4 && w.substr(w.size() - 4) == "\xE2\x80\x99s");
}

std::string strip_possessive(std::string_view w) {
  if (w.size() > 2 && w.substr(w.size() - 2) == "'s") return std::string(w.substr(0, w.size() - 2));
  if (w.size() > 4 && w.substr(w.size() - 4) == "\xE2\x80\x99s") return std::string(w.substr(0, w.size() - 4));
  return std::string(w);
}

bool is_connector(std::string_view w) {
  return w == "of" || w == "for" || w == "and" || w == "the" || w == "de" || w == "&" || w == "du" ||
         w == "des" || w == "la";
}


// A word that can name a role: a title, or an agent noun ("herpetologist", "adviser", "historian").
bool role_noun(std::string_view w) {
  if (lexicon::title_word(w)) return true;
  if (w.size() < 5) return false;
  static const std::unordered_set<std::string_view> agents = {
      "resident", "student", "correspondent", "superintendent", "consultant", "accountant", "attendant",
      "merchant", "servant", "immigrant", "migrant", "applicant", "participant", "claimant", "defendant",
      "entrant", "tenant", "informant", "contestant", "regent", "agent", "president", "vice-president",
      "advocate", "delegate", "candidate", "graduate", "diplomat", "pilot", "chef", "poet", "athlete"};
  if (agents.count(w)) return true;
  for (std::string_view suf : {"ist", "ian", "or", "er", "man", "woman", "person", "ary"})
    if (w.size() > suf.size() + 2 && w.compare(w.size() - suf.size(), suf.size(), suf) == 0) {
      static const std::vector<std::string_view> no = {"other", "under", "after", "over", "later", "never", "whether",
                                                        "together", "rather", "further", "however", "another",
                                                        "different", "recent", "current", "independent", "summer",
                                                        "winter", "order", "number", "member's", "november",
                                                        "december", "october", "september", "corner", "border", "twitter", "water",
                                                        "matter", "letter", "paper", "chapter", "quarter", "center",
                                                        "centre", "power", "tower", "river", "danger", "murder",
                                                        "minor", "major", "error", "floor", "door", "factor"};
      return std::find(no.begin(), no.end(), w) == no.end();
    }
  return false;
}

// "Democrat", "Republican": the party a politician is affiliated with, as an organisation name.
std::string party_of(std::string_view lower_word) {
  if (lower_word == "democrat" || lower_word == "democratic" || lower_word == "democrats") return "Democratic Party";
  if (lower_word == "republican" || lower_word == "republicans") return "Republican Party";
  if (lower_word == "labour") return "Labour Party";
  if (lower_word == "conservative" || lower_word == "tory") return "Conservative Party";
  if (lower_word == "libertarian") return "Libertarian Party";
  return {};
}

bool participle(const Token& t) { return t.lower.size() > 4 && t.lower.compare(t.lower.size() - 3, 3, "ing") == 0; }

// A run of capitalised words that names a place, not a person.
bool place_like(const std::vector<Token>& toks, std::size_t s, std::size_t e, std::string_view text) {
  for (std::size_t x = s; x < e; ++x)
    if (is_place_word(toks[x].lower)) return true;
  if (e > s) {
    std::string_view n = text.substr(toks[s].start, toks[e - 1].end - toks[s].start);
    if (is_place_name(n)) return true;
  }
  return false;
}

bool acronym_like(const Token& t) {
  if (!t.all_caps) return false;
  std::size_t letters = 0;
  for (char c : t.text)
    if (std::isalpha(static_cast<unsigned char>(c))) ++letters;
  return letters >= 2 && letters <= 7;
}

// "R-Pa.", "D-N.Y.", "I-Vt": a legislator's party and state after the name, never a name itself.
bool party_designation(std::string_view w) {
  return w.size() >= 4 && (w[0] == 'R' || w[0] == 'D' || w[0] == 'I') && w[1] == '-' && w[2] >= 'A' && w[2] <= 'Z';
}

bool last_token_is(const std::vector<std::string>& v, std::string_view w) { return !v.empty() && v.back() == w; }

}  // namespace

SpeakerResolver::SpeakerResolver(std::string_view text, const std::vector<Token>& tokens,
                                 const std::vector<QuoteSpan>& spans)
    : text_(text), toks_(tokens), spans_(spans) {
  // Whether each token is a speech verb used as a verb, decided once: "State" in "State
  // Department" is a name, and "his remarks", "the state", "a note" are nouns.
  sent_start_.resize(toks_.size());
  sent_end_.resize(toks_.size());
  for (std::size_t i = 0; i < toks_.size(); ++i) {
    bool boundary = i == 0 || toks_[i - 1].sentence != toks_[i].sentence || toks_[i - 1].type == Token::Type::newline;
    sent_start_[i] = boundary ? i : sent_start_[i - 1];
  }
  for (std::size_t i = toks_.size(); i-- > 0;) {
    bool boundary = i + 1 == toks_.size() || toks_[i + 1].sentence != toks_[i].sentence ||
                    toks_[i + 1].type == Token::Type::newline || toks_[i].type == Token::Type::newline;
    sent_end_[i] = boundary ? (toks_[i].type == Token::Type::newline ? i : i + 1) : sent_end_[i + 1];
  }
  cue_.assign(toks_.size(), 0);
  wc_.assign(toks_.size(), WordClass{});
  for (std::size_t i = 0; i < toks_.size(); ++i) {
    if (toks_[i].type != Token::Type::word) continue;
    const std::string& w = toks_[i].lower;
    WordClass& c = wc_[i];
    const std::uint16_t f = lexicon::classify(w);
    c.title = f & lexicon::kTitle;
    c.org = f & lexicon::kOrgHead;
    c.anon = f & lexicon::kAnonymous;
    c.person_pronoun = f & lexicon::kPersonPronoun;
    c.org_pronoun = f & lexicon::kOrgPronoun;
    c.not_name = (f & lexicon::kNotAName) || party_designation(toks_[i].text);
    c.particle = f & lexicon::kParticle;
    c.month = f & lexicon::kMonth;
    c.speech = f & lexicon::kSpeechVerb;
    c.aux = f & lexicon::kAux;
    c.connector = f & lexicon::kConnector;
    c.place_word = toks_[i].cap && is_place_word(w);  // place words matter only in capitalised runs
  }
  for (std::size_t i = 0; i < toks_.size(); ++i) {
    const Token& t = toks_[i];
    if (t.type != Token::Type::word || !wc_[i].speech) continue;
    bool sentence_initial = i == 0 || toks_[i - 1].sentence != t.sentence || toks_[i - 1].type == Token::Type::newline;
    if (t.cap && !sentence_initial) continue;
    if (i > 0 && toks_[i - 1].type == Token::Type::word) {
      const auto& w = toks_[i - 1].lower;
      if (w == "a" || w == "an" || w == "the" || w == "his" || w == "her" || w == "their" || w == "its" || w == "our" ||
          w == "my" || w == "your" || w == "this" || w == "these" || w == "those" || w == "such" || w == "whose" ||
          ends_possessive(toks_[i - 1].text))
        continue;
      // "a flurry of late-night tweets", "a series of statements": nouns after "of" or a compound modifier
      // (plural nouns only: "the ex-president said" still speaks)
      if (t.lower.back() == 's' && (w == "of" || (!toks_[i - 1].cap && w.size() > 3 && w.find('-') != std::string::npos)))
        continue;
    }
    cue_[i] = 1;
  }
  build_registry();
}

std::string SpeakerResolver::span_text(std::size_t a, std::size_t b) const {
  if (a >= b) return {};
  std::size_t s = toks_[a].start, e = toks_[b - 1].end;
  std::string out(text_.substr(s, e - s));
  // Collapse internal line breaks and runs of spaces.
  std::string clean;
  bool sp = false;
  for (char c : out) {
    if (c == '\n' || c == '\t' || c == ' ') { sp = true; continue; }
    if (sp && !clean.empty()) clean += ' ';
    sp = false;
    clean += c;
  }
  return clean;
}

bool SpeakerResolver::starts_name(std::size_t i) const {
  const Token& t = toks_[i];
  if (t.type != Token::Type::word || !t.cap) return false;
  return !wc_[i].not_name;
}

// End of the run of capitalised words starting at i (connectors allowed between capitals).
std::size_t SpeakerResolver::name_run_end(std::size_t i, std::size_t b) const {
  std::size_t j = i;
  while (j < b) {
    const Token& t = toks_[j];
    if (t.type != Token::Type::word) break;
    if (t.cap && !wc_[j].month) { ++j; if (ends_possessive(t.text)) break; continue; }
    if ((wc_[j].particle || wc_[j].connector) && j + 1 < b && toks_[j + 1].type == Token::Type::word &&
        toks_[j + 1].cap && j > i) { ++j; continue; }
    break;
  }
  // Do not end on a connector.
  while (j > i + 1 && wc_[j - 1].connector) --j;
  return j;
}

// A party word as an affiliation: the party's name when the article spells it ("Democratic
// party"), else the word as written ("Democrat").
std::string SpeakerResolver::party_name(std::string_view written) const {
  std::string full = party_of(utf8::to_lower(written));  // "Democratic Party"
  std::string lower_p = full;                              // "Democratic party"
  if (auto sp = lower_p.rfind(' '); sp != std::string::npos) lower_p[sp + 1] = 'p';
  if (text_.find(full) != std::string_view::npos) return full;
  if (text_.find(lower_p) != std::string_view::npos) return lower_p;
  return std::string(written);
}

bool SpeakerResolver::initials_match(std::size_t s, std::size_t e, std::string_view shortform) const {
  std::string caps, initials;
  for (char c : shortform) {
    if (std::isupper(static_cast<unsigned char>(c))) caps += c;
    else if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  }
  for (std::size_t x = s; x < e; ++x)
    if (toks_[x].cap && !toks_[x].text.empty()) initials += toks_[x].text[0];
  return caps.size() >= 2 && shortform.size() <= 8 && caps == initials;
}

std::string SpeakerResolver::expand_org(const std::string& org) const {
  for (const auto& [ac, full] : acronyms_)
    if (ac == org || ("the " + ac) == org) return full;
  // An abbreviation the alias table knows, spelled out elsewhere in this article ("CIA").
  if (!org.empty() && org.size() <= 8) {
    std::string canon = canonical_org(org);
    if (canon != org && text_.find(canon) != std::string_view::npos) return canon;
  }
  return org;
}

const SpeakerResolver::Entity* SpeakerResolver::find_entity(const std::string& name) const {
  if (name.empty()) return nullptr;
  // Name words without titles.
  std::vector<std::string> words;
  std::size_t s = 0;
  while (s < name.size()) {
    auto e = name.find(' ', s);
    if (e == std::string::npos) e = name.size();
    std::string w = utf8::fold_diacritics(name.substr(s, e - s));
    std::string lw;
    for (char c : w) lw += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!w.empty() && !lexicon::title_word(lw)) words.push_back(w);
    s = e + 1;
  }
  if (words.empty()) return nullptr;
  auto candidates = [&](const std::unordered_map<std::string, std::vector<std::size_t>>& index,
                        const std::string& key) -> const std::vector<std::size_t>& {
    static const std::vector<std::size_t> none;
    auto it = index.find(key);
    return it == index.end() ? none : it->second;
  };
  const Entity* best = nullptr;
  if (words.size() == 1) {
    const std::string& w = words[0];
    // A surname ("Clinton") names the person it ends, before anyone it begins.
    if (auto it = best_surname_.find(w); it != best_surname_.end()) {
      const Entity& e = entities_[it->second];
      if (e.folded.size() > 1 && e.folded.back() == w) return &e;
    }
    if (auto it = best_word_.find(w); it != best_word_.end()) {
      const Entity& e = entities_[it->second];
      if (!e.folded.empty() && (e.folded.back() == w || e.folded.front() == w) &&
          !(e.folded.size() > 1 && e.folded.back() == w))
        return &e;
    }
    // Kept answers hold unless a name changed its words when it grew: then look at every candidate.
    for (std::size_t idx : candidates(by_last_, w)) {
      const Entity& e = entities_[idx];
      if (e.folded.size() > 1 && e.folded.back() == w && (!best || e.tokens.size() > best->tokens.size()))
        best = &e;
    }
    if (best) return best;
    for (const auto* index : {&by_last_, &by_first_})
      for (std::size_t idx : candidates(*index, w)) {
        const Entity& e = entities_[idx];
        bool match = !e.folded.empty() && (e.folded.back() == w || e.folded.front() == w);
        if (match && (!best || e.tokens.size() > best->tokens.size())) best = &e;
      }
    return best;
  }
  // People holding the first word and ending in the last one; each must hold every word.
  for (std::size_t idx : candidates(by_pair_, words.front() + '\x1f' + words.back())) {
    const Entity& e = entities_[idx];
    const auto& et = e.folded;
    bool match = !et.empty() && et.back() == words.back() &&
                 std::all_of(words.begin(), words.end(), [&](const std::string& w) {
                   return std::find(et.begin(), et.end(), w) != et.end();
                 });
    if (match && (!best || e.tokens.size() > best->tokens.size())) best = &e;
  }
  return best;
}

// Mentions are kept in text order: the ones before `token` end at this index (binary search, so
// that an article of any length costs the same per look-up).
std::size_t SpeakerResolver::mentions_before(const std::vector<std::pair<std::size_t, std::size_t>>& mentions,
                                             std::size_t token) {
  auto it = std::lower_bound(mentions.begin(), mentions.end(), token,
                             [](const std::pair<std::size_t, std::size_t>& m, std::size_t t) { return m.first < t; });
  return static_cast<std::size_t>(it - mentions.begin());
}

void SpeakerResolver::index_entity(std::size_t idx) {
  const Entity& e = entities_[idx];
  if (e.kind != SpeakerKind::person || e.folded.empty()) return;
  by_last_[e.folded.back()].push_back(idx);
  by_first_[e.folded.front()].push_back(idx);
  for (std::size_t i = 0; i < e.folded.size(); ++i) {
    if (std::find(e.folded.begin(), e.folded.begin() + static_cast<std::ptrdiff_t>(i), e.folded[i]) !=
        e.folded.begin() + static_cast<std::ptrdiff_t>(i))
      continue;  // a word twice in one name: one entry
    by_pair_[e.folded[i] + '\x1f' + e.folded.back()].push_back(idx);
  }
  // The longest name wins; between names as long, the one added first (as a walk of the lists).
  auto keep_best = [&](std::unordered_map<std::string, std::size_t>& best, const std::string& word) {
    auto [it, added] = best.try_emplace(word, idx);
    if (added || it->second == idx) return;
    const Entity& cur = entities_[it->second];
    if (e.tokens.size() > cur.tokens.size() || (e.tokens.size() == cur.tokens.size() && idx < it->second)) it->second = idx;
  };
  if (e.folded.size() > 1) keep_best(best_surname_, e.folded.back());
  keep_best(best_word_, e.folded.back());
  keep_best(best_word_, e.folded.front());
}

const SpeakerResolver::Entity* SpeakerResolver::last_org_before(std::size_t token) const {
  // The nearest earlier sentence naming an organisation; in it, the first one (usually the subject).
  std::size_t k = mentions_before(org_mentions_, token);
  if (k == 0) return nullptr;
  const int sent = toks_[org_mentions_[k - 1].first].sentence;
  std::size_t first = k - 1;
  while (first > 0 && toks_[org_mentions_[first - 1].first].sentence == sent) --first;
  return &entities_[org_mentions_[first].second];
}

void SpeakerResolver::parse_appositive(std::size_t a, std::size_t b, Parsed& p) const {
  // [a, b): the words after "Name," up to the next comma, "who", or the sentence end.
  std::size_t e = a;
  while (e < b) {
    const Token& t = toks_[e];
    if (t.type != Token::Type::word) break;
    if (t.lower == "who" || t.lower == "which" || t.lower == "that" || t.lower == "whose") break;
    if (is_cue(e) && e > a) break;
    ++e;
  }
  if (e - a > 16 || e == a) return;
  // "His daughter, and member of the INC, …": a second description joined by "and"
  if (toks_[a].lower == "and" && e > a + 1) ++a;
  std::size_t s = a;
  const Token& first = toks_[s];
  // "Sharif Hotak, of the Maidan Wardak provincial council," / "…, in her fourth year at X University,":
  // no role, but the organisation.
  if ((first.lower == "of" || first.lower == "from" || first.lower == "in" || first.lower == "at") && p.org.empty()) {
    for (std::size_t i = a; i < e; ++i) {
      const auto& w = toks_[i].lower;
      if (!(w == "of" || w == "from" || w == "at" || (w == "in" && i > a))) continue;
      std::size_t j = i + 1;
      if (j < e && toks_[j].lower == "the") ++j;
      if (j >= e || !toks_[j].cap) continue;
      std::size_t k = name_run_end(j, e);
      for (std::size_t t = k; t < e && t < k + 3; ++t) {
        if (toks_[t].type != Token::Type::word || toks_[t].cap) break;
        if (wc_[t].org) { k = t + 1; break; }
      }
      bool orgish = false;
      for (std::size_t x = j; x < k; ++x) if (wc_[x].org || acronym_like(toks_[x])) orgish = true;
      if (orgish) p.org = strip_possessive(span_text(j, k));
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
      if (is_cue(x) || (wc_[x].aux && toks_[x].lower != "a" && toks_[x].lower != "an" &&
                                 toks_[x].lower != "in" && toks_[x].lower != "also"))
        return;
      if (role_noun(toks_[x].lower)) noun = true;
    }
    bool all_caps_words = true;
    for (std::size_t x = a; x < e; ++x)
      if (!toks_[x].cap && toks_[x].lower != "the" && toks_[x].lower != "of" && toks_[x].lower != "also" &&
          toks_[x].lower != "and" && toks_[x].lower != "for")
        all_caps_words = false;
    if (!noun && !all_caps_words) return;
    (void)det;
  }
  if (first.lower == "a" || first.lower == "an" || first.lower == "the" || first.lower == "his" || first.lower == "her" ||
      first.lower == "their" || first.lower == "its" || first.lower == "also")
    ++s;
  if (s >= e) return;
  // A bare capitalised appositive ("Smith, Human Rights Watch,") is the organisation.
  std::size_t run = starts_name(s) ? name_run_end(s, e) : s;
  bool has_lower = false;
  for (std::size_t i = s; i < e; ++i)
    if (!toks_[i].cap) has_lower = true;
  if (!has_lower && run == e) {
    bool org = false;
    for (std::size_t i = s; i < e; ++i)
      if (wc_[i].org || acronym_like(toks_[i])) org = true;
    if (org && p.org.empty()) p.org = span_text(s, e);
    else if (!org && e == s + 1 && !party_of(toks_[s].lower).empty()) {
      if (p.org.empty()) p.org = party_name(toks_[s].text);
    } else if (!org) {
      bool title = false;
      for (std::size_t i = s; i < e; ++i) if (wc_[i].title) title = true;
      // "A Republican Assemblywoman": the party is the affiliation
      if (title && e > s + 1 && !party_of(toks_[s].lower).empty()) {
        if (p.org.empty()) p.org = party_name(toks_[s].text);
        ++s;
      }
      if (title && p.role.empty()) p.role = span_text(s, e);
    }
    return;
  }
  // "<role> at|of|for|with|from [the] <Organisation>"
  std::size_t role_end = e;
  for (std::size_t i = s; i < e; ++i) {
    const auto& w = toks_[i].lower;
    if (w == "at" || w == "of" || w == "for" || w == "with" || w == "from" || w == "in") {
      // "U.S. House of Representatives": a connector inside a name, not the role's end
      if (i > s && toks_[i - 1].cap && i + 1 < e && toks_[i + 1].cap && !wc_[i - 1].title &&
          !acronym_like(toks_[i - 1]) && !acronym_like(toks_[i + 1]))
        continue;
      std::size_t j = i + 1;
      if (j < e && toks_[j].lower == "the") ++j;
      // "chief executive of the palace", "secretary of the dockers' union": a body in lower case
      if (j < e && e - j <= 3 && !toks_[j].cap && wc_[e - 1].org && w != "in") {
        bool lower_case = true;
        for (std::size_t x = j; x < e; ++x) if (toks_[x].cap || toks_[x].type != Token::Type::word) lower_case = false;
        if (lower_case) {
          if (p.org.empty()) p.org = span_text(j, e);
          role_end = i;
          break;
        }
      }
      if (j < e && toks_[j].cap) {
        std::size_t k = name_run_end(j, e);
        // "London's Royal Veterinary College": the place before the possessive is not the name.
        std::size_t o = j;
        if (ends_possessive(toks_[k - 1].text) && k < e && toks_[k].cap) {
          o = k;
          k = name_run_end(k, e);
        }
        // "the Maidan Wardak provincial council": lower-case words ending in an organisation head
        for (std::size_t t = k; t < e && t < k + 3; ++t) {
          if (toks_[t].type != Token::Type::word || toks_[t].cap) break;
          if (wc_[t].org) { k = t + 1; break; }
        }
        std::string org = span_text(o, k);
        if (ends_possessive(toks_[k - 1].text)) org = strip_possessive(org);
        if (w == "in" && !wc_[k - 1].org) {
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
    const Token& t = toks_[i];
    if (t.cap && !lexicon::title_word(t.lower) && t.lower != "former") {
      std::size_t k = name_run_end(i, role_end);
      bool org = false;
      for (std::size_t x = i; x < k; ++x)
        if (wc_[x].org || acronym_like(toks_[x])) org = true;
      if (org && p.org.empty()) {
        std::string o = span_text(i, k);
        if (ends_possessive(toks_[k - 1].text)) o = strip_possessive(o);
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

SpeakerResolver::Parsed SpeakerResolver::parse_phrase(std::size_t a, std::size_t b) const {
  Parsed p;
  // Skip leading punctuation and conjunctions.
  while (a < b && (toks_[a].type != Token::Type::word ||
                   toks_[a].lower == "and" || toks_[a].lower == "but" || toks_[a].lower == "as" ||
                   toks_[a].lower == "so" || toks_[a].lower == "while")) ++a;
  if (a >= b) return p;
  // Head: up to the first comma; the rest may be an appositive.
  std::size_t c = a;
  while (c < b && !(toks_[c].type == Token::Type::punct && (toks_[c].text == "," || toks_[c].text == "(" ||
                                                           toks_[c].text == "\xE2\x80\x94"))) ++c;
  std::size_t head_end = c;
  if (head_end - a == 1 && toks_[a].type == Token::Type::word &&
      (wc_[a].person_pronoun || wc_[a].org_pronoun)) {
    p.pronoun = true;
    p.mention = std::string(toks_[a].text);
    p.kind = wc_[a].person_pronoun ? SpeakerKind::person : SpeakerKind::organisation;
    p.name_token = a;
    return p;
  }
  // A pronoun right before the verb is the subject: "On the live television he said".
  if (b - a >= 2 && toks_[b - 1].type == Token::Type::word &&
      (toks_[b - 1].lower == "he" || toks_[b - 1].lower == "she" || toks_[b - 1].lower == "they" || toks_[b - 1].lower == "we")) {
    p.pronoun = true;
    p.mention = std::string(toks_[b - 1].text);
    p.kind = toks_[b - 1].lower == "they" ? SpeakerKind::organisation : SpeakerKind::person;
    p.name_token = b - 1;
    return p;
  }
  // "Judge Miller's statement", "the ministry's letter": the possessor speaks.
  if (head_end - a >= 2 && wc_[head_end - 1].anon && ends_possessive(toks_[head_end - 2].text) &&
      toks_[head_end - 2].cap) {
    std::size_t r = head_end - 2;
    std::size_t rs = r;
    while (rs > a && toks_[rs - 1].type == Token::Type::word && toks_[rs - 1].cap) --rs;
    Parsed q = parse_phrase(rs, r + 1);
    if (q.kind != SpeakerKind::unknown && !q.name.empty()) {
      q.name = strip_possessive(q.name);
      q.mention = strip_possessive(q.mention);
      return q;
    }
  }
  // "his message", "their statement": the possessor speaks.
  if (head_end - a >= 2 && head_end - a <= 3 && wc_[head_end - 1].anon) {
    const auto& w = toks_[a].lower;
    const char* pro = w == "his" ? "he" : w == "her" ? "she" : w == "their" ? "they" : w == "its" ? "it" : nullptr;
    if (pro) {
      p.pronoun = true;
      p.mention = pro;
      p.kind = (w == "his" || w == "her") ? SpeakerKind::person : SpeakerKind::organisation;
      p.name_token = a;
      return p;
    }
  }
  // An unnamed source of an organisation: "An official from TfL", "a source within the Interior Ministry".
  {
    std::size_t h = a;
    auto det = [](const std::string& w) { return w == "a" || w == "an" || w == "the"; };
    while (h < head_end && toks_[h].type == Token::Type::word && (!toks_[h].cap || det(toks_[h].lower)) &&
           !wc_[h].anon)
      ++h;
    if (h < head_end && h > a - 1 && toks_[h].type == Token::Type::word && wc_[h].anon &&
        (h == a || !toks_[a].cap || toks_[a].lower == "a" || toks_[a].lower == "an" || toks_[a].lower == "the") &&
        h + 1 < head_end) {
      const auto& prep = toks_[h + 1].lower;
      if (prep == "from" || prep == "of" || prep == "for" || prep == "at" || prep == "within" || prep == "with" || prep == "in") {
        std::size_t o = h + 2;
        while (o < head_end && !toks_[o].cap) ++o;
        if (o < head_end) {
          std::size_t oe = name_run_end(o, head_end);
          bool person_after = oe - o >= 2 && !place_like(toks_, o, oe, text_);
          bool orgish = false;
          for (std::size_t x = o; x < oe; ++x)
            if (wc_[x].org || acronym_like(toks_[x])) orgish = true;
          if (orgish || !person_after) {
            p.kind = SpeakerKind::anonymous;
            p.mention = span_text(a, h + 1);
            p.name = p.mention;
            p.role = std::string(toks_[h].text);
            p.org = span_text(o, oe);
            p.name_token = a;
            return p;
          }
        }
      }
    }
  }
  // Capitalised runs in the head.
  struct Run { std::size_t s, e; bool org; };
  std::vector<Run> runs;
  for (std::size_t i = a; i < head_end;) {
    if (starts_name(i) || (toks_[i].cap && toks_[i].type == Token::Type::word && i > a && !wc_[i].not_name)) {
      std::size_t e = name_run_end(i, head_end);
      if (e <= i) e = i + 1;
      // "Taiwan's Constitutional Court": a possessive place before an organisation is part of its name.
      if (ends_possessive(toks_[e - 1].text) && e < head_end && toks_[e].cap) {
        std::size_t e2 = name_run_end(e, head_end);
        bool org_after = false;
        for (std::size_t x = e; x < e2; ++x) if (wc_[x].org) org_after = true;
        if (org_after) e = e2;
      }
      // Only words after the last title decide: "Nevada State Senator Patricia Ann Spearman" is a
      // person, though "State" can head an organisation.
      std::size_t after_title = i;
      for (std::size_t x = i; x + 1 < e; ++x)
        if (wc_[x].title && (toks_[x + 1].cap || wc_[x + 1].connector)) after_title = x + 1;
      bool org = false;
      for (std::size_t x = after_title; x < e; ++x)
        if (wc_[x].org) org = true;
      if (e - i == 1 && acronym_like(toks_[i])) org = true;
      if (e == i + 1 && !party_of(toks_[i].lower).empty()) org = true;  // "Democratic" alone
      if (e == i + 1 && i > a &&
          (toks_[i - 1].lower == "on" || toks_[i - 1].lower == "via" || toks_[i - 1].lower == "through")) {
        i = e;  // "reacted on Twitter", "via Facebook"
        continue;
      }
      // "Liberal Democrats", "Senate Republicans": parties and titles only
      if (!org) {
        bool only = true, party = false;
        for (std::size_t x = i; x < e; ++x) {
          bool pw = !party_of(toks_[x].lower).empty();
          party = party || pw;
          if (!pw && !wc_[x].title && !wc_[x].org) only = false;
        }
        if (only && party && e - i > 1) org = true;
      }
      if (!org && e - after_title > 1)
        for (std::size_t x = after_title; x < e; ++x)
          if (acronym_like(toks_[x]) && toks_[x].text.find('.') == std::string_view::npos) org = true;
      // "of the Northern Arapaho tribal historic preservation office": a body, though it opens with a place
      if (!org && i >= a + 1 && (toks_[i - 1].lower == "of" || toks_[i - 1].lower == "the") ) {
        for (std::size_t t = e; t < head_end && t < e + 4; ++t) {
          if (toks_[t].type != Token::Type::word || toks_[t].cap) break;
          if (wc_[t].org) { e = t + 1; org = true; break; }
        }
      }
      if (!org) {
        bool titled = false;
        for (std::size_t x = i; x < e; ++x) if (wc_[x].title) titled = true;
        std::string_view whole = text_.substr(toks_[i].start, toks_[e - 1].end - toks_[i].start);
        bool place = is_place_name(whole);
        if (!place && !titled && e - i <= 3)
          for (std::size_t x = i; x < e; ++x) if (wc_[x].place_word) place = true;
        // a place right before a speech verb speaks ("Jordan said"): keep it
        if (place && !(e == b && b < toks_.size() && is_cue(b))) {
          i = e;
          continue;
        }
      }
      // A lower-case organisation head right after the run: "Richmond police".
      if (!org && e < head_end && toks_[e].type == Token::Type::word && !toks_[e].cap && wc_[e].org &&
          !wc_[e].title) {
        org = true;
        ++e;
      }
      // "Smith of Amnesty International": split a person from a following organisation.
      if (org) {
        for (std::size_t x = i + 1; x + 1 < e; ++x) {
          const auto& w = toks_[x].lower;
          if (w == "of" || w == "for" || w == "at" || w == "from") {
            bool left_org = false;
            for (std::size_t y = i; y < x; ++y) if (wc_[y].org) left_org = true;
            if (!left_org && !wc_[x - 1].title) {
              runs.push_back({i, x, false});
              std::size_t o = x + 1;
              if (o < e && toks_[o].lower == "the") ++o;
              runs.push_back({o, e, true});
              goto next_run;
            }
          }
        }
      }
      // "Mr. Xi and Mr. Obama": two people; the one nearer the verb is kept as the last run.
      if (!org) {
        std::size_t cut = i;
        for (std::size_t x = i + 1; x + 1 < e; ++x)
          if (toks_[x].lower == "and" || toks_[x].lower == "&") cut = x;
        if (cut > i) {
          runs.push_back({i, cut, false});
          i = cut + 1;
          continue;  // the rest is examined as a run of its own
        }
        // Title-case headlines are not names: a person's name is at most five words.
        std::size_t words = 0;
        for (std::size_t x = i; x < e; ++x) if (toks_[x].cap && !wc_[x].title) ++words;
        if (words > 5) { i = e; continue; }
      }
      // "Tomás Ibáñez of Northline Research": a person, then the body they belong to.
      if (!org) {
        bool split = false;
        for (std::size_t x = i + 1; x + 1 < e && !split; ++x) {
          if ((toks_[x].lower == "of" || toks_[x].lower == "from") && x - i >= 2 && !wc_[i].title &&
              !place_like(toks_, i, x, text_)) {
            bool titled = false;
            for (std::size_t y = i; y < x; ++y) if (wc_[y].title) titled = true;
            if (titled) break;
            std::size_t o = x + 1;
            if (o < e && toks_[o].lower == "the") ++o;
            if (o < e) {
              runs.push_back({i, x, false});
              runs.push_back({o, e, true});
              split = true;
            }
          }
        }
        if (split) { i = e; continue; }
      }
      // Possessive organisation before a name: "HRW's Kenneth Roth" (not "Taiwan's Constitutional Court").
      for (std::size_t x = i; x + 1 < e && !org; ++x) {
        if (ends_possessive(toks_[x].text)) {
          runs.push_back({i, x + 1, true});
          runs.push_back({x + 1, e, false});
          goto next_run;
        }
      }
      runs.push_back({i, e, org});
    next_run:
      i = e;
      continue;
    }
    ++i;
  }
  // "a Hampshire Police spokesman", "a Woolworths spokesperson": an unnamed source of that body.
  if (!runs.empty() && runs.back().e < head_end && toks_[runs.back().e].type == Token::Type::word &&
      wc_[runs.back().e].anon && !toks_[runs.back().e].cap &&
      (runs.back().e + 1 == head_end || toks_[runs.back().e + 1].type != Token::Type::word)) {
    const Run& r = runs.back();
    p.kind = SpeakerKind::anonymous;
    p.role = std::string(toks_[r.e].text);
    std::size_t from = r.s;
    if (from > a && (toks_[from - 1].lower == "a" || toks_[from - 1].lower == "an" || toks_[from - 1].lower == "the")) --from;
    p.mention = span_text(from, r.e + 1);
    p.name = p.mention;
    p.org = span_text(r.s, r.e);
    p.name_token = from;
    return p;
  }
  // The speaker is the last person run in the head; else the last organisation run.
  const Run* person = nullptr;
  const Run* org = nullptr;
  for (const auto& r : runs) {
    if (r.org) org = &r;
    else person = &r;
  }
  std::size_t role_from = a;
  if (person) {
    // Leading title words inside the run are the role: "Prime Minister Boris Johnson".
    std::size_t s = person->s, e = person->e;
    std::size_t last_title = s;
    bool any_title = false;
    if (e - s >= 3 && !toks_[s].all_caps && role_noun(toks_[s].lower)) { last_title = s; any_title = true; }
    for (std::size_t x = s; x < e; ++x)
      if (wc_[x].title && x + 1 < e) { last_title = x; any_title = true; }
    std::size_t name_s = any_title ? last_title + 1 : s;
    // "President of Argentina Alberto Fernández": the place after the title belongs to the role;
    // "Representative Charles B. Rangel of New York": the place after the name does not.
    std::size_t name_e = e;
    if (any_title)
      for (std::size_t x = name_s; x + 1 < e; ++x) {
        if (toks_[x].lower != "of" && toks_[x].lower != "for") continue;
        std::size_t ns = x + 1;
        if (ns < e && toks_[ns].lower == "the") ++ns;
        // the longest place name after "of" ("New York", "Argentina")
        std::size_t place_end = ns;
        for (std::size_t pe = e; pe > ns; --pe)
          if (is_place_name(text_.substr(toks_[ns].start, toks_[pe - 1].end - toks_[ns].start))) { place_end = pe; break; }
        ns = place_end;
        while (ns < e && wc_[ns].place_word) ++ns;
            if (ns < e) name_s = ns;      // a name follows the place
        else { name_e = x; break; }   // only a place follows: the name ended before "of"
      }
    while (name_e - name_s > 2 && (is_place_name(toks_[name_s].text) || wc_[name_s].place_word)) ++name_s;
    if (name_s >= name_e) return p;
    if (name_s != s) any_title = true;
    // Drop name particles at the start and possessive ending.
    std::string name = span_text(name_s, name_e);
    if (ends_possessive(toks_[name_e - 1].text)) name = strip_possessive(name);
    // "Vice Presidents": titles only, no name
    bool all_titles = true;
    for (std::size_t x = name_s; x < name_e; ++x) {
      const auto& w = toks_[x].lower;
      if (!(lexicon::title_word(w) || (w.size() > 1 && w.back() == 's' && lexicon::title_word(w.substr(0, w.size() - 1)))))
        all_titles = false;
    }
    if (all_titles) return p;
    p.name = name;
    p.mention = span_text(person->s, e);
    p.kind = SpeakerKind::person;
    p.name_token = name_s;
    // Role: words before the name (after an organisation run), plus title words in the run.
    std::size_t rs = a;
    if (org && org->e <= person->s) {
      rs = org->e;
      std::string o = span_text(org->s, org->e);
      if (ends_possessive(toks_[org->e - 1].text)) o = strip_possessive(o);
      p.org = o;
    } else if (org && org->s >= person->e && org->s > 0) {
      std::size_t k = org->s - 1;
      if (toks_[k].lower == "the" && k > 0) --k;
      const auto& w = toks_[k].lower;
      if (k + 1 >= person->e && (w == "of" || w == "from" || w == "at" || w == "with" || w == "for"))
        p.org = span_text(org->s, org->e);
    }
    // Role: the words right before the name, when the one next to it is a role noun
    // ("legal adviser Reed Rubinstein", "former federal prosecutor Elie Honig").
    std::vector<std::string> role;
    std::size_t x = name_s;
    bool adjacent_ok = false;
    if (name_s > person->s) {
      // "Current Prime Minister of India Narendra Modi", "First Minister of Scotland Nicola Sturgeon"
      for (std::size_t y = person->s; y < name_s; ++y) role.push_back(std::string(toks_[y].text));
      while (!role.empty() && is_connector(utf8::to_lower(role.back()))) role.pop_back();
      x = person->s;
      adjacent_ok = true;
    }
    while (x > rs && name_s - x < 10 && (x == name_s || x == person->s || adjacent_ok)) {
      const Token& t = toks_[x - 1];
      if (t.type != Token::Type::word) break;
      const auto& w = t.lower;
      if (w == "a" || w == "an" || w == "the" || w == "by" || w == "and" || w == "to" || w == "with" || w == "for" ||
          w == "that" || w == "as" || w == "from" || w == "of" || w == "into" || w == "on" || w == "at" || w == "over" ||
          w == "against" || w == "about" || w == "than" || w == "like" || w == "his" || w == "her" || w == "their" ||
          w == "its" || w == "where" || w == "when" || w == "while" || is_cue(x - 1) || wc_[x - 1].aux ||
          lexicon::person_pronoun(w))
        break;
      if (x == name_s) adjacent_ok = role_noun(w);
      if (!adjacent_ok) break;
      if (w == "former" || w.rfind("ex-", 0) == 0 || w.rfind("then-", 0) == 0) p.former = true;
      role.insert(role.begin(), std::string(t.text));
      --x;
    }
    if (!adjacent_ok) role.clear();
    // "SpaceX founder Elon Musk", "Wynnum coach Matt Myers", "Democrat Chuck Schumer": the
    // capitalised words before a lower-case role noun, or a party, name the affiliation.
    if (p.org.empty() && !role.empty()) {
      std::size_t k = 0;
      while (k + 1 < role.size() && !role[k].empty() && std::isupper(static_cast<unsigned char>(role[k][0])) &&
             !lexicon::title_word(utf8::to_lower(role[k])) && utf8::to_lower(role[k]) != "former")
        ++k;
      if (k > 0 && !std::isupper(static_cast<unsigned char>(role[k][0]))) {
        std::string o;
        for (std::size_t j = 0; j < k; ++j) { if (!o.empty()) o += ' '; o += role[j]; }
        if (!is_place_name(o)) {
          p.org = strip_possessive(o);
          role.erase(role.begin(), role.begin() + static_cast<long>(k));
        }
      }
    }
    if (p.org.empty()) {
      for (std::size_t j = 0; j < role.size(); ++j) {
        std::string w = utf8::to_lower(role[j]);
        if (!party_of(w).empty()) {
          p.org = party_name(role[j]);
          role.erase(role.begin() + static_cast<long>(j));
          break;
        }
      }
    }
    if (!role.empty()) {
      std::string r;
      for (auto& w : role) { if (!r.empty()) r += ' '; r += w; }
      p.role = r;
    }
    role_from = e;
  } else if (org) {
    std::size_t s = org->s;
    std::string o = span_text(s, org->e);
    p.name = o;
    p.mention = span_text(org->s, org->e);
    p.kind = SpeakerKind::organisation;
    p.name_token = s;
  } else {
    // "the archbishop", "the president": a person named earlier by this role.
    if (toks_[a].lower == "the") {
      for (std::size_t x = a + 1; x < head_end && x < a + 4; ++x) {
        if (toks_[x].type == Token::Type::word && wc_[x].title && !wc_[x].anon &&
            (x + 1 == head_end || toks_[x + 1].type != Token::Type::word)) {
          p.kind = SpeakerKind::person;
          p.pronoun = true;
          p.mention = span_text(a, x + 1);
          p.role = span_text(a + 1, x + 1);
          p.name_token = a;
          return p;
        }
      }
    }
    // No capitals: "the ministry", "a senior official", "police", "witnesses".
    bool anon = false, orgw = false;
    std::size_t last = head_end;
    for (std::size_t x = a; x < head_end; ++x) {
      if (toks_[x].type != Token::Type::word) continue;
      if (wc_[x].anon) { anon = true; last = x + 1; }
      else if (wc_[x].org) { orgw = true; last = x + 1; }
    }
    if (!anon && !orgw) return p;
    std::size_t s = a;
    while (s < last && is_cue(s)) ++s;
    p.mention = span_text(s, last);
    if (anon && !(orgw && !wc_[last - 1].anon)) {
      p.kind = SpeakerKind::anonymous;
      p.name = p.mention;
      if (wc_[last - 1].title || role_noun(toks_[last - 1].lower)) p.role = std::string(toks_[last - 1].text);
      // "a spokesman for the ministry": organisation follows
    } else {
      p.kind = SpeakerKind::organisation;
      std::string n = p.mention;
      if (n.rfind("the ", 0) == 0 || n.rfind("The ", 0) == 0) n = n.substr(4);
      p.name = n;
    }
    p.name_token = a;
    role_from = last;
  }
  // "<name> of|from|at <Org>" directly after, or an appositive after the comma.
  if (c < b && toks_[c].text == "," && p.kind != SpeakerKind::unknown) {
    std::size_t x = c + 1;
    std::size_t e = x;
    while (e < b && !(toks_[e].type == Token::Type::punct && (toks_[e].text == "," || toks_[e].text == ";")) &&
           toks_[e].type != Token::Type::quote)
      ++e;
    parse_appositive(x, e, p);
  } else if (c < b && toks_[c].text == "(" && p.kind != SpeakerKind::unknown) {
    std::size_t x = c + 1, e = x;
    while (e < b && toks_[e].text != ")") ++e;
    parse_appositive(x, e, p);
  }
  (void)role_from;
  if (p.role.size() > 0) {
    // Roles that are just articles or adverbs are noise.
    bool ok = false;
    for (char ch : p.role) if (std::isalpha(static_cast<unsigned char>(ch))) ok = true;
    if (!ok) p.role.clear();
  }
  return p;
}

void SpeakerResolver::learn(const Parsed& p) {
  (void)p;
}

void SpeakerResolver::build_registry() {
  const std::size_t n = toks_.size();
  // Headlines and captions in title case ("Clinton Speaks Out On Race") make false names.
  std::vector<char> headline;
  {
    int para = -1;
    std::size_t words = 0, caps = 0, start = 0;
    auto close = [&](std::size_t end) {
      // a headline has no closing full stop
      std::size_t last = end;
      while (last > start && toks_[last - 1].type == Token::Type::newline) --last;
      bool stop = last > start && (toks_[last - 1].text == "." || toks_[last - 1].type == Token::Type::quote);
      bool h = !stop && words >= 4 && caps * 10 >= words * 7;
      for (std::size_t x = start; x < end; ++x) headline[x] = h;
    };
    headline.assign(n, 0);
    for (std::size_t x = 0; x < n; ++x) {
      if (toks_[x].paragraph != para) {
        if (para >= 0) close(x);
        para = toks_[x].paragraph;
        words = caps = 0;
        start = x;
      }
      if (toks_[x].type == Token::Type::word && !wc_[x].connector) {
        ++words;
        if (toks_[x].cap) ++caps;
      }
    }
    if (para >= 0) close(n);
  }
  for (std::size_t i = 0; i < n;) {
    if (headline[i]) { ++i; continue; }
    if (!starts_name(i) && !(toks_[i].type == Token::Type::word && toks_[i].cap && i > 0 && toks_[i - 1].type == Token::Type::word &&
                             !wc_[i].not_name)) {
      ++i;
      continue;
    }
    std::size_t e = name_run_end(i, n);
    if (e <= i) { ++i; continue; }
    // Acronym definition: "International Federation for Human Rights (FIDH)"
    if (e + 2 < n && toks_[e].text == "(" && toks_[e + 2].text == ")" &&
        (acronym_like(toks_[e + 1]) || initials_match(i, e, toks_[e + 1].text))) {
      std::string full = span_text(i, e);
      if (full.rfind("The ", 0) == 0) full = full.substr(4);
      acronyms_.emplace_back(std::string(toks_[e + 1].text), full);
    }
    // A lone capitalised word that neither speaks, nor carries a title, nor names an organisation
    // is most often a place, a product or a sentence opener: not worth a full parse.
    if (e == i + 1 && !wc_[i].org && !acronym_like(toks_[i]) && !(e < n && (is_cue(e) || (wc_[e].aux && e + 1 < n && is_cue(e + 1)))) &&
        !(i > 0 && (wc_[i - 1].title || toks_[i - 1].lower == "the" || toks_[i - 1].text == ",")) &&
        !(e < n && (toks_[e].text == "," || toks_[e].text == "("))) {
      const Entity* known = find_entity(std::string(toks_[i].text));
      if (known) person_mentions_.emplace_back(i, static_cast<std::size_t>(known - entities_.data()));
      i = e;
      continue;
    }
    // Parse this mention as a phrase with what follows (appositive), to learn roles.
    std::size_t b = e;
    std::size_t s_end = e;
    while (s_end < n && toks_[s_end].sentence == toks_[i].sentence && toks_[s_end].type != Token::Type::quote &&
           s_end < e + 24) ++s_end;
    // Role words right before the run: "legal adviser Reed Rubinstein", "U.S. State Department legal adviser ..."
    std::size_t a = i;
    while (a > 0 && i - a < 8 && toks_[a - 1].type == Token::Type::word && toks_[a - 1].sentence == toks_[i].sentence &&
           !is_cue(a - 1) && toks_[a - 1].lower != "according" && toks_[a - 1].lower != "to" &&
           toks_[a - 1].lower != "said" && toks_[a - 1].lower != "and" && toks_[a - 1].lower != "with" &&
           toks_[a - 1].lower != "by" && toks_[a - 1].lower != "that" && toks_[a - 1].lower != "as")
      --a;
    // The mention itself (with the role words before it), then its appositive if one follows.
    std::size_t pe = e;
    if (e + 1 < n && (toks_[e].lower == "of" || toks_[e].lower == "from" || toks_[e].lower == "at")) {
      std::size_t o = e + 1;
      if (toks_[o].lower == "the" && o + 1 < n) ++o;
      if (toks_[o].cap && toks_[o].sentence == toks_[i].sentence) pe = name_run_end(o, n);
    }
    Parsed p = parse_phrase(a, pe);
    // A description before the name: "The mayor of London, Sadiq Khan, said"
    if (p.kind == SpeakerKind::person && p.role.empty() && a == i && i > 1 && toks_[i - 1].text == ",") {
      std::size_t ds = i - 1;
      while (ds > 0 && toks_[ds - 1].type == Token::Type::word && toks_[ds - 1].sentence == toks_[i].sentence && i - ds < 12) --ds;
      if (ds < i - 1) {
        if (toks_[ds].lower == "and" && ds + 1 < i - 1) ++ds;
        const auto& w0 = toks_[ds].lower;
        bool described = w0 == "the" || w0 == "a" || w0 == "an" || w0 == "former" || role_noun(w0);
        bool has_role = false;
        for (std::size_t x = ds; x < i - 1; ++x) if (role_noun(toks_[x].lower)) has_role = true;
        if (described && has_role) parse_appositive(ds, i - 1, p);
      }
    }
    if (e < s_end && (toks_[e].text == "," || toks_[e].text == "(") && p.kind == SpeakerKind::person && p.name_token >= i) {
      std::size_t x = e + 1, y = x;
      while (y < s_end && !(toks_[y].type == Token::Type::punct && (toks_[y].text == "," || toks_[y].text == ";" || toks_[y].text == ")")))
        ++y;
      parse_appositive(x, y, p);
    }
    (void)b;
    if (p.kind == SpeakerKind::person && !p.name.empty() && p.name_token >= i && p.name_token < e) {
      // Register or enrich the entity.
      std::vector<std::string> words, folded;
      std::size_t st = 0;
      while (st < p.name.size()) {
        auto sp = p.name.find(' ', st);
        if (sp == std::string::npos) sp = p.name.size();
        words.push_back(p.name.substr(st, sp - st));
        folded.push_back(utf8::fold_diacritics(words.back()));
        st = sp + 1;
      }
      const Entity* found = find_entity(p.name);
      // A lone capitalised word is a person only when it speaks or carries a title; otherwise it
      // is as likely a species, a product or a place ("Caudipteryx", "Bidens").
      bool speaks = e < n && (is_cue(e) || (e + 1 < n && wc_[e].aux && is_cue(e + 1)));
      bool lone_ok = words.size() > 1 || speaks || !p.role.empty() || found;
      if (lone_ok) {
        std::size_t idx;
        if (found && found->tokens.size() >= words.size()) {
          idx = static_cast<std::size_t>(found - entities_.data());
        } else if (found) {
          idx = static_cast<std::size_t>(found - entities_.data());
          entities_[idx].tokens = words;
          entities_[idx].folded = folded;
          entities_[idx].name = p.name;
          index_entity(idx);
        } else {
          Entity ent;
          ent.tokens = words;
          ent.folded = folded;
          ent.name = p.name;
          ent.first_token = i;
          entities_.push_back(ent);
          idx = entities_.size() - 1;
          index_entity(idx);
        }
        Entity& ent = entities_[idx];
        if (ent.role.empty() && !p.role.empty()) { ent.role = p.role; ent.former = ent.former || p.former; }
        if (ent.org.empty() && !p.org.empty()) ent.org = p.org;
        person_mentions_.emplace_back(i, idx);
      }
    } else if (p.kind == SpeakerKind::organisation && !p.name.empty()) {
      Entity ent;
      ent.name = p.name;
      ent.kind = SpeakerKind::organisation;
      ent.first_token = i;
      entities_.push_back(ent);
      org_mentions_.emplace_back(i, entities_.size() - 1);
    }
    i = e;
  }
  // Pronoun mentions count as mentions of the last person (keeps "he" chains on the same person).
}

namespace {
bool opens_adverbial(const std::string& w) {
  static const std::vector<std::string_view> words = {
      "in", "on", "at", "during", "after", "before", "with", "for", "from", "via", "through", "by", "since",
      "following", "despite", "according", "earlier", "later", "meanwhile", "however", "also", "speaking",
      "regarding", "asked", "when", "while", "as", "if", "although", "though", "because", "to", "under", "over",
      "last", "this", "next", "on"};
  return std::find(words.begin(), words.end(), w) != words.end();
}
}  // namespace

const SpeakerResolver::Entity* SpeakerResolver::pronoun_antecedent(std::size_t token) const {
  // The nearest earlier sentence that names a person; in it, the person who speaks there
  // (the subject of a speech verb), else the first one named (usually the subject).
  const int para = toks_[token].paragraph;
  std::size_t k = mentions_before(person_mentions_, token);
  if (k == 0) return nullptr;
  const int sent = toks_[person_mentions_[k - 1].first].sentence;
  if (para - toks_[person_mentions_[k - 1].first].paragraph > 2) return nullptr;
  std::size_t first = k - 1;
  while (first > 0 && toks_[person_mentions_[first - 1].first].sentence == sent) --first;
  for (std::size_t m = k; m-- > first;) {
    std::size_t t = person_mentions_[m].first;
    std::size_t e = t;
    while (e < toks_.size() && toks_[e].type == Token::Type::word && toks_[e].cap) ++e;
    if (e < toks_.size() && (is_cue(e) || (e + 1 < toks_.size() && wc_[e].aux && is_cue(e + 1))))
      return &entities_[person_mentions_[m].second];
  }
  return &entities_[person_mentions_[first].second];
}

// The subject of a speech verb at `verb`, from the words [lo, verb) before it. Commas split the
// clause: "In a statement, the current bishop, Allan Casicas, said" -> the name nearest the verb,
// with the description before or after it as its appositive. For a participle ("…, adding") the
// speaker is the subject of the whole sentence.
SpeakerResolver::Parsed SpeakerResolver::parse_subject(std::size_t lo, std::size_t verb) const {
  struct Seg { std::size_t s, e; };
  std::vector<Seg> segs;
  std::size_t s = lo;
  for (std::size_t x = lo; x < verb; ++x) {
    if (toks_[x].type == Token::Type::punct && (toks_[x].text == "," || toks_[x].text == "\xE2\x80\x94")) {
      if (x > s) segs.push_back({s, x});
      s = x + 1;
    }
  }
  if (verb > s) segs.push_back({s, verb});
  auto usable = [](const Parsed& p) { return p.kind != SpeakerKind::unknown && (!p.name.empty() || p.pronoun); };
  // "… in what the police declared": a short noun phrase right before the verb is its subject.
  if (verb >= lo + 2) {
    const Token& h = toks_[verb - 1];
    if (h.type == Token::Type::word && !h.cap && (lexicon::org_head(h.lower) || lexicon::anonymous_head(h.lower))) {
      for (std::size_t d = verb - 1; d-- > lo && verb - d <= 4;) {
        const auto& w = toks_[d].lower;
        if (w == "the" || w == "a" || w == "an") {
          if (d > lo && (toks_[d - 1].lower == "what" || toks_[d - 1].lower == "which" || toks_[d - 1].lower == "as" ||
                         toks_[d - 1].lower == "that" || toks_[d - 1].lower == "when" || toks_[d - 1].lower == "where")) {
            Parsed p = parse_phrase(d, verb);
            if (usable(p)) return p;
          }
          break;
        }
        if (toks_[d].type != Token::Type::word || toks_[d].cap) break;
      }
    }
  }
  auto appositive_like = [&](const Seg& g) {
    const Token& t = toks_[g.s];
    if (t.type != Token::Type::word) return false;
    if (is_cue(g.s)) return true;  // "…, told Discover Magazine the frequency … suggested": a verb phrase
    if (t.lower == "who" || t.lower == "whose" || t.lower == "which") return true;
    if ((t.lower == "a" || t.lower == "an" || t.lower == "the" || !t.cap) && !lexicon::person_pronoun(t.lower) &&
        !lexicon::org_pronoun(t.lower)) {
      // a description: no person named in it, except after a preposition ("a member of the Rajya Sabha")
      for (std::size_t x = g.s; x < g.e; ++x) {
        // a relative clause inside the description names others ("who has met with Mr. Trump")
        if (toks_[x].lower == "who" || toks_[x].lower == "which" || toks_[x].lower == "that") break;
        if (!toks_[x].cap || wc_[x].title || !party_of(toks_[x].lower).empty()) continue;
        const auto& before = x > g.s ? toks_[x - 1].lower : std::string();
        if (before == "of" || before == "the" || before == "at" || before == "for" || before == "from" || before == "with" ||
            before == "in" || before == "to" || ends_possessive(toks_[x].text))
          break;
        if (!wc_[x].org && !wc_[x].not_name && !place_like(toks_, x, x + 1, text_)) return false;
      }
      return true;
    }
    return false;
  };
  if (segs.empty()) return {};
  if (participle(toks_[verb])) {
    Parsed p = leading_subject(lo, verb);
    if (usable(p)) {
      if (p.kind == SpeakerKind::person && p.role.empty()) {
        // "The mayor of London, Sadiq Khan, gave …, adding": descriptions around the name
        for (std::size_t k = 0; k < segs.size(); ++k)
          if (appositive_like(segs[k]) && segs[k].s > p.name_token && k > 0) {
            parse_appositive(segs[k].s, segs[k].e, p);
            break;
          } else if (appositive_like(segs[k]) && k + 1 < segs.size() && segs[k + 1].s <= p.name_token &&
                     segs[k + 1].e > p.name_token) {
            parse_appositive(segs[k].s, segs[k].e, p);
            break;
          }
      }
      return p;
    }
  }
  if (participle(toks_[verb]) && segs.size() > 1) {
    for (std::size_t k = 0; k < segs.size(); ++k) {
      std::size_t end = k + 1 < segs.size() && appositive_like(segs[k + 1]) ? segs[k + 1].e : segs[k].e;
      Parsed p = parse_phrase(segs[k].s, end);
      if (usable(p) && p.kind != SpeakerKind::anonymous) {
        if (k > 0 && p.kind == SpeakerKind::person && p.role.empty() && appositive_like(segs[k - 1]))
          parse_appositive(segs[k - 1].s, segs[k - 1].e, p);
        return p;
      }
    }
  }
  while (segs.size() > 1 && toks_[segs.back().s].type == Token::Type::word && opens_adverbial(toks_[segs.back().s].lower) &&
         !wc_[segs.back().e - 1].person_pronoun)
    segs.pop_back();
  // "Mark Field, president of the Union of Bakers, which represents city bakers, said": the name
  // stands before every description.
  if (segs.size() >= 3 && appositive_like(segs.back()) && appositive_like(segs[segs.size() - 2])) {
    std::size_t k = segs.size() - 2;
    while (k > 0 && appositive_like(segs[k])) --k;
    bool name_only = !appositive_like(segs[k]);  // "Scott Pruitt", "Rep. Ann Lee", not "Six months ago"
    for (std::size_t x = segs[k].s; x < segs[k].e && name_only; ++x)
      if (toks_[x].type == Token::Type::word && !toks_[x].cap && !wc_[x].connector && !wc_[x].particle) name_only = false;
    if (name_only) {
      Parsed p = parse_phrase(segs[k].s, segs[k].e);
      if (usable(p) && p.kind == SpeakerKind::person && !p.pronoun) {
        if (p.role.empty()) parse_appositive(segs[k + 1].s, segs[k + 1].e, p);
        return p;
      }
    }
  }
  const Seg& last = segs.back();
  if (segs.size() >= 2 && appositive_like(last)) {
    // "Name, a description, said"; "The Guard Corps, which includes the Quds Force, declared"
    Parsed p = parse_phrase(segs[segs.size() - 2].s, verb);
    bool relative = toks_[last.s].lower == "which" || toks_[last.s].lower == "who";
    if (usable(p) && (p.kind == SpeakerKind::person || (relative && p.kind == SpeakerKind::organisation))) return p;
  }
  Parsed p = parse_phrase(last.s, last.e);
  if (usable(p)) {
    // "the current bishop, Allan Casicas, said": the description before the name.
    if (segs.size() >= 2 && p.kind == SpeakerKind::person && p.role.empty() && appositive_like(segs[segs.size() - 2]))
      parse_appositive(segs[segs.size() - 2].s, segs[segs.size() - 2].e, p);
    return p;
  }
  // Nothing usable right before the verb: the sentence subject.
  for (std::size_t k = 0; k + 1 < segs.size(); ++k) {
    Parsed q = parse_phrase(segs[k].s, segs[k].e);
    if (usable(q)) return q;
  }
  return p;
}


// The subject at the start of a clause [a, b): "In his message, he appreciated …" -> he;
// "The government of American Samoa issued …" -> that organisation; "Bill Gerstenmaier of NASA
// spoke …" -> him. Comma segments that open with a preposition are adverbials, not subjects.
SpeakerResolver::Parsed SpeakerResolver::leading_subject(std::size_t a, std::size_t b) const {
  std::vector<std::pair<std::size_t, std::size_t>> segs;
  std::size_t s = a;
  for (std::size_t x = a; x < b; ++x)
    if (toks_[x].type == Token::Type::punct && (toks_[x].text == "," || toks_[x].text == "\xE2\x80\x94")) {
      if (x > s) segs.push_back({s, x});
      s = x + 1;
    }
  if (b > s) segs.push_back({s, b});
  for (std::size_t k = 0; k < segs.size(); ++k) {
    std::size_t x = segs[k].first, e = segs[k].second;
    while (x < e && toks_[x].type == Token::Type::word &&
           (toks_[x].lower == "and" || toks_[x].lower == "but" || toks_[x].lower == "so" || toks_[x].lower == "then"))
      ++x;
    if (x >= e || toks_[x].type != Token::Type::word) continue;
    const Token& t = toks_[x];
    // "Hours later,", "Two years ago,": time, not a subject
    const auto& last_word = toks_[e - 1].lower;
    if (last_word == "later" || last_word == "ago" || last_word == "earlier" || last_word == "afterwards") continue;
    if (opens_adverbial(t.lower) && !(x + 1 < e && toks_[x + 1].type == Token::Type::word && is_cue(x + 1))) continue;
    // "a Republican, Mark Amodei, …": the indefinite description is an appositive of the name after it
    if ((t.lower == "a" || t.lower == "an") && k + 1 < segs.size() && toks_[segs[k + 1].first].cap &&
        toks_[segs[k + 1].first].type == Token::Type::word)
      continue;
    Parsed p;
    if (lexicon::person_pronoun(t.lower) || lexicon::org_pronoun(t.lower)) {
      p.pronoun = true;
      p.mention = std::string(t.text);
      p.kind = lexicon::person_pronoun(t.lower) ? SpeakerKind::person : SpeakerKind::organisation;
      p.name_token = x;
      return p;
    }
    std::size_t h = x;
    bool determiner = t.lower == "the" || t.lower == "a" || t.lower == "an" || t.lower == "this" || t.lower == "its" ||
                      t.lower == "his" || t.lower == "her" || t.lower == "their" || t.lower == "our";
    if (!t.cap && !determiner) continue;  // "gave his condolences via Twitter" opens with a verb
    if (determiner) {
      // "The government of American Samoa", "An eyewitness", "the police"
      h = x + 1;
      while (h < e && h < x + 5 && toks_[h].type == Token::Type::word && !wc_[h].anon &&
             !lexicon::org_head(strip_possessive(toks_[h].lower)) && !wc_[h].title && !toks_[h].cap)
        ++h;
      if (h < e && ends_possessive(toks_[h].text) && lexicon::org_head(strip_possessive(toks_[h].lower))) {
        // "The court's summary": the court
        p.kind = SpeakerKind::organisation;
        p.name = strip_possessive(toks_[h].text);
        p.mention = strip_possessive(span_text(x, h + 1));
        p.name_token = x;
        return p;
      }
      if (h < e && toks_[h].cap && h > x) {
        // "the Ministry of Health", "the U.S. Department of State"
        std::size_t re = name_run_end(h, e);
        Parsed q = parse_phrase(x, re);
        if (q.kind != SpeakerKind::unknown) return q;
        continue;
      }
      if (h >= e || h >= x + 5 || toks_[h].type != Token::Type::word) continue;
      std::size_t end = h + 1;
      if (end + 1 < e && (toks_[end].lower == "of" || toks_[end].lower == "for" || toks_[end].lower == "from" ||
                          toks_[end].lower == "at" || toks_[end].lower == "within") ) {
        std::size_t o = end + 1;
        while (o < e && toks_[o].type == Token::Type::word && !toks_[o].cap && o < end + 3) ++o;
        if (o < e && toks_[o].cap) {
          std::size_t oe = name_run_end(o, e);
          if (wc_[h].org && !wc_[h].anon) {
            // "the government of American Samoa" names the organisation itself
            p.kind = SpeakerKind::organisation;
            p.name = span_text(h, oe);
            p.mention = span_text(x, oe);
            p.name_token = x;
            return p;
          }
          end = oe;
        }
      }
      Parsed q = parse_phrase(x, end);
      if (q.kind != SpeakerKind::unknown) return q;
      continue;  // "The mayor of London, Sadiq Khan, …": the description, then the name
    }
    // A name first: its run, a lower-case organisation head ("Richmond police"), "of <Org>";
    // "Democratic presidential candidate Bernie Sanders": role words between two capitalised runs.
    std::size_t re = name_run_end(x, e);
    {
      std::size_t y = re;
      while (y < e && y < re + 4 && toks_[y].type == Token::Type::word && !toks_[y].cap && !wc_[y].aux && !is_cue(y) &&
             !wc_[y].connector && toks_[y].lower != "in" && toks_[y].lower != "on" && toks_[y].lower != "at" &&
             toks_[y].lower != "to" && toks_[y].lower != "with" && toks_[y].lower != "by" && toks_[y].lower != "from")
        ++y;
      if (y > re && y < e && toks_[y].cap && role_noun(toks_[y - 1].lower)) re = name_run_end(y, e);
    }
    if (re < e && toks_[re].type == Token::Type::word && !toks_[re].cap && wc_[re].org) ++re;
    if (re + 1 < e && (toks_[re].lower == "of" || toks_[re].lower == "from" || toks_[re].lower == "at") && toks_[re + 1].cap)
      re = name_run_end(re + 1, e);
    else if (re + 2 < e && (toks_[re].lower == "of" || toks_[re].lower == "from") && toks_[re + 1].lower == "the" && toks_[re + 2].cap)
      re = name_run_end(re + 2, e);
    return parse_phrase(x, re);
  }
  return {};
}

// A "sentence" is cut to kWindow tokens either side of i: text without punctuation (a hostile
// input, a run-on list) must not make each quotation's look-around proportional to the article.
std::size_t SpeakerResolver::sentence_start(std::size_t i) const {
  std::size_t s = sent_start_[i];
  return i - s > kWindow ? i - kWindow : s;
}

std::size_t SpeakerResolver::sentence_end(std::size_t i) const {
  std::size_t e = sent_end_[i];
  return e - i > kWindow ? i + kWindow : e;
}

bool SpeakerResolver::sentence_has_cue(std::size_t q) const {
  std::size_t s = sentence_start(q), e = sentence_end(q);
  for (std::size_t i = s; i < e; ++i) {
    if (toks_[i].type != Token::Type::word) continue;
    if (is_cue(i)) return true;
    if (toks_[i].lower == "according" && i + 1 < e && toks_[i + 1].lower == "to") return true;
  }
  return false;
}

Attribution SpeakerResolver::attribute(std::size_t q) const {
  Attribution a;
  const std::size_t ss = sentence_start(q);
  const std::size_t se = sentence_end(q);
  auto take = [&](const Parsed& p, std::string cue, double conf) {
    a.mention = p.mention;
    a.speaker = p.name;
    a.kind = p.kind;
    a.role = p.role;
    a.affiliation = p.org;
    a.former = p.former;
    a.cue = std::move(cue);
    a.confidence = conf;
    a.has_cue = true;
    a.mention_token = p.name_token;
  };
  auto usable = [](const Parsed& p) { return p.kind != SpeakerKind::unknown && (!p.name.empty() || p.pronoun); };
  // Clause end after position i: sentence end, next quote, or ';'.
  auto clause_end = [&](std::size_t i) {
    while (i < se && toks_[i].type != Token::Type::quote && toks_[i].text != ";") ++i;
    return i;
  };

  // 1. Cue after the quotation: `"…," said X`, `"…," X said`, `"…" — X`. Only when the quotation
  //    closes a clause: `was in a "serious" condition; TVN24 reported` names no speaker of it.
  std::size_t i = q + 1;
  bool closes_clause = false;
  {
    const QuoteSpan& sp = spans_[toks_[q].quote];
    std::size_t k = sp.text_end;
    while (k > sp.text_start && (text_[k - 1] == ' ' || text_[k - 1] == '\n')) --k;
    // an inner quotation closing with the outer one: `…, those 5,000 people,’”`
    while (k > sp.text_start + 3 && (text_.substr(k - 3, 3) == "\xE2\x80\x99" || text_.substr(k - 3, 3) == "\xE2\x80\x9D")) k -= 3;
    while (k > sp.text_start + 1 && text_[k - 1] == '\'') --k;
    // an editor's punctuation: "… is going to heal us[,]"
    if (k > sp.text_start + 2 && text_[k - 1] == ']') --k;
    char last = k > sp.text_start ? text_[k - 1] : ' ';
    closes_clause = last == ',' || last == '.' || last == '!' || last == '?' || last == '-' ||
                    (k >= sp.text_start + 3 && (text_.substr(k - 3, 3) == "\xE2\x80\xA6" || text_.substr(k - 3, 3) == "\xE2\x80\x94"));
    if (i < se && toks_[i].type == Token::Type::punct) closes_clause = true;
    if (i < se && is_cue(i)) closes_clause = true;
    // `"…" Merkley said.`: a short name directly before a speech verb
    {
      std::size_t x = i;
      while (x < se && x < i + 4 && toks_[x].type == Token::Type::word && toks_[x].cap) ++x;
      if (x > i && x < se && is_cue(x)) closes_clause = true;
    }
    if (i < se && toks_[i].type == Token::Type::word && i + 1 < se && is_cue(i + 1) &&
        (wc_[i].person_pronoun || wc_[i].org_pronoun))
      closes_clause = true;
    // passive agent after the quotation: `described as "…" by the police`
    if (i + 1 < se && toks_[i].lower == "by") {
      std::size_t e = i + 1;
      while (e < se && toks_[e].type == Token::Type::word) ++e;
      Parsed p = parse_phrase(i + 1, e);
      bool passive = false;
      for (std::size_t x = ss; x < q; ++x) if (is_cue(x)) passive = true;
      if (passive && usable(p)) {
        take(p, "by", 0.8);
        return a;
      }
    }
  }
  while (i < se && toks_[i].type == Token::Type::punct &&
         (toks_[i].text == "," || (is_dash(toks_[i]) && i + 1 < se && is_cue(i + 1))))
    ++i;
  if (i < se && (toks_[i].lower == "while" || toks_[i].lower == "and" || toks_[i].lower == "but" || toks_[i].lower == "whereas" ||
                 toks_[i].lower == "although" || toks_[i].lower == "because" || toks_[i].lower == "as" || toks_[i].lower == "when"))
    closes_clause = false;
  if (i < se && closes_clause) {
    const Token& t = toks_[i];
    bool dash = is_dash(t);
    if (is_cue(i) && t.lower != "read" && i + 1 < se) {
      // Inversion: "said Liz Evenson, international justice director at Human Rights Watch."
      std::size_t e = clause_end(i + 1);
      Parsed p = parse_phrase(i + 1, e);
      // The name may stand after its body and role, all before the first comma: "said Montclair
      // State University political scientist Brigid Harrison".
      bool near = p.name_token <= i + 4;
      if (!near && p.name_token <= i + 9) {
        near = true;
        for (std::size_t x = i + 1; x < p.name_token; ++x)
          if (toks_[x].type != Token::Type::word || is_cue(x) ||
              (!toks_[x].cap && lexicon::function_word(toks_[x].lower) && toks_[x].lower != "of"))
            near = false;
      }
      if (usable(p) && near) {
        take(p, std::string(t.text), 0.95);
        return a;
      }
    } else if (dash && i + 1 < se && toks_[i + 1].cap) {
      std::size_t e = clause_end(i + 1);
      Parsed p = parse_phrase(i + 1, e);
      if (usable(p) && p.kind != SpeakerKind::anonymous) {
        take(p, "\xE2\x80\x94", 0.8);
        return a;
      }
    } else if (t.type == Token::Type::word) {
      // "X said", "U.S. State Department legal adviser Reed Rubinstein told member states"
      // A name right after the quotation may carry a long appositive before its verb.
      std::size_t limit = std::min(se, i + (t.cap ? 24 : 16));
      for (std::size_t v = i; v < limit; ++v) {
        if (toks_[v].text == "(") {
          std::size_t c = v;
          while (c < limit && toks_[c].text != ")") ++c;
          if (c < limit) { v = c; continue; }
        }
        if (toks_[v].type == Token::Type::quote || toks_[v].text == ";" || toks_[v].text == ".") break;
        if (toks_[v].type == Token::Type::word && (is_cue(v) ||
                                                   (toks_[v].lower == "according" && v + 1 < se && toks_[v + 1].lower == "to"))) {
          if (toks_[v].lower == "according") break;
          std::size_t pe = v;
          while (pe > i && wc_[pe - 1].aux) --pe;
          if (pe == i) break;
          Parsed p = parse_phrase(i, pe);
          if (usable(p)) {
            take(p, std::string(toks_[v].text), 0.9);
            return a;
          }
          break;
        }
      }
    }
  }

  // 2. "according to X" anywhere in the sentence.
  for (std::size_t x = ss; x + 2 < se; ++x) {
    if (toks_[x].lower == "according" && toks_[x + 1].lower == "to") {
      std::size_t e = x + 2;
      while (e < se && toks_[e].type != Token::Type::quote && !(toks_[e].type == Token::Type::punct && toks_[e].text != "." && toks_[e].text != "'" && toks_[e].text != "&"))
        ++e;
      // allow an appositive: "according to X, a spokesman for Y,"
      std::size_t e2 = e;
      if (e < se && toks_[e].text == ",") {
        e2 = e + 1;
        while (e2 < se && toks_[e2].type == Token::Type::word) ++e2;
      }
      Parsed p = parse_phrase(x + 2, e2);
      if (usable(p)) {
        take(p, "according to", 0.85);
        return a;
      }
    }
  }

  // 3. Cue before the quotation in its sentence: `X said: "…"`, `X told Y that "…"`,
  //    `X said the situation was "under control"`.
  std::size_t lo = ss;
  for (std::size_t x = ss; x < q; ++x)
    if ((toks_[x].type == Token::Type::quote && !title_like(x)) || toks_[x].text == ";") lo = x + 1;
  // but a split quote's cue sits between two quotations: `"A," she said, "B."`
  for (std::size_t v = q; v-- > ss;) {
    if (toks_[v].type == Token::Type::quote && title_like(v)) continue;  // `tells MSNBC's "Morning Joe" that "…"`
    if (toks_[v].type == Token::Type::quote) {
      // cue between the previous quotation and this one
      for (std::size_t w = v + 1; w < q; ++w) {
        if (is_cue(w)) {
          std::size_t ps = v + 1;
          while (ps < w && toks_[ps].type == Token::Type::punct) ++ps;
          if (ps == w) {
            // inverted: `"A," said X, "B."`
            std::size_t pe = w + 1;
            while (pe < q && !(toks_[pe].type == Token::Type::punct && toks_[pe].text == "," && pe + 1 == q)) ++pe;
            Parsed p = parse_phrase(w + 1, pe);
            if (usable(p)) { take(p, std::string(toks_[w].text), 0.9); return a; }
          } else {
            std::size_t pe = w;
            while (pe > ps && wc_[pe - 1].aux) --pe;
            Parsed p = parse_phrase(ps, pe);
            if (usable(p)) { take(p, std::string(toks_[w].text), 0.9); return a; }
          }
          break;
        }
      }
      break;
    }
    if (toks_[v].type != Token::Type::word) continue;
    bool verb = is_cue(v);
    if (!verb) continue;
    // "— as reported by Hurriyet Daily News —", "as quoted by": who relayed it, not who said it.
    if (v > ss && (toks_[v - 1].lower == "as" || toks_[v - 1].lower == "was" && v > ss + 1 && toks_[v - 2].lower == "as")) continue;
    // "They released a statement which said": the statement's author is the clause subject.
    if (v > lo && (toks_[v - 1].lower == "which" || toks_[v - 1].lower == "that") && v - 1 > lo) {
      Parsed p = leading_subject(lo, v - 1);
      if (!usable(p) && lo > ss) p = leading_subject(ss, v - 1);
      if (usable(p)) {
        take(p, std::string(toks_[v].text), 0.75);
        return a;
      }
    }
    if (v < lo) break;
    // "told a young man who suggested that …": the verb of a relative clause about someone else
    if (v > lo + 1 && toks_[v - 1].lower == "who") {
      bool earlier = false;
      for (std::size_t x = lo; x + 1 < v && !earlier; ++x) earlier = is_cue(x);
      if (earlier) continue;
    }
    // Subject: the words before the verb in this clause.
    std::size_t pe = v;
    while (pe > lo && wc_[pe - 1].aux) --pe;
    // "…, forcefully told": an adverb before the verb is not part of the subject
    if (pe > lo + 1 && !toks_[pe - 1].cap && toks_[pe - 1].lower.size() >= 6 &&
        toks_[pe - 1].lower.compare(toks_[pe - 1].lower.size() - 2, 2, "ly") == 0 &&
        (toks_[pe - 2].type == Token::Type::punct || toks_[pe - 2].cap) && !lexicon::function_word(toks_[pe - 2].lower))
      --pe;
    // "Calling it a "culture of death", the archbishop said …": the subject follows.
    if (v == ss && participle(toks_[v])) {
      std::size_t x = q + 1;
      while (x < se && toks_[x].type == Token::Type::punct) ++x;
      for (std::size_t w = x; w < se && w < x + 10; ++w) {
        if (toks_[w].type == Token::Type::quote) break;
        if (!is_cue(w)) continue;
        Parsed p = w > x ? parse_subject(x, w) : Parsed{};
        if (usable(p)) {
          take(p, std::string(toks_[v].text), 0.75);
          return a;
        }
        break;
      }
    }
    // Passive: `was described by the CBCP as "…"`.
    if (v + 1 < q && toks_[v + 1].lower == "by") {
      std::size_t e = v + 2;
      while (e < q && toks_[e].type == Token::Type::word && toks_[e].lower != "as") ++e;
      Parsed p = parse_phrase(v + 2, e);
      if (usable(p)) {
        take(p, std::string(toks_[v].text), 0.8);
        return a;
      }
    }
    if (pe > lo) {
      Parsed p = parse_subject(lo, pe);
      if (usable(p)) {
        take(p, std::string(toks_[v].text), v + 3 >= q ? 0.9 : 0.75);
        return a;
      }
    } else if (v + 1 < q) {
      // "said X: "…"" / inverted before the quotation
      std::size_t e = q;
      while (e > v + 1 && toks_[e - 1].type == Token::Type::punct) --e;
      Parsed p = parse_phrase(v + 1, e);
      if (usable(p)) {
        take(p, std::string(toks_[v].text), 0.8);
        return a;
      }
    }
    break;
  }

  // 4. Colon introduction without a verb: `Smith: "…"`.
  if (q > ss && toks_[q - 1].text == ":") {
    Parsed p = leading_subject(lo, q - 1);
    // `… as "defensive" in nature: "…"`: the clause began before an earlier quotation
    if (!usable(p) && lo > ss) p = leading_subject(ss, q - 1);
    if (!usable(p) && q - 1 - lo <= 6) p = parse_phrase(lo, q - 1);
    if (usable(p)) {
      take(p, ":", 0.7);
      return a;
    }
  }
  // 5. A paragraph that opens with the quotation after a previous paragraph ending in ':'.
  if (q == ss && q > 0) {
    std::size_t k = q;
    while (k > 0 && toks_[k - 1].type == Token::Type::newline) --k;
    if (k > 0 && toks_[k - 1].text == ":") {
      std::size_t ps = sentence_start(k - 1);
      for (std::size_t v = k - 1; v-- > ps;) {
        if (is_cue(v)) {
          std::size_t pe = v;
          while (pe > ps && wc_[pe - 1].aux) --pe;
          Parsed p = pe > ps ? parse_subject(ps, pe) : Parsed{};
          if (!usable(p) && v + 1 < k - 1) p = parse_phrase(v + 1, k - 1);
          if (usable(p)) {
            take(p, std::string(toks_[v].text), 0.75);
            return a;
          }
          break;
        }
      }
      Parsed p = leading_subject(ps, k - 1);
      if (usable(p)) {
        take(p, ":", 0.6);
        return a;
      }
    }
  }
  // 6. The next sentence names the speaker: `"… ." Crystal C'Bearing of the office told those gathered.`
  if (q + 1 < toks_.size() && toks_[q + 1].type == Token::Type::word && toks_[q + 1].cap &&
      toks_[q + 1].sentence != toks_[q].sentence && toks_[q + 1].paragraph == toks_[q].paragraph) {
    std::size_t ne = sentence_end(q + 1);
    bool comma = false;  // `"…!" Rep. Ann Lee, R-Pa., said.`: a name with its appositive
    for (std::size_t v = q + 1; v < ne && v < q + 14; ++v) {
      if (toks_[v].type == Token::Type::quote || toks_[v].text == ";") break;
      if (toks_[v].text == ",") { comma = true; continue; }
      if (!is_cue(v)) continue;
      std::size_t pe = v;
      while (pe > q + 1 && wc_[pe - 1].aux) --pe;
      Parsed p = comma ? parse_subject(q + 1, pe) : parse_phrase(q + 1, pe);
      if (usable(p) && !p.pronoun && p.kind != SpeakerKind::anonymous) {
        take(p, std::string(toks_[v].text), 0.7);
        return a;
      }
      break;
    }
  }
  // 7. A quotation opening its sentence right after `…, Schiff said.`: that speaker goes on.
  if (q == ss && q >= 3 && toks_[q - 1].type != Token::Type::newline && toks_[q - 1].paragraph == toks_[q].paragraph) {
    std::size_t pe = q;  // the previous sentence ends before q
    if (toks_[pe - 1].text == ".") {
      std::size_t v = pe - 2;
      std::size_t ps = sentence_start(v);
      if (is_cue(v) && v > ps) {
        // "…, Schiff said."
        std::size_t c = v;
        while (c > ps && toks_[c - 1].type == Token::Type::word && v - c < 5) --c;
        bool has_quote = false;  // `"A," Obama said …, where Clinton spoke. "B."`: A's speaker goes on
        for (std::size_t x = ps; x < v; ++x) if (toks_[x].type == Token::Type::quote) has_quote = true;
        bool relative = toks_[c].lower == "where" || toks_[c].lower == "who" || toks_[c].lower == "which" ||
                        toks_[c].lower == "when";
        if (c < v && (c == ps || toks_[c - 1].text == ",") && !has_quote && !relative) {
          Parsed p = parse_phrase(c, v);
          if (usable(p) && p.kind != SpeakerKind::anonymous) {
            take(p, "", 0.6);  // no cue of its own, but a speaker named just before
            return a;
          }
        }
      }
    }
  }
  // 7b. `Sen. Ted Cruz, a Republican candidate, tweeted a warning. "…"`: the quotation opening the
  //     next sentence (or paragraph) is what the previous sentence announced.
  if (q == ss && q >= 3) {
    std::size_t k = q;
    bool crossed_paragraph = false;
    while (k > 0 && toks_[k - 1].type == Token::Type::newline) { --k; crossed_paragraph = true; }
    if (k > 0 && toks_[k - 1].text == "." && toks_[k - 1].paragraph + 1 >= toks_[q].paragraph) {
      std::size_t ps = sentence_start(k - 1);
      bool has_quote = false;
      for (std::size_t x = ps; x < k; ++x) if (toks_[x].type == Token::Type::quote) has_quote = true;
      if (!has_quote) {
        for (std::size_t v = k - 1; v-- > ps;) {
          if (!is_cue(v) || participle(toks_[v])) continue;
          std::size_t pe = v;
          while (pe > ps && wc_[pe - 1].aux) --pe;
          if (pe == ps) break;
          Parsed p = parse_subject(ps, pe);
          if (usable(p) && p.kind != SpeakerKind::anonymous) {
            take(p, "", crossed_paragraph ? 0.5 : 0.6);
            return a;
          }
          break;
        }
      }
    }
  }
  // 8. `A cashier who "…" is held accountable, Warren said.`: a cue closing the same sentence.
  for (std::size_t v = q + 1; v < se; ++v) {
    if (toks_[v].type == Token::Type::quote && !title_like(v)) break;
    if (!is_cue(v) || v < 2 || toks_[v - 1].type != Token::Type::word) continue;
    std::size_t c = v;
    while (c > q + 1 && toks_[c - 1].type == Token::Type::word && v - c < 5) --c;
    if (c == q + 1 || toks_[c - 1].text != ",") break;
    bool ends = v + 1 >= se || toks_[v + 1].type == Token::Type::punct ||
                (v + 2 >= se) || toks_[v + 1].lower == "on" || toks_[v + 1].lower == "in";
    if (!ends) break;
    Parsed p = parse_phrase(c, v);
    if (usable(p) && p.kind != SpeakerKind::anonymous) {
      take(p, std::string(toks_[v].text), 0.65);
      return a;
    }
    break;
  }
  return a;
}

// A quotation token that reads like a title ("Morning Joe"): short, capitalised, unpunctuated.
bool SpeakerResolver::title_like(std::size_t t) const {
  const QuoteSpan& sp = spans_[toks_[t].quote];
  std::string_view inner = text_.substr(sp.text_start, sp.text_end - sp.text_start);
  if (inner.empty() || inner.size() > 60) return false;
  char last = inner.back();
  if (last == ',' || last == '.' || last == '!' || last == '?') return false;
  std::size_t words = 0, caps = 0;
  bool start = true;
  for (std::size_t i = 0; i < inner.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(inner[i]);
    if (c == ' ') { start = true; continue; }
    if (start) {
      ++words;
      if (std::isupper(c) || std::isdigit(c)) ++caps;
      start = false;
    }
  }
  return words <= 5 && caps * 10 >= words * 7;
}

void SpeakerResolver::resolve(Attribution& a, std::size_t q, const Attribution* previous) const {
  if (!a.has_cue) return;
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::string m = lower(a.mention);
  if (a.speaker.empty() && m.rfind("the ", 0) == 0 && a.kind == SpeakerKind::person) {
    // "the archbishop": the latest person whose role says so.
    std::string want = m.substr(m.rfind(' ') + 1);
    const Entity* hit = nullptr;
    // "Gov. Mike Pence" is "the governor"
    auto spelled = [](std::string r) {
      static const std::vector<std::pair<std::string_view, std::string_view>> abbrev = {
          {"gov.", "governor"}, {"sen.", "senator"}, {"rep.", "representative"}, {"gen.", "general"},
          {"lt.", "lieutenant"}, {"col.", "colonel"}, {"capt.", "captain"}, {"sgt.", "sergeant"},
          {"prof.", "professor"}, {"dr.", "doctor"}, {"rev.", "reverend"}, {"supt.", "superintendent"}};
      for (const auto& [ab, full] : abbrev)
        for (auto at = r.find(ab); at != std::string::npos; at = r.find(ab, at + full.size()))
          r.replace(at, ab.size(), full);
      return r;
    };
    for (std::size_t k = mentions_before(person_mentions_, q), seen = 0; k-- > 0 && seen < kLookBack; ++seen) {
      const Entity& e = entities_[person_mentions_[k].second];
      std::string r = spelled(lower(e.role));
      if (!r.empty() && r.find(want) != std::string::npos) { hit = &e; break; }
    }
    if (hit) {
      a.speaker = hit->name;
      a.role = hit->role;
      if (a.affiliation.empty()) a.affiliation = hit->org;
    } else {
      a.kind = SpeakerKind::anonymous;
      a.speaker = a.mention;
    }
  }
  if (a.speaker.empty() && (lexicon::person_pronoun(m) || lexicon::org_pronoun(m))) {
    if (lexicon::person_pronoun(m)) {
      const Entity* e = pronoun_antecedent(a.mention_token ? a.mention_token : q);
      // Prefer the previous speaker when the pronoun continues the same exchange.
      if (previous && previous->kind == SpeakerKind::person && !previous->speaker.empty()) {
        const Entity* pe = find_entity(previous->speaker);
        if (!e || (pe && pe == e)) e = pe;
        if (!e) {
          a.speaker = previous->speaker;
          a.kind = SpeakerKind::person;
          if (a.role.empty()) a.role = previous->role;
          if (a.affiliation.empty()) a.affiliation = previous->affiliation;
          a.former = a.former || previous->former;
        }
      }
      if (e) {
        a.speaker = e->name;
        a.kind = SpeakerKind::person;
      }
      a.confidence -= 0.1;
    } else {
      if (previous && !previous->speaker.empty() && previous->kind != SpeakerKind::person) {
        a.speaker = previous->speaker;
        a.kind = previous->kind;
      } else if (const Entity* e = last_org_before(a.mention_token ? a.mention_token : q)) {
        a.speaker = e->name;
        a.kind = SpeakerKind::organisation;
      }
      a.confidence -= 0.15;
    }
  }
  if (a.kind == SpeakerKind::person && !a.speaker.empty()) {
    if (const Entity* e = find_entity(a.speaker)) {
      a.speaker = e->name;
      if (a.role.empty()) a.role = e->role;
      if (a.affiliation.empty()) a.affiliation = e->org;
      a.former = a.former || e->former;
    }
  }
  if (a.kind == SpeakerKind::organisation) {
    a.speaker = expand_org(a.speaker);
    // "the ministry" -> the article's "Ministry of Health"
    if (!a.speaker.empty() && !std::isupper(static_cast<unsigned char>(a.speaker[0]))) {
      std::string head = lower(a.speaker);
      auto sp = head.rfind(' ');
      if (sp != std::string::npos) head = head.substr(sp + 1);
      for (std::size_t k = mentions_before(org_mentions_, q), seen = 0; k-- > 0 && seen < kLookBack; ++seen) {
        const Entity& e = entities_[org_mentions_[k].second];
        if (lower(e.name).find(head) != std::string::npos) { a.speaker = e.name; break; }
      }
    }
  }
  // "Jeremy Corbyn said his Labour Party …": the speaker's own organisation in the same sentence.
  if (a.affiliation.empty() && a.kind == SpeakerKind::person && a.has_cue) {
    std::size_t ss = sentence_start(q), se = sentence_end(q);
    for (std::size_t x = ss; x + 1 < se; ++x) {
      const auto& w = toks_[x].lower;
      if (!(w == "his" || w == "her" || w == "their") || !toks_[x + 1].cap) continue;
      std::size_t e = name_run_end(x + 1, se);
      bool orgish = false;
      for (std::size_t y = x + 1; y < e; ++y) if (wc_[y].org) orgish = true;
      if (orgish) { a.affiliation = span_text(x + 1, e); break; }
    }
  }
  a.affiliation = expand_org(a.affiliation);
  if (a.affiliation.empty() && !a.role.empty()) {
    std::string r = lower(a.role);
    static const std::vector<std::string_view> ranks = {"detective", "inspector", "constable", "sergeant",
                                                        "superintendent", "police officer", "police chief"};
    bool rank = false;
    for (auto w : ranks) if (r.find(w) != std::string::npos) rank = true;
    if (rank)
      for (std::size_t k = mentions_before(org_mentions_, q), seen = 0; k-- > 0 && seen < kLookBack; ++seen) {
        const Entity& e = entities_[org_mentions_[k].second];
        if (lower(e.name).find("police") != std::string::npos) { a.affiliation = e.name; break; }
      }
    // "fire service spokesman": the words before the spokesperson name the body
    for (std::string_view head : {" spokesman", " spokeswoman", " spokesperson"}) {
      auto at = r.rfind(head);
      if (at != std::string::npos && at > 0 && at + head.size() == r.size() && a.affiliation.empty()) {
        std::string body = a.role.substr(0, at);
        if (body.rfind("former ", 0) != 0) {
          a.affiliation = body;
          a.role = a.role.substr(at + 1);
        }
      }
    }
  }
  // "the palace", "Company": the organisation the article named in full before.
  if (!a.affiliation.empty() && a.affiliation.find(' ') == std::string::npos && lexicon::org_head(lower(a.affiliation))) {
    std::string head = lower(a.affiliation);
    for (std::size_t k = mentions_before(org_mentions_, q), seen = 0; k-- > 0 && seen < kLookBack; ++seen) {
      const Entity& e = entities_[org_mentions_[k].second];
      std::string n = lower(e.name);
      if (n.size() > head.size() && n.compare(n.size() - head.size(), head.size(), head) == 0) {
        a.affiliation = e.name;
        break;
      }
    }
  }
  // An unresolved pronoun is no name: the speaker stays unknown ("" per CONTRACT.md).
  if (a.speaker.empty() && !a.mention.empty() && a.kind == SpeakerKind::person && !lexicon::person_pronoun(m) &&
      !lexicon::org_pronoun(m))
    a.speaker = a.mention;
  if (a.confidence < 0.05) a.confidence = 0.05;
}

}  // namespace whosaid
