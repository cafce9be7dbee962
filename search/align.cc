#include "align.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>
#include <unicode/uchar.h>

#include "utf8.h"

namespace whosaid {

namespace {

bool is_apostrophe(char32_t c) { return c == U'\'' || c == U'\u2019' || c == U'\u2018' || c == U'\u02BC'; }
bool is_word_char(char32_t c) { return u_isalnum(static_cast<UChar32>(c)) || u_charType(c) == U_NON_SPACING_MARK; }
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

char32_t peek(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  return utf8::next(s, i);
}

std::string normalise_word(std::string_view w) {
  bool ascii = std::all_of(w.begin(), w.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::string out;
  if (ascii) {
    out.reserve(w.size());
    for (char c : w) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
  }
  std::string folded = utf8::fold_diacritics(utf8::to_lower(w));
  // Curly apostrophes are straight ones.
  for (std::size_t i = 0; i < folded.size();) {
    std::size_t at = i;
    char32_t c = utf8::next(folded, i);
    if (is_apostrophe(c)) out += '\'';
    else out.append(folded, at, i - at);
  }
  return out;
}

// A run of three or more dots (". . ." too) starting at i: its end, else i.
std::size_t dots_end(std::string_view s, std::size_t i) {
  std::size_t j = i, dots = 0, end = i;
  while (j < s.size() && (s[j] == '.' || s[j] == ' ')) {
    if (s[j] == '.') {
      ++dots;
      end = j + 1;
    } else if (j + 1 < s.size() && s[j + 1] != '.') {
      break;
    }
    ++j;
  }
  return dots >= 3 ? end : i;
}

// Integer costs (quarter words): substituting a claim word for an editor's bracketed word is
// cheaper than for a speaker's word; leaving an editor's word out is nearly free (but matching it
// is preferred: "[with]" is the word the claim's "with" stands for).
constexpr int kUnit = 4;
constexpr int kSub = 4, kSubEditorial = 2, kIns = 4, kDel = 4, kDelEditorial = 1;
constexpr int kInf = std::numeric_limits<int>::max() / 4;

enum Move : unsigned char { none, diag, up_source, up_claim };

struct Table {
  std::size_t n, m;
  std::vector<int> cost;
  std::vector<unsigned char> move;
  int& at(std::size_t i, std::size_t j) { return cost[i * (m + 1) + j]; }
  unsigned char& mv(std::size_t i, std::size_t j) { return move[i * (m + 1) + j]; }
};

bool is_word(const Word& w) { return w.kind != Word::Kind::ellipsis; }

// The cost of moving diagonally: claim token c against source token s (kInf when not allowed).
int diag_cost(const Word& c, const Word& s) {
  if (c.kind == Word::Kind::ellipsis) return 0;  // elides s, or meets the source's own ellipsis
  if (s.kind == Word::Kind::ellipsis) return kInf;
  if (c.norm == s.norm) return 0;
  return s.kind == Word::Kind::editorial ? kSubEditorial : kSub;
}

int remove_cost(const Word& s, const Word* claim_prev) {
  if (claim_prev && claim_prev->kind == Word::Kind::ellipsis) return 0;  // the claim's "..." stands for it
  if (s.kind == Word::Kind::editorial) return kDelEditorial;
  if (s.kind == Word::Kind::ellipsis) return 0;
  return kDel;
}

int insert_cost(const Word& c) { return c.kind == Word::Kind::ellipsis ? 0 : kIns; }

Table fill(const std::vector<Word>& claim, const std::vector<Word>& source) {
  Table t{claim.size(), source.size(), {}, {}};
  t.cost.assign((t.n + 1) * (t.m + 1), kInf);
  t.move.assign((t.n + 1) * (t.m + 1), none);
  for (std::size_t j = 0; j <= t.m; ++j) t.at(0, j) = 0;  // free start anywhere in the source
  for (std::size_t i = 1; i <= t.n; ++i) {
    const Word& c = claim[i - 1];
    t.at(i, 0) = t.at(i - 1, 0) + insert_cost(c);
    t.mv(i, 0) = up_claim;
    for (std::size_t j = 1; j <= t.m; ++j) {
      const Word& s = source[j - 1];
      int best = kInf;
      unsigned char mv = none;
      if (int d = diag_cost(c, s); d < kInf && t.at(i - 1, j - 1) + d < best) {
        best = t.at(i - 1, j - 1) + d;
        mv = diag;
      }
      if (int d = t.at(i, j - 1) + remove_cost(s, &c); d < best) {
        best = d;
        mv = up_source;
      }
      if (int d = t.at(i - 1, j) + insert_cost(c); d < best) {
        best = d;
        mv = up_claim;
      }
      t.at(i, j) = best;
      t.mv(i, j) = mv;
    }
  }
  return t;
}

std::vector<double> last_row_minima(const Table& t0) {
  Table& t = const_cast<Table&>(t0);
  std::vector<double> out(t.n + 1);
  for (std::size_t i = 0; i <= t.n; ++i) {
    int best = kInf;
    for (std::size_t j = 0; j <= t.m; ++j) best = std::min(best, t.at(i, j));
    out[i] = double(best) / kUnit;
  }
  return out;
}

std::string join_span(const std::vector<Word>& words, std::string_view text, const std::vector<int>& idx) {
  if (idx.empty()) return "";
  std::size_t b = words[idx.front()].start, e = words[idx.back()].end;
  // Editorial words keep their brackets.
  if (b > 0 && text[b - 1] == '[') --b;
  if (e < text.size() && text[e] == ']') ++e;
  return std::string(text.substr(b, e - b));
}

std::string join_words(const std::vector<Word>& words, std::string_view text, const std::vector<int>& idx) {
  std::string out;
  for (int k : idx) {
    if (!out.empty()) out += ' ';
    out += text.substr(words[k].start, words[k].end - words[k].start);
  }
  return out;
}

enum class Group { plain, change, editorial, elide, claim_mark };

Group group_of(const AlignOp& op, const std::vector<Word>& claim) {
  switch (op.kind) {
    case AlignOp::Kind::match: return Group::plain;
    case AlignOp::Kind::substitute:
    case AlignOp::Kind::insert:
    case AlignOp::Kind::remove: return Group::change;
    case AlignOp::Kind::editorial: return Group::editorial;
    case AlignOp::Kind::elide: return Group::elide;
    case AlignOp::Kind::skip:
      return (op.claim >= 0 && op.source < 0 && claim[op.claim].kind == Word::Kind::ellipsis) ? Group::claim_mark
                                                                                             : Group::plain;
  }
  return Group::plain;
}

struct Run {
  Group group;
  std::vector<int> claim, source;
};

std::vector<Run> runs_of(const Alignment& a, const std::vector<Word>& claim) {
  std::vector<Run> runs;
  for (const auto& op : a.ops) {
    Group g = group_of(op, claim);
    if (runs.empty() || runs.back().group != g) runs.push_back({g, {}, {}});
    if (op.claim >= 0) runs.back().claim.push_back(op.claim);
    if (op.source >= 0) runs.back().source.push_back(op.source);
  }
  return runs;
}

}  // namespace

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> out;
  bool in_bracket = false;
  std::size_t bracket_first = 0;  // first token inside the current bracket
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t at = i;
    if (text[i] == '.') {
      if (std::size_t e = dots_end(text, i); e > i) {
        out.push_back({"...", at, e, Word::Kind::ellipsis});
        i = e;
        continue;
      }
    }
    char32_t c = utf8::next(text, i);
    if (c == U'\u2026') {
      out.push_back({"...", at, i, Word::Kind::ellipsis});
      continue;
    }
    if (c == U'[') {
      in_bracket = true;
      bracket_first = out.size();
      continue;
    }
    if (c == U']') {
      if (in_bracket) {
        // "[...]" is a cut, like a bare ellipsis: not an editor's word.
        bool only_ellipsis = out.size() > bracket_first;
        for (std::size_t k = bracket_first; k < out.size(); ++k)
          only_ellipsis = only_ellipsis && out[k].kind == Word::Kind::ellipsis;
        if (!only_ellipsis)
          for (std::size_t k = bracket_first; k < out.size(); ++k)
            if (out[k].kind == Word::Kind::word) out[k].kind = Word::Kind::editorial;
      }
      in_bracket = false;
      continue;
    }
    if (!is_word_char(c)) continue;
    // A word: letters and digits, apostrophes inside it, '.' and ',' between digits.
    std::size_t end = i;
    char32_t last = c;
    while (end < text.size()) {
      std::size_t next = end;
      char32_t d = utf8::next(text, next);
      if (is_word_char(d)) {
        last = d;
        end = next;
        continue;
      }
      char32_t after = peek(text, next);
      if (is_apostrophe(d) && is_word_char(after)) {
        end = next;
        continue;
      }
      if ((d == U'.' || d == U',') && is_digit(last) && is_digit(after)) {
        end = next;
        continue;
      }
      break;
    }
    out.push_back({normalise_word(text.substr(at, end - at)), at, end, Word::Kind::word});
    i = end;
  }
  return out;
}

