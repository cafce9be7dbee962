#include "tokens.h"

#include <unicode/uchar.h>
#include <unordered_set>

#include "utf8.h"

namespace whosaid {
namespace {

inline bool ascii_alnum(unsigned char b) {
  return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
}

bool word_char(char32_t c) {
  return u_isalnum(static_cast<UChar32>(c)) || u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK;
}

const std::unordered_set<std::string_view>& abbreviations() {
  static const std::unordered_set<std::string_view> s = {
      "mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "sen.", "rep.", "gov.", "gen.", "col.", "lt.", "sgt.", "capt.",
      "cmdr.", "adm.", "maj.", "rev.", "hon.", "jr.", "sr.", "co.", "corp.", "inc.", "ltd.", "vs.", "v.",
      "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
      "no.", "nos.", "fig.", "e.g.", "i.e.", "etc.", "approx.", "dept.", "univ.", "pres.", "u.s.", "u.k.",
      "u.n.", "e.u.", "d.c.", "a.m.", "p.m.", "mt.", "ft.", "pp.", "vol.", "ave.", "blvd.", "rd.", "del.", "assemb.",
      "supt.", "insp.", "det.", "cpl.", "pvt.", "sgt.", "ald."};
  return s;
}

}  // namespace

// A lower-case particle joined by a hyphen to a capitalised name: "el-Sisi", "al-Assad".
bool arabic_name_particle(std::string_view w) {
  std::size_t h = w.find('-');
  if (h == std::string_view::npos || h + 1 >= w.size() || !(w[h + 1] >= 'A' && w[h + 1] <= 'Z')) return false;
  std::string_view p = w.substr(0, h);
  return p == "al" || p == "el" || p == "ad" || p == "ar" || p == "as" || p == "ash" || p == "at" || p == "az" ||
         p == "an" || p == "ud" || p == "ul" || p == "bin" || p == "ibn" || p == "bint";
}

bool is_abbreviation(std::string_view w) { return abbreviations().count(w) > 0; }

std::vector<Token> tokenize(std::string_view text, const std::vector<QuoteSpan>& spans) {
  std::vector<Token> toks;
  toks.reserve(text.size() / 5);
  std::size_t i = 0, n = text.size();
  std::size_t qi = 0;
  int sentence = 0, paragraph = 0;
  bool sentence_pending = false;  // a sentence end was seen; the next word starts a new sentence
  while (i < n) {
    if (qi < spans.size() && i >= spans[qi].open_start) {
      if (i == spans[qi].open_start || i < spans[qi].close_end) {
        Token t{Token::Type::quote, spans[qi].open_start, spans[qi].close_end,
                text.substr(spans[qi].open_start, spans[qi].close_end - spans[qi].open_start)};
        t.quote = static_cast<int>(qi);
        if (sentence_pending) { ++sentence; sentence_pending = false; }
        t.sentence = sentence;
        t.paragraph = paragraph;
        toks.push_back(std::move(t));
        // A quotation ending in . ! ? closes the sentence when a capital follows (decided at the next word).
        std::size_t e = spans[qi].text_end;
        while (e > spans[qi].text_start && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
        if (e > spans[qi].text_start) {
          char last = text[e - 1];
          if (last == '.' || last == '!' || last == '?') sentence_pending = true;
          else if (e >= spans[qi].text_start + 3 && text.substr(e - 3, 3) == "\xE2\x80\xA6") sentence_pending = true;
        }
        i = spans[qi].close_end;
        ++qi;
        continue;
      }
      ++qi;
      continue;
    }
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b == '\n') {
      // Line breaks end sentences and paragraphs.
      Token t{Token::Type::newline, i, i + 1, text.substr(i, 1)};
      t.sentence = sentence;
      t.paragraph = paragraph;
      bool after_text = !toks.empty() && toks.back().type != Token::Type::newline;
      toks.push_back(std::move(t));
      if (after_text) ++paragraph;  // blank lines do not count as paragraphs
      sentence_pending = true;
      ++i;
      continue;
    }
    if (b == ' ' || b == '\t' || b == '\r') { ++i; continue; }
    std::size_t start = i;
    std::size_t j = i;
    char32_t c;
    bool is_word;
    if (b < 0x80) {  // ASCII: no decoding, no ICU
      c = b;
      j = i + 1;
      if (b < 0x20 || b == 0x7F) { i = j; continue; }
      is_word = ascii_alnum(b);
    } else {
      c = utf8::next(text, j);
      if (u_isUWhiteSpace(static_cast<UChar32>(c))) { i = j; continue; }
      is_word = word_char(c);
    }
    if (is_word) {
      // word: letters/digits joined by inner apostrophes, hyphens, periods (U.S.), ampersands
      std::size_t k = j;
      std::size_t end = j;
      bool ascii = b < 0x80;
      while (k < n) {
        unsigned char kb = static_cast<unsigned char>(text[k]);
        if (ascii_alnum(kb)) { end = ++k; continue; }
        if (kb < 0x80 && kb != '\'' && kb != '-' && kb != '.' && kb != '&') break;  // ASCII end of word
        if (kb >= 0x80) ascii = false;
        std::size_t k2 = k;
        char32_t d = utf8::next(text, k2);
        if (word_char(d)) { end = k = k2; continue; }
        if ((d == '\'' || d == 0x2019 || d == '-' || d == 0x2010 || d == '.' || d == '&') && k2 < n) {
          std::size_t k3 = k2;
          char32_t e = utf8::next(text, k3);
          if (word_char(e)) { end = k = k2; continue; }
        }
        break;
      }
      // A plural possessive keeps its apostrophe: "the dockers' union".
      if (end < n && end > start && (text[end - 1] == 's' || text[end - 1] == 'S')) {
        std::size_t after = end;
        if (text[end] == '\'') after = end + 1;
        else if (text.substr(end, 3) == "\xE2\x80\x99") after = end + 3;
        if (after > end && (after >= n || text[after] == ' ')) end = after;
      }
      // Trailing period belongs to the word when it is an abbreviation or an initial ("J.", "U.S.").
      std::string_view w = text.substr(start, end - start);
      std::string lower;
      bool any_letter = false, all_upper = true;  // for all_caps, on the ASCII path
      if (ascii) {
        lower.resize(w.size());
        for (std::size_t x = 0; x < w.size(); ++x) {
          char ch = w[x];
          if (ch >= 'A' && ch <= 'Z') {
            lower[x] = static_cast<char>(ch + 32);
            any_letter = true;
          } else {
            lower[x] = ch;
            if (ch >= 'a' && ch <= 'z') { any_letter = true; all_upper = false; }
          }
        }
      } else {
        lower = utf8::to_lower(w);
      }
      bool took_dot = false;
      if (end < n && text[end] == '.') {
        std::string with_dot = lower + ".";
        bool initial = w.size() == 1 && std::isupper(static_cast<unsigned char>(w[0]));
        bool dotted = w.find('.') != std::string_view::npos;  // U.S, a.m
        // A period with a comma straight after it ends no sentence: "McConnell, R-Ky., said".
        bool before_comma = end + 1 < n && text[end + 1] == ',';
        if (is_abbreviation(with_dot) || initial || dotted || before_comma) {
          ++end;
          lower = with_dot;
          w = text.substr(start, end - start);
          took_dot = true;
        }
      }
      if (sentence_pending) {
        // A new sentence starts at a capital (or digit); a lower-case word continues.
        std::size_t kk = start;
        char32_t first = ascii ? static_cast<unsigned char>(text[start]) : utf8::next(text, kk);
        if (u_isupper(static_cast<UChar32>(first)) || u_isdigit(static_cast<UChar32>(first)) ||
            (!toks.empty() && toks.back().type == Token::Type::newline))
          ++sentence;
        sentence_pending = false;
      }
      Token& t = toks.emplace_back();  // built in place: tokens are many, moves add up
      t.type = Token::Type::word;
      t.start = start;
      t.end = end;
      t.text = w;
      bool allc = true, any = false;
      if (ascii) {
        t.cap = text[start] >= 'A' && text[start] <= 'Z';
        any = any_letter;
        allc = all_upper;
      } else {
        std::size_t kk = start;
        char32_t first = utf8::next(text, kk);
        t.cap = u_isupper(static_cast<UChar32>(first)) || u_istitle(static_cast<UChar32>(first));
      }
      for (std::size_t p = start; !ascii && p < end;) {
        unsigned char pb = static_cast<unsigned char>(text[p]);
        if (pb < 0x80) {
          ++p;
          if (std::isalpha(pb)) { any = true; if (!std::isupper(pb)) allc = false; }
          continue;
        }
        char32_t d = utf8::next(text, p);
        if (u_isalpha(static_cast<UChar32>(d))) { any = true; if (!u_isupper(static_cast<UChar32>(d))) allc = false; }
      }
      // "el-Sisi", "al-Assad", "bin-Salman": an Arabic article or "son of" before a capital is part
      // of a name, written in lower case.
      if (!t.cap) t.cap = arabic_name_particle(w);
      t.all_caps = any && allc;
      t.lower = std::move(lower);
      t.sentence = sentence;
      t.paragraph = paragraph;
      // "U.S." at the end of a sentence: the dot also ends it when a capital word follows a space.
      (void)took_dot;
      i = end;
      continue;
    }
    // punctuation: one code point (-- and ... kept together)
    std::size_t end = j;
    if ((c == '-' || c == '.') && end < n && text[end] == static_cast<char>(c)) {
      while (end < n && text[end] == static_cast<char>(c)) ++end;
    }
    Token& t = toks.emplace_back();
    t.type = Token::Type::punct;
    t.start = start;
    t.end = end;
    t.text = text.substr(start, end - start);
    t.sentence = sentence;
    t.paragraph = paragraph;
    t.lower.assign(t.text);
    if (c == '.' || c == '!' || c == '?' || c == 0x2026 || (c == '.' && end - start == 3)) sentence_pending = true;
    // A dash after a quotation introduces its byline: "… ." — Winston Churchill
    if (c == 0x2014 || c == 0x2013 || c == 0x2015 || (c == '-' && end - start >= 2)) sentence_pending = false;
    i = end;
  }
  return toks;
}

}  // namespace whosaid
