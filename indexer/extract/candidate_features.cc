#include "candidate_features.h"

#include <algorithm>
#include <charconv>

#include "lexicon.h"
#include "mention.h"
#include "utf8.h"

namespace whosaid {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool time_word(std::string_view w) {
  static const char* const words[] = {"yesterday", "today", "tonight", "earlier", "later", "also", "then", "again",
                                      "previously", "recently", "once", "monday", "tuesday", "wednesday", "thursday",
                                      "friday", "saturday", "sunday", "last", "this", "week", "month", "year"};
  return std::find(std::begin(words), std::end(words), w) != std::end(words);
}

const char* sign(long v) { return v < 0 ? "before" : v > 0 ? "after" : "same"; }

}  // namespace

const char* CandidateFeatures::verb_class(std::string_view w) {
  if (w == "said" || w == "says" || w == "say" || w == "saying") return "say";
  if (w == "told" || w == "tells" || w == "tell" || w == "telling") return "tell";
  if (w == "wrote" || w == "writes" || w == "write" || w == "writing" || w == "tweeted" || w == "tweets" ||
      w == "tweet" || w == "tweeting" || w == "posted" || w == "posts" || w == "blogged" || w == "emailed" ||
      w == "texted" || w == "captioned" || w == "reads" || w == "read")
    return "write";
  if (w == "added" || w == "adds" || w == "adding" || w == "add" || w == "continued" || w == "continues")
    return "add";
  if (w == "asked" || w == "asks" || w == "asking" || w == "replied" || w == "responded" || w == "answered")
    return "ask";
  if (w == "called" || w == "calls" || w == "calling" || w == "described" || w == "describing" || w == "labelled" ||
      w == "labeled" || w == "branded" || w == "dubbed" || w == "termed")
    return "call";
  if (w == "according") return "according";
  if (w == "reported" || w == "reports" || w == "reporting") return "report";
  return "other";
}

CandidateFeatures::CandidateFeatures(const ArticleTokens& t, const MentionParser& parser,
                                     const EntityRegistry& registry, std::size_t q, const PreviousSpeaker* previous)
    : t_(t), registry_(registry), q_(q), previous_(previous) {
  const std::size_t ss = t_.sentence_start(q);
  std::size_t end = ss;  // up to the sentence's first verb of speech, or the quotation
  while (end < q && !(t_[end].type == Token::Type::word && t_.is_cue(end))) ++end;
  if (end > ss) {
    Mention lead = parser.leading_subject(ss, end);
    if (lead.usable() && !lead.pronoun) {
      lead_token_ = lead.name_token;
      if (lead.kind == SpeakerKind::person) lead_entity_ = registry_.find(lead.name);
    }
  }
  para_only_ = t_.paragraph_only_quotes(q);
  opens_para_ = q == 0 || t_[q - 1].type == Token::Type::newline;
  embedded_ = q > 0 && t_[q - 1].type == Token::Type::word && t_[q - 1].sentence == t_[q].sentence;
  sentence_cue_ = t_.sentence_has_cue(q);
}

std::size_t CandidateFeatures::name_end(std::size_t s) const {
  if (s >= t_.size()) return s;
  if (t_[s].type == Token::Type::word && t_[s].cap) {
    std::size_t e = t_.name_run_end(s, t_.size());
    return e > s ? e : s + 1;
  }
  return s + 1;
}

const char* CandidateFeatures::source(const Candidate& c) const {
  if (c.first_pattern >= 0) return pattern_name(static_cast<Pattern>(c.first_pattern));
  if (c.patterns) return "pattern";
  if (c.how == Resolution::previous) return "previous";
  if (c.how == Resolution::turn) return "turn";
  return "window";
}

const char* CandidateFeatures::mention_type(const Candidate& c) const {
  switch (c.how) {
    case Resolution::previous: return "previous";
    case Resolution::turn: if (c.mention.pronoun) break; return "turn";
    case Resolution::role: return "role";
    case Resolution::body: return "body";
    case Resolution::described: return c.kind == SpeakerKind::organisation ? "org_described" : "described";
    case Resolution::antecedent: break;
    case Resolution::entity:
    case Resolution::name:
      return c.kind == SpeakerKind::organisation ? "org" : c.kind == SpeakerKind::anonymous ? "described" : "person";
  }
  for (const char* p : {"he", "she", "i", "we", "they", "it"})
    if (iequals(c.mention.mention, p)) return p;
  return "pronoun";
}