std::size_t count_words(const std::vector<Word>& words) {
  return static_cast<std::size_t>(std::count_if(words.begin(), words.end(), is_word));
}

bool Difference::alters() const {
  return kind == "substitution" || kind == "insertion" || kind == "deletion" || kind == "splice";
}

Alignment align(const std::vector<Word>& claim, const std::vector<Word>& source) {
  Table t = fill(claim, source);
  Alignment a;
  a.claim_words = count_words(claim);
  a.source_words = count_words(source);
  // Free end: the cheapest cell of the last row; of equals the rightmost, so that a changed last
  // word is a substitution of the source's next word rather than an insertion.
  std::size_t end = 0;
  for (std::size_t j = 1; j <= t.m; ++j)
    if (t.at(t.n, j) <= t.at(t.n, end)) end = j;
  a.cost = double(t.at(t.n, end)) / kUnit;
  std::size_t i = t.n, j = end;
  while (i > 0) {
    unsigned char mv = t.mv(i, j);
    if (mv == diag) {
      const Word& c = claim[i - 1];
      const Word& s = source[j - 1];
      AlignOp op{AlignOp::Kind::match, static_cast<int>(i - 1), static_cast<int>(j - 1)};
      if (c.kind == Word::Kind::ellipsis) op.kind = s.kind == Word::Kind::ellipsis ? AlignOp::Kind::skip : AlignOp::Kind::elide;
      else if (c.norm != s.norm) op.kind = s.kind == Word::Kind::editorial ? AlignOp::Kind::editorial : AlignOp::Kind::substitute;
      a.ops.push_back(op);
      --i;
      --j;
    } else if (mv == up_source) {
      const Word& s = source[j - 1];
      AlignOp::Kind k = claim[i - 1].kind == Word::Kind::ellipsis ? AlignOp::Kind::elide
                        : s.kind == Word::Kind::editorial       ? AlignOp::Kind::editorial
                        : s.kind == Word::Kind::ellipsis        ? AlignOp::Kind::skip
                                                                : AlignOp::Kind::remove;
      a.ops.push_back({k, -1, static_cast<int>(j - 1)});
      --j;
    } else {
      const Word& c = claim[i - 1];
      a.ops.push_back({c.kind == Word::Kind::ellipsis ? AlignOp::Kind::skip : AlignOp::Kind::insert,
                       static_cast<int>(i - 1), -1});
      --i;
    }
  }
  std::reverse(a.ops.begin(), a.ops.end());
  int first = -1, last = -1;
  for (const auto& op : a.ops) {
    if (op.source >= 0) {
      if (first < 0) first = op.source;
      last = op.source;
    }
    const Word* s = op.source >= 0 ? &source[op.source] : nullptr;
    switch (op.kind) {
      case AlignOp::Kind::match:
        ++a.matched;
        ++a.span_words;
        break;
      case AlignOp::Kind::substitute:
      case AlignOp::Kind::remove:
        if (s && s->kind == Word::Kind::word) ++a.span_words;
        break;
      default: break;
    }
  }
  if (first < 0) {
    a.before = a.source_words;
  } else {
    for (int k = 0; k < first; ++k) a.before += is_word(source[k]) ? 1 : 0;
    for (std::size_t k = static_cast<std::size_t>(last) + 1; k < source.size(); ++k) a.after += is_word(source[k]) ? 1 : 0;
  }
  std::size_t denom = a.claim_words + a.span_words;
  a.similarity = denom ? 2.0 * double(a.matched) / double(denom) : 0;
  return a;
}

