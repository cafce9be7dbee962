#include "candidates.h"

#include <algorithm>

#include "candidate_features.h"
#include "lexicon.h"
#include "names.h"
#include "places.h"
#include "utf8.h"

namespace whosaid {

const char* resolution_name(Resolution r) {
  switch (r) {
    case Resolution::entity: return "entity";
    case Resolution::name: return "name";
    case Resolution::antecedent: return "antecedent";
    case Resolution::role: return "role";
    case Resolution::body: return "body";
    case Resolution::described: return "described";
    case Resolution::previous: return "previous";
    case Resolution::turn: return "turn";
  }
  return "?";
}

namespace {

// One word that no name list holds ("GitHub", "Vizmedia").
bool one_unknown_word(const std::string& name) {
  if (name.find(' ') != std::string::npos) return false;
  const NameEvidence ev = name_evidence(name);
  return !ev.name_list();
}

// "Coles, in its March 8 media release, reported": "its" before any "he" or "she" in the clause
// after a one-word name makes it a body.
bool its_follows(const ArticleTokens& t, std::size_t from) {
  for (std::size_t x = from; x < t.size() && x < from + 6; ++x) {
    if (t[x].type == Token::Type::quote || t[x].text == "." || t[x].text == ";") return false;
    if (t[x].type != Token::Type::word) continue;
    const auto& w = t[x].lower;
    if (w == "its" || w == "itself") return true;
    if (w == "he" || w == "his" || w == "she" || w == "her" || w == "him") return false;
  }
  return false;
}

bool all_capitals(const std::string& name) {
  bool letter = false;
  for (char ch : name) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::islower(c)) return false;
    letter = letter || std::isupper(c);
  }
  return letter && name.size() >= 2 && name.size() <= 8;
}

bool window_pronoun(const std::string& w) {
  return w == "he" || w == "she" || w == "they" || w == "i" || w == "we";
}

// "((Zara Kay))", "((WN))", "Q:", "Jane Doe:" opening a paragraph: who speaks in it.
std::string turn_label(const ArticleTokens& t, std::size_t s, std::size_t e) {
  std::size_t x = s;
  if (x + 2 < e && t[x].text == "(" && t[x + 1].text == "(") {
    std::size_t n = x + 2;
    while (n < e && t[n].type == Token::Type::word && n < x + 7) ++n;
    if (n + 1 < e && n > x + 2 && t[n].text == ")" && t[n + 1].text == ")") return t.span_text(x + 2, n);
    return {};
  }
  std::size_t n = x;
  while (n < e && t[n].type == Token::Type::word && t[n].cap && n < x + 4) ++n;
  if (n > x && n < e && t[n].text == ":" && n + 1 < e && t[n + 1].type != Token::Type::quote) return t.span_text(x, n);
  return {};
}

}  // namespace

CandidateFinder::CandidateFinder(const ArticleTokens& t, const MentionParser& parser, const EntityRegistry& registry,
                                 const CueProposer& cues, bool keep_feature_names)
    : t_(t), parser_(parser), registry_(registry), cues_(cues), keep_names_(keep_feature_names) {
  const std::size_t n = t_.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (t_[i].type != Token::Type::word || t_.furniture(i)) continue;
    const WordClass& c = t_.wc(i);
    if (c.person_pronoun || c.org_pronoun) {
      if (window_pronoun(t_[i].lower)) pronouns_.push_back(i);
      continue;
    }
    // "the ministry", "a senior official", "the father", "one of the victims": a lower-case head
    // after a determiner within three words.
    if (t_[i].cap || !(c.anon || c.org || c.title)) continue;
    for (std::size_t d = i; d-- > 0 && i - d <= 3;) {
      if (t_[d].type != Token::Type::word || t_.is_cue(d)) break;
      if (is_determiner(t_[d].lower) || possessive_determiner(t_[d].lower)) {
        nominals_.push_back(i);
        break;
      }
    }
  }
  // Interview turns: a label opening a paragraph holds until the next label.
  int paragraphs = n ? t_[n - 1].paragraph + 1 : 0;
  turn_by_paragraph_.assign(static_cast<std::size_t>(paragraphs), std::string());
  std::string current;
  for (std::size_t i = 0; i < n;) {
    std::size_t e = i;
    while (e < n && t_[e].type != Token::Type::newline) ++e;
    if (e > i) {
      std::string label = turn_label(t_, i, e);
      if (!label.empty()) current = label;
      turn_by_paragraph_[static_cast<std::size_t>(t_[i].paragraph)] = current;
    }
    i = e + 1;
  }
  // Labels used only once are not an interview: "Update: ..." or "Jane Doe: a profile".
  std::size_t labelled = 0;
  for (const auto& s : turn_by_paragraph_) labelled += !s.empty();
  if (labelled < 3) std::fill(turn_by_paragraph_.begin(), turn_by_paragraph_.end(), std::string());
}

