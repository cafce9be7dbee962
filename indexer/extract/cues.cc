#include "cues.h"

#include <algorithm>

#include "lexicon.h"

namespace whosaid {

const char* pattern_name(Pattern p) {
  static const char* const names[] = {
      "after_by", "said_x", "dash_x", "x_said", "according_to", "split_said_x", "split_x_said", "which_said",
      "fronted_participle", "before_by", "x_said_before", "and_said", "said_x_before", "colon", "colon_paragraph_verb",
      "colon_paragraph_subject", "next_sentence", "prev_sentence_said", "prev_sentence_announce", "closing_cue",
      "quotative_like"};
  static_assert(sizeof(names) / sizeof(names[0]) == static_cast<std::size_t>(Pattern::count));
  return names[static_cast<std::size_t>(p)];
}

void CueProposer::add(Out& out, const Mention& m, Pattern p, std::string cue, std::size_t cue_token) const {
  out.push_back(Proposal{m, p, std::move(cue), cue_token});
}

std::vector<Proposal> CueProposer::propose(std::size_t q) const {
  Where w{q, t_.sentence_start(q), t_.sentence_end(q), 0};
  w.lo = w.ss;
  for (std::size_t x = w.ss; x < q; ++x)
    if ((t_[x].type == Token::Type::quote && !t_.title_like(x)) || t_[x].text == ";") w.lo = x + 1;
  Out out;
  after(w, out);
  according_to(w, out);
  before(w, out);
  colon(w, out);
  colon_paragraph(w, out);
  next_sentence(w, out);
  previous_sentence(w, out);
  closing_cue(w, out);
  quotative_like(w, out);
  return out;
}

// A cue after the quotation counts only when the quotation closes a clause: `was in a "serious"
// condition; TVN24 reported` names no speaker of it.
bool CueProposer::closes_clause(const Where& w) const {
  const std::size_t i = w.q + 1, se = w.se;
  const std::string_view text = t_.text();
  const QuoteSpan& sp = t_.spans()[t_[w.q].quote];
  std::size_t k = sp.text_end;
  while (k > sp.text_start && (text[k - 1] == ' ' || text[k - 1] == '\n')) --k;
  // an inner quotation closing with the outer one: `…, those 5,000 people,’”`
  while (k > sp.text_start + 3 && (text.substr(k - 3, 3) == "\xE2\x80\x99" || text.substr(k - 3, 3) == "\xE2\x80\x9D")) k -= 3;
  while (k > sp.text_start + 1 && text[k - 1] == '\'') --k;
  if (k > sp.text_start + 2 && text[k - 1] == ']') --k;  // an editor's punctuation: "… heal us[,]"
  char last = k > sp.text_start ? text[k - 1] : ' ';
  bool closes = last == ',' || last == '.' || last == '!' || last == '?' || last == '-' ||
                (k >= sp.text_start + 3 && (text.substr(k - 3, 3) == "\xE2\x80\xA6" || text.substr(k - 3, 3) == "\xE2\x80\x94"));
  if (i < se && t_[i].type == Token::Type::punct) closes = true;
  if (i < se && t_.is_cue(i)) closes = true;
  // `"…" Merkley said.`: a short name directly before a speech verb
  std::size_t x = i;
  while (x < se && x < i + 4 && t_[x].type == Token::Type::word && t_[x].cap) ++x;
  if (x > i && x < se && t_.is_cue(x)) closes = true;
  if (i < se && t_[i].type == Token::Type::word && i + 1 < se && t_.is_cue(i + 1) &&
      (t_.wc(i).person_pronoun || t_.wc(i).org_pronoun))
    closes = true;
  return closes;
}

// `"…," said X`, `"…," X said`, `"…" — X`, and a passive agent `described as "…" by the police`.
void CueProposer::after(const Where& w, Out& out) const {
  const std::size_t q = w.q, se = w.se;
  std::size_t i = q + 1;
  auto clause_end = [&](std::size_t x) {
    while (x < se && t_[x].type != Token::Type::quote && t_[x].text != ";") ++x;
    return x;
  };
  if (i + 1 < se && t_[i].lower == "by") {
    std::size_t e = i + 1;
    while (e < se && t_[e].type == Token::Type::word) ++e;
    Mention p = parser_.parse_phrase(i + 1, e);
    bool passive = false;
    for (std::size_t x = w.ss; x < q; ++x) passive = passive || t_.is_cue(x);
    if (passive && p.usable()) add(out, p, Pattern::after_by, "by", i);
  }
  bool closes = closes_clause(w);
  while (i < se && t_[i].type == Token::Type::punct &&
         (t_[i].text == "," || (is_dash(t_[i]) && i + 1 < se && t_.is_cue(i + 1))))
    ++i;
  if (i >= se) return;
  const auto& w0 = t_[i].lower;
  if (w0 == "while" || w0 == "and" || w0 == "but" || w0 == "whereas" || w0 == "although" || w0 == "because" ||
      w0 == "as" || w0 == "when")
    closes = false;
  if (!closes) return;
  const Token& t = t_[i];
  if (t_.is_cue(i) && t.lower != "read" && i + 1 < se) {
    // Inversion: "said Liz Evenson, international justice director at Human Rights Watch."
    Mention p = parser_.parse_phrase(i + 1, clause_end(i + 1));
    // The name may stand after its body and role, all before the first comma: "said Montclair
    // State University political scientist Brigid Harrison", "said 9/11 widow Terry Strada".
    bool near = p.name_token <= i + 4;
    if (!near && p.name_token <= i + 10) {
      near = true;
      for (std::size_t x = i + 1; x < p.name_token; ++x)
        if (t_.is_cue(x) || t_[x].type == Token::Type::quote || t_[x].text == "," ||
            (t_[x].type == Token::Type::word && !t_[x].cap && lexicon::function_word(t_[x].lower) && t_[x].lower != "of"))
          near = false;
    }
    if (p.usable() && near) add(out, p, Pattern::said_x, std::string(t.text), i);
  } else if (is_dash(t) && i + 1 < se && t_[i + 1].cap) {
    Mention p = parser_.parse_phrase(i + 1, clause_end(i + 1));
    if (p.usable() && p.kind != SpeakerKind::anonymous) add(out, p, Pattern::dash_x, "\xE2\x80\x94", i);
  } else if (t.type == Token::Type::word) {
    // "X said", "U.S. State Department legal adviser Reed Rubinstein told member states": a name
    // right after the quotation may carry a long appositive before its verb.
    std::size_t limit = std::min(se, i + (t.cap ? 24 : 16));
    for (std::size_t v = i; v < limit; ++v) {
      if (t_[v].text == "(") {
        std::size_t c = v;
        while (c < limit && t_[c].text != ")") ++c;
        if (c < limit) { v = c; continue; }
      }
      if (t_[v].type == Token::Type::quote || t_[v].text == ";" || t_[v].text == ".") break;
      if (t_[v].type != Token::Type::word) continue;
      if (t_[v].lower == "according" && v + 1 < se && t_[v + 1].lower == "to") break;
      if (!t_.is_cue(v)) continue;
      std::size_t pe = v;
      while (pe > i && t_.wc(pe - 1).aux) --pe;
      if (pe == i) break;
      Mention p = parser_.parse_phrase(i, pe);
      if (p.usable()) add(out, p, Pattern::x_said, std::string(t_[v].text), v);
      break;
    }
  }
}

void CueProposer::according_to(const Where& w, Out& out) const {
  const std::size_t se = w.se;
  for (std::size_t x = w.ss; x + 2 < se; ++x) {
    if (!(t_[x].lower == "according" && t_[x + 1].lower == "to")) continue;
    std::size_t e = x + 2;
    while (e < se && t_[e].type != Token::Type::quote &&
           !(t_[e].type == Token::Type::punct && t_[e].text != "." && t_[e].text != "'" && t_[e].text != "&"))
      ++e;
    std::size_t e2 = e;  // an appositive: "according to X, a spokesman for Y,"
    if (e < se && t_[e].text == ",") {
      e2 = e + 1;
      while (e2 < se && t_[e2].type == Token::Type::word) ++e2;
    }
    Mention p = parser_.parse_phrase(x + 2, e2);
    if (p.usable()) {
      add(out, p, Pattern::according_to, "according to", x);
      return;
    }
  }
}

// A cue before the quotation in its sentence: `X said: "…"`, `X told Y that "…"`, `X said the
// situation was "under control"`, and a split quotation's cue between two quotations.
void CueProposer::before(const Where& w, Out& out) const {
  const std::size_t q = w.q, ss = w.ss, se = w.se, lo = w.lo;
  for (std::size_t v = q; v-- > ss;) {
    if (t_[v].type == Token::Type::quote && t_.title_like(v)) continue;  // `tells MSNBC's "Morning Joe" that "…"`
    if (t_[v].type == Token::Type::quote) {
      for (std::size_t c = v + 1; c < q; ++c) {  // the cue between the previous quotation and this one
        if (!t_.is_cue(c)) continue;
        std::size_t ps = v + 1;
        while (ps < c && t_[ps].type == Token::Type::punct) ++ps;
        if (ps == c) {  // inverted: `"A," said X, "B."`
          std::size_t pe = c + 1;
          while (pe < q && !(t_[pe].type == Token::Type::punct && t_[pe].text == "," && pe + 1 == q)) ++pe;
          Mention p = parser_.parse_phrase(c + 1, pe);
          if (p.usable()) add(out, p, Pattern::split_said_x, std::string(t_[c].text), c);
        } else {
          std::size_t pe = c;
          while (pe > ps && t_.wc(pe - 1).aux) --pe;
          Mention p = parser_.parse_phrase(ps, pe);
          if (p.usable()) add(out, p, Pattern::split_x_said, std::string(t_[c].text), c);
        }
        break;
      }
      return;
    }
    if (t_[v].type != Token::Type::word || !t_.is_cue(v)) continue;
    // "— as reported by Hurriyet Daily News —", "as quoted by": who relayed it, not who said it.
    if (v > ss && (t_[v - 1].lower == "as" || (t_[v - 1].lower == "was" && v > ss + 1 && t_[v - 2].lower == "as"))) continue;
    const std::string cue(t_[v].text);
    // "They released a statement which said": the statement's author is the clause subject.
    if (v > lo && (t_[v - 1].lower == "which" || t_[v - 1].lower == "that") && v - 1 > lo) {
      Mention p = parser_.leading_subject(lo, v - 1);
      if (!p.usable() && lo > ss) p = parser_.leading_subject(ss, v - 1);
      if (p.usable()) {
        add(out, p, Pattern::which_said, cue, v);
        return;
      }
    }
    if (v < lo) return;
    // "told a young man who suggested that …": the verb of a relative clause about someone else
    if (v > lo + 1 && t_[v - 1].lower == "who") {
      bool earlier = false;
      for (std::size_t x = lo; x + 1 < v && !earlier; ++x) earlier = t_.is_cue(x);
      if (earlier) continue;
    }
    std::size_t pe = v;  // the subject: the words before the verb in this clause
    while (pe > lo && t_.wc(pe - 1).aux) --pe;
    // "…, forcefully told": an adverb before the verb is not part of the subject
    if (pe > lo + 1 && !t_[pe - 1].cap && t_[pe - 1].lower.size() >= 6 &&
        t_[pe - 1].lower.compare(t_[pe - 1].lower.size() - 2, 2, "ly") == 0 &&
        (t_[pe - 2].type == Token::Type::punct || t_[pe - 2].cap) && !lexicon::function_word(t_[pe - 2].lower))
      --pe;
    // "Calling it a "culture of death", the archbishop said …": the subject follows.
    if (v == ss && participle(t_[v])) {
      std::size_t x = q + 1;
      while (x < se && t_[x].type == Token::Type::punct) ++x;
      for (std::size_t c = x; c < se && c < x + 10; ++c) {
        if (t_[c].type == Token::Type::quote) break;
        if (!t_.is_cue(c)) continue;
        Mention p = c > x ? parser_.parse_subject(x, c) : Mention{};
        if (p.usable()) {
          add(out, p, Pattern::fronted_participle, cue, v);
          return;
        }
        break;
      }
    }
    if (v + 1 < q && t_[v + 1].lower == "by") {  // passive: `was described by the CBCP as "…"`
      std::size_t e = v + 2;
      while (e < q && t_[e].type == Token::Type::word && t_[e].lower != "as") ++e;
      Mention p = parser_.parse_phrase(v + 2, e);
      if (p.usable()) {
        add(out, p, Pattern::before_by, cue, v);
        return;
      }
    }
    // "The German government announced the tests …, and said there was "…"": a verb joined to
    // the clause's first has its subject.
    std::size_t pv = pe;
    while (pv > lo && t_[pv - 1].text == ",") --pv;
    if (pv > lo + 1 && (t_[pv - 1].lower == "and" || t_[pv - 1].lower == "but")) {
      Mention p = parser_.leading_subject(lo, pv - 1);
      if (p.usable()) add(out, p, Pattern::and_said, cue, v);
    }
    // "Znak.com reported its source said "…"": the subject of the nearer verb stands after the
    // other verb (a participle, "Trump, speaking at a rally, said", is no clause of its own).
    // Only a "said" reported by another ("X reported Y said"): in "Israel said Clinton called on
    // members to be "…"" the words are the reporter's to the gold of both our sets.
    std::size_t from = lo;
    auto saying = [&](std::size_t x) {
      const std::string& w = t_[x].lower;
      return w == "said" || w == "says" || w == "told" || w == "tells";
    };
    if (saying(v))
      for (std::size_t x = lo; x + 1 < pe; ++x)
        if (t_.is_cue(x) && !participle(t_[x]) && t_[x + 1].type == Token::Type::word && t_[x + 1].lower != "that" &&
            (saying(x) || t_[x].lower == "reported" || t_[x].lower == "reports"))
          from = x + 1;
    if (from > lo) {
      Mention p = parser_.parse_subject(from, pe);
      if (p.usable()) {
        add(out, p, Pattern::x_said_before, cue, v);
        return;
      }
    }
    if (pe > lo) {
      Mention p = parser_.parse_subject(lo, pe);
      if (p.usable()) add(out, p, Pattern::x_said_before, cue, v);
    } else if (v + 1 < q) {  // "said X: "…""
      std::size_t e = q;
      while (e > v + 1 && t_[e - 1].type == Token::Type::punct) --e;
      Mention p = parser_.parse_phrase(v + 1, e);
      if (p.usable()) add(out, p, Pattern::said_x_before, cue, v);
    }
    return;
  }
}

// A colon introduction without a verb: `Smith: "…"`, `In his message, he praised him: "…"`.
void CueProposer::colon(const Where& w, Out& out) const {
  const std::size_t q = w.q, ss = w.ss, lo = w.lo;
  if (!(q > ss && t_[q - 1].text == ":")) return;
  Mention p = parser_.leading_subject(lo, q - 1);
  // `… as "defensive" in nature: "…"`: the clause began before an earlier quotation
  if (!p.usable() && lo > ss) p = parser_.leading_subject(ss, q - 1);
  if (!p.usable() && q - 1 - lo <= 6) p = parser_.parse_phrase(lo, q - 1);
  if (p.usable()) add(out, p, Pattern::colon, ":", q - 1);
}

// A paragraph that opens with the quotation after a paragraph ending in ':'.
void CueProposer::colon_paragraph(const Where& w, Out& out) const {
  const std::size_t q = w.q;
  if (!(q == w.ss && q > 0)) return;
  std::size_t k = q;
  while (k > 0 && t_[k - 1].type == Token::Type::newline) --k;
  if (!(k > 0 && t_[k - 1].text == ":")) return;
  std::size_t ps = t_.sentence_start(k - 1);
  for (std::size_t v = k - 1; v-- > ps;) {
    if (!t_.is_cue(v)) continue;
    std::size_t pe = v;
    while (pe > ps && t_.wc(pe - 1).aux) --pe;
    Mention p = pe > ps ? parser_.parse_subject(ps, pe) : Mention{};
    if (!p.usable() && v + 1 < k - 1) p = parser_.parse_phrase(v + 1, k - 1);
    if (p.usable()) {
      add(out, p, Pattern::colon_paragraph_verb, std::string(t_[v].text), v);
      return;
    }
    break;
  }
  Mention p = parser_.leading_subject(ps, k - 1);
  if (p.usable()) add(out, p, Pattern::colon_paragraph_subject, ":", k - 1);
}

// The next sentence names the speaker: `"…." Crystal C'Bearing of the office told those gathered.`
void CueProposer::next_sentence(const Where& w, Out& out) const {
  const std::size_t q = w.q;
  if (!(q + 1 < t_.size() && t_[q + 1].type == Token::Type::word && t_[q + 1].cap &&
        t_[q + 1].sentence != t_[q].sentence && t_[q + 1].paragraph == t_[q].paragraph))
    return;
  std::size_t ne = t_.sentence_end(q + 1);
  bool comma = false;  // `"…!" Rep. Ann Lee, R-Pa., said.`: a name with its appositive
  for (std::size_t v = q + 1; v < ne && v < q + 14; ++v) {
    if (t_[v].type == Token::Type::quote || t_[v].text == ";") break;
    if (t_[v].text == ",") { comma = true; continue; }
    if (!t_.is_cue(v)) continue;
    std::size_t pe = v;
    while (pe > q + 1 && t_.wc(pe - 1).aux) --pe;
    Mention p = comma ? parser_.parse_subject(q + 1, pe) : parser_.parse_phrase(q + 1, pe);
    if (p.usable() && !p.pronoun && p.kind != SpeakerKind::anonymous)
      add(out, p, Pattern::next_sentence, std::string(t_[v].text), v);
    return;
  }
}

// A quotation opening its sentence right after `…, Schiff said.` (that speaker goes on) or after
// `Ted Cruz tweeted a warning.` (what the sentence announced).
void CueProposer::previous_sentence(const Where& w, Out& out) const {
  const std::size_t q = w.q;
  if (!(q == w.ss && q >= 3)) return;
  if (t_[q - 1].type != Token::Type::newline && t_[q - 1].paragraph == t_[q].paragraph && t_[q - 1].text == ".") {
    std::size_t v = q - 2;
    std::size_t ps = t_.sentence_start(v);
    if (t_.is_cue(v) && v > ps) {
      std::size_t c = v;
      while (c > ps && t_[c - 1].type == Token::Type::word && v - c < 5) --c;
      bool has_quote = false;  // `"A," Obama said …, where Clinton spoke. "B."`: A's speaker goes on
      for (std::size_t x = ps; x < v; ++x) has_quote = has_quote || t_[x].type == Token::Type::quote;
      bool relative = t_[c].lower == "where" || t_[c].lower == "who" || t_[c].lower == "which" || t_[c].lower == "when";
      if (c < v && (c == ps || t_[c - 1].text == ",") && !has_quote && !relative) {
        Mention p = parser_.parse_phrase(c, v);
        if (p.usable() && p.kind != SpeakerKind::anonymous) {
          add(out, p, Pattern::prev_sentence_said, "", v);
          return;
        }
      }
    }
  }
  std::size_t k = q;
  while (k > 0 && t_[k - 1].type == Token::Type::newline) --k;
  if (!(k > 0 && t_[k - 1].text == "." && t_[k - 1].paragraph + 1 >= t_[q].paragraph)) return;
  std::size_t ps = t_.sentence_start(k - 1);
  for (std::size_t x = ps; x < k; ++x)
    if (t_[x].type == Token::Type::quote) return;
  for (std::size_t v = k - 1; v-- > ps;) {
    if (!t_.is_cue(v) || participle(t_[v])) continue;
    std::size_t pe = v;
    while (pe > ps && t_.wc(pe - 1).aux) --pe;
    if (pe == ps) return;
    Mention p = parser_.parse_subject(ps, pe);
    if (p.usable() && p.kind != SpeakerKind::anonymous) add(out, p, Pattern::prev_sentence_announce, "", v);
    return;
  }
}

// `A cashier who "…" is held accountable, Warren said.`: a cue closing the same sentence.
void CueProposer::closing_cue(const Where& w, Out& out) const {
  const std::size_t q = w.q, se = w.se;
  for (std::size_t v = q + 1; v < se; ++v) {
    if (t_[v].type == Token::Type::quote && !t_.title_like(v)) return;
    if (!t_.is_cue(v) || v < 2 || t_[v - 1].type != Token::Type::word) continue;
    std::size_t c = v;
    while (c > q + 1 && t_[c - 1].type == Token::Type::word && v - c < 5) --c;
    if (c == q + 1 || t_[c - 1].text != ",") return;
    bool ends = v + 1 >= se || t_[v + 1].type == Token::Type::punct || v + 2 >= se || t_[v + 1].lower == "on" ||
                t_[v + 1].lower == "in";
    if (!ends) return;
    Mention p = parser_.parse_phrase(c, v);
    if (p.usable() && p.kind != SpeakerKind::anonymous) add(out, p, Pattern::closing_cue, std::string(t_[v].text), v);
    return;
  }
}

// The quotative "like" of speech: `she's like, "…"`, `people are like "…"`, `I was like "…"`,
// `they go like "…"`. The subject stands right before the verb.
void CueProposer::quotative_like(const Where& w, Out& out) const {
  std::size_t x = w.q;
  while (x > w.lo && (t_[x - 1].text == "," || t_[x - 1].text == ":")) --x;
  if (x < w.lo + 2 || t_[x - 1].lower != "like") return;
  std::size_t v = x - 2;  // the verb, or a subject with its verb contracted ("she's")
  if (v > w.lo && (t_[v].lower == "all" || t_[v].lower == "just")) --v;  // "was all like"
  const std::string& verb = t_[v].lower;
  auto contracted = [](const std::string& w2, std::string& stem) {
    for (std::string_view end : {"'s", "'m", "'re", "\xE2\x80\x99s", "\xE2\x80\x99m", "\xE2\x80\x99re"})
      if (w2.size() > end.size() && w2.compare(w2.size() - end.size(), end.size(), end) == 0) {
        stem = w2.substr(0, w2.size() - end.size());
        return true;
      }
    return false;
  };
  std::string stem;
  Mention p;
  if (contracted(verb, stem)) {
    if (!(lexicon::person_pronoun(stem) || lexicon::org_pronoun(stem))) return;
    p.pronoun = true;
    p.mention = stem;
    p.kind = lexicon::person_pronoun(stem) ? SpeakerKind::person : SpeakerKind::organisation;
    p.name_token = v;
  } else {
    static const char* const be[] = {"is", "are", "was", "were", "am", "go", "goes", "went", "be", "been"};
    if (std::find(std::begin(be), std::end(be), verb) == std::end(be) || v <= w.lo) return;
    std::size_t pe = v;
    while (pe > w.lo && (t_.wc(pe - 1).aux || t_[pe - 1].lower == "will" || t_[pe - 1].lower == "would")) --pe;
    if (pe == w.lo) return;
    p = parser_.parse_subject(w.lo, pe);
    if (!p.usable()) {  // "people are like", "my mom was like": a plain noun phrase
      std::size_t s = pe;
      while (s > w.lo && pe - s < 4 && t_[s - 1].type == Token::Type::word && !t_.is_cue(s - 1)) --s;
      if (s == pe) return;
      p.kind = SpeakerKind::anonymous;
      p.mention = p.name = t_.span_text(s, pe);
      p.name_token = s;
    }
  }
  add(out, p, Pattern::quotative_like, "like", x - 1);
}

}  // namespace whosaid
