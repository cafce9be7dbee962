#include "extract.h"

#include <algorithm>

#include "article_tokens.h"
#include "attribution.h"
#include "candidates.h"
#include "cues.h"
#include "lexicon.h"
#include "mention.h"
#include "quote_finder.h"
#include "registry.h"
#include "speaker_model.h"
#include "tokens.h"

namespace whosaid {
namespace {

bool is_space_byte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Editorial marks kept inside a quotation: "[with]" is an insertion, "...", "…", "[...]" elisions.
std::vector<Alteration> find_alterations(std::string_view text, std::size_t start, std::size_t end) {
  std::vector<Alteration> out;
  for (std::size_t i = start; i < end; ++i) {
    char c = text[i];
    if (c == '[') {
      // Only as far as an insertion can reach: a search to the article's end for every '[' is
      // quadratic in a long article.
      auto close = text.substr(0, std::min(end, i + 81)).find(']', i);
      if (close == std::string_view::npos) continue;
      std::string_view inner = text.substr(i + 1, close - i - 1);
      bool elision = inner == "..." || inner == "\xE2\x80\xA6" || inner == ". . .";
      out.push_back({elision ? Alteration::Kind::elision : Alteration::Kind::insertion, i, close + 1,
                     std::string(text.substr(i, close + 1 - i))});
      i = close;
    } else if (c == '.' && i + 2 < end && text[i + 1] == '.' && text[i + 2] == '.') {
      std::size_t j = i;
      while (j < end && text[j] == '.') ++j;
      out.push_back({Alteration::Kind::elision, i, j, std::string(text.substr(i, j - i))});
      i = j - 1;
    } else if (c == '.' && i + 4 < end && text.substr(i, 5) == ". . .") {
      out.push_back({Alteration::Kind::elision, i, i + 5, ". . ."});
      i += 4;
    } else if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < end && text.substr(i, 3) == "\xE2\x80\xA6") {
      out.push_back({Alteration::Kind::elision, i, i + 3, "\xE2\x80\xA6"});
      i += 2;
    }
  }
  return out;
}

struct Shape {
  std::size_t words = 0;
  std::size_t cap_words = 0;      // capitalised content words
  std::size_t content_words = 0;  // words that are not function words
  bool starts_upper = false;
  bool ends_punct = false;        // , . ! ? … ; : — inside the closing mark
  bool ends_comma = false;        // a comma inside the closing mark, as American style puts one after titles
  bool has_letters = false;
};

Shape shape_of(const std::vector<Token>& inner_words, std::string_view text, std::size_t s, std::size_t e) {
  Shape sh;
  (void)inner_words;
  // Cheap word scan over the bytes.
  bool in_word = false;
  bool first = true;
  std::size_t ws = 0;
  auto finish = [&](std::size_t we) {
    std::string_view w = text.substr(ws, we - ws);
    ++sh.words;
    std::string lw;
    for (char c : w) lw += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool upper = std::isupper(static_cast<unsigned char>(w[0])) || static_cast<unsigned char>(w[0]) >= 0xC0;
    if (!lexicon::function_word(lw)) {
      ++sh.content_words;
      if (upper) ++sh.cap_words;
    }
    if (first) { sh.starts_upper = upper; first = false; }
  };
  for (std::size_t i = s; i < e; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool wc = std::isalnum(c) || c >= 0x80 || c == '\'' || c == '-';
    if (std::isalpha(c) || c >= 0xC0) sh.has_letters = true;
    if (wc && !in_word) { in_word = true; ws = i; }
    else if (!wc && in_word) { in_word = false; finish(i); }
  }
  if (in_word) finish(e);
  std::size_t k = e;
  while (k > s && is_space_byte(text[k - 1])) --k;
  if (k > s) {
    char last = text[k - 1];
    sh.ends_comma = last == ',';
    sh.ends_punct = last == ',' || last == '.' || last == '!' || last == '?' || last == ';' || last == ':' ||
                    (k >= s + 3 && (text.substr(k - 3, 3) == "\xE2\x80\xA6" || text.substr(k - 3, 3) == "\xE2\x80\x94")) ||
                    last == '-';
  }
  return sh;
}

// The paragraph around each quotation, for quotations in text order: each byte is looked at
// about once in the whole article, where a search per quotation (rfind / find of '\n') is
// quadratic in an article of one long line.
class ParagraphBounds {
 public:
  explicit ParagraphBounds(std::string_view text) : text_(text) {}

  // The first byte after the last line break before `pos`.
  std::size_t start(std::size_t pos) {
    if (pos < scanned_) {  // out of order: plain search
      std::size_t ps = pos == 0 ? std::string_view::npos : text_.rfind('\n', pos - 1);
      return ps == std::string_view::npos ? 0 : ps + 1;
    }
    std::size_t nl = text_.substr(scanned_, pos - scanned_).rfind('\n');
    if (nl != std::string_view::npos) line_start_ = scanned_ + nl + 1;
    scanned_ = pos;
    return line_start_;
  }

