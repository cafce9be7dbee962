#include "utf8.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace whosaid::utf8 {

std::string abbreviate(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t keep = max_bytes;
  while (keep > 0 && (static_cast<unsigned char>(s[keep]) & 0xC0) == 0x80) --keep;
  return std::string(s.substr(0, keep)) + "... (" + std::to_string(s.size()) + " bytes)";
}

std::size_t repair(std::string& s) {
  // Fast path: most input is valid, and ASCII dominates.
  std::size_t bad = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  bool valid = true;
  while (i < n) {
    if (p[i] < 0x80) { ++i; continue; }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) { valid = false; break; }
  }
  if (valid) return 0;
  std::string out;
  out.reserve(s.size() + 16);
  i = 0;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
      ++bad;
    } else {
      out.append(s, start, i - start);
    }
  }
  s.swap(out);
  return bad;
}

char32_t next(std::string_view s, std::size_t& i) {
  auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(p, j, static_cast<int32_t>(s.size()), c);
  i = static_cast<std::size_t>(j);
  return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

char32_t prev(std::string_view s, std::size_t& i) {
  auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV(p, 0, j, c);
  i = static_cast<std::size_t>(j);
  return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
}

void append(std::string& out, char32_t c) {
  uint8_t buf[4];
  int32_t len = 0;
  UBool err = false;
  U8_APPEND(buf, len, 4, static_cast<UChar32>(c), err);
  if (err) { out += "\xEF\xBF\xBD"; return; }
  out.append(reinterpret_cast<char*>(buf), len);
}

std::string to_lower(std::string_view s) {
  bool ascii = true;
  for (unsigned char c : s) if (c >= 0x80) { ascii = false; break; }
  std::string out;
  if (ascii) {
    out.resize(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
      unsigned char c = s[i];
      out[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c);
    }
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower();
  u.toUTF8String(out);
  return out;
}

}  // namespace whosaid::utf8

#include <unicode/normalizer2.h>

namespace whosaid::utf8 {

std::string fold_diacritics(std::string_view s) {
  bool ascii = true;
  for (unsigned char c : s) if (c >= 0x80) { ascii = false; break; }
  if (ascii) return std::string(s);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  if (U_FAILURE(err)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString d = nfd->normalize(u, err);
  if (U_FAILURE(err)) return std::string(s);
  icu::UnicodeString out;
  for (int32_t i = 0; i < d.length(); ++i) {
    UChar c = d.charAt(i);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    out.append(c);
  }
  std::string r;
  out.toUTF8String(r);
  return r;
}

}  // namespace whosaid::utf8
