#include "registry.h"

#include <algorithm>

#include "aliases.h"
#include "lexicon.h"
#include "places.h"
#include "utf8.h"

namespace whosaid {

EntityRegistry::EntityRegistry(const ArticleTokens& t, const MentionParser& parser) : t_(t), parser_(parser) {
  build();
  built_ = true;
  for (const auto& [tok, idx] : person_mentions_) ++entities_[idx].mentions;
  for (const auto& [tok, idx] : org_mentions_) ++entities_[idx].mentions;
  count_gender();
  // One word no name list holds, with no role and no "he" or "she" ever standing for it, is a body
  // ("GitHub said", "Slate wrote"): people come with a fuller name, a role or a pronoun.
  // ("hosting service GitHub": a role that names no person is no evidence of one)
  auto person_role = [](const std::string& role) {
    auto sp = role.rfind(' ');
    return !role.empty() && role_noun(utf8::to_lower(sp == std::string::npos ? role : role.substr(sp + 1)));
  };
  for (auto& e : entities_)
    if (e.kind == SpeakerKind::person && e.tokens.size() == 1 && !person_role(e.role) &&
        ((e.he + e.she == 0 && !name_evidence(e.tokens[0]).name_list()) ||
         e.it > e.he + e.she))  // "Ford … its", "Coles, in its media release"
      e.kind = SpeakerKind::organisation;
}

bool EntityRegistry::initials_match(std::size_t s, std::size_t e, std::string_view shortform) const {
  std::string caps, initials;
  for (char c : shortform) {
    if (std::isupper(static_cast<unsigned char>(c))) caps += c;
    else if (!std::isalpha(static_cast<unsigned char>(c))) return false;
  }
  for (std::size_t x = s; x < e; ++x)
    if (t_[x].cap && !t_[x].text.empty()) initials += t_[x].text[0];
  return caps.size() >= 2 && shortform.size() <= 8 && caps == initials;
}

std::string EntityRegistry::expand_org(const std::string& org) const {
  for (const auto& [ac, full] : acronyms_)
    if (ac == org || ("the " + ac) == org) return full;
  // An abbreviation the alias table knows, spelled out elsewhere in this article ("CIA").
  if (!org.empty() && org.size() <= 8) {
    std::string canon = canonical_org(org);
    if (canon != org && t_.text().find(canon) != std::string_view::npos) return canon;
  }
  return org;
}

const Entity* EntityRegistry::find(const std::string& name) const {
  // Candidates ask for the same few names again and again: the answers are kept (the registry
  // does not change once built).
  if (built_) {
    auto it = found_.find(name);
    if (it != found_.end()) return it->second;
    const Entity* e = find_uncached(name);
    found_.emplace(name, e);
    return e;
  }
  return find_uncached(name);
}

const Entity* EntityRegistry::find_uncached(const std::string& name) const {
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
std::size_t EntityRegistry::mentions_before(const Mentions& mentions, std::size_t token) {
  auto it = std::lower_bound(mentions.begin(), mentions.end(), token,
                             [](const std::pair<std::size_t, std::size_t>& m, std::size_t t) { return m.first < t; });
  return static_cast<std::size_t>(it - mentions.begin());
}

void EntityRegistry::index_entity(std::size_t idx) {
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

const Entity* EntityRegistry::last_org_before(std::size_t token) const {
  // The nearest earlier sentence naming an organisation; in it, the first one (usually the subject).
  std::size_t k = mentions_before(org_mentions_, token);
  if (k == 0) return nullptr;
  const int sent = t_[org_mentions_[k - 1].first].sentence;
  std::size_t first = k - 1;
  while (first > 0 && t_[org_mentions_[first - 1].first].sentence == sent) --first;
  return &entities_[org_mentions_[first].second];
}

void EntityRegistry::build() {
  const std::size_t n = t_.size();
  // Headlines and captions in title case ("Clinton Speaks Out On Race") make false names.
  std::vector<char> headline;
  {
    int para = -1;
    std::size_t words = 0, caps = 0, start = 0;
    auto close = [&](std::size_t end) {
      // a headline has no closing full stop
      std::size_t last = end;
      while (last > start && t_[last - 1].type == Token::Type::newline) --last;
      bool stop = last > start && (t_[last - 1].text == "." || t_[last - 1].type == Token::Type::quote);
      bool h = !stop && words >= 4 && caps * 10 >= words * 7;
      for (std::size_t x = start; x < end; ++x) headline[x] = h;
    };
    headline.assign(n, 0);
    for (std::size_t x = 0; x < n; ++x) {
      if (t_[x].paragraph != para) {
        if (para >= 0) close(x);
        para = t_[x].paragraph;
        words = caps = 0;
        start = x;
      }
      if (t_[x].type == Token::Type::word && !t_.wc(x).connector) {
        ++words;
        if (t_[x].cap) ++caps;
      }
    }
    if (para >= 0) close(n);
  }
  // A body named at token `at`: an organisation entity and its mention.
  auto add_body = [&](const std::string& name, std::size_t at) {
    Entity ent;
    ent.name = name;
    ent.kind = SpeakerKind::organisation;
    ent.first_token = at;
    entities_.push_back(ent);
    org_mentions_.emplace_back(at, entities_.size() - 1);
  };
  for (std::size_t i = 0; i < n;) {
    if (headline[i]) { ++i; continue; }
    if (!t_.starts_name(i) && !(t_[i].type == Token::Type::word && t_[i].cap && i > 0 && t_[i - 1].type == Token::Type::word &&
                             !t_.wc(i).not_name)) {
      ++i;
      continue;
    }
    std::size_t e = t_.name_run_end(i, n);
    if (e <= i) { ++i; continue; }
    // "((WN))": an interview's turn label in capitals is the interviewer, a label and no one the
    // text speaks of ("they" never stands for it).
    if (i >= 2 && t_[i - 1].text == "(" && t_[i - 2].text == "(" && e + 1 < n && t_[e].text == ")" &&
        t_[e + 1].text == ")" && e == i + 1 && t_[i].all_caps) {
      i = e;
      continue;
    }
    // Acronym definition: "International Federation for Human Rights (FIDH)"
    if (e + 2 < n && t_[e].text == "(" && t_[e + 2].text == ")" &&
        (acronym_like(t_[e + 1]) || initials_match(i, e, t_[e + 1].text))) {
      // The name may run back over "of the": "Catholic Bishops' Conference of the Philippines (CBCP)".
      std::size_t from = i;
      for (std::size_t s = i; s > 0 && i - s < 12;) {
        --s;
        if (t_[s].type != Token::Type::word || t_[s].sentence != t_[i].sentence) break;
        if (t_[s].cap && initials_match(s, e, t_[e + 1].text)) from = s;
        if (!t_[s].cap && !t_.wc(s).connector) break;
      }
      std::string full = t_.span_text(from, e);
      if (full.rfind("The ", 0) == 0) full = full.substr(4);
      acronyms_.emplace_back(std::string(t_[e + 1].text), full);
    }
    // A lone capitalised word that neither speaks, nor carries a title, nor names an organisation
    // is most often a place, a product or a sentence opener: not worth a full parse.
    if (e == i + 1 && !t_.wc(i).org && !acronym_like(t_[i]) && !(e < n && (t_.is_cue(e) || (t_.wc(e).aux && e + 1 < n && t_.is_cue(e + 1)))) &&
        !(i > 0 && (t_.wc(i - 1).title || t_[i - 1].lower == "the" || t_[i - 1].text == ",")) &&
        !(e < n && (t_[e].text == "," || t_[e].text == "("))) {
      const Entity* known = find(std::string(t_[i].text));
      if (known) person_mentions_.emplace_back(i, static_cast<std::size_t>(known - entities_.data()));
      i = e;
      continue;
    }
    // Parse this mention as a phrase with what follows (appositive), to learn roles.
    std::size_t b = e;
    std::size_t s_end = e;
    while (s_end < n && t_[s_end].sentence == t_[i].sentence && t_[s_end].type != Token::Type::quote &&
           s_end < e + 24) ++s_end;
    // Role words right before the run: "legal adviser Reed Rubinstein", "U.S. State Department legal adviser ..."
    std::size_t a = i;
    while (a > 0 && i - a < 8 && t_[a - 1].type == Token::Type::word && t_[a - 1].sentence == t_[i].sentence &&
           !t_.is_cue(a - 1) && t_[a - 1].lower != "according" && t_[a - 1].lower != "to" &&
           t_[a - 1].lower != "said" && t_[a - 1].lower != "and" && t_[a - 1].lower != "with" &&
           t_[a - 1].lower != "by" && t_[a - 1].lower != "that" && t_[a - 1].lower != "as")
      --a;
    // The mention itself (with the role words before it), then its appositive if one follows.
    std::size_t pe = e;
    if (e + 1 < n && (t_[e].lower == "of" || t_[e].lower == "from" || t_[e].lower == "at")) {
      std::size_t o = e + 1;
      if (t_[o].lower == "the" && o + 1 < n) ++o;
      if (t_[o].cap && t_[o].sentence == t_[i].sentence) pe = t_.name_run_end(o, n);
    }
    Mention p = parser_.parse_phrase(a, pe);
    // A description before the name: "The mayor of London, Sadiq Khan, said"
    if (p.kind == SpeakerKind::person && p.role.empty() && a == i && i > 1 && t_[i - 1].text == ",") {
      std::size_t ds = i - 1;
      while (ds > 0 && t_[ds - 1].type == Token::Type::word && t_[ds - 1].sentence == t_[i].sentence && i - ds < 12) --ds;
      if (ds < i - 1) {
        if (t_[ds].lower == "and" && ds + 1 < i - 1) ++ds;
        // "Daily Xtra's editorial director, Rachel Giese": a body's role, the body its possessor.
        std::size_t own = i - 1;
        for (std::size_t x = ds; x + 1 < i - 1; ++x)
          if (t_[x].cap && ends_possessive(t_[x].text)) own = x;
        if (own < i - 1) ds = own + 1;
        const auto& w0 = t_[ds].lower;
        bool described = w0 == "the" || w0 == "a" || w0 == "an" || w0 == "former" || w0 == "another" ||
                         w0 == "one" || w0 == "fellow" || role_noun(w0) || own < i - 1;
        bool has_role = false;  // "One activist, Nur Khan Liton": a word for a kind of person
        for (std::size_t x = ds; x < i - 1; ++x)
          if (role_noun(t_[x].lower) || (t_.wc(x).anon && !document_noun(t_[x].lower))) has_role = true;
        if (described && has_role) {
          parser_.parse_appositive(ds, i - 1, p);
          if (own < i - 1 && p.org.empty()) {
            std::size_t os = own;
            while (os > 0 && t_[os - 1].type == Token::Type::word && t_[os - 1].cap && own - os < 6) --os;
            p.org = strip_possessive(t_.span_text(os, own + 1));
          }
        }
      }
    }
    if (e < s_end && (t_[e].text == "," || t_[e].text == "(") && p.kind == SpeakerKind::person && p.name_token >= i) {
      std::size_t x = e + 1, y = x;
      while (y < s_end && !(t_[y].type == Token::Type::punct && (t_[y].text == "," || t_[y].text == ";" || t_[y].text == ")")))
        ++y;
      parser_.parse_appositive(x, y, p);
    }
    // "Mike Pompeo, who is the secretary of state": a relative clause that states the role.
    if (p.kind == SpeakerKind::person && p.role.empty() && p.name_token >= i) {
      std::size_t w = e < s_end && t_[e].text == "," ? e + 1 : e;
      if (w + 2 < s_end && t_[w].lower == "who" && (t_[w + 1].lower == "is" || t_[w + 1].lower == "was")) {
        std::size_t x = w + 2, y = x;
        while (y < s_end && !(t_[y].type == Token::Type::punct && (t_[y].text == "," || t_[y].text == ";" || t_[y].text == "." || t_[y].text == ")")))
          ++y;
        if (x < y && (is_determiner(t_[x].lower) || t_[x].lower == "now" || t_[x].lower == "also")) {
          bool role_there = false;
          for (std::size_t z = x; z < y; ++z) if (role_noun(t_[z].lower)) role_there = true;
          if (role_there) parser_.parse_appositive(x, y, p);
        }
      }
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
      const Entity* found = find(p.name);
      // A lone capitalised word is a person only when it speaks or carries a title; otherwise it
      // is as likely a species, a product or a place ("Caudipteryx", "Bidens").
      bool speaks = e < n && (t_.is_cue(e) || (e + 1 < n && t_.wc(e).aux && t_.is_cue(e + 1)));
      bool lone_ok = words.size() > 1 || speaks || !p.role.empty() || found;
      // One word no name list holds, a place or an acronym that speaks is a body ("GitHub said",
      // "Egypt said", "RIAA's notice"): a person comes with a fuller name first.
      if (lone_ok && words.size() == 1 && !found && p.role.empty() &&
          (!name_evidence(words[0]).name_list() || is_place_name(words[0]) || acronym_like(t_[p.name_token]))) {
        add_body(p.name, i);
        i = e;
        continue;
      }
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
      add_body(p.name, i);
    }
    i = e;
  }
  // Pronoun mentions count as mentions of the last person (keeps "he" chains on the same person).
}

const Entity* EntityRegistry::pronoun_antecedent(std::size_t token) const {
  // The nearest earlier sentence that names a person; in it, the person who speaks there
  // (the subject of a speech verb), else the first one named (usually the subject).
  const int para = t_[token].paragraph;
  std::size_t k = mentions_before(person_mentions_, token);
  if (k == 0) return nullptr;
  const int sent = t_[person_mentions_[k - 1].first].sentence;
  if (para - t_[person_mentions_[k - 1].first].paragraph > 2) return nullptr;
  std::size_t first = k - 1;
  while (first > 0 && t_[person_mentions_[first - 1].first].sentence == sent) --first;
  for (std::size_t m = k; m-- > first;) {
    std::size_t t = person_mentions_[m].first;
    std::size_t e = t;
    while (e < t_.size() && t_[e].type == Token::Type::word && t_[e].cap) ++e;
    if (e < t_.size() && (t_.is_cue(e) || (e + 1 < t_.size() && t_.wc(e).aux && t_.is_cue(e + 1))))
      return &entities_[person_mentions_[m].second];
  }
  return &entities_[person_mentions_[first].second];
}


const Entity* EntityRegistry::by_role(const std::string& want, std::size_t token) const {
  // "Gov. Mike Pence" is "the governor"
  auto spelled = [](std::string r) {
    static const std::vector<std::pair<std::string_view, std::string_view>> abbrev = {
        {"gov.", "governor"}, {"sen.", "senator"}, {"rep.", "representative"}, {"gen.", "general"},
        {"lt.", "lieutenant"}, {"col.", "colonel"}, {"capt.", "captain"}, {"sgt.", "sergeant"},
        {"prof.", "professor"}, {"dr.", "doctor"}, {"rev.", "reverend"}, {"supt.", "superintendent"}};
    for (const auto& [ab, full] : abbrev)
      for (auto at = r.find(ab); at != std::string::npos; at = r.find(ab, at + full.size())) r.replace(at, ab.size(), full);
    return r;
  };
  for (std::size_t k = mentions_before(person_mentions_, token), seen = 0; k-- > 0 && seen < kLookBack; ++seen) {
    const Entity& e = entities_[person_mentions_[k].second];
    std::string r = spelled(utf8::to_lower(e.role));
    if (!r.empty() && r.find(want) != std::string::npos) return &e;
  }
  return nullptr;
}

const Entity* EntityRegistry::org_with_word(const std::string& head, std::size_t token, bool suffix_only) const {
  for (std::size_t k = mentions_before(org_mentions_, token), seen = 0; k-- > 0 && seen < kLookBack; ++seen) {
    const Entity& e = entities_[org_mentions_[k].second];
    std::string n = utf8::to_lower(e.name);
    if (suffix_only ? (n.size() > head.size() && n.compare(n.size() - head.size(), head.size(), head) == 0)
                    : n.find(head) != std::string::npos)
      return &e;
  }
  return nullptr;
}

// A person's gender, as the article shows it: "Mr"/"Ms" before the name, and the pronouns that
// follow a sentence naming this person and no other ("Evenson said ... She added"). Pronoun
// resolution reads it; the name lists carry no sex.
void EntityRegistry::count_gender() {
  const std::size_t n = t_.size();
  for (std::size_t k = 0; k < person_mentions_.size(); ++k) {
    auto [tok, idx] = person_mentions_[k];
    Entity& e = entities_[idx];
    if (tok > 0) {
      const auto& w = t_[tok - 1].lower;
      if (w == "mr." || w == "mr" || w == "sir" || w == "mister") e.he += 2;
      if (w == "ms." || w == "ms" || w == "mrs." || w == "mrs" || w == "miss" || w == "dame" || w == "madam") e.she += 2;
    }
    const int sent = t_[tok].sentence;
    bool alone = (k == 0 || t_[person_mentions_[k - 1].first].sentence != sent || person_mentions_[k - 1].second == idx) &&
                 (k + 1 == person_mentions_.size() || t_[person_mentions_[k + 1].first].sentence != sent ||
                  person_mentions_[k + 1].second == idx);
    if (!alone) continue;
    std::size_t stop = k + 1 < person_mentions_.size() ? person_mentions_[k + 1].first : n;
    for (std::size_t x = tok + 1; x < n && x < stop && t_[x].sentence <= sent + 1 && x < tok + 80; ++x) {
      if (t_[x].type != Token::Type::word) continue;
      const auto& w = t_[x].lower;
      if (w == "he" || w == "his" || w == "him" || w == "himself") { ++e.he; break; }
      if (w == "she" || w == "her" || w == "hers" || w == "herself") { ++e.she; break; }
      if (w == "it" || w == "its" || w == "itself") { ++e.it; break; }
    }
  }
}

}  // namespace whosaid
