#include "snippet.h"

#include "schema.h"
#include "utf8.h"

namespace whosaid {

namespace {

struct Word {
  std::size_t start, end;  // bytes of the text
  std::string lower;       // as the indexer's terms spell it: lower case, straight apostrophes
};

bool apostrophe(char32_t c) { return c == U'\'' || c == U'\u2019'; }

// The words of `text` as Xapian's TermGenerator splits them (runs of word characters, an
// apostrophe inside a word kept).
std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t at = i;
    char32_t c = utf8::next(text, i);
    if (!Xapian::Unicode::is_wordchar(c)) continue;
    Word w{at, i, {}};
    Xapian::Unicode::append_utf8(w.lower, Xapian::Unicode::tolower(c));
    while (i < text.size()) {
      std::size_t next = i;
      char32_t d = utf8::next(text, next);
      if (Xapian::Unicode::is_wordchar(d)) {
        Xapian::Unicode::append_utf8(w.lower, Xapian::Unicode::tolower(d));
      } else if (apostrophe(d) && next < text.size()) {
        std::size_t after = next;
        if (!Xapian::Unicode::is_wordchar(utf8::next(text, after))) break;
        w.lower += '\'';
      } else {
        break;
      }
      i = next;
    }
    w.end = i;
    out.push_back(std::move(w));
  }
  return out;
}

void escape_into(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
}

}  // namespace

Highlighter::Highlighter(const Xapian::Query& query) : stem_(schema::stemmer()) { collect(query); }

void Highlighter::collect(const Xapian::Query& q) {
  const auto type = q.get_type();
  if (type == Xapian::Query::LEAF_TERM) {
    terms_.insert(*q.get_terms_begin());
    return;
  }
  const std::size_t n = q.get_num_subqueries();
  if (type == Xapian::Query::OP_PHRASE && n > 1) {
    std::vector<std::string> phrase;
    for (std::size_t i = 0; i < n; ++i) {
      Xapian::Query sub = q.get_subquery(i);
      if (sub.get_type() != Xapian::Query::LEAF_TERM) break;
      phrase.push_back(*sub.get_terms_begin());
    }
    if (phrase.size() == n) {
      phrases_.push_back(std::move(phrase));
      return;
    }
  }
  // What follows a NOT is what the hits do not say.
  const std::size_t wanted = type == Xapian::Query::OP_AND_NOT && n > 0 ? 1 : n;
  for (std::size_t i = 0; i < wanted; ++i) collect(q.get_subquery(i));
}

std::string Highlighter::operator()(std::string_view text) const {
  const std::vector<Word> words = words_of(text);
  std::vector<std::string> stems;
  stems.reserve(words.size());
  for (const auto& w : words) stems.push_back("Z" + stem_(w.lower));
  auto matches = [&](std::size_t k, const std::string& term) { return term == words[k].lower || term == stems[k]; };

  // group[k]: the last word of the highlight that starts at word k (npos: none starts there).
  constexpr std::size_t none = std::string::npos;
  std::vector<std::size_t> group(words.size(), none);
  for (std::size_t k = 0; k < words.size(); ++k) {
    for (const auto& p : phrases_) {
      if (k + p.size() > words.size()) continue;
      std::size_t j = 0;
      while (j < p.size() && matches(k + j, p[j])) ++j;
      if (j == p.size()) group[k] = std::max(group[k] == none ? 0 : group[k], k + p.size() - 1);
    }
    if (group[k] == none && (terms_.count(words[k].lower) || terms_.count(stems[k]))) group[k] = k;
  }

  std::string out;
  out.reserve(text.size() + 16);
  std::size_t at = 0;  // bytes of `text` written
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (group[k] == none) continue;
    const std::size_t last = group[k];
    escape_into(out, text.substr(at, words[k].start - at));
    out += "<b>";
    escape_into(out, text.substr(words[k].start, words[last].end - words[k].start));
    out += "</b>";
    at = words[last].end;
    k = last;
  }
  escape_into(out, text.substr(at));
  return out;
}

}  // namespace whosaid