void CandidateFeatures::write(Candidate& c, const std::vector<Candidate>& all) const {
  FeatureSet& f = c.features;
  // A pronoun's options share their mention's features; what differs between them (who it stands
  // for) goes to the resolution's own features, `a.` names learnt apart (speaker_model.h).
  // (A pronoun the article names no one for has no options to weigh: its mention alone decides.)
  const bool option = c.mention.pronoun && !c.speaker.empty() &&
                      (c.how == Resolution::antecedent || c.how == Resolution::turn);
  FeatureSet& r = option ? c.ante : c.features;
  const char* src = source(c);
  const char* type = mention_type(c);
  f.add("bias", "1");
  f.add("source", src);
  f.add("mention", type);
  f.add_pair("source", src, "mention", type);
  int n = 0;
  for (unsigned p = 0; p < static_cast<unsigned>(Pattern::count); ++p)
    if (c.patterns & (1u << p)) {
      ++n;
      f.add("pattern", pattern_name(static_cast<Pattern>(p)));
    }
  f.add("npatterns", std::min(n, 3));
  // The cue the patterns found: its verb, a participle ("…, calling him "…""), how far it stands
  // from the quotation and from the mention.
  if (c.patterns && c.cue_token < t_.size()) {
    const Token& cue = t_[c.cue_token];
    const char* cls = cue.type == Token::Type::word ? verb_class(cue.lower) : "punct";
    f.add("cue", cls);
    if (cue.type == Token::Type::word && participle(cue)) f.add_pair("cue_participle", "1", "source", src);
    long to_quote = static_cast<long>(q_) - static_cast<long>(c.cue_token);
    f.add("cue_to_quote", bucket(to_quote, 2, 16));
    long to_mention = static_cast<long>(c.cue_token) - static_cast<long>(c.mention.name_token);
    f.add_pair("cue", cls, "to_mention", std::to_string(bucket(to_mention, 2, 16)));
  }
  if (c.window) f.add("window", "1");
  if (c.window && !c.patterns) f.add_pair("window_only", "1", "mention", type);
  // The quotation's shape, by where the candidate came from.
  f.add_pair("source", src, "para_only", para_only_ ? "1" : "0");
  f.add_pair("source", src, "opens_para", opens_para_ ? "1" : "0");
  f.add_pair("source", src, "embedded", embedded_ ? "1" : "0");
  f.add_pair("source", src, "sentence_cue", sentence_cue_ ? "1" : "0");
  if (c.how == Resolution::previous) {
    previous(c, f);
  } else if (c.how != Resolution::turn || c.mention.pronoun) {
    position(c, f);
    syntax(c, f);
  }
  evidence(c, f);
  if (option) {
    r.add("a.bias", "1");
    pronoun(c, r);
  }
  r.add(option ? Family("a.how") : Family("how"), resolution_name(c.how));
  r.add(option ? Family("a.kind") : Family("kind"), to_string(c.kind));
  // How often the article names the person counts only among a pronoun's options: for mentions
  // it made the article's most named person win quotations the words give to someone else.
  if (c.entity && option) {
    r.add("a.entity_mentions", bucket(c.entity->mentions, 2, 8));
    if (!c.entity->role.empty()) r.add("a.entity_role", "1");
  }
  bool is_prev = previous_ && !previous_->speaker.empty() &&
                 (c.entity ? c.entity == previous_->entity : c.speaker == previous_->speaker);
  if (is_prev && c.how != Resolution::previous) r.add_pair(option ? Family("a.is_previous") : Family("is_previous"), "1", "source", src);
  // Agreement between proposers: another mention a cue pattern points at names the same speaker.
  bool agree = false;
  for (const auto& o : all)
    if (o.mention_id != c.mention_id && o.patterns && !o.speaker.empty() &&
        ((c.entity && o.entity == c.entity) || (!c.entity && o.speaker == c.speaker)))
      agree = true;
  if (agree) r.add(option ? Family("a.agree_pattern") : Family("agree_pattern"), "1");
  // A cue of the quotation's own points at someone else: the previous speaker, a pronoun's
  // person or a name nearby must outweigh it.
  bool rival = false;
  for (const auto& o : all)
    if (o.mention_id != c.mention_id && !o.cue.empty() && !o.speaker.empty() &&
        !((c.entity && o.entity == c.entity) || (!c.entity && o.speaker == c.speaker)))
      rival = true;
  if (rival) f.add_pair("rival_cue", "1", "source", src);
}