  // The first line break at or after `pos`, else the end of the text.
  std::size_t end(std::size_t pos) {
    if (!(have_end_ && pos >= end_from_ && pos <= end_at_)) {
      end_from_ = pos;
      end_at_ = std::min(text_.find('\n', pos), text_.size());
      have_end_ = true;
    }
    return end_at_;
  }

 private:
  std::string_view text_;
  std::size_t scanned_ = 0, line_start_ = 0;
  bool have_end_ = false;
  std::size_t end_from_ = 0, end_at_ = 0;
};

// True when the quotation, marks and all, is the whole of its line (a trailing period aside).
bool whole_line(std::string_view text, const QuoteSpan& sp) {
  std::size_t b = sp.open_start;
  while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t')) --b;
  if (b > 0 && text[b - 1] != '\n') return false;
  std::size_t e = sp.close_end;
  while (e < text.size() && (text[e] == ' ' || text[e] == '\t' || text[e] == '.' || text[e] == '\r')) ++e;
  return e == text.size() || text[e] == '\n';
}

// The article's headline when its text opens with it (the title line, as some feeds give the
// body): the length of that first line, else 0. Headlines quote words out of context.
std::size_t headline_length(std::string_view text, std::string_view title) {
  // Compared without spaces at the ends and without periods: feeds add one to close the line,
  // inside a closing quotation mark too ("… clip of 'The 411.'").
  auto key = [](std::string_view s) {
    while (!s.empty() && is_space_byte(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space_byte(s.back())) s.remove_suffix(1);
    std::string k;
    for (char c : s) if (c != '.') k += c;
    return k;
  };
  std::string want = key(title);
  if (want.empty()) return 0;
  std::size_t line_end = text.find('\n');
  if (line_end == std::string_view::npos || line_end > title.size() + 16) return 0;  // a one-line text is all body
  if (key(text.substr(0, line_end)) != want) return 0;
  return line_end;
}

}  // namespace

namespace {

// The model's choice among a quotation's candidates: the most probable, if probable enough.
// The model's choice among a quotation's candidates. Which mention names the speaker and whom a
// pronoun stands for are learnt apart: a candidate scores its mention's probability times, for a
// pronoun, the probability that it stands for this person, so that what makes a good antecedent
// cannot make a pronoun outweigh the name a cue points at. (Normalising a pronoun's options by the
// best of them was tried: wikinews-train 0.756 -> 0.749, polnear-train 0.937 -> 0.929, both CV.)
int choose(std::vector<Candidate>& cands, const SpeakerModel& model) {
  int best = -1;
  for (std::size_t k = 0; k < cands.size(); ++k) {
    Candidate& c = cands[k];
    if (k > 0 && cands[k - 1].mention_id == c.mention_id) c.mention_score = cands[k - 1].mention_score;
    else c.mention_score = model.probability(c.features);
    c.ante_score = c.ante.keys().empty() ? 1.0 : model.probability(c.ante);
    c.score = c.mention_score * c.ante_score;
    if (best < 0 || c.score > cands[static_cast<std::size_t>(best)].score) best = static_cast<int>(k);
  }
  if (best >= 0 && cands[static_cast<std::size_t>(best)].score < model.threshold()) best = -1;
  return best;
}

// The words that name the chosen speaker at the quotation: when a cue word of the quotation's own
// points at another mention of the same speaker ("Liz Evenson arrived. "It works," she said."),
// that mention, with its cue.
const Candidate& words_here(const std::vector<Candidate>& cands, const Candidate& best) {
  if (best.speaker.empty() || !best.cue.empty()) return best;
  const Candidate* here = &best;
  for (const auto& c : cands)
    if (!c.cue.empty() && c.speaker == best.speaker && c.entity == best.entity &&
        (here->cue.empty() || c.mention_score > here->mention_score))
      here = &c;
  return *here;
}

CandidateRecord record_of(const Candidate& c) {
  CandidateRecord r;
  r.speaker = c.speaker;
  r.kind = to_string(c.kind);
  r.how = resolution_name(c.how);
  r.mention_text = c.mention.mention;
  r.probability = c.score;
  r.mention = c.mention_id;
  r.features = c.features.names();
  r.ante = c.ante.names();
  return r;
}

}  // namespace

std::vector<Quote> extract_quotes(const Article& article, const ExtractOptions& options) {
  const std::string_view text = article.text;
  std::vector<QuoteSpan> spans = find_quote_spans(text);
  if (spans.empty()) return {};
  std::vector<Token> toks = tokenize(text, spans);
  std::vector<std::size_t> span_token(spans.size(), SIZE_MAX);
  for (std::size_t i = 0; i < toks.size(); ++i)
    if (toks[i].type == Token::Type::quote) span_token[toks[i].quote] = i;
  const ArticleTokens at_toks(text, toks, spans);
  MentionParser parser(at_toks);
  const EntityRegistry registry(at_toks, parser);
  parser.know(&registry);
  const CueProposer cues(at_toks, parser);
  const CandidateFinder finder(at_toks, parser, registry, cues, options.candidates != nullptr);
  const SpeakerModel& model = options.model ? *options.model : SpeakerModel::builtin();

  std::vector<Quote> out;
  Attribution prev_attr;
  bool have_prev = false;
  PreviousSpeaker previous;  // the last quotation with a speaker
  bool have_previous = false;
  int prev_paragraph = -10;
  std::size_t prev_token = 0;
  int group = 0;
  static const std::vector<Token> no_tokens;
  ParagraphBounds paragraphs{text};
  const std::size_t headline_end = headline_length(text, article.title);

  for (std::size_t si = 0; si < spans.size(); ++si) {
    const QuoteSpan& sp = spans[si];
    std::size_t qt = span_token[si];
    if (qt == SIZE_MAX) continue;
    // Quoted words in a headline are not a quotation, but who the headline quotes may speak on.
    const bool in_headline = sp.open_start < headline_end;
    std::size_t ts = sp.text_start, te = sp.text_end;
    while (ts < te && is_space_byte(text[ts])) ++ts;
    while (te > ts && is_space_byte(text[te - 1])) --te;
    if (ts >= te) continue;
    Shape sh = shape_of(no_tokens, text, ts, te);
    if (!sh.has_letters) continue;

    const Token* prev = nullptr;
    const Token* prev2 = nullptr;
    const Token* next = nullptr;
    if (qt > 0 && toks[qt - 1].type != Token::Type::newline) prev = &toks[qt - 1];
    if (prev && qt > 1 && toks[qt - 2].type != Token::Type::newline) prev2 = &toks[qt - 2];
    if (qt + 1 < toks.size() && toks[qt + 1].type != Token::Type::newline) next = &toks[qt + 1];
    bool at_sentence_start = !prev || toks[qt - 1].sentence != toks[qt].sentence;
    bool after_colon = prev && (prev->text == ":");
    bool after_cue_comma = prev && prev->text == "," && prev2 && prev2->type == Token::Type::word &&
                           (lexicon::speech_verb(prev2->lower) || lexicon::speech_verb_base(prev2->lower));
    bool after_dash = prev && is_dash(*prev);
    bool after_quote_cue = false;  // `"A," she said, "B."`
    if (prev && prev->text == ",") {
      for (std::size_t k = qt - 1; k-- > 0 && qt - k < 16;) {
        if (toks[k].type == Token::Type::quote) { after_quote_cue = true; break; }
        if (toks[k].type == Token::Type::newline || toks[k].text == ".") break;
      }
    }
    bool after_verb = prev && prev->type == Token::Type::word && lexicon::speech_verb(prev->lower);
    bool starts_clause = at_sentence_start || after_colon || after_cue_comma || after_dash || after_quote_cue;
    bool cue_in_sentence = at_toks.sentence_has_cue(qt);

    // Titles, nicknames, terms and scare quotes.
    bool title_case = sh.content_words > 0 && sh.cap_words * 10 >= sh.content_words * 7 && sh.words <= 10;
    bool prev_title_cue = prev && prev->type == Token::Type::word && lexicon::title_cue(prev->lower);
    bool prev2_title_cue = prev2 && prev2->type == Token::Type::word && lexicon::title_cue(prev2->lower) &&
                           prev && (prev->lower == "as" || prev->lower == "the" || prev->lower == ",");
    bool nickname = prev && next && prev->type == Token::Type::word && prev->cap && next->type == Token::Type::word &&
                    next->cap && sh.words <= 3 && !sh.ends_punct;
    if (nickname) continue;
    // "a process called "exfiltration."": a name given, not words said (a long or exclaimed
    // quotation after "called" is still speech).
    bool named = prev && prev->type == Token::Type::word &&
                 (prev->lower == "called" || prev->lower == "named" || prev->lower == "termed" || prev->lower == "dubbed");
    if (named && sh.words < 5) continue;
    if ((prev_title_cue || prev2_title_cue) && (title_case || !sh.ends_punct) && sh.words <= 12 && !named) {
      continue;
    }
    // "termed Brexit for "British exit"": a gloss of a term
    // "lissoirs, which means "smoother"": a translation
    if (prev && (prev->lower == "means" || prev->lower == "meaning" || prev->lower == "translates") && sh.words <= 4) continue;
    if (prev && prev->lower == "for" && sh.words <= 4) {
      bool naming = false;
      for (std::size_t k = qt - 1; k-- > 0 && qt - k <= 5;)
        if (toks[k].lower == "termed" || toks[k].lower == "called" || toks[k].lower == "named" || toks[k].lower == "stands" ||
            toks[k].lower == "short" || toks[k].lower == "means" || toks[k].lower == "meaning")
          naming = true;
      if (naming) continue;
    }
    // "her "kuffar" (non-Muslim) parents": a foreign word with its translation
    if (sh.words == 1 && next && next->text == "(") continue;
    bool kind_partial = !starts_clause && !sp.multi_paragraph;
    if (kind_partial && after_verb && sh.starts_upper) kind_partial = false;

    CandidateList found = finder.find(qt, have_previous ? &previous : nullptr);
    std::vector<Candidate>& cands = found.candidates;
    const bool has_cue = found.cue;
    if (starts_clause || sp.multi_paragraph) {
      // A full quotation: a sentence or more. Short capitalised ones with nothing said are titles.
      if (!has_cue && title_case && !sh.ends_punct && sh.words <= 8) continue;
      // A short capitalised quotation that is a line of its own is a section heading ("'All Bets Are Off.'").
      // (a speaker carried over from the sentence before, with no cue word, does not make it speech)
      // ("Where?", "Run!" on a line of their own are dialogue)
      if (!found.cue_word && title_case && sh.words >= 2 && sh.words <= 8 && whole_line(text, sp) &&
          text[te - 1] != '?' && text[te - 1] != '!')
        continue;
      if (!has_cue && sh.words <= 2 && !sh.ends_punct) continue;
    } else {
      // Embedded: a partial quotation only when someone is said to have said it.
      // (a title keeps the comma American style puts inside the marks: the series "Mercy Street," which)
      if (title_case && !has_cue && (!sh.ends_punct || (sh.ends_comma && sh.words <= 6))) continue;
      if (!cue_in_sentence && !has_cue) {
        if (sh.words < 6) continue;
      }
      if (title_case && sh.words <= 6 && !after_verb && !(prev && prev->lower == "called")) continue;
    }

    int paragraph = toks[qt].paragraph;
    const int chosen = choose(cands, model);
    Attribution at;
    if (chosen >= 0) {
      const Candidate& best = cands[static_cast<std::size_t>(chosen)];
      at = describe_speaker(words_here(cands, best), qt, at_toks, registry);
      at.confidence = best.score;
    }
    at.has_cue = has_cue;

    // Split quotations `"A," she said, "B."` share a group.
    bool same_group = false;
    if (have_prev && paragraph == prev_paragraph && qt - prev_token <= 16 && !out.empty()) {
      same_group = true;
      for (std::size_t k = prev_token + 1; k < qt; ++k)
        if (toks[k].text == "." || toks[k].type == Token::Type::newline) same_group = false;
      if (same_group && at.has_cue && !prev_attr.speaker.empty() && at.speaker != prev_attr.speaker) same_group = false;
    }
    if (!at.speaker.empty()) {
      previous = PreviousSpeaker{at.speaker, at.role, at.affiliation, at.mention, at.kind, at.former, at.entity, qt, has_cue};
      have_previous = true;
    }
    if (in_headline) {
      prev_attr = at;
      have_prev = !at.speaker.empty();
      prev_paragraph = paragraph;
      prev_token = qt;
      continue;
    }
    if (!same_group) ++group;

    Quote qo;
    qo.doc_id = article.id;
    qo.quote_id = article.id + "#" + std::to_string(out.size() + 1);
    qo.byte_start = ts;
    qo.byte_end = te;
    qo.text = std::string(text.substr(ts, te - ts));
    qo.mark_start = sp.open_start;
    qo.mark_end = sp.close_end;
    qo.speaker = at.speaker;
    qo.speaker_mention = at.mention;
    qo.speaker_kind = at.speaker.empty() ? SpeakerKind::unknown : at.kind;
    qo.role = at.role;
    qo.affiliation = at.affiliation;
    qo.former = at.former;
    qo.cue = at.cue;
    qo.kind = kind_partial ? QuoteKind::partial : QuoteKind::full;
    qo.group = group;
    qo.confidence = at.speaker.empty() ? 0.0 : at.confidence;
    qo.alterations = find_alterations(text, ts, te);
    qo.paragraph_start = paragraphs.start(sp.open_start);
    qo.paragraph_end = paragraphs.end(sp.close_end);
    if (options.candidates) {
      QuoteCandidates qc;
      qc.quote = out.size();
      qc.chosen = chosen;
      for (const auto& c : cands) qc.candidates.push_back(record_of(c));
      options.candidates->push_back(std::move(qc));
    }
    out.push_back(std::move(qo));

    prev_attr = at;
    have_prev = true;
    prev_paragraph = paragraph;
    prev_token = qt;
  }
  return out;
}

}  // namespace whosaid