CandidateList CandidateFinder::find(std::size_t q, const PreviousSpeaker* previous) const {
  CandidateList list;
  std::vector<Candidate> mentions;
  from_cues(q, mentions);
  for (const auto& c : mentions) {
    list.cue = true;
    list.cue_word = list.cue_word || !c.cue.empty();
  }
  from_window(q, mentions);
  list.candidates = resolve(q, std::move(mentions), previous);
  CandidateFeatures features(t_, parser_, registry_, q, previous);
  for (auto& c : list.candidates) {
    c.features = FeatureSet(keep_names_);
    c.ante = FeatureSet(keep_names_);
    features.write(c, list.candidates);
  }
  return list;
}

void CandidateFinder::from_cues(std::size_t q, std::vector<Candidate>& out) const {
  std::vector<Proposal> ps = cues_.propose(q);
  for (std::size_t k = 0; k < ps.size(); ++k) {
    const Proposal& p = ps[k];
    Candidate* same = nullptr;
    for (auto& c : out)
      if (c.mention.name_token == p.mention.name_token && c.mention.pronoun == p.mention.pronoun &&
          c.mention.kind == p.mention.kind)
        same = &c;
    if (!same) {
      Candidate c;
      c.mention = p.mention;
      c.cue = p.cue;
      c.cue_token = p.cue_token;
      c.start = c.end = p.mention.name_token;
      out.push_back(std::move(c));
      same = &out.back();
    }
    same->patterns |= 1u << static_cast<unsigned>(p.pattern);
    if (k == 0) same->first_pattern = static_cast<int>(p.pattern);
  }
}

void CandidateFinder::add_mention(std::vector<Candidate>& out, const Mention& m, std::size_t start, std::size_t end) const {
  for (auto& c : out)
    if (c.mention.name_token >= start && c.mention.name_token < end) {
      c.window = true;
      c.start = start;
      c.end = end;
      return;
    }
  Candidate c;
  c.mention = m;
  c.window = true;
  c.start = start;
  c.end = end;
  c.cue_token = start;
  out.push_back(std::move(c));
}