void CandidateFeatures::position(const Candidate& c, FeatureSet& f) const {
  const std::size_t m = c.mention.name_token;
  if (m >= t_.size()) return;
  const long sent = t_[m].sentence - t_[q_].sentence;
  const long para = t_[m].paragraph - t_[q_].paragraph;
  const long dist = static_cast<long>(m) - static_cast<long>(q_);
  f.add("side", sign(dist));
  f.add("sent", bucket(sent, 1, 4));
  f.add("para", bucket(para, 1, 2));
  f.add_pair("side", sign(dist), "dist", std::to_string(bucket(dist < 0 ? -dist : dist, 2, 32)));
  char sb[8];
  auto [se, sec] = std::to_chars(sb, sb + sizeof sb, bucket(sent, 1, 2));
  (void)sec;
  f.add_pair("mention", mention_type(c), "sent", std::string_view(sb, static_cast<std::size_t>(se - sb)));
  // Adjacent punctuation between the quotation and the mention: `"…," said X`, `"…" — X`, `X: "…"`.
  std::size_t a = std::min(m, q_), b = std::max(m, q_);
  std::string between;
  for (std::size_t x = a + 1; x < b && x < a + 3; ++x)
    if (t_[x].type == Token::Type::punct) between += std::string(t_[x].text);
  if (b - a <= 3) f.add("adjacent_punct", between.empty() ? "none" : between);
  // A clause boundary between them: "… "…" suggests that the town and its staff back Mr. Kemp".
  bool clause = false;
  for (std::size_t x = a + 1; x < b && !clause; ++x) clause = t_[x].type == Token::Type::word && t_.wc(x).clause;
  if (clause) f.add_pair("clause_between", "1", "source", source(c));
  // Other people named between the quotation and the candidate compete with it.
  const auto& ms = registry_.person_mentions();
  long persons = 0;
  for (std::size_t k = EntityRegistry::mentions_before(ms, a + 1); k < ms.size() && ms[k].first < b; ++k)
    if (!c.entity || &registry_.at(ms[k].second) != c.entity) ++persons;
  f.add("persons_between", std::min(persons, 3L));
}

