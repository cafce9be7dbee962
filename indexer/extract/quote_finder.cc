#include "quote_finder.h"

#include <algorithm>
#include <cctype>

#include <unicode/uchar.h>

#include "utf8.h"

namespace whosaid {
namespace {

enum class Family { dbl, sgl };
// weak_close: a straight mark with spaces on both sides closes an open quotation, never opens one.
enum class Role { open, close, either, apostrophe, weak_close };

struct Mark {
  std::size_t start, end;  // bytes of the mark
  Family family;
  Role role;
  std::size_t line;        // index of the line (paragraph) it sits on
};

bool is_space(char32_t c) { return c == 0 || u_isUWhiteSpace(static_cast<UChar32>(c)); }

bool is_quote_char(char32_t c) {
  switch (c) {
    case '"': case '\'': case '`': case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0xAB: case 0xBB: case 0x2039: case 0x203A:
      return true;
    default: return false;
  }
}

bool is_open_punct(char32_t c) {
  return c == '(' || c == '[' || c == '{' || c == 0x2014 || c == 0x2013 || c == 0x2015 || c == '-' || c == '/' ||
         is_quote_char(c);
}

bool is_close_punct(char32_t c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' ||
         c == '}' || c == 0x2014 || c == 0x2013 || c == 0x2015 || c == '-' || c == 0x2026 || c == '/' || is_quote_char(c);
}

bool is_letter(char32_t c) { return u_isalpha(static_cast<UChar32>(c)); }
bool is_digit(char32_t c) { return u_isdigit(static_cast<UChar32>(c)); }

// Left-flanking: may open (something follows, and what precedes is a boundary).
// Right-flanking: may close.
struct Flank {
  bool left, right;
};

Flank flank(char32_t prev, char32_t next) {
  bool left = !is_space(next) && (is_space(prev) || is_open_punct(prev));
  bool right = !is_space(prev) && (is_space(next) || is_close_punct(next));
  return {left, right};
}

Role directional(Flank f, Role preferred) {
  if (f.left && !f.right) return Role::open;
  if (f.right && !f.left) return Role::close;
  return preferred;
}

std::vector<Mark> scan_marks(std::string_view text) {
  std::vector<Mark> marks;
  std::size_t line = 0;
  char32_t prev = 0;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    // Fast path: ASCII that is not a quote mark.
    if (b < 0x80 && b != '"' && b != '\'' && b != '`') {
      if (b == '<' && i + 1 < n && (std::isalpha(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '/')) {
        // Markup left in the text (`<tweet author="…">`): its attribute values are not quotations.
        // The search stops at a line end or the next '<', so no byte is searched twice.
        std::size_t j = i + 1;
        while (j < n && j < i + 2000 && text[j] != '>' && text[j] != '<' && text[j] != '\n') ++j;
        if (j < n && text[j] == '>') {
          prev = '>';
          i = j + 1;
          continue;
        }
      }
      if (b == '\n') ++line;
      prev = b;
      ++i;
      continue;
    }
    std::size_t start = i;
    char32_t c = utf8::next(text, i);
    if (!is_quote_char(c)) {
      prev = c;
      continue;
    }
    // LaTeX / PTB doubles: `` and ''
    bool doubled = (c == '`' || c == '\'') && i < n && text[i] == static_cast<char>(c);
    std::size_t end = doubled ? i + 1 : i;
    std::size_t j = end;
    char32_t next = j < n ? utf8::next(text, j) : 0;
    Flank f = flank(prev, next);
    Mark m{start, end, Family::dbl, Role::either, line};
    if (doubled) {
      m.role = c == '`' ? Role::open : directional(f, Role::close);
    } else {
      switch (c) {
        case '"':
          m.role = directional(f, Role::either);
          // `…die?' ".` (a thin space before the closing mark): punctuation after it means closing
          if (m.role == Role::open && is_space(prev) && (next == '.' || next == ',' || next == ';' || next == ':'))
            m.role = Role::either;
          if (!f.left && !f.right) m.role = is_space(prev) && is_space(next) ? Role::weak_close : Role::either;
          break;
        case 0x201C: case 0x201F: m.role = directional(f, Role::open); break;  // “ (closes German „…“)
        case 0x201D: m.role = directional(f, Role::close); break;              // ”
        case 0x201E: m.role = Role::open; break;                               // „
        case 0xAB: m.role = directional(f, Role::open); break;                 // «
        case 0xBB: m.role = directional(f, Role::close); break;                // »
        default: {
          m.family = Family::sgl;
          if (c == '`' || c == 0x201A || c == 0x201B || c == 0x2039) {
            m.role = c == 0x2039 ? directional(f, Role::open) : Role::open;
          } else if (c == 0x203A) {
            m.role = directional(f, Role::close);
          } else {
            // ' ‘ ’ : apostrophes unless the context says quotation mark.
            if ((is_letter(prev) || is_digit(prev)) && (is_letter(next) || is_digit(next))) m.role = Role::apostrophe;
            else if (is_space(prev) && is_digit(next)) m.role = Role::apostrophe;  // '90s
            else if (f.left && !f.right) m.role = Role::open;
            else if (f.right && !f.left) m.role = Role::close;  // may still be a plural possessive: checked when pairing
            else m.role = Role::apostrophe;
            if (c == 0x2018 && m.role == Role::apostrophe && f.left) m.role = Role::open;
          }
        }
      }
    }
    marks.push_back(m);
    prev = doubled ? c : c;
    i = end;
  }
  return marks;
}

// Lines as [start, end) with whether a blank line precedes the next one.
struct Line {
  std::size_t start, end;
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t s = 0;
  while (true) {
    auto e = text.find('\n', s);
    if (e == std::string_view::npos) {
      lines.push_back({s, text.size()});
      break;
    }
    lines.push_back({s, e});
    s = e + 1;
  }
  return lines;
}

bool line_blank(std::string_view text, const Line& l) {
  for (std::size_t i = l.start; i < l.end; ++i)
    if (!std::isspace(static_cast<unsigned char>(text[i]))) return false;
  return true;
}

struct Pair {
  std::size_t open, close;  // mark indices
  bool multi;
  std::size_t continuation;
};

// Pairs the marks of one family. `skip[i]` excludes marks (e.g. singles inside double spans).
std::vector<Pair> pair_family(std::string_view text, const std::vector<Mark>& marks, Family fam,
                              const std::vector<bool>& skip, const std::vector<Line>& lines) {
  struct Entry {
    std::size_t mark;
    long parent;        // entry id of the enclosing open entry, -1 at top
    long matched_pair;  // index in pairs, or -1
    bool multi = false;
    std::size_t continuation = 0;
  };
  std::vector<Entry> entries;
  std::vector<long> stack;  // entry ids
  std::vector<Pair> pairs;
  std::vector<long> pair_entry;

  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < marks.size(); ++i)
    if (marks[i].family == fam && !skip[i] && marks[i].role != Role::apostrophe) idx.push_back(i);

