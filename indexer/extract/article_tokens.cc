#include "article_tokens.h"

#include <algorithm>
#include <unordered_set>

#include "lexicon.h"
#include "places.h"

namespace whosaid {

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

bool role_noun(std::string_view w) {
  if (lexicon::title_word(w)) return true;
  if (w.size() < 5) return false;
  static const std::unordered_set<std::string_view> agents = {
      "resident", "student", "correspondent", "superintendent", "consultant", "accountant", "attendant",
      "merchant", "servant", "immigrant", "migrant", "applicant", "participant", "claimant", "defendant",
      "entrant", "tenant", "informant", "contestant", "regent", "agent", "president", "vice-president",
      "advocate", "delegate", "candidate", "graduate", "diplomat", "pilot", "chef", "poet", "athlete", "witness",
      "eyewitness", "expert", "analyst", "official", "aide", "insider", "critic", "victim", "survivor", "spokesman",
      "spokeswoman", "spokesperson", "undergrad", "activist", "nurse", "coach", "judge", "chief", "head", "veteran",
      "expert", "colleague", "owner", "founder", "co-founder", "co-author", "author", "captain", "mayor",
      "astronaut", "cosmonaut"};
  if (agents.count(w)) return true;
  // Plurals of a role: "NASA astronauts Bob Behnken and Doug Hurley", "fellow scientists".
  if (w.size() > 5 && w.back() == 's' && w[w.size() - 2] != 's' && role_noun(w.substr(0, w.size() - 1))) return true;
  static const std::unordered_set<std::string_view> no = {
      "other", "under", "after", "over", "later", "never", "whether", "together", "rather", "further", "however",
      "another", "different", "recent", "current", "independent", "summer", "winter", "order", "number",
      "member's", "november", "december", "october", "september", "corner", "border", "twitter", "water",
      "matter", "letter", "paper", "chapter", "quarter", "center", "centre", "power", "tower", "river", "danger",
      "murder", "minor", "major", "error", "floor", "door", "factor"};
  for (std::string_view suf : {"ist", "ian", "or", "er", "man", "woman", "person", "ary"})
    if (w.size() > suf.size() + 2 && w.compare(w.size() - suf.size(), suf.size(), suf) == 0) return !no.count(w);
  return false;
}

std::string party_of(std::string_view lower_word) {
  if (lower_word == "democrat" || lower_word == "democratic" || lower_word == "democrats") return "Democratic Party";
  if (lower_word == "republican" || lower_word == "republicans") return "Republican Party";
  if (lower_word == "labour") return "Labour Party";
  if (lower_word == "conservative" || lower_word == "tory") return "Conservative Party";
  if (lower_word == "libertarian") return "Libertarian Party";
  return {};
}

bool participle(const Token& t) { return t.lower.size() > 4 && t.lower.compare(t.lower.size() - 3, 3, "ing") == 0; }

bool acronym_like(const Token& t) {
  if (!t.all_caps) return false;
  std::size_t letters = 0;
  for (char c : t.text)
    if (std::isalpha(static_cast<unsigned char>(c))) ++letters;
  return letters >= 2 && letters <= 7;
}

bool party_designation(std::string_view w) {
  return w.size() >= 4 && (w[0] == 'R' || w[0] == 'D' || w[0] == 'I') && w[1] == '-' && w[2] >= 'A' && w[2] <= 'Z';
}

bool is_determiner(std::string_view w) { return w == "a" || w == "an" || w == "the"; }

bool possessive_determiner(std::string_view w) {
  return w == "his" || w == "her" || w == "their" || w == "its" || w == "our" || w == "my" || w == "your";
}

bool place_like(const ArticleTokens& t, std::size_t s, std::size_t e) {
  for (std::size_t x = s; x < e; ++x)
    if (is_place_word(t[x].lower)) return true;
  return e > s && is_place_name(t.text().substr(t[s].start, t[e - 1].end - t[s].start));
}

namespace {

// Honours after a name: not part of it, and no sign of an organisation ("Kama Melly QC").
bool honour_suffix(std::string_view w) {
  static const std::unordered_set<std::string_view> s = {"QC", "KC", "MP", "MBE", "OBE", "CBE", "KBE", "MEP", "MSP",
                                                         "MLA", "MPP", "MHA", "TD", "PhD", "Ph.D.", "M.D.", "MD", "Esq."};
  return s.count(w) > 0;
}

// The English word list has names too, capitalised ("Obama", "Red"): only a word it lists in lower
// case alone is ordinary.
bool ordinary_word(const NameEvidence& ev) { return ev.word && !ev.proper; }

// A word that can open a person's name: not an ordinary word, or a given name ("Will", "Newt").
bool opens_name(const Token& w, const NameEvidence& ev) {
  if (w.text.size() <= 3 && w.text.back() == '.') return true;  // an initial: "J."
  if (w.lower == "saint" || w.lower == "st." || w.lower == "san" || w.lower == "santa") return false;  // places, hospitals
  return !ordinary_word(ev) || ev.given >= 1;
}

// A word that can end a person's name: not an ordinary word, or a surname of the census list.
bool ends_name(const Token& w, const NameEvidence& ev) { return !ordinary_word(ev) || ev.surname > 0; }

}  // namespace

bool is_honour_suffix(std::string_view w) { return honour_suffix(w); }

NameVerdict name_verdict(const ArticleTokens& t, std::size_t s, std::size_t e) {
  while (e > s && t[e - 1].type == Token::Type::word && honour_suffix(t[e - 1].text)) --e;
  // The name part: after the last title in the run ("Oversight Chairman Jason Chaffetz", "Secretary
  // General Ban Ki-moon"), before a connector ("Part of Trump", "Dean of UC Berkeley School of
  // Law", "Black Voices for Trump").
  std::size_t ns = s;
  // "Mr. Tribe", "Ms. Boxer", "Sen. Tester": an honorific or title just before the run.
  bool titled = s > 0 && t[s - 1].type == Token::Type::word && t.wc(s - 1).title;
  if (s > 0 && !titled) {
    const std::string& w = t[s - 1].lower;
    titled = w == "mr." || w == "mrs." || w == "ms." || w == "dr." || w == "mr" || w == "mrs" || w == "ms" || w == "dr" ||
             w == "prof." || w == "miss";
  }
  for (std::size_t x = s; x < e; ++x) {
    if (t[x].type != Token::Type::word) continue;
    if (!t[x].cap && (t[x].lower == "of" || t[x].lower == "for")) break;
    // "Comedian Sarah Silverman", "Actor Clint Howard": an occupation opening the run is a title
    if (t.wc(x).title || (x == ns && x + 1 < e && t[x + 1].cap && role_noun(t[x].lower))) {
      titled = true;
      ns = x + 1;
    }
  }
  std::size_t ce = ns;
  bool connector = false;
  while (ce < e) {
    const Token& w = t[ce];
    if (w.type == Token::Type::word && !w.cap &&
        (w.lower == "of" || w.lower == "for" || w.lower == "and" || w.lower == "the" || w.lower == "&" || w.lower == "in")) {
      connector = true;
      break;
    }
    ++ce;
  }
  std::size_t words = 0, acronyms = 0;
  std::size_t first = e, last = e;
  for (std::size_t x = ns; x < ce; ++x) {
    const Token& w = t[x];
    if (w.type != Token::Type::word || !w.cap) continue;
    ++words;
    if (first == e) first = x;
    last = x;
    if (acronym_like(w) && w.text.find('.') == std::string_view::npos) ++acronyms;
  }
  const bool after_the = s > 0 && t[s - 1].lower == "the" && !titled;
  if (words == 0) {
    // "Information Minister", "State Senator": a role without a name (the phrase parser reads
    // "the Information Minister" as standing for the person named with that role).
    // ("Charlie King", "Jon Bishop": a name ending in a word that can be a title)
    if (!titled) return NameVerdict::words;
    if (ns == e && ns > s && !t.wc(s).title) {
      const NameEvidence& ev = t.evidence(s);
      return (ev.given >= 2 || !ordinary_word(ev)) ? NameVerdict::person : NameVerdict::words;
    }
    // "the President"; "President of Argentina Alberto Fernández" (a place, then the name: the
    // phrase parser splits them), but "Dean of UC Berkeley School of Law" is a role with its body.
    // ("Secretary of State Mike Pompeo": a name after the body; but "Chief Technology Officer of Red
    // Hat" and "Dean of UC Berkeley School of Law" end in the body itself)
    std::size_t tail = e;
    while (tail > ce && t[tail - 1].type == Token::Type::word && t[tail - 1].cap && !t.wc(tail - 1).org &&
           !t.wc(tail - 1).title && !t.wc(tail - 1).place_word && !is_place_name(t[tail - 1].text))
      --tail;
    if (tail == e || tail == ce ||
        !(t.wc(tail - 1).org || t.wc(tail - 1).place_word || is_place_name(t[tail - 1].text)))
      return NameVerdict::words;
    const NameEvidence& f = t.evidence(tail);
    const NameEvidence& l = t.evidence(e - 1);
    bool name = e - tail == 1 ? !ordinary_word(f) : opens_name(t[tail], f) && ends_name(t[e - 1], l);
    return name ? NameVerdict::person : NameVerdict::words;
  }
  if (acronyms == words && !titled) return NameVerdict::body;
  bool person;
  if (words == 1) {
    // One word: a name unless an ordinary word that is neither a usual given name nor one of the
    // 10,000 most frequent surnames ("Search", "Previously"; not "Trump", "Brown", "Will").
    // Capitalised in mid-sentence, an ordinary word is as likely a name ("according to Politico").
    const NameEvidence& ev = t.evidence(first);
    person = titled || !ordinary_word(ev) || ev.given >= 2 || (ev.surname > 0 && ev.surname <= 2) ||
             !t.sentence_initial(first);
  } else if (titled) {
    // After a title, any word that is not an ordinary one will do ("Secretary General Ban Ki-moon").
    person = false;
    for (std::size_t x = first; x <= last; ++x)
      if (t[x].type == Token::Type::word && t[x].cap && (!ordinary_word(t.evidence(x)) || t.evidence(x).name_list()))
        person = true;
  } else {
    // A usual given name first ("Crystal", "Will": ten thousand babies or more) makes a name of
    // what follows; otherwise the first word must open a name and the last end one.
    person = t.evidence(first).given >= 3 ||
             (opens_name(t[first], t.evidence(first)) && ends_name(t[last], t.evidence(last)));
  }
  // "the Maidan Wardak council", "the Obama administration": after "the" a name needs a given name.
  if (person && after_the && !titled && t.evidence(first).given < 2) person = false;
  if (person) return NameVerdict::person;
  if (titled) return NameVerdict::words;  // a role with a body: "Chief Technological Officer of Red Hat"
  if (after_the) return NameVerdict::body;
  // Capitalised ordinary words together name a thing: "Pew Research", "Red Hat", "Zero Hedge" (a
  // body as likely as anything).
  if (words > 1) return NameVerdict::body;
  if (connector)  // "Black Voices for Trump" is a body; "Part of Trump's tweet" words
    for (std::size_t x = ns; x < ce; ++x)
      if (t[x].type == Token::Type::word && t[x].cap && !ordinary_word(t.evidence(x))) return NameVerdict::body;
  return NameVerdict::words;
}

ArticleTokens::ArticleTokens(std::string_view text, const std::vector<Token>& tokens,
                             const std::vector<QuoteSpan>& spans)
    : text_(text), toks_(tokens), spans_(spans) {
  const std::size_t n = toks_.size();
  sent_start_.resize(n);
  sent_end_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    bool boundary = i == 0 || toks_[i - 1].sentence != toks_[i].sentence || toks_[i - 1].type == Token::Type::newline;
    sent_start_[i] = boundary ? i : sent_start_[i - 1];
  }
  for (std::size_t i = n; i-- > 0;) {
    bool boundary = i + 1 == n || toks_[i + 1].sentence != toks_[i].sentence ||
                    toks_[i + 1].type == Token::Type::newline || toks_[i].type == Token::Type::newline;
    sent_end_[i] = boundary ? (toks_[i].type == Token::Type::newline ? i : i + 1) : sent_end_[i + 1];
  }
  cue_.assign(n, 0);
  wc_.assign(n, WordClass{});
  evidence_.assign(n, NameEvidence{});
  evidence_known_.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (toks_[i].type != Token::Type::word) continue;
    const std::string& w = toks_[i].lower;
    WordClass& c = wc_[i];
    const std::uint16_t f = lexicon::classify(w);
    // "Fifteen-year-old Robert": an age before a name describes the person, as a title does.
    c.title = (f & lexicon::kTitle) || (w.size() > 9 && w.compare(w.size() - 9, 9, "-year-old") == 0);
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
    c.clause = f & lexicon::kClause;
    c.place_word = toks_[i].cap && is_place_word(w);  // place words matter only in capitalised runs
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Token& t = toks_[i];
    if (t.type != Token::Type::word || !wc_[i].speech) continue;
    if (t.cap && !sentence_initial(i)) continue;
    if (i > 0 && toks_[i - 1].type == Token::Type::word) {
      const auto& w = toks_[i - 1].lower;
      if (is_determiner(w) || possessive_determiner(w) || w == "this" || w == "these" || w == "those" ||
          w == "such" || w == "whose" || ends_possessive(toks_[i - 1].text))
        continue;
      // "a flurry of late-night tweets", "a series of statements": nouns after "of" or a compound modifier
      // (plural nouns only: "the ex-president said" still speaks)
      if (t.lower.back() == 's' && (w == "of" || (!toks_[i - 1].cap && w.size() > 3 && w.find('-') != std::string::npos)))
        continue;
    }
    cue_[i] = 1;
  }
  mark_furniture();
}