void CandidateFeatures::syntax(const Candidate& c, FeatureSet& f) const {
  const std::size_t m = c.mention.name_token;
  if (m >= t_.size()) return;
  const std::size_t end = std::max(c.end, name_end(m));
  // The subject of a speech verb: the verb follows within the clause, past auxiliaries, adverbs
  // and time words ("Jeff Traeger said Saturday", "he also told").
  for (std::size_t x = end; x < t_.size() && x < end + 4; ++x) {
    const Token& w = t_[x];
    if (w.type != Token::Type::word) break;
    if (t_.is_cue(x)) {
      f.add("subject_of", verb_class(w.lower));
      break;
    }
    if (!(t_.wc(x).aux || time_word(w.lower) || (w.lower.size() > 4 && w.lower.compare(w.lower.size() - 2, 2, "ly") == 0)))
      break;
  }
  // After a speech verb: `said X`, `told X` (the object), `according to X`.
  std::size_t s = c.start < m ? c.start : m;
  for (std::size_t x = s, k = 0; x-- > 0 && k < 6; ++k) {
    const Token& w = t_[x];
    if (w.type != Token::Type::word) break;
    if (t_.is_cue(x)) {
      f.add("object_of", verb_class(w.lower));
      break;
    }
    if (w.lower == "to" && x > 0 && t_[x - 1].lower == "according") {
      f.add("object_of", "according");
      break;
    }
    if (w.cap || !(lexicon::function_word(w.lower) || role_noun(w.lower) || is_determiner(w.lower))) break;
  }
  // The same, across an appositive: "Chris Wright, the chief technology officer of Red Hat, said";
  // "said University of California, San Diego's chancellor, Pradeep Khosla".
  if (end < t_.size() && t_[end].text == ",") {
    for (std::size_t x = end + 1; x < t_.size() && x < end + 20; ++x) {
      const Token& w = t_[x];
      if (w.type == Token::Type::quote || w.type == Token::Type::newline || w.text == ";" || w.text == ".") break;
      if (w.type == Token::Type::word && t_.is_cue(x)) {
        f.add("subject_across", verb_class(w.lower));
        break;
      }
    }
  }
  for (std::size_t x = s, k = 0; x-- > 0 && k < 16; ++k) {
    const Token& w = t_[x];
    if (w.type == Token::Type::quote || w.type == Token::Type::newline || w.text == ";" || w.text == ".") break;
    if (w.type != Token::Type::word) continue;
    if (t_.is_cue(x)) {
      if (k > 0) f.add("object_across", verb_class(w.lower));
      break;
    }
    if (!w.cap && !(lexicon::function_word(w.lower) || role_noun(w.lower) || is_determiner(w.lower) ||
                    std::isdigit(static_cast<unsigned char>(w.lower[0]))))
      break;
  }
  // Inside the appositive of a name before it: "Professor Jean-Jacques Muyembe, Director General
  // of the DRC's Institut National de Recherche Biomédicale, said": a body or person there
  // describes the speaker rather than speaking.
  for (std::size_t x = s, k = 0; x-- > 0 && k < 15; ++k) {
    const Token& w = t_[x];
    if (w.type == Token::Type::quote || w.type == Token::Type::newline || w.text == ";" || w.text == ".") break;
    if (w.text == ",") {
      if (x > 0 && t_[x - 1].type == Token::Type::word && t_[x - 1].cap && !t_.is_cue(x - 1))
        f.add("appositive_of", k == 0 ? "next" : "inside");
      break;
    }
    if (w.type == Token::Type::word && (t_.is_cue(x) || (!w.cap && verb_like(w.lower)))) break;
  }
  if ((lead_token_ >= s && lead_token_ < std::max(end, s + 1)) || (lead_entity_ && c.entity == lead_entity_ && c.how != Resolution::previous))
    f.add_pair("leading_subject", "1", "source", source(c));
  std::size_t before = s;  // past an honorific or title: "back Mr. Kemp", "to Sen. Lee"
  while (before > 0 && before + 3 > s && t_[before - 1].type == Token::Type::word && t_.wc(before - 1).title) --before;
  if (before > 0 && (t_[before - 1].lower == "mr." || t_[before - 1].lower == "ms." || t_[before - 1].lower == "mrs." ||
                     t_[before - 1].lower == "dr."))
    --before;
  if (before > 0 && t_[before - 1].type == Token::Type::word) {
    static const char* const preps[] = {"to", "with", "by", "of", "for", "from", "about", "at", "on", "than", "against",
                                        "and", "that", "who", "which", "whom", "like"};
    const auto& w = t_[before - 1].lower;
    if (std::find(std::begin(preps), std::end(preps), w) != std::end(preps)) f.add("word_before", w);
    else if (!t_[before - 1].cap && !t_.is_cue(before - 1) && !lexicon::function_word(w)) f.add("word_before", "other");
  }
  if (end > 0 && end <= t_.size() && ends_possessive(t_[end - 1].text)) f.add("possessive", "1");
  if (end < t_.size() && t_[end].type == Token::Type::word && ends_possessive(t_[end].text)) f.add("possessive", "1");
  if (t_.sentence_initial(s)) f.add("sentence_initial", "1");
}

void CandidateFeatures::evidence(const Candidate& c, FeatureSet& f) const {
  if (c.mention.pronoun || c.how == Resolution::previous || c.how == Resolution::turn) return;
  if (c.kind != SpeakerKind::person && c.kind != SpeakerKind::organisation) return;
  const std::size_t s = c.mention.name_token;
  if (s >= t_.size() || t_[s].type != Token::Type::word) return;
  const std::size_t e = name_end(s);
  std::size_t words = 0, dict = 0, listed = 0, caps = 0;
  for (std::size_t x = s; x < e; ++x) {
    if (t_[x].type != Token::Type::word || !t_[x].cap) continue;
    ++words;
    const NameEvidence& ev = t_.evidence(x);
    if (ev.word && !ev.name_list()) ++dict;
    if (ev.name_list()) ++listed;
    if (t_[x].all_caps) ++caps;
  }
  const NameEvidence& first = t_.evidence(s);
  const NameEvidence& last = t_.evidence(e - 1);
  f.add("name_words", std::min<long>(static_cast<long>(words), 3));
  if (first.given) f.add("given", first.given >= 4 ? "common" : "rare");
  if (last.surname) f.add("surname", last.surname == 1 ? "common" : "rare");
  if (words && dict == words) f.add_pair("all_dictionary", "1", "kind", to_string(c.kind));
  if (words && listed == 0) f.add_pair("no_name_list", "1", "kind", to_string(c.kind));
  if (words && caps == words) f.add("all_caps", "1");
  if (words == 1 && t_.sentence_initial(s)) f.add_pair("initial_single", "1", "dict", dict ? "1" : "0");
  if (first.proper && !first.name_list()) f.add("proper_noun", "1");
  if (s > 0 && t_.wc(s - 1).title) f.add("title_before", "1");
  if (!c.mention.role.empty()) f.add("role_here", "1");
  if (place_like(t_, s, e)) f.add("place", "1");
}