  // First mark index of each line, for the continuation test.
  auto first_nonspace_is_opener = [&](std::size_t line_no, std::size_t k) {
    // k: position in idx of the first mark at or after this line
    if (k >= idx.size()) return false;
    const Mark& m = marks[idx[k]];
    if (m.line != line_no) return false;
    for (std::size_t b = lines[line_no].start; b < m.start; ++b)
      if (!std::isspace(static_cast<unsigned char>(text[b]))) return false;
    return m.role == Role::open || m.role == Role::either;
  };

  std::size_t cur_line = idx.empty() ? 0 : marks[idx[0]].line;
  for (std::size_t k = 0; k < idx.size(); ++k) {
    const Mark& m = marks[idx[k]];
    if (m.line != cur_line) {
      // Crossed one or more line ends with the stack as it is.
      if (!stack.empty()) {
        long bottom = stack.front();
        // Find next non-blank line after cur_line.
        std::size_t nl = cur_line + 1;
        bool blank_between = false;
        while (nl < lines.size() && line_blank(text, lines[nl])) { ++nl; blank_between = true; }
        bool keep = false;
        if (nl == m.line && first_nonspace_is_opener(nl, k)) {
          // News style: the opening mark repeated at the next paragraph continues the quotation.
          entries[bottom].multi = true;
          ++entries[bottom].continuation;
          stack.resize(1);
          cur_line = m.line;
          continue;  // this mark is the continuation mark
        }
        // Across plain line breaks (no blank line, at most a few lines) a closing mark still closes.
        if (!blank_between && m.line - cur_line <= 4 && (m.role == Role::close || m.role == Role::either)) {
          keep = true;
          for (std::size_t l = cur_line + 1; l < m.line; ++l)
            if (line_blank(text, lines[l])) keep = false;
        }
        if (keep) {
          stack.resize(1);
        } else {
          stack.clear();
        }
      }
      cur_line = m.line;
    }
    bool can_close = m.role == Role::close || m.role == Role::either;
    bool can_open = m.role == Role::open || m.role == Role::either;
    if (!stack.empty() && (m.role == Role::close || m.role == Role::either || m.role == Role::weak_close)) {
      long e = stack.back();
      stack.pop_back();
      entries[e].matched_pair = static_cast<long>(pairs.size());
      pairs.push_back({entries[e].mark, idx[k], entries[e].multi, entries[e].continuation});
      pair_entry.push_back(e);
    } else if (can_open) {
      long parent = stack.empty() ? -1 : stack.back();
      entries.push_back({idx[k], parent, -1});
      stack.push_back(static_cast<long>(entries.size()) - 1);
    } else {
      (void)can_close;  // a closer with nothing open: stray, ignored
    }
  }
  // A pair is top-level when no ancestor entry was matched. Parents precede children.
  std::vector<char> has_matched_ancestor(entries.size(), 0);
  for (std::size_t e = 0; e < entries.size(); ++e) {
    long p = entries[e].parent;
    has_matched_ancestor[e] = p >= 0 && (entries[p].matched_pair >= 0 || has_matched_ancestor[p]);
  }
  std::vector<Pair> top;
  for (std::size_t i = 0; i < pairs.size(); ++i)
    if (!has_matched_ancestor[pair_entry[i]]) top.push_back(pairs[i]);
  std::sort(top.begin(), top.end(), [&](const Pair& a, const Pair& b) { return marks[a.open].start < marks[b.open].start; });
  return top;
}

}  // namespace

