#include "mention.h"

#include <algorithm>

#include "lexicon.h"

namespace whosaid {
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

// The subject of a speech verb at `verb`, from the words [lo, verb) before it. Commas split the
// clause: "In a statement, the current bishop, Allan Casicas, said" -> the name nearest the verb,
// with the description before or after it as its appositive. For a participle ("…, adding") the
// speaker is the subject of the whole sentence.
Mention MentionParser::parse_subject(std::size_t lo, std::size_t verb) const {
  struct Seg { std::size_t s, e; };
  std::vector<Seg> segs;
  std::size_t s = lo;
  for (std::size_t x = lo; x < verb; ++x) {
    if (t_[x].type == Token::Type::punct && (t_[x].text == "," || t_[x].text == "\xE2\x80\x94")) {
      if (x > s) segs.push_back({s, x});
      s = x + 1;
    }
  }
  if (verb > s) segs.push_back({s, verb});
  auto usable = [](const Mention& p) { return p.kind != SpeakerKind::unknown && (!p.name.empty() || p.pronoun); };
  // "… in what the police declared": a short noun phrase right before the verb is its subject.
  if (verb >= lo + 2) {
    const Token& h = t_[verb - 1];
    if (h.type == Token::Type::word && !h.cap && (lexicon::org_head(h.lower) || lexicon::anonymous_head(h.lower))) {
      for (std::size_t d = verb - 1; d-- > lo && verb - d <= 4;) {
        const auto& w = t_[d].lower;
        if (w == "the" || w == "a" || w == "an") {
          if (d > lo && (t_[d - 1].lower == "what" || t_[d - 1].lower == "which" || t_[d - 1].lower == "as" ||
                         t_[d - 1].lower == "that" || t_[d - 1].lower == "when" || t_[d - 1].lower == "where")) {
            Mention p = parse_phrase(d, verb);
            if (usable(p)) return p;
          }
          break;
        }
        if (t_[d].type != Token::Type::word || t_[d].cap) break;
      }
    }
  }
  auto appositive_like = [&](const Seg& g) {
    const Token& t = t_[g.s];
    if (t.type != Token::Type::word) return false;
    if (t_.is_cue(g.s)) return true;  // "…, told Discover Magazine the frequency … suggested": a verb phrase
    if (t.lower == "who" || t.lower == "whose" || t.lower == "which") return true;
    // "Erwin Chemerinsky, Dean of UC Berkeley School of Law, called it": a title with its body
    if (t.cap && t_.wc(g.s).title && g.s + 1 < g.e && (t_[g.s + 1].lower == "of" || t_[g.s + 1].lower == "at")) return true;
    if ((t.lower == "a" || t.lower == "an" || t.lower == "the" || !t.cap) && !lexicon::person_pronoun(t.lower) &&
        !lexicon::org_pronoun(t.lower)) {
      // a description: no person named in it, except after a preposition ("a member of the Rajya Sabha")
      for (std::size_t x = g.s; x < g.e; ++x) {
        // a relative clause inside the description names others ("who has met with Mr. Trump")
        if (t_[x].lower == "who" || t_[x].lower == "which" || t_[x].lower == "that") break;
        // "the Chief Technology Officer of Red Hat": capitals that name no person
        if (t_[x].cap && (x == g.s || !t_[x - 1].cap)) {
          std::size_t re = t_.name_run_end(x, g.e);
          if (re > x + 1 && verdict(x, re) != NameVerdict::person) {
            x = re - 1;
            continue;
          }
        }
        if (!t_[x].cap || t_.wc(x).title || !party_of(t_[x].lower).empty()) continue;
        const auto& before = x > g.s ? t_[x - 1].lower : std::string();
        if (before == "of" || before == "the" || before == "at" || before == "for" || before == "from" || before == "with" ||
            before == "in" || before == "to" || ends_possessive(t_[x].text))
          break;
        if (!t_.wc(x).org && !t_.wc(x).not_name && !place_like(t_, x, x + 1)) return false;
      }
      return true;
    }
    return false;
  };
  if (segs.empty()) return {};
  if (participle(t_[verb])) {
    Mention p = leading_subject(lo, verb);
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
  if (participle(t_[verb]) && segs.size() > 1) {
    for (std::size_t k = 0; k < segs.size(); ++k) {
      std::size_t end = k + 1 < segs.size() && appositive_like(segs[k + 1]) ? segs[k + 1].e : segs[k].e;
      Mention p = parse_phrase(segs[k].s, end);
      if (usable(p) && p.kind != SpeakerKind::anonymous) {
        if (k > 0 && p.kind == SpeakerKind::person && p.role.empty() && appositive_like(segs[k - 1]))
          parse_appositive(segs[k - 1].s, segs[k - 1].e, p);
        return p;
      }
    }
  }
  while (segs.size() > 1 && t_[segs.back().s].type == Token::Type::word && opens_adverbial(t_[segs.back().s].lower) &&
         !t_.wc(segs.back().e - 1).person_pronoun)
    segs.pop_back();
  // "Mark Field, president of the Union of Bakers, which represents city bakers, said": the name
  // stands before every description.
  if (segs.size() >= 3 && appositive_like(segs.back()) && appositive_like(segs[segs.size() - 2])) {
    std::size_t k = segs.size() - 2;
    while (k > 0 && appositive_like(segs[k])) --k;
    bool name_only = !appositive_like(segs[k]);  // "Scott Pruitt", "Rep. Ann Lee", not "Six months ago"
    for (std::size_t x = segs[k].s; x < segs[k].e && name_only; ++x)
      if (t_[x].type == Token::Type::word && !t_[x].cap && !t_.wc(x).connector && !t_.wc(x).particle) name_only = false;
    if (name_only) {
      Mention p = parse_phrase(segs[k].s, segs[k].e);
      if (usable(p) && p.kind == SpeakerKind::person && !p.pronoun) {
        if (p.role.empty()) parse_appositive(segs[k + 1].s, segs[k + 1].e, p);
        return p;
      }
    }
  }
  const Seg& last = segs.back();
  if (segs.size() >= 2 && appositive_like(last)) {
    // "Name, a description, said"; "The Guard Corps, which includes the Quds Force, declared"
    Mention p = parse_phrase(segs[segs.size() - 2].s, verb);
    bool relative = t_[last.s].lower == "which" || t_[last.s].lower == "who";
    if (usable(p) && (p.kind == SpeakerKind::person || (relative && p.kind == SpeakerKind::organisation))) return p;
  }
  Mention p = parse_phrase(last.s, last.e);
  if (usable(p)) {
    // "the current bishop, Allan Casicas, said": the description before the name.
    if (segs.size() >= 2 && p.kind == SpeakerKind::person && p.role.empty() && appositive_like(segs[segs.size() - 2]))
      parse_appositive(segs[segs.size() - 2].s, segs[segs.size() - 2].e, p);
    return p;
  }
  // Nothing usable right before the verb: the sentence subject.
  for (std::size_t k = 0; k + 1 < segs.size(); ++k) {
    Mention q = parse_phrase(segs[k].s, segs[k].e);
    if (usable(q)) return q;
  }
  return p;
}


// The subject at the start of a clause [a, b): "In his message, he appreciated …" -> he;
// "The government of American Samoa issued …" -> that organisation; "Bill Gerstenmaier of NASA
// spoke …" -> him. Comma segments that open with a preposition are adverbials, not subjects.
Mention MentionParser::leading_subject(std::size_t a, std::size_t b) const {
  std::vector<std::pair<std::size_t, std::size_t>> segs;
  std::size_t s = a;
  for (std::size_t x = a; x < b; ++x)
    if (t_[x].type == Token::Type::punct && (t_[x].text == "," || t_[x].text == "\xE2\x80\x94")) {
      if (x > s) segs.push_back({s, x});
      s = x + 1;
    }
  if (b > s) segs.push_back({s, b});
  for (std::size_t k = 0; k < segs.size(); ++k) {
    std::size_t x = segs[k].first, e = segs[k].second;
    while (x < e && t_[x].type == Token::Type::word &&
           (t_[x].lower == "and" || t_[x].lower == "but" || t_[x].lower == "so" || t_[x].lower == "then"))
      ++x;
    if (x >= e || t_[x].type != Token::Type::word) continue;
    const Token& t = t_[x];
    // "Hours later,", "Two years ago,": time, not a subject
    const auto& last_word = t_[e - 1].lower;
    if (last_word == "later" || last_word == "ago" || last_word == "earlier" || last_word == "afterwards") continue;
    if (opens_adverbial(t.lower) && !(x + 1 < e && t_[x + 1].type == Token::Type::word && t_.is_cue(x + 1))) continue;
    // "a Republican, Mark Amodei, …": the indefinite description is an appositive of the name after it
    if ((t.lower == "a" || t.lower == "an") && k + 1 < segs.size() && t_[segs[k + 1].first].cap &&
        t_[segs[k + 1].first].type == Token::Type::word)
      continue;
    Mention p;
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
      while (h < e && h < x + 5 && t_[h].type == Token::Type::word && !t_.wc(h).anon &&
             !lexicon::org_head(strip_possessive(t_[h].lower)) && !t_.wc(h).title && !t_[h].cap)
        ++h;
      if (h < e && ends_possessive(t_[h].text) && lexicon::org_head(strip_possessive(t_[h].lower))) {
        // "The court's summary": the court
        p.kind = SpeakerKind::organisation;
        p.name = strip_possessive(t_[h].text);
        p.mention = strip_possessive(t_.span_text(x, h + 1));
        p.name_token = x;
        return p;
      }
      if (h < e && t_[h].cap && h > x) {
        // "the Ministry of Health", "the U.S. Department of State", "The German government"
        std::size_t re = t_.name_run_end(h, e);
        if (re < e && t_[re].type == Token::Type::word && !t_[re].cap && t_.wc(re).org) ++re;
        Mention q = parse_phrase(x, re);
        if (q.kind != SpeakerKind::unknown) return q;
        continue;
      }
      if (h >= e || h >= x + 5 || t_[h].type != Token::Type::word) continue;
      std::size_t end = h + 1;
      if (end + 1 < e && (t_[end].lower == "of" || t_[end].lower == "for" || t_[end].lower == "from" ||
                          t_[end].lower == "at" || t_[end].lower == "within") ) {
        std::size_t o = end + 1;
        while (o < e && t_[o].type == Token::Type::word && !t_[o].cap && o < end + 3) ++o;
        if (o < e && t_[o].cap) {
          std::size_t oe = t_.name_run_end(o, e);
          if (t_.wc(h).org && !t_.wc(h).anon) {
            // "the government of American Samoa" names the organisation itself
            p.kind = SpeakerKind::organisation;
            p.name = t_.span_text(h, oe);
            p.mention = t_.span_text(x, oe);
            p.name_token = x;
            return p;
          }
          end = oe;
        }
      }
      Mention q = parse_phrase(x, end);
      if (q.kind != SpeakerKind::unknown) return q;
      continue;  // "The mayor of London, Sadiq Khan, …": the description, then the name
    }
    // A name first: its run, a lower-case organisation head ("Richmond police"), "of <Org>";
    // "Democratic presidential candidate Bernie Sanders": role words between two capitalised runs.
    std::size_t re = t_.name_run_end(x, e);
    {
      std::size_t y = re;
      while (y < e && y < re + 4 && t_[y].type == Token::Type::word && !t_[y].cap && !t_.wc(y).aux && !t_.is_cue(y) &&
             !t_.wc(y).connector && t_[y].lower != "in" && t_[y].lower != "on" && t_[y].lower != "at" &&
             t_[y].lower != "to" && t_[y].lower != "with" && t_[y].lower != "by" && t_[y].lower != "from")
        ++y;
      if (y > re && y < e && t_[y].cap && role_noun(t_[y - 1].lower)) re = t_.name_run_end(y, e);
    }
    if (re < e && t_[re].type == Token::Type::word && !t_[re].cap && t_.wc(re).org) ++re;
    if (re + 1 < e && (t_[re].lower == "of" || t_[re].lower == "from" || t_[re].lower == "at") && t_[re + 1].cap)
      re = t_.name_run_end(re + 1, e);
    else if (re + 2 < e && (t_[re].lower == "of" || t_[re].lower == "from") && t_[re + 1].lower == "the" && t_[re + 2].cap)
      re = t_.name_run_end(re + 2, e);
    return parse_phrase(x, re);
  }
  return {};
}

}  // namespace whosaid