// Page furniture: a line of capitals ("READ MORE", a section banner) or one of the usual phrases
// pages put between paragraphs. Its words name nobody.
void ArticleTokens::mark_furniture() {
  static const std::unordered_set<std::string> phrases = {
      "read more", "story continues below advertisement", "continue reading", "advertisement", "related",
      "related articles", "related stories", "click here", "sign up", "subscribe", "share this article",
      "share this", "follow us", "image", "photo", "watch", "listen", "more", "see also", "editor's note"};
  const std::size_t n = toks_.size();
  furniture_.assign(n, 0);
  std::size_t s = 0;
  while (s < n) {
    std::size_t e = s;
    while (e < n && toks_[e].type != Token::Type::newline) ++e;
    std::size_t words = 0, upper = 0;
    bool quote = false;
    for (std::size_t x = s; x < e; ++x) {
      if (toks_[x].type == Token::Type::quote) quote = true;
      if (toks_[x].type != Token::Type::word) continue;
      ++words;
      if (toks_[x].all_caps) ++upper;
    }
    bool caps_line = words >= 2 && upper == words && !quote;
    bool phrase = false;
    if (!caps_line && words > 0 && words <= 4 && !quote) {
      std::string line;
      for (std::size_t x = s; x < e; ++x)
        if (toks_[x].type == Token::Type::word) line += (line.empty() ? "" : " ") + toks_[x].lower;
      phrase = phrases.count(line) > 0;
    }
    if (caps_line || phrase)
      for (std::size_t x = s; x < e; ++x) furniture_[x] = 1;
    s = e + 1;
  }
}