std::vector<double> prefix_costs(const std::vector<Word>& claim, const std::vector<Word>& source) {
  return last_row_minima(fill(claim, source));
}

std::vector<double> suffix_costs(const std::vector<Word>& claim, const std::vector<Word>& source) {
  std::vector<Word> rc(claim.rbegin(), claim.rend()), rs(source.rbegin(), source.rend());
  std::vector<double> rev = last_row_minima(fill(rc, rs));
  std::vector<double> out(claim.size() + 1);
  for (std::size_t k = 0; k <= claim.size(); ++k) out[k] = rev[claim.size() - k];
  return out;
}

std::vector<Difference> differences(const Alignment& a, const std::vector<Word>& claim, std::string_view claim_text,
                                    const std::vector<Word>& source, std::string_view source_text) {
  std::vector<Difference> out;
  auto truncation = [&](std::size_t words, bool at_start, std::vector<int> idx) {
    Difference d;
    d.kind = "truncation";
    d.source = join_span(source, source_text, idx);
    d.claim_word = at_start ? 0 : -1;
    d.note = fmt::format("the claim leaves out {} word{} at the {} of the quotation", words, words == 1 ? "" : "s",
                         at_start ? "start" : "end");
    out.push_back(std::move(d));
  };
  int first = -1, last = -1;
  for (const auto& op : a.ops)
    if (op.source >= 0) {
      if (first < 0) first = op.source;
      last = op.source;
    }
  if (a.before > 0) {
    std::vector<int> idx;
    for (int k = 0; k < (first < 0 ? static_cast<int>(source.size()) : first); ++k) idx.push_back(k);
    truncation(a.before, true, idx);
  }
  for (const auto& r : runs_of(a, claim)) {
    if (r.group == Group::plain) continue;
    Difference d;
    d.claim = r.group == Group::claim_mark ? join_words(claim, claim_text, r.claim) : join_span(claim, claim_text, r.claim);
    d.source = join_span(source, source_text, r.source);
    d.claim_word = r.claim.empty() ? -1 : r.claim.front();
    std::size_t ns = r.source.size();
    switch (r.group) {
      case Group::change:
        if (r.claim.empty()) {
          d.kind = "deletion";
          d.note = fmt::format("the claim leaves out {} word{} of the quotation", ns, ns == 1 ? "" : "s");
        } else if (r.source.empty()) {
          d.kind = "insertion";
          d.note = fmt::format("the claim adds {} word{}", r.claim.size(), r.claim.size() == 1 ? "" : "s");
        } else {
          d.kind = "substitution";
          d.note = fmt::format("the claim says \"{}\" where the quotation says \"{}\"", d.claim, d.source);
        }
        break;
      case Group::editorial:
        d.kind = "editorial";
        d.note = r.claim.empty() ? "the quotation's bracketed words are an editor's, not the speaker's"
                                 : "the claim has its own words where the quotation has an editor's bracketed ones";
        break;
      case Group::elide:
        d.kind = "editorial";
        d.claim = "...";
        d.note = fmt::format("the claim's ellipsis stands for {} word{} of the quotation", ns, ns == 1 ? "" : "s");
        break;
      case Group::claim_mark:
        d.kind = "editorial";
        d.note = "the claim's ellipsis stands for nothing left out";
        break;
      case Group::plain: break;
    }
    out.push_back(std::move(d));
  }
  if (a.after > 0 && last >= 0) {
    std::vector<int> idx;
    for (int k = last + 1; k < static_cast<int>(source.size()); ++k) idx.push_back(k);
    truncation(a.after, false, idx);
  }
  return out;
}

