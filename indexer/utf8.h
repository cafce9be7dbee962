// Small UTF-8 helpers on top of ICU's U8 macros.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace whosaid::utf8 {

// Replaces every ill-formed sequence with U+FFFD. Returns how many were replaced.
std::size_t repair(std::string& s);

// Decodes the code point at byte i and advances i past it (ill-formed bytes decode as U+FFFD).
char32_t next(std::string_view s, std::size_t& i);
// Decodes the code point that ends at byte i and moves i back to its start.
char32_t prev(std::string_view s, std::size_t& i);

void append(std::string& out, char32_t c);

// `s` itself when it has at most `max_bytes` bytes; else its head, cut on a character boundary,
// followed by "... (N bytes)": for error messages that name user input of any length.
std::string abbreviate(std::string_view s, std::size_t max_bytes = 120);

// Lower-cases with ICU's full case mapping (for comparisons and index terms).
std::string to_lower(std::string_view s);

}  // namespace whosaid::utf8

namespace whosaid::utf8 {
// Removes diacritics ("Erdoğan" -> "Erdogan") for matching names written both ways.
std::string fold_diacritics(std::string_view s);
}  // namespace whosaid::utf8