// Every mention from the sentence before the quotation's to the sentence after it (the one
// before may end the previous paragraph; the one after must share the quotation's).
void CandidateFinder::from_window(std::size_t q, std::vector<Candidate>& out) const {
  std::size_t ws = t_.sentence_start(q);
  {
    std::size_t k = ws;
    while (k > 0 && t_[k - 1].type == Token::Type::newline) --k;
    if (k > 0 && t_[k - 1].paragraph + 1 >= t_[q].paragraph) ws = t_.sentence_start(k - 1);
  }
  std::size_t we = t_.sentence_end(q);
  if (we < t_.size() && t_[we].type != Token::Type::newline && t_[we].paragraph == t_[q].paragraph)
    we = t_.sentence_end(we);
  auto in_range = [&](const EntityRegistry::Mentions& ms, auto&& f) {
    for (std::size_t k = EntityRegistry::mentions_before(ms, ws); k < ms.size() && ms[k].first < we; ++k) f(ms[k]);
  };
  // A name after the quotation, beyond a clause boundary and after a verb or preposition that is no
  // cue, is what that clause is about, not who spoke: "… "plainly and wrongly" suggests that the
  // town and its staff back Mr. Kemp."
  auto object_beyond_clause = [&](std::size_t m) {
    if (m < q || t_[m].sentence != t_[q].sentence) return false;
    bool clause = false;
    for (std::size_t x = q + 1; x < m && !clause; ++x) {
      const auto& w = t_[x].lower;
      clause = t_[x].type == Token::Type::word && (w == "that" || w == "which" || w == "because" || w == "whether");
    }
    std::size_t b = m;
    while (b > q + 1 && t_[b - 1].type == Token::Type::word && t_.wc(b - 1).title) --b;
    if (b > q + 1 && (t_[b - 1].lower == "mr." || t_[b - 1].lower == "ms." || t_[b - 1].lower == "mrs.")) --b;
    return clause && b > q + 1 && t_[b - 1].type == Token::Type::word && !t_[b - 1].cap && !t_.is_cue(b - 1);
  };
  auto named = [&](const std::pair<std::size_t, std::size_t>& m) {
    if (t_.furniture(m.first) || object_beyond_clause(m.first)) return;
    const Entity& e = registry_.at(m.second);
    std::size_t end = t_.name_run_end(m.first, t_.size());
    if (end <= m.first) end = m.first + 1;
    Mention mm;
    mm.mention = t_.span_text(m.first, end);
    mm.name = e.name;
    mm.kind = e.kind;
    mm.name_token = m.first;
    add_mention(out, mm, m.first, end);
  };
  in_range(registry_.person_mentions(), named);
  in_range(registry_.org_mentions(), named);
  for (auto it = std::lower_bound(pronouns_.begin(), pronouns_.end(), ws); it != pronouns_.end() && *it < we; ++it) {
    Mention mm;
    mm.pronoun = true;
    mm.mention = std::string(t_[*it].text);
    mm.kind = t_.wc(*it).person_pronoun ? SpeakerKind::person : SpeakerKind::organisation;
    mm.name_token = *it;
    add_mention(out, mm, *it, *it + 1);
  }
  for (auto it = std::lower_bound(nominals_.begin(), nominals_.end(), ws); it != nominals_.end() && *it < we; ++it) {
    std::size_t d = *it;
    while (d > ws && t_[d - 1].type == Token::Type::word && *it - d < 3 && !t_.is_cue(d - 1)) --d;
    while (d < *it && !(is_determiner(t_[d].lower) || possessive_determiner(t_[d].lower))) ++d;
    // "one of the victims"
    if (d >= ws + 2 && t_[d - 1].lower == "of" && (t_[d - 2].lower == "one" || t_[d - 2].lower == "some")) d -= 2;
    Mention mm = parser_.parse_phrase(d, *it + 1);
    if (!mm.usable()) continue;
    if (d + 2 <= *it && t_[d + 1].lower == "of") {  // "one of the victims" as written
      mm.kind = SpeakerKind::anonymous;
      mm.mention = mm.name = t_.span_text(d, *it + 1);
    }
    add_mention(out, mm, d, *it + 1);
  }
}