bool ArticleTokens::sentence_initial(std::size_t i) const {
  return i == 0 || toks_[i - 1].sentence != toks_[i].sentence || toks_[i - 1].type == Token::Type::newline;
}

std::string ArticleTokens::span_text(std::size_t a, std::size_t b) const {
  if (a >= b) return {};
  std::string_view out = text_.substr(toks_[a].start, toks_[b - 1].end - toks_[a].start);
  std::string clean;
  clean.reserve(out.size());
  bool sp = false;
  for (char c : out) {
    if (c == '\n' || c == '\t' || c == ' ' || c == '\r') { sp = true; continue; }
    if (sp && !clean.empty()) clean += ' ';
    sp = false;
    clean += c;
  }
  return clean;
}

bool ArticleTokens::starts_name(std::size_t i) const {
  const Token& t = toks_[i];
  return t.type == Token::Type::word && t.cap && !wc_[i].not_name;
}

std::size_t ArticleTokens::name_run_end(std::size_t i, std::size_t b) const {
  std::size_t j = i;
  while (j < b) {
    const Token& t = toks_[j];
    if (t.type != Token::Type::word) break;
    if (t.cap && !wc_[j].month) {
      ++j;
      if (ends_possessive(t.text)) break;
      continue;
    }
    if ((wc_[j].particle || wc_[j].connector) && j + 1 < b && toks_[j + 1].type == Token::Type::word &&
        toks_[j + 1].cap && j > i) {
      ++j;
      continue;
    }
    break;
  }
  while (j > i + 1 && wc_[j - 1].connector) --j;  // do not end on a connector
  return j;
}

