#include "align.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>
#include <unicode/uchar.h>

#include "utf8.h"

namespace whosaid {

namespace {

bool is_apostrophe(char32_t c) { return c == U'\'' || c == U'\u2019' || c == U'\u2018' || c == U'\u02BC'; }
bool is_word_char(char32_t c) {
  auto type = u_charType(static_cast<UChar32>(c));
  return u_isalnum(static_cast<UChar32>(c)) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}
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

// "[w]" at i, its letters part of a word: only word characters inside, and a word character right
// before the "[" or right after the "]". Its end (past "]"), else i.
std::size_t in_word_bracket(std::string_view s, std::size_t i) {
  if (i >= s.size() || s[i] != '[') return i;
  std::size_t j = i + 1, letters = 0;
  while (j < s.size() && s[j] != ']') {
    char32_t c = utf8::next(s, j);
    if (!is_word_char(c) && !(is_apostrophe(c) && letters > 0)) return i;
    ++letters;
  }
  if (j >= s.size() || letters == 0 || letters > 3) return i;
  std::size_t end = j + 1;
  bool before = false;
  if (i > 0) {
    std::size_t k = i - 1;
    while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    std::size_t kk = k;
    before = is_word_char(utf8::next(s, kk));
  }
  bool after = end < s.size() && is_word_char(peek(s, end));
  return (before || after) ? end : i;
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

// Integer costs, in sixteenths of an edit. An editor's bracketed word costs a sixteenth to leave
// out (nothing the speaker said is lost, but matching it is preferred: "[with]" is the word the
// claim's "with" stands for).
constexpr int kUnit = 16;
constexpr int kSub = 16, kInflect = 4, kIns = 16, kGapOpen = 16, kGapExtend = 0, kSkipEditorial = 1;
constexpr int kInf = std::numeric_limits<int>::max() / 4;

// H: the cheapest alignment of claim[0, i) with source[.., j) ending anywhere; G: the same, ending
// inside an omission (the last source word left out), so that extending it costs kGapExtend.
enum HMove : unsigned char { h_none, h_diag, h_insert, h_skip, h_gap };
enum GMove : unsigned char { g_none, g_open, g_extend };

struct Table {
  std::size_t n, m;
  std::vector<int> h, g;
  std::vector<unsigned char> hm, gm;
  std::size_t at(std::size_t i, std::size_t j) const { return i * (m + 1) + j; }
};

bool is_word(const Word& w) { return w.kind != Word::Kind::ellipsis; }

// Between source tokens j-1 and j, both an editor's ("[Typhoon Phanfone is]", "[...ऐसे]").
bool inside_bracket(const std::vector<Word>& source, std::size_t j) {
  if (j == 0 || j >= source.size()) return false;
  const Word& a = source[j - 1];
  const Word& b = source[j];
  return a.kind != Word::Kind::word && b.kind != Word::Kind::word &&
         (a.kind == Word::Kind::editorial || b.kind == Word::Kind::editorial);
}

// The cost of moving diagonally: claim token c against source token s (kInf when not allowed).
int diag_cost(const Word& c, const Word& s) {
  if (c.kind == Word::Kind::ellipsis) return 0;  // elides s, or meets the source's own ellipsis
  if (s.kind == Word::Kind::ellipsis) return kInf;
  if (c.norm == s.norm) return 0;  // a bracketed word too: the claim has the word the editor restored
  return inflection(c.norm, s.norm) ? kInflect : kSub;
}

// Leaving source token s out without opening an omission (kInf: it would be one): under the
// claim's ellipsis, a source ellipsis, an editor's word.
int free_skip_cost(const Word& s, const Word* claim_prev) {
  if (claim_prev && claim_prev->kind == Word::Kind::ellipsis) return 0;
  if (s.kind == Word::Kind::ellipsis) return 0;
  if (s.kind == Word::Kind::editorial) return kSkipEditorial;
  return kInf;
}

int insert_cost(const Word& c) { return c.kind == Word::Kind::ellipsis ? 0 : kIns; }

Table fill(const std::vector<Word>& claim, const std::vector<Word>& source) {
  Table t{claim.size(), source.size(), {}, {}, {}, {}};
  std::size_t cells = (t.n + 1) * (t.m + 1);
  t.h.assign(cells, kInf);
  t.g.assign(cells, kInf);
  t.hm.assign(cells, h_none);
  t.gm.assign(cells, g_none);
  // Free start anywhere in the source but inside an editor's bracket: its words go together.
  for (std::size_t j = 0; j <= t.m; ++j) t.h[t.at(0, j)] = inside_bracket(source, j) ? kInf : 0;
  for (std::size_t i = 1; i <= t.n; ++i) {
    const Word& c = claim[i - 1];
    t.h[t.at(i, 0)] = t.h[t.at(i - 1, 0)] + insert_cost(c);
    t.hm[t.at(i, 0)] = h_insert;
    for (std::size_t j = 1; j <= t.m; ++j) {
      const Word& s = source[j - 1];
      std::size_t here = t.at(i, j), left = t.at(i, j - 1);
      // Inside an omission: a speaker's word opens or extends it; bracketed words and the
      // source's ellipses inside it are part of it at no cost.
      if (c.kind != Word::Kind::ellipsis) {
        if (s.kind == Word::Kind::word) {
          int open = t.h[left] < kInf ? t.h[left] + kGapOpen : kInf;
          int extend = t.g[left] < kInf ? t.g[left] + kGapExtend : kInf;
          if (open <= extend) {
            t.g[here] = open;
            t.gm[here] = open < kInf ? g_open : g_none;
          } else {
            t.g[here] = extend;
            t.gm[here] = g_extend;
          }
        } else if (t.g[left] < kInf) {
          t.g[here] = t.g[left];
          t.gm[here] = g_extend;
        }
      }
      int best = kInf;
      unsigned char mv = h_none;
      if (int d = diag_cost(c, s); d < kInf && t.h[t.at(i - 1, j - 1)] < kInf && t.h[t.at(i - 1, j - 1)] + d < best) {
        best = t.h[t.at(i - 1, j - 1)] + d;
        mv = h_diag;
      }
      // A source's ellipsis is passed over after an insertion ties with it, so that a claim's
      // "..." meets the source's own rather than standing for nothing beside it.
      bool source_ellipsis = s.kind == Word::Kind::ellipsis && c.kind != Word::Kind::ellipsis;
      int skip = free_skip_cost(s, &c);
      if (!source_ellipsis && skip < kInf && t.h[left] < kInf && t.h[left] + skip < best) {
        best = t.h[left] + skip;
        mv = h_skip;
      }
      if (t.g[here] < best) {
        best = t.g[here];
        mv = h_gap;
      }
      if (int d = t.h[t.at(i - 1, j)] + insert_cost(c); d < best) {
        best = d;
        mv = h_insert;
      }
      if (source_ellipsis && t.h[left] < kInf && t.h[left] + skip < best) {
        best = t.h[left] + skip;
        mv = h_skip;
      }
      t.h[here] = best;
      t.hm[here] = mv;
    }
  }
  return t;
}

std::vector<double> last_row_minima(const Table& t) {
  std::vector<double> out(t.n + 1);
  for (std::size_t i = 0; i <= t.n; ++i) {
    int best = kInf;
    for (std::size_t j = 0; j <= t.m; ++j) best = std::min(best, t.h[t.at(i, j)]);
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

// Runs of the alignment as shown: words in common, changes (substitutions, insertions, omissions
// and the editor's words among them), the claim's ellipsis standing for words, or for nothing.
enum class Group { plain, change, elide, claim_mark };

Group group_of(const AlignOp& op, const std::vector<Word>& claim) {
  switch (op.kind) {
    case AlignOp::Kind::match: return Group::plain;
    case AlignOp::Kind::substitute:
    case AlignOp::Kind::insert:
    case AlignOp::Kind::remove:
    case AlignOp::Kind::editorial: return Group::change;
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

std::vector<Run> runs_of(const Alignment& a, const std::vector<Word>& claim, const std::vector<Word>& source) {
  std::vector<Run> runs;
  std::vector<bool> only_source_ellipses;  // per run
  for (const auto& op : a.ops) {
    Group g = group_of(op, claim);
    bool source_ellipsis = op.kind == AlignOp::Kind::skip && op.claim < 0;
    if (runs.empty() || runs.back().group != g || (g == Group::plain && only_source_ellipses.back() != source_ellipsis)) {
      runs.push_back({g, {}, {}});
      only_source_ellipses.push_back(true);
    }
    only_source_ellipses.back() = only_source_ellipses.back() && source_ellipsis;
    if (op.claim >= 0) runs.back().claim.push_back(op.claim);
    if (op.source >= 0) runs.back().source.push_back(op.source);
  }
  // A source's ellipsis inside an editor's bracket goes with the change of that bracket's words
  // ("[...ऐसे]" replaced).
  std::vector<Run> merged;
  for (std::size_t k = 0; k < runs.size(); ++k) {
    bool ellipses = only_source_ellipses[k] && !runs[k].source.empty();
    if (ellipses && !merged.empty() && merged.back().group == Group::change &&
        inside_bracket(source, static_cast<std::size_t>(runs[k].source.front()))) {
      merged.back().source.insert(merged.back().source.end(), runs[k].source.begin(), runs[k].source.end());
      continue;
    }
    // ... and so does one between two changes: "[-years ago-] ... [-and now-]" is one omission.
    if (ellipses && k + 1 < runs.size() && runs[k + 1].group == Group::change && !merged.empty() &&
        merged.back().group == Group::change) {
      for (const Run* r : {&runs[k], &runs[k + 1]}) {
        merged.back().claim.insert(merged.back().claim.end(), r->claim.begin(), r->claim.end());
        merged.back().source.insert(merged.back().source.end(), r->source.begin(), r->source.end());
      }
      ++k;
      continue;
    }
    if (ellipses && k + 1 < runs.size() && runs[k + 1].group == Group::change &&
        inside_bracket(source, static_cast<std::size_t>(runs[k].source.back()) + 1)) {
      runs[k + 1].source.insert(runs[k + 1].source.begin(), runs[k].source.begin(), runs[k].source.end());
      continue;
    }
    merged.push_back(std::move(runs[k]));
  }
  return merged;
}

bool all_editorial(const std::vector<Word>& words, const std::vector<int>& idx) {
  return std::all_of(idx.begin(), idx.end(), [&](int k) { return words[k].kind != Word::Kind::word; });
}

std::size_t speaker_words(const std::vector<Word>& words, const std::vector<int>& idx) {
  return static_cast<std::size_t>(
      std::count_if(idx.begin(), idx.end(), [&](int k) { return words[k].kind == Word::Kind::word; }));
}

// The source's nearest word from k on, stepping by `step` (-1 before a run, +1 after it), as
// written; "" at either end.
std::string word_at(const std::vector<Word>& words, std::string_view text, int k, int step) {
  while (k >= 0 && k < static_cast<int>(words.size()) && words[k].kind == Word::Kind::ellipsis) k += step;
  if (k < 0 || k >= static_cast<int>(words.size())) return "";
  return std::string(text.substr(words[k].start, words[k].end - words[k].start));
}

// Claim words added before the first (after the last) source word the claim covers, where the
// source has an editor's bracket right there: the claim's words stand in the bracket's place
// ("zebra like the younger sibling" for "[Typhoon Phanfone is] like the younger sibling"), a
// substitution of the bracket rather than an addition beside it.
void absorb_edge_brackets(std::vector<AlignOp>& ops, const std::vector<Word>& source) {
  auto bracket = [&](int k) { return k >= 0 && k < static_cast<int>(source.size()) && source[k].kind != Word::Kind::word; };
  auto has_editorial = [&](int from, int to) {
    for (int k = from; k < to; ++k)
      if (source[k].kind == Word::Kind::editorial) return true;
    return false;
  };
  std::size_t lead = 0;
  while (lead < ops.size() && ops[lead].kind == AlignOp::Kind::insert) ++lead;
  if (lead > 0 && lead < ops.size() && ops[lead].source >= 0) {
    int s0 = ops[lead].source, g = s0;
    while (bracket(g - 1)) --g;
    if (g < s0 && has_editorial(g, s0)) {
      std::vector<AlignOp> added;
      for (int k = g; k < s0; ++k)
        added.push_back({source[k].kind == Word::Kind::editorial ? AlignOp::Kind::editorial : AlignOp::Kind::skip, -1, k});
      ops.insert(ops.begin(), added.begin(), added.end());
    }
  }
  std::size_t trail = 0;
  while (trail < ops.size() && ops[ops.size() - 1 - trail].kind == AlignOp::Kind::insert) ++trail;
  if (trail > 0 && trail < ops.size() && ops[ops.size() - 1 - trail].source >= 0) {
    int s1 = ops[ops.size() - 1 - trail].source, g = s1;
    while (bracket(g + 1)) ++g;
    if (g > s1 && has_editorial(s1 + 1, g + 1))
      for (int k = s1 + 1; k <= g; ++k)
        ops.push_back({source[k].kind == Word::Kind::editorial ? AlignOp::Kind::editorial : AlignOp::Kind::skip, -1, k});
  }
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
    if (c == U'[' && in_word_bracket(text, at) > at) {
      // "[w]e", "[t]he": the editor changed a letter's case; the word is the speaker's.
      i = at;
      c = U'[';
    } else if (c == U'[') {
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
    if (c != U'[' && !is_word_char(c)) continue;
    // A word: letters and digits, apostrophes inside it, '.' and ',' between digits, an editor's
    // bracketed letters inside it or at its start ("[w]e", "accuse[d]").
    std::size_t end = i;
    char32_t last = c;
    if (c == U'[') end = in_word_bracket(text, at);
    while (end < text.size()) {
      std::size_t next = end;
      char32_t d = utf8::next(text, next);
      if (d == U'[' && is_word_char(last)) {
        if (std::size_t e = in_word_bracket(text, end); e > end) {
          end = e;
          continue;
        }
      }
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
    std::string written(text.substr(at, end - at));
    written.erase(std::remove_if(written.begin(), written.end(), [](char x) { return x == '[' || x == ']'; }),
                  written.end());
    out.push_back({normalise_word(written), at, end, Word::Kind::word});
    i = end;
  }
  return out;
}

std::size_t count_words(const std::vector<Word>& words) {
  return static_cast<std::size_t>(std::count_if(words.begin(), words.end(), is_word));
}

bool Difference::alters() const {
  return kind == "substitution" || kind == "insertion" || kind == "omission" || kind == "splice";
}

bool inflection(std::string_view a, std::string_view b) {
  if (a == b) return false;
  std::size_t p = 0;
  while (p < a.size() && p < b.size() && a[p] == b[p]) ++p;
  std::size_t shorter = std::min(a.size(), b.size()), longer = std::max(a.size(), b.size());
  return p >= 4 && p + 1 >= shorter && longer - p <= 3;
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
    if (!inside_bracket(source, j) && t.h[t.at(t.n, j)] <= t.h[t.at(t.n, end)]) end = j;
  std::size_t i = t.n, j = end;
  bool in_gap = false;
  while (i > 0) {
    if (in_gap) {
      const Word& s = source[j - 1];
      unsigned char mv = t.gm[t.at(i, j)];
      a.ops.push_back({s.kind == Word::Kind::word        ? AlignOp::Kind::remove
                       : s.kind == Word::Kind::editorial ? AlignOp::Kind::editorial
                                                         : AlignOp::Kind::skip,
                       -1, static_cast<int>(j - 1)});
      if (mv == g_open) {
        ++a.omissions;
        in_gap = false;
      }
      --j;
      continue;
    }
    unsigned char mv = t.hm[t.at(i, j)];
    if (mv == h_diag) {
      const Word& c = claim[i - 1];
      const Word& s = source[j - 1];
      AlignOp op{AlignOp::Kind::match, static_cast<int>(i - 1), static_cast<int>(j - 1)};
      if (c.kind == Word::Kind::ellipsis) op.kind = s.kind == Word::Kind::ellipsis ? AlignOp::Kind::skip : AlignOp::Kind::elide;
      else if (c.norm != s.norm) op.kind = AlignOp::Kind::substitute;
      a.ops.push_back(op);
      --i;
      --j;
    } else if (mv == h_skip) {
      const Word& s = source[j - 1];
      AlignOp::Kind k = claim[i - 1].kind == Word::Kind::ellipsis ? AlignOp::Kind::elide
                        : s.kind == Word::Kind::editorial       ? AlignOp::Kind::editorial
                                                                : AlignOp::Kind::skip;
      a.ops.push_back({k, -1, static_cast<int>(j - 1)});
      --j;
    } else if (mv == h_gap) {
      in_gap = true;
    } else {
      const Word& c = claim[i - 1];
      a.ops.push_back({c.kind == Word::Kind::ellipsis ? AlignOp::Kind::skip : AlignOp::Kind::insert,
                       static_cast<int>(i - 1), -1});
      --i;
    }
  }
  std::reverse(a.ops.begin(), a.ops.end());
  absorb_edge_brackets(a.ops, source);
  int first = -1, last = -1;
  double edits = double(a.omissions);
  for (const auto& op : a.ops) {
    if (op.source >= 0) {
      if (first < 0) first = op.source;
      last = op.source;
    }
    const Word* s = op.source >= 0 ? &source[op.source] : nullptr;
    switch (op.kind) {
      case AlignOp::Kind::match:
        ++a.matched;
        if (s->kind == Word::Kind::word) ++a.span_words;
        break;
      case AlignOp::Kind::substitute:
        if (inflection(claim[op.claim].norm, s->norm)) {
          ++a.inflected;
          edits += double(kInflect) / kUnit;
        } else {
          edits += 1;
        }
        if (s->kind == Word::Kind::word) ++a.span_words;
        break;
      case AlignOp::Kind::insert: edits += 1; break;
      case AlignOp::Kind::remove: ++a.span_words; break;
      default: break;
    }
  }
  a.cost = edits;
  if (first < 0) {
    a.before = a.source_words;
  } else {
    for (int k = 0; k < first; ++k) a.before += is_word(source[k]) ? 1 : 0;
    for (std::size_t k = static_cast<std::size_t>(last) + 1; k < source.size(); ++k) a.after += is_word(source[k]) ? 1 : 0;
  }
  a.similarity = a.claim_words ? std::max(0.0, 1.0 - a.cost / double(a.claim_words)) : 0;
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
  for (const auto& r : runs_of(a, claim, source)) {
    if (r.group == Group::plain) continue;
    Difference d;
    d.claim = r.group == Group::claim_mark ? join_words(claim, claim_text, r.claim) : join_span(claim, claim_text, r.claim);
    d.source = join_span(source, source_text, r.source);
    d.claim_word = r.claim.empty() ? -1 : r.claim.front();
    std::size_t ns = r.source.size();
    switch (r.group) {
      case Group::change:
        if (r.claim.empty() && all_editorial(source, r.source)) {
          d.kind = "editorial";
          d.note = "the quotation's bracketed words are an editor's, not the speaker's";
        } else if (r.claim.empty()) {
          std::size_t n = speaker_words(source, r.source);
          std::string before = word_at(source, source_text, r.source.front() - 1, -1);
          std::string after = word_at(source, source_text, r.source.back() + 1, +1);
          d.kind = "omission";
          d.note = fmt::format("{} word{} left out between \"{}\" and \"{}\"", n, n == 1 ? "" : "s", before, after);
        } else if (r.source.empty()) {
          d.kind = "insertion";
          d.note = fmt::format("the claim adds {} word{}", r.claim.size(), r.claim.size() == 1 ? "" : "s");
        } else if (all_editorial(source, r.source)) {
          d.kind = "substitution";
          d.note = fmt::format("the claim puts \"{}\" where the reporter inserted \"{}\": the speaker said neither",
                               d.claim, d.source);
        } else {
          d.kind = "substitution";
          d.note = fmt::format("the claim says \"{}\" where the quotation says \"{}\"", d.claim, d.source);
        }
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
  for (const auto& r : runs_of(a, claim, source)) {
    std::string piece;
    std::string src = join_span(source, source_text, r.source);
    std::string cl = join_words(claim, claim_text, r.claim);
    switch (r.group) {
      case Group::plain: piece = src.empty() ? cl : src; break;
      case Group::change:
        // The editor's words the claim merely leaves out are shown as they are, unmarked.
        if (cl.empty() && all_editorial(source, r.source)) {
          piece = src;
          break;
        }
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