void CandidateFinder::resolve_named(Candidate& c, std::size_t q) const {
  const Mention& m = c.mention;
  c.kind = m.kind;
  c.speaker = m.name;
  std::string lower = utf8::to_lower(m.mention);
  if (m.pronoun && m.name.empty()) {  // "the archbishop": the latest person with that role
    std::string want = lower.substr(lower.rfind(' ') + 1);
    if (const Entity* e = registry_.by_role(want, q)) {
      c.how = Resolution::role;
      c.entity = e;
      c.speaker = e->name;
      c.kind = SpeakerKind::person;
    } else {
      c.how = Resolution::described;
      c.speaker = m.mention;
      c.kind = SpeakerKind::anonymous;
    }
    return;
  }
  if (m.kind == SpeakerKind::person) {
    if (const Entity* e = registry_.find(m.name)) {
      c.how = Resolution::entity;
      c.entity = e;
      c.speaker = e->name;
      c.kind = e->kind;  // the registry may know it for a body
    } else {
      c.how = Resolution::name;
      // A person the article never names in full is seldom called by one word: a single word no
      // name list knows ("GitHub", "Slate"), an acronym ("RIAA") or a place ("Egypt") speaking is
      // a body. A name must open with a capital ("for Biden" is none).
      if (!m.name.empty() && !std::isupper(static_cast<unsigned char>(m.name[0])) &&
          static_cast<unsigned char>(m.name[0]) < 0x80)
        c.kind = SpeakerKind::anonymous;
      else if (is_place_name(m.name) || one_unknown_word(m.name) || all_capitals(m.name) ||
               (m.name.find(' ') == std::string::npos && its_follows(t_, m.name_token + 1)))
        c.kind = SpeakerKind::organisation;
    }
    return;
  }
  if (m.kind == SpeakerKind::organisation) {
    c.speaker = registry_.expand_org(m.name);
    c.how = Resolution::name;
    // "the ministry" -> the article's "Ministry of Health"
    if (!c.speaker.empty() && !std::isupper(static_cast<unsigned char>(c.speaker[0]))) {
      std::string head = utf8::to_lower(c.speaker);
      if (auto sp = head.rfind(' '); sp != std::string::npos) head = head.substr(sp + 1);
      if (const Entity* e = registry_.org_with_word(head, q, false)) {
        c.speaker = e->name;
        c.entity = e;
        c.how = Resolution::body;
      } else {
        c.how = Resolution::described;
      }
    }
    return;
  }
  c.how = Resolution::described;
  // "the police", "the government", "the company": a body the article named in full before
  // (not "a police officer", "an official": people of it, unnamed)
  if (lower.rfind("the ", 0) == 0 && lower.find(' ', 4) == std::string::npos) {
    const std::string head = lower.substr(4);
    if (lexicon::org_head(head) && !lexicon::title_word(head))
      if (const Entity* e = registry_.org_with_word(head, q, false)) {
        c.speaker = e->name;
        c.entity = e;
        c.kind = SpeakerKind::organisation;
        c.how = Resolution::body;
      }
  }
}

// A pronoun stands for one of the people (or bodies) named before it: one candidate per person
// named in the last few paragraphs, nearest first, and the previous quotation's speaker.
void CandidateFinder::pronoun_options(const Candidate& c, std::size_t q, const PreviousSpeaker* previous,
                                      std::vector<Candidate>& out) const {
  const std::size_t from = c.mention.name_token ? c.mention.name_token : q;
  const std::string lower = utf8::to_lower(c.mention.mention);
  const bool person = c.mention.kind == SpeakerKind::person;
  const Entity* old = person ? registry_.pronoun_antecedent(from) : registry_.last_org_before(from);
  if (person && previous && previous->kind == SpeakerKind::person && previous->entity &&
      (!old || old == previous->entity))
    old = previous->entity;
  const auto& ms = person ? registry_.person_mentions() : registry_.org_mentions();
  std::vector<const Entity*> seen;
  constexpr int kOptions = 4;
  for (std::size_t k = EntityRegistry::mentions_before(ms, from); k-- > 0 && seen.size() < kOptions;) {
    const std::size_t tok = ms[k].first;
    if (t_[from].paragraph - t_[tok].paragraph > 3) break;
    const Entity* e = &registry_.at(ms[k].second);
    if (std::find(seen.begin(), seen.end(), e) != seen.end()) continue;
    Candidate o = c;
    o.how = Resolution::antecedent;
    o.entity = e;
    o.speaker = e->name;
    o.kind = e->kind;
    o.antecedent_token = tok;
    o.antecedent_rank = static_cast<int>(seen.size());
    o.old_choice = e == old;
    seen.push_back(e);
    out.push_back(std::move(o));
  }
  // "I" and "we" in an interview's answer: whoever is answering.
  if ((lower == "i" || lower == "we") && t_[from].paragraph >= 0 &&
      static_cast<std::size_t>(t_[from].paragraph) < turn_by_paragraph_.size()) {
    const std::string& turn = turn_by_paragraph_[static_cast<std::size_t>(t_[from].paragraph)];
    if (!turn.empty()) {
      Candidate o = c;
      o.how = Resolution::turn;
      o.entity = registry_.find(turn);
      o.speaker = o.entity ? o.entity->name : turn;
      o.kind = all_capitals(turn) ? SpeakerKind::organisation : SpeakerKind::person;
      out.push_back(std::move(o));
    }
  }
  if (previous && !previous->speaker.empty() && (previous->kind == SpeakerKind::person) == person &&
      (!previous->entity || std::find(seen.begin(), seen.end(), previous->entity) == seen.end())) {
    Candidate o = c;
    o.how = Resolution::antecedent;
    o.entity = previous->entity;
    o.speaker = previous->speaker;
    o.kind = previous->kind;
    o.antecedent_token = previous->quote_token;
    o.antecedent_rank = kOptions;
    o.old_choice = !old && person;
    out.push_back(std::move(o));
  }
}