void CandidateFeatures::pronoun(const Candidate& c, FeatureSet& f) const {
  const std::size_t p = c.mention.name_token;
  f.add("a.word", mention_type(c));
  if (c.how == Resolution::turn) {
    f.add("a.turn_pronoun", "1");
    return;
  }
  if (c.speaker.empty()) {
    f.add("a.unresolved", "1");
    return;
  }
  f.add("a.ante_rank", c.antecedent_rank);
  if (c.old_choice) f.add("a.ante_old", "1");
  if (c.antecedent_token < t_.size() && p < t_.size()) {
    f.add("a.ante_sent", bucket(t_[p].sentence - t_[c.antecedent_token].sentence, 1, 4));
    f.add("a.ante_para", bucket(t_[p].paragraph - t_[c.antecedent_token].paragraph, 1, 2));
    // The antecedent speaks in its own sentence ("Evenson said …. She added").
    std::size_t e = name_end(c.antecedent_token);
    bool speaks = false;
    for (std::size_t x = e; x < t_.size() && x < e + 3 && t_[x].type == Token::Type::word; ++x)
      if (t_.is_cue(x)) speaks = true;
    if (speaks) f.add("a.ante_speaks", "1");
    if (t_.sentence_initial(c.antecedent_token)) f.add("a.ante_subject", "1");
    // Subject or object where it was named: "Flynn made a speech" / "pardoned by Trump".
    if (e < t_.size() && t_[e].type == Token::Type::word && !t_[e].cap && (verb_like(t_[e].lower) || t_.is_cue(e)))
      f.add("a.ante_before_verb", "1");
    std::size_t a0 = c.antecedent_token;
    while (a0 > 0 && t_[a0 - 1].type == Token::Type::word && t_.wc(a0 - 1).title) --a0;
    if (a0 > 0 && t_[a0 - 1].type == Token::Type::word) {
      const std::string& w = t_[a0 - 1].lower;
      if (w == "by" || w == "to" || w == "with" || w == "of" || w == "for" || w == "against" || w == "about" ||
          w == "on" || w == "from")
        f.add("a.ante_after", w);
    }
  }
  if (previous_ && c.entity && c.entity == previous_->entity) f.add("a.ante_previous", "1");
  if (c.entity && c.entity->kind == SpeakerKind::person) {
    const std::string& w = c.mention.mention;
    const Entity& e = *c.entity;
    const char* g = e.he > e.she ? "m" : e.she > e.he ? "f" : "u";
    if (iequals(w, "he") || iequals(w, "she")) {
      const char* want = iequals(w, "he") ? "m" : "f";
      f.add("a.gender", *g == 'u' ? "unknown" : *g == *want ? "agree" : "disagree");
    }
  }
}

void CandidateFeatures::previous(const Candidate& c, FeatureSet& f) const {
  const PreviousSpeaker& p = *previous_;
  const std::size_t pq = p.quote_token;
  f.add("prev_para", bucket(t_[q_].paragraph - t_[pq].paragraph, 1, 3));
  f.add("prev_sent", bucket(t_[q_].sentence - t_[pq].sentence, 1, 4));
  f.add_pair("prev_para", std::to_string(bucket(t_[q_].paragraph - t_[pq].paragraph, 1, 2)), "para_only", para_only_ ? "1" : "0");
  f.add_pair("prev_para", std::to_string(bucket(t_[q_].paragraph - t_[pq].paragraph, 1, 2)), "sentence_cue",
             sentence_cue_ ? "1" : "0");
  if (p.had_cue) f.add("prev_had_cue", "1");
  f.add("prev_kind", to_string(p.kind));
  // People named between the two quotations may have taken over.
  const auto& ms = registry_.person_mentions();
  long others = 0;
  const Entity* last = nullptr;
  for (std::size_t k = EntityRegistry::mentions_before(ms, pq + 1); k < ms.size() && ms[k].first < q_; ++k) {
    const Entity* e = &registry_.at(ms[k].second);
    if (e != p.entity && e != last) ++others;
    last = e;
  }
  f.add("prev_others_between", std::min(others, 3L));
  (void)c;
}

}  // namespace whosaid