std::size_t ArticleTokens::sentence_start(std::size_t i) const {
  std::size_t s = sent_start_[i];
  return i - s > kWindow ? i - kWindow : s;
}

std::size_t ArticleTokens::sentence_end(std::size_t i) const {
  std::size_t e = sent_end_[i];
  return e - i > kWindow ? i + kWindow : e;
}

bool ArticleTokens::sentence_has_cue(std::size_t q) const {
  std::size_t s = sentence_start(q), e = sentence_end(q);
  for (std::size_t i = s; i < e; ++i) {
    if (toks_[i].type != Token::Type::word) continue;
    if (is_cue(i)) return true;
    if (toks_[i].lower == "according" && i + 1 < e && toks_[i + 1].lower == "to") return true;
  }
  return false;
}

bool ArticleTokens::title_like(std::size_t t) const {
  const QuoteSpan& sp = spans_[toks_[t].quote];
  std::string_view inner = text_.substr(sp.text_start, sp.text_end - sp.text_start);
  if (inner.empty() || inner.size() > 60) return false;
  char last = inner.back();
  if (last == ',' || last == '.' || last == '!' || last == '?') return false;
  std::size_t words = 0, caps = 0;
  bool start = true;
  for (char ch : inner) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == ' ') { start = true; continue; }
    if (start) {
      ++words;
      if (std::isupper(c) || std::isdigit(c)) ++caps;
      start = false;
    }
  }
  return words <= 5 && caps * 10 >= words * 7;
}

bool ArticleTokens::paragraph_only_quotes(std::size_t q) const {
  const int para = toks_[q].paragraph;
  for (std::size_t x = q; x-- > 0 && toks_[x].paragraph == para && toks_[x].type != Token::Type::newline && q - x < 64;)
    if (toks_[x].type == Token::Type::word) return false;
  for (std::size_t x = q + 1; x < toks_.size() && toks_[x].type != Token::Type::newline && x - q < 64; ++x)
    if (toks_[x].type == Token::Type::word) return false;
  return true;
}

}  // namespace whosaid