const std::string* CandidateFinder::turn_speaker(std::size_t q) const {
  auto p = static_cast<std::size_t>(t_[q].paragraph);
  if (p >= turn_by_paragraph_.size() || turn_by_paragraph_[p].empty()) return nullptr;
  return &turn_by_paragraph_[p];
}

std::vector<Candidate> CandidateFinder::resolve(std::size_t q, std::vector<Candidate> mentions,
                                                const PreviousSpeaker* previous) const {
  std::vector<Candidate> out;
  out.reserve(mentions.size() + 6);
  int id = 0;
  for (auto& c : mentions) {
    c.mention_id = id++;
    if (c.mention.pronoun && !c.mention.mention.empty() &&
        (lexicon::person_pronoun(utf8::to_lower(c.mention.mention)) || lexicon::org_pronoun(utf8::to_lower(c.mention.mention)))) {
      const std::size_t before = out.size();
      pronoun_options(c, q, previous, out);
      // A pronoun the article gives no one for ("he conceded", alone) still names the speaker
      // here: kept when a cue points at it, with the speaker unknown.
      if (out.size() == before && c.patterns) {
        c.how = Resolution::antecedent;
        c.kind = c.mention.kind;
        out.push_back(std::move(c));
      }
      continue;
    }
    resolve_named(c, q);
    if (!c.speaker.empty()) out.push_back(std::move(c));
  }
  if (previous && !previous->speaker.empty()) {
    Candidate c;
    c.mention_id = id++;
    c.how = Resolution::previous;
    c.speaker = previous->speaker;
    c.kind = previous->kind;
    c.entity = previous->entity;
    c.mention.mention = previous->mention;
    c.mention.name = previous->speaker;
    c.mention.kind = previous->kind;
    c.mention.role = previous->role;
    c.mention.org = previous->affiliation;
    c.mention.former = previous->former;
    c.antecedent_token = previous->quote_token;
    c.start = c.end = c.cue_token = q;
    out.push_back(std::move(c));
  }
  if (const std::string* turn = turn_speaker(q)) {
    Candidate c;
    c.mention_id = id++;
    c.how = Resolution::turn;
    c.entity = registry_.find(*turn);
    c.speaker = c.entity ? c.entity->name : *turn;
    c.kind = all_capitals(*turn) ? SpeakerKind::organisation : SpeakerKind::person;  // "((WN))": a body
    c.mention.mention = *turn;
    c.mention.name = c.speaker;
    c.mention.kind = SpeakerKind::person;
    c.start = c.end = c.cue_token = q;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace whosaid