std::vector<QuoteSpan> find_quote_spans(std::string_view text) {
  auto marks = scan_marks(text);
  if (marks.empty()) return {};
  auto lines = split_lines(text);
  std::vector<bool> skip(marks.size(), false);
  auto doubles = pair_family(text, marks, Family::dbl, skip, lines);
  // Singles inside a double-quoted span are inner quotations: not considered.
  {
    std::size_t d = 0;
    for (std::size_t i = 0; i < marks.size(); ++i) {
      while (d < doubles.size() && marks[doubles[d].close].end <= marks[i].start) ++d;
      if (d < doubles.size() && marks[doubles[d].open].start < marks[i].start && marks[i].start < marks[doubles[d].close].start)
        skip[i] = true;
    }
  }
  auto singles = pair_family(text, marks, Family::sgl, skip, lines);

  auto to_span = [&](const Pair& p, bool single) {
    QuoteSpan s;
    s.open_start = marks[p.open].start;
    s.text_start = marks[p.open].end;
    s.text_end = marks[p.close].start;
    s.close_end = marks[p.close].end;
    s.single = single;
    s.multi_paragraph = p.multi;
    s.continuation_marks = p.continuation;
    return s;
  };
  std::vector<QuoteSpan> out;
  out.reserve(doubles.size() + singles.size());
  for (auto& p : singles) out.push_back(to_span(p, true));
  // A double span inside a single span is nested (British style: ‘… “…” …’).
  std::vector<QuoteSpan> single_spans = out;
  std::size_t s = 0;
  for (auto& p : doubles) {
    QuoteSpan d = to_span(p, false);
    while (s < single_spans.size() && single_spans[s].close_end <= d.open_start) ++s;
    bool nested = s < single_spans.size() && single_spans[s].open_start < d.open_start && d.close_end <= single_spans[s].close_end;
    if (!nested) out.push_back(d);
  }
  std::sort(out.begin(), out.end(), [](const QuoteSpan& a, const QuoteSpan& b) { return a.open_start < b.open_start; });
  // Singles that straddle a double span's boundary are mistakes of the single pass: drop them.
  std::vector<QuoteSpan> clean;
  for (auto& q : out) {
    if (!clean.empty() && q.open_start < clean.back().close_end) {
      // overlap: keep the double (the single one is the suspect)
      if (clean.back().single && !q.single) clean.back() = q;
      continue;
    }
    clean.push_back(q);
  }
  return clean;
}

}  // namespace whosaid
