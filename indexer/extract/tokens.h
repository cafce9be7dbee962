// Tokenizer for attribution: words, punctuation and whole quotations as single tokens, with
// sentence boundaries. Hand-written over ICU character properties because it runs on every byte
// of every article and ICU's BreakIterator is several times slower for what attribution needs.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "quote_finder.h"

namespace whosaid {

struct Token {
  enum class Type { word, punct, quote, newline };
  Type type = Type::word;
  std::size_t start, end;  // bytes in the article text
  std::string_view text;
  std::string lower;       // lower-cased word (ASCII fast path), empty for punct
  bool cap = false;        // starts with an upper-case letter
  bool all_caps = false;
  int quote = -1;          // index into the span list for quote tokens
  int sentence = 0;        // sentence number within the article
  int paragraph = 0;       // paragraph (line) number
};

// Tokenizes `text`, turning each of `spans` into one quote token. Sentence numbers increase at
// sentence-final punctuation (not after known abbreviations or initials) and at line breaks.
std::vector<Token> tokenize(std::string_view text, const std::vector<QuoteSpan>& spans);

bool is_abbreviation(std::string_view lower_word_with_dot);

// A dash used as punctuation: — – ― -- or a lone hyphen.
inline bool is_dash(const Token& t) {
  return t.type == Token::Type::punct &&
         (t.text == "\xE2\x80\x94" || t.text == "\xE2\x80\x93" || t.text == "\xE2\x80\x95" || t.text == "--" || t.text == "-");
}

}  // namespace whosaid
