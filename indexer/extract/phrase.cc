#include "mention.h"

#include <algorithm>

#include "registry.h"

#include "lexicon.h"
#include "places.h"
#include "utf8.h"

namespace whosaid {

namespace {

// The person's name closing a longer capitalised run: "Royal Society University Research Fellow
// Martin How", "US Ambassador to the United Nations Nikki Haley". The last two or three words are
// a name when they open with a given name of the lists and hold no title, body, place or link
// word, and the words before them show a body or a role (an organisation, title, place or link
// word, an acronym). Returns where the name starts, or s when the run is not of that shape.
std::size_t person_tail(const ArticleTokens& t, std::size_t s, std::size_t e) {
  if (e - s < 3) return s;
  for (std::size_t len : {std::size_t{3}, std::size_t{2}}) {
    if (e - s <= len) continue;
    std::size_t k = e - len;
    // (a common given name may also be a word: "Martin", "Rose")
    const NameEvidence& ev = t.evidence(k);
    if (ev.given < 2 || (ev.word && ev.given < 4)) continue;
    bool name_like = true;
    for (std::size_t x = k; x < e; ++x) {
      const WordClass& w = t.wc(x);
      if (t[x].type != Token::Type::word || !t[x].cap || w.org || w.title || w.connector || w.place_word ||
          acronym_like(t[x]))
        name_like = false;
    }
    if (!name_like) continue;
    for (std::size_t x = s; x < k; ++x) {
      const WordClass& w = t.wc(x);
      if (w.org || w.title || w.connector || w.place_word || acronym_like(t[x]) || role_noun(t[x].lower)) return k;
    }
  }
  return s;
}

}  // namespace

Mention MentionParser::parse_phrase(std::size_t a, std::size_t b) const {
  Mention p = parse_head(a, b);
  if (p.kind != SpeakerKind::anonymous || p.pronoun) return p;
  // "the White House spokesman, Josh Earnest, said", "said another Twitter user, Johanna Bayer":
  // the person the description stands for is named after its comma.
  std::size_t c = p.name_token;
  while (c < b && !(t_[c].type == Token::Type::punct && t_[c].text == ",")) {
    if (t_[c].type == Token::Type::quote) return p;
    ++c;
  }
  const std::size_t s = c + 1;
  if (s >= b || !t_.starts_name(s)) return p;
  const std::size_t e = t_.name_run_end(s, b);
  if (e - s < 2 || e - s > 4) return p;
  if (!(e == b || t_[e].type != Token::Type::word || t_.is_cue(e))) return p;
  for (std::size_t x = s; x < e; ++x)
    if (t_.wc(x).title || t_.wc(x).org || acronym_like(t_[x])) return p;
  if (verdict(s, e) != NameVerdict::person) return p;
  Mention q;
  q.kind = SpeakerKind::person;
  q.name = strip_possessive(t_.span_text(s, e));
  q.mention = t_.span_text(p.name_token, e);
  q.role = p.role;
  q.org = p.org;
  q.former = p.former;
  q.name_token = s;
  return q;
}

Mention MentionParser::parse_head(std::size_t a, std::size_t b) const {
  Mention p;
  // Skip leading punctuation and conjunctions.
  while (a < b && (t_[a].type != Token::Type::word ||
                   t_[a].lower == "and" || t_[a].lower == "but" || t_[a].lower == "as" ||
                   t_[a].lower == "so" || t_[a].lower == "while")) ++a;
  if (a >= b) return p;
  // Head: up to the first comma; the rest may be an appositive.
  std::size_t c = a;
  while (c < b && !(t_[c].type == Token::Type::punct && (t_[c].text == "," || t_[c].text == "(" ||
                                                           t_[c].text == "\xE2\x80\x94"))) ++c;
  std::size_t head_end = c;
  if (head_end - a == 1 && t_[a].type == Token::Type::word &&
      (t_.wc(a).person_pronoun || t_.wc(a).org_pronoun)) {
    p.pronoun = true;
    p.mention = std::string(t_[a].text);
    p.kind = t_.wc(a).person_pronoun ? SpeakerKind::person : SpeakerKind::organisation;
    p.name_token = a;
    return p;
  }
  // A pronoun right before the verb is the subject: "On the live television he said".
  if (b - a >= 2 && t_[b - 1].type == Token::Type::word &&
      (t_[b - 1].lower == "he" || t_[b - 1].lower == "she" || t_[b - 1].lower == "they" || t_[b - 1].lower == "we")) {
    p.pronoun = true;
    p.mention = std::string(t_[b - 1].text);
    p.kind = t_[b - 1].lower == "they" ? SpeakerKind::organisation : SpeakerKind::person;
    p.name_token = b - 1;
    return p;
  }
  // "Judge Miller's statement", "the ministry's letter": the possessor speaks.
  if (head_end - a >= 2 && t_.wc(head_end - 1).anon && ends_possessive(t_[head_end - 2].text) &&
      t_[head_end - 2].cap) {
    std::size_t r = head_end - 2;
    std::size_t rs = r;
    while (rs > a && t_[rs - 1].type == Token::Type::word && t_[rs - 1].cap) --rs;
    Mention q = parse_phrase(rs, r + 1);
    if (q.kind != SpeakerKind::unknown && !q.name.empty()) {
      q.name = strip_possessive(q.name);
      q.mention = strip_possessive(q.mention);
      return q;
    }
  }
  // "his message", "their statement": the possessor speaks; but "its source", "his daughter",
  // "her lawyer" are people of their own, unnamed.
  if (head_end - a >= 2 && head_end - a <= 3 && t_.wc(head_end - 1).anon) {
    const auto& w = t_[a].lower;
    const char* pro = w == "his" ? "he" : w == "her" ? "she" : w == "their" ? "they" : w == "its" ? "it" : nullptr;
    if (pro && !document_noun(t_[head_end - 1].lower)) {
      p.kind = SpeakerKind::anonymous;
      p.mention = p.name = t_.span_text(a, head_end);
      p.role = std::string(t_[head_end - 1].text);
      p.name_token = a;
      return p;
    }
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
    while (h < head_end && t_[h].type == Token::Type::word && (!t_[h].cap || det(t_[h].lower)) &&
           !t_.wc(h).anon)
      ++h;
    if (h < head_end && h > a - 1 && t_[h].type == Token::Type::word && t_.wc(h).anon &&
        (h == a || !t_[a].cap || t_[a].lower == "a" || t_[a].lower == "an" || t_[a].lower == "the") &&
        h + 1 < head_end) {
      const auto& prep = t_[h + 1].lower;
      if (prep == "from" || prep == "of" || prep == "for" || prep == "at" || prep == "within" || prep == "with" || prep == "in") {
        std::size_t o = h + 2;
        while (o < head_end && !t_[o].cap) ++o;
        if (o < head_end) {
          std::size_t oe = t_.name_run_end(o, head_end);
          bool person_after = oe - o >= 2 && !place_like(t_, o, oe);
          bool orgish = false;
          for (std::size_t x = o; x < oe; ++x)
            if (t_.wc(x).org || acronym_like(t_[x])) orgish = true;
          if (orgish || !person_after) {
            p.kind = SpeakerKind::anonymous;
            p.mention = t_.span_text(a, h + 1);
            p.name = p.mention;
            p.role = std::string(t_[h].text);
            p.org = t_.span_text(o, oe);
            p.name_token = a;
            return p;
          }
        }
      }
    }
  }
  // Capitalised runs in the head.
  struct Run { std::size_t s, e; bool org; bool tail = false; };  // tail: a name person_tail found
  std::vector<Run> runs;
  for (std::size_t i = a; i < head_end;) {
    if (t_.starts_name(i) || (t_[i].cap && t_[i].type == Token::Type::word && i > a && !t_.wc(i).not_name)) {
      std::size_t e = t_.name_run_end(i, head_end);
      if (e <= i) e = i + 1;
      // "said Dasbach to Wikinews", "Jennifer Daskal of American University and contributor to
      // Slate": after a name, the one spoken to or written for is not the speaker.
      if (!runs.empty() && i > a && (t_[i - 1].lower == "to" || t_[i - 1].lower == "with") &&
          !(i >= 2 && t_[i - 2].lower == "according")) {
        i = e;
        continue;
      }
      // "Taiwan's Constitutional Court": a possessive place before an organisation is part of its name.
      if (ends_possessive(t_[e - 1].text) && e < head_end && t_[e].cap) {
        std::size_t e2 = t_.name_run_end(e, head_end);
        bool org_after = false;
        for (std::size_t x = e; x < e2; ++x) if (t_.wc(x).org) org_after = true;
        if (org_after) e = e2;
      }
      // Only words after the last title decide: "Nevada State Senator Patricia Ann Spearman" is a
      // person, though "State" can head an organisation.
      std::size_t after_title = i;
      for (std::size_t x = i; x + 1 < e; ++x)
        if (t_.wc(x).title && (t_[x + 1].cap || t_.wc(x + 1).connector)) after_title = x + 1;
      bool org = false;
      std::size_t last_org = e;
      for (std::size_t x = after_title; x < e; ++x)
        if (t_.wc(x).org) org = true, last_org = x;
      // "Secretary of State Mike Pompeo", "Minister of Health Jane Doe": the body belongs to the
      // title when a name follows it.
      if (org && after_title > i && after_title < e && t_.wc(after_title).connector && e - last_org >= 3) {
        bool name_after = true;
        for (std::size_t x = last_org + 1; x < e; ++x)
          if (!t_[x].cap || t_.wc(x).org || t_.wc(x).connector) name_after = false;
        if (name_after) org = false;
      }
      if (e - i == 1 && acronym_like(t_[i])) org = true;
      if (e == i + 1 && !party_of(t_[i].lower).empty()) org = true;  // "Democratic" alone
      if (e == i + 1 && i > a &&
          (t_[i - 1].lower == "on" || t_[i - 1].lower == "via" || t_[i - 1].lower == "through")) {
        i = e;  // "reacted on Twitter", "via Facebook"
        continue;
      }
      // "Liberal Democrats", "Senate Republicans": parties and titles only
      if (!org) {
        bool only = true, party = false;
        for (std::size_t x = i; x < e; ++x) {
          bool pw = !party_of(t_[x].lower).empty();
          party = party || pw;
          if (!pw && !t_.wc(x).title && !t_.wc(x).org) only = false;
        }
        if (only && party && e - i > 1) org = true;
      }
      if (!org && e - after_title > 1)
        for (std::size_t x = after_title; x < e; ++x)
          if (acronym_like(t_[x]) && t_[x].text.find('.') == std::string_view::npos && !is_honour_suffix(t_[x].text)) org = true;
      // "of the Northern Arapaho tribal historic preservation office": a body, though it opens with a place
      if (!org && i >= a + 1 && (t_[i - 1].lower == "of" || t_[i - 1].lower == "the") ) {
        for (std::size_t t = e; t < head_end && t < e + 4; ++t) {
          if (t_[t].type != Token::Type::word || t_[t].cap) break;
          if (t_.wc(t).org) { e = t + 1; org = true; break; }
        }
      }
      if (!org) {
        bool titled = false;
        for (std::size_t x = i; x < e; ++x) if (t_.wc(x).title) titled = true;
        std::string_view whole = t_.text().substr(t_[i].start, t_[e - 1].end - t_[i].start);
        bool place = is_place_name(whole);
        if (!place && !titled && e - i <= 3)
          for (std::size_t x = i; x < e; ++x) if (t_.wc(x).place_word) place = true;
        // a place right before a speech verb speaks ("Jordan said"): keep it
        if (place && !(e == b && b < t_.size() && t_.is_cue(b))) {
          i = e;
          continue;
        }
      }
      // A lower-case organisation head right after the run: "Richmond police".
      if (!org && e < head_end && t_[e].type == Token::Type::word && !t_[e].cap && t_.wc(e).org &&
          !t_.wc(e).title) {
        org = true;
        ++e;
      }
      {
        std::size_t k = person_tail(t_, i, e);
        bool body_before = org;  // "Royal Society University Research Fellow Martin How"
        for (std::size_t x = i; x < k && !body_before; ++x) body_before = t_.wc(x).org;
        if (k > i && body_before) {
          // The body ends where the title words before the name start ("United States | President
          // Donald Trump"); they are the role.
          std::size_t oe = k;
          while (oe > i + 1 && (t_.wc(oe - 1).title || role_noun(t_[oe - 1].lower))) --oe;
          runs.push_back({i, oe, true});
          runs.push_back({k, e, false, true});
          goto next_run;
        }
      }
      // "Smith of Amnesty International": split a person from a following organisation.
      if (org) {
        for (std::size_t x = i + 1; x + 1 < e; ++x) {
          const auto& w = t_[x].lower;
          if (w == "of" || w == "for" || w == "at" || w == "from") {
            bool left_org = false;
            for (std::size_t y = i; y < x; ++y) if (t_.wc(y).org) left_org = true;
            if (!left_org && !t_.wc(x - 1).title) {
              runs.push_back({i, x, false});
              std::size_t o = x + 1;
              if (o < e && t_[o].lower == "the") ++o;
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
          if (t_[x].lower == "and" || t_[x].lower == "&") cut = x;
        if (cut > i) {
          runs.push_back({i, cut, false});
          i = cut + 1;
          continue;  // the rest is examined as a run of its own
        }
        // Title-case headlines are not names: a person's name is at most five words.
        std::size_t words = 0;
        for (std::size_t x = i; x < e; ++x) if (t_[x].cap && !t_.wc(x).title) ++words;
        if (words > 5) { i = e; continue; }
      }
      // "Tomás Ibáñez of Northline Research": a person, then the body they belong to.
      if (!org) {
        bool split = false;
        for (std::size_t x = i + 1; x + 1 < e && !split; ++x) {
          if ((t_[x].lower == "of" || t_[x].lower == "from") && x - i >= 2 && !t_.wc(i).title &&
              !place_like(t_, i, x)) {
            bool titled = false;
            for (std::size_t y = i; y < x; ++y) if (t_.wc(y).title) titled = true;
            if (titled) break;
            std::size_t o = x + 1;
            if (o < e && t_[o].lower == "the") ++o;
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
        if (ends_possessive(t_[x].text)) {
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
  if (!runs.empty() && runs.back().e < head_end && t_[runs.back().e].type == Token::Type::word &&
      t_.wc(runs.back().e).anon && !t_[runs.back().e].cap &&
      (runs.back().e + 1 == head_end || t_[runs.back().e + 1].type != Token::Type::word)) {
    const Run& r = runs.back();
    p.kind = SpeakerKind::anonymous;
    p.role = std::string(t_[r.e].text);
    std::size_t from = r.s;
    if (from > a && (t_[from - 1].lower == "a" || t_[from - 1].lower == "an" || t_[from - 1].lower == "the")) --from;
    p.mention = t_.span_text(from, r.e + 1);
    p.name = p.mention;
    p.org = t_.span_text(r.s, r.e);
    p.name_token = from;
    return p;
  }
  // The speaker is the last person run in the head; else the last organisation run.
  const Run* person = nullptr;
  const Run* org = nullptr;
  std::vector<Run> bodies;  // runs the words show are bodies, not people ("The Atlantic")
  bodies.reserve(runs.size());
  for (const auto& r : runs) {
    if (r.org) {
      org = &r;
      continue;
    }
    NameVerdict v = r.tail ? NameVerdict::person : verdict(r.s, r.e);
    if (v == NameVerdict::person) person = &r;
    else if (v == NameVerdict::body) org = &bodies.emplace_back(Run{r.s, r.e, true});
  }
  std::size_t role_from = a;
  if (person) {
    // Leading title words inside the run are the role: "Prime Minister Boris Johnson".
    std::size_t s = person->s, e = person->e;
    std::size_t last_title = s;
    bool any_title = false;
    if (e - s >= 3 && !t_[s].all_caps && role_noun(t_[s].lower)) { last_title = s; any_title = true; }
    for (std::size_t x = s; x < e; ++x)
      if (t_.wc(x).title && x + 1 < e) { last_title = x; any_title = true; }
    std::size_t name_s = any_title ? last_title + 1 : s;
    // "President of Argentina Alberto Fernández": the place after the title belongs to the role;
    // "Representative Charles B. Rangel of New York": the place after the name does not.
    std::size_t name_e = e;
    if (any_title)
      for (std::size_t x = name_s; x + 1 < e; ++x) {
        if (t_[x].lower != "of" && t_[x].lower != "for") continue;
        std::size_t ns = x + 1;
        if (ns < e && t_[ns].lower == "the") ++ns;
        // the longest place name after "of" ("New York", "Argentina")
        std::size_t place_end = ns;
        for (std::size_t pe = e; pe > ns; --pe)
          if (is_place_name(t_.text().substr(t_[ns].start, t_[pe - 1].end - t_[ns].start))) { place_end = pe; break; }
        ns = place_end;
        while (ns < e && t_.wc(ns).place_word) ++ns;
            if (ns < e) name_s = ns;      // a name follows the place
        else { name_e = x; break; }   // only a place follows: the name ended before "of"
      }
    while (name_e - name_s > 2 && (is_place_name(t_[name_s].text) || t_.wc(name_s).place_word)) ++name_s;
    while (name_e - name_s > 1 && is_honour_suffix(t_[name_e - 1].text)) --name_e;  // "Kama Melly QC"
    if (std::size_t k = person_tail(t_, name_s, name_e); k > name_s) name_s = k;
    if (name_s >= name_e) return p;
    if (name_s != s) any_title = true;
    // Drop name particles at the start and possessive ending.
    std::string name = t_.span_text(name_s, name_e);
    if (ends_possessive(t_[name_e - 1].text)) name = strip_possessive(name);
    // "Vice Presidents": titles only, no name
    bool all_titles = true;
    for (std::size_t x = name_s; x < name_e; ++x) {
      const auto& w = t_[x].lower;
      if (!(lexicon::title_word(w) || (w.size() > 1 && w.back() == 's' && lexicon::title_word(w.substr(0, w.size() - 1)))))
        all_titles = false;
    }
    if (all_titles) return p;
    p.name = name;
    p.mention = t_.span_text(person->s, e);
    p.kind = SpeakerKind::person;
    p.name_token = name_s;
    // "NASA astronauts Bob Behnken and Doug Hurley": the role before the first of two names is
    // the second's too.
    std::size_t anchor = name_s;
    if (name_s == person->s && person->s >= 2 && t_[person->s - 1].lower == "and")
      for (const auto& r : runs)
        if (!r.org && r.e + 1 == person->s && r.e - r.s >= 2) {
          bool titled = false;
          for (std::size_t y = r.s; y < r.e; ++y) titled = titled || t_.wc(y).title;
          if (!titled) anchor = r.s;
        }
    // Role: words before the name (after an organisation run), plus title words in the run.
    std::size_t rs = a;
    // The body before the person counts when only role words stand between ("SpaceX founder Elon
    // Musk"), not across another name or a verb ("Democratic nominee Joe Biden led President …").
    const std::size_t first_person = std::min(anchor, person->s);
    bool org_adjacent = org && org->e <= first_person && first_person - org->e <= 4;
    for (std::size_t y = org ? org->e : 0; org_adjacent && y < first_person; ++y)
      if (t_[y].type != Token::Type::word || t_[y].cap || verb_like(t_[y].lower)) org_adjacent = false;
    if (org && org->e <= person->s && !org_adjacent) rs = org->e;
    if (org_adjacent) {
      rs = org->e;
      std::string o = t_.span_text(org->s, org->e);
      if (ends_possessive(t_[org->e - 1].text)) o = strip_possessive(o);
      p.org = o;
    } else if (org && org->s >= person->e && org->s > 0) {
      std::size_t k = org->s - 1;
      if (t_[k].lower == "the" && k > 0) --k;
      const auto& w = t_[k].lower;
      if (k + 1 >= person->e && (w == "of" || w == "from" || w == "at" || w == "with" || w == "for"))
        p.org = t_.span_text(org->s, org->e);
    }
    // Role: the words right before the name, when the one next to it is a role noun
    // ("legal adviser Reed Rubinstein", "former federal prosecutor Elie Honig").
    std::vector<std::string> role;
    std::size_t x = anchor;
    bool adjacent_ok = false;
    if (name_s > person->s) {
      // "Current Prime Minister of India Narendra Modi", "First Minister of Scotland Nicola Sturgeon"
      for (std::size_t y = person->s; y < name_s; ++y) role.push_back(std::string(t_[y].text));
      while (!role.empty() && is_connector(utf8::to_lower(role.back()))) role.pop_back();
      x = person->s;
      adjacent_ok = true;
    }
    while (x > rs && anchor - x < 10 && (x == anchor || x == person->s || adjacent_ok)) {
      const Token& t = t_[x - 1];
      if (t.type != Token::Type::word) break;
      const auto& w = t.lower;
      if (w == "a" || w == "an" || w == "the" || w == "by" || w == "and" || w == "to" || w == "with" || w == "for" ||
          w == "that" || w == "as" || w == "from" || w == "of" || w == "into" || w == "on" || w == "at" || w == "over" ||
          w == "against" || w == "about" || w == "than" || w == "like" || w == "his" || w == "her" || w == "their" ||
          w == "its" || w == "where" || w == "when" || w == "while" || t_.is_cue(x - 1) || t_.wc(x - 1).aux ||
          lexicon::person_pronoun(w))
        break;
      if (x == anchor) adjacent_ok = role_noun(w);
      if (!adjacent_ok) break;
      // A role holds no verb and no other person's name: not "presidential nominee Joe Biden led
      // incumbent President" before "Donald Trump".
      if (!t.cap && verb_like(w) && !role_noun(w)) break;
      // "Joe Biden leading President Donald Trump": an -ing word after another name is its verb.
      if (!t.cap && w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0 && x >= 2 &&
          t_[x - 2].type == Token::Type::word && t_[x - 2].cap && !t_.wc(x - 2).title)
        break;
      if (t.cap && !t_.wc(x - 1).title && x >= 2 && t_[x - 2].type == Token::Type::word && t_[x - 2].cap &&
          t_.evidence(x - 2).given >= 2 && !t_.wc(x - 2).title)
        break;
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
      p.role = tidy_role(r, &p.org);
    }
    role_from = e;
  } else if (org) {
    std::size_t s = org->s;
    std::string o = t_.span_text(s, org->e);
    p.name = o;
    p.mention = t_.span_text(org->s, org->e);
    p.kind = SpeakerKind::organisation;
    p.name_token = s;
  } else {
    // "the archbishop", "the president": a person named earlier by this role.
    if (t_[a].lower == "the") {
      for (std::size_t x = a + 1; x < head_end && x < a + 4; ++x) {
        if (t_[x].type == Token::Type::word && t_.wc(x).title && !t_.wc(x).anon &&
            (x + 1 == head_end || t_[x + 1].type != Token::Type::word)) {
          p.kind = SpeakerKind::person;
          p.pronoun = true;
          p.mention = t_.span_text(a, x + 1);
          p.role = t_.span_text(a + 1, x + 1);
          p.name_token = a;
          return p;
        }
      }
    }
    // No capitals: "the ministry", "a senior official", "police", "witnesses".
    bool anon = false, orgw = false;
    std::size_t last = head_end;
    for (std::size_t x = a; x < head_end; ++x) {
      if (t_[x].type != Token::Type::word) continue;
      if (t_.wc(x).anon) { anon = true; last = x + 1; }
      else if (t_.wc(x).org) { orgw = true; last = x + 1; }
    }
    if (!anon && !orgw) {
      // Any other description: "many users", "one publication", "the writer", "a judge".
      if (!description(a, head_end)) return p;
      p.kind = SpeakerKind::anonymous;
      p.mention = p.name = t_.span_text(a, head_end);
      if (role_noun(t_[head_end - 1].lower)) p.role = std::string(t_[head_end - 1].text);
      p.name_token = a;
      return p;
    }
    std::size_t s = a;
    while (s < last && t_.is_cue(s)) ++s;
    p.mention = t_.span_text(s, last);
    if (anon && !(orgw && !t_.wc(last - 1).anon)) {
      p.kind = SpeakerKind::anonymous;
      p.name = p.mention;
      if (t_.wc(last - 1).title || role_noun(t_[last - 1].lower)) p.role = std::string(t_[last - 1].text);
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
  // "<name> of|from|at <Org>" directly after, or an appositive after the comma. A lone "Dr." gives
  // way to the role the appositive states ("Dr. Anthony Fauci, director of …").
  const bool lone_dr = p.role == "Dr." || p.role == "Dr";
  if (lone_dr && c < b && (t_[c].text == "," || t_[c].text == "(")) p.role.clear();
  if (c < b && t_[c].text == "," && p.kind != SpeakerKind::unknown) {
    std::size_t x = c + 1;
    std::size_t e = x;
    while (e < b && !(t_[e].type == Token::Type::punct && (t_[e].text == "," || t_[e].text == ";")) &&
           t_[e].type != Token::Type::quote)
      ++e;
    parse_appositive(x, e, p);
  } else if (c < b && t_[c].text == "(" && p.kind != SpeakerKind::unknown) {
    std::size_t x = c + 1, e = x;
    while (e < b && t_[e].text != ")") ++e;
    parse_appositive(x, e, p);
  }
  (void)role_from;
  if (lone_dr && p.role.empty()) p.role = "Dr.";
  p.role = tidy_role(p.role, p.kind == SpeakerKind::person ? &p.org : nullptr);
  if (p.role.size() > 0) {
    // Roles that are just articles or adverbs are noise.
    bool ok = false;
    for (char ch : p.role) if (std::isalpha(static_cast<unsigned char>(ch))) ok = true;
    if (!ok) p.role.clear();
  }
  return p;
}

}  // namespace whosaid