std::string inline_diff(const Alignment& a, const std::vector<Word>& claim, std::string_view claim_text,
                        const std::vector<Word>& source, std::string_view source_text) {
  std::string out;
  if (a.before > 0) out += fmt::format("[... {} word{}] ", a.before, a.before == 1 ? "" : "s");
  int prev_source = -1;  // last source token shown
  for (const auto& r : runs_of(a, claim)) {
    std::string piece;
    std::string src = join_span(source, source_text, r.source);
    std::string cl = join_words(claim, claim_text, r.claim);
    switch (r.group) {
      case Group::plain: piece = src.empty() ? cl : src; break;
      case Group::editorial:
        piece = r.claim.empty() ? src : "[-" + src + "-]{+" + cl + "+}";
        break;
      case Group::change:
        if (!src.empty()) piece += "[-" + src + "-]";
        if (!cl.empty()) piece += "{+" + cl + "+}";
        break;
      case Group::elide: piece = "[-" + src + "-]{+" + cl + "+}"; break;
      case Group::claim_mark: piece = "{+" + cl + "+}"; break;
    }
    if (piece.empty()) continue;
    if (!out.empty() && out.back() != ' ') {
      // Keep the source's punctuation between two shown source words.
      if (!r.source.empty() && prev_source >= 0 && r.source.front() == prev_source + 1) {
        std::size_t b = source[prev_source].end, e = source[r.source.front()].start;
        if (b < source_text.size() && source_text[b] == ']') ++b;
        if (e > b && source_text[e - 1] == '[') --e;
        std::string between(source_text.substr(b, e > b ? e - b : 0));
        out += between.empty() ? " " : between;
      } else {
        out += ' ';
      }
    }
    out += piece;
    if (!r.source.empty()) prev_source = r.source.back();
  }
  if (a.after > 0) out += fmt::format(" [... {} word{}]", a.after, a.after == 1 ? "" : "s");
  return out;
}

}  // namespace whosaid
