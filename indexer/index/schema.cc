#include "schema.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <map>

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <xapian.h>

#include "aliases.h"
#include "error.h"
#include "reader.h"
#include "utf8.h"

namespace whosaid::schema {

std::string fold_accents(std::string_view text) {
  bool ascii = true;
  for (unsigned char c : text) ascii = ascii && c < 0x80;
  if (ascii) return std::string(text);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return std::string(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString d = nfd->normalize(u, err);
  if (U_FAILURE(err)) return std::string(text);
  icu::UnicodeString bare;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    switch (c) {  // letters with a stroke or ligatures: no decomposition to strip
      case U'ł': bare.append(UChar32(U'l')); break;
      case U'Ł': bare.append(UChar32(U'L')); break;
      case U'ø': bare.append(UChar32(U'o')); break;
      case U'Ø': bare.append(UChar32(U'O')); break;
      case U'đ': bare.append(UChar32(U'd')); break;
      case U'Đ': bare.append(UChar32(U'D')); break;
      case U'ħ': bare.append(UChar32(U'h')); break;
      case U'Ħ': bare.append(UChar32(U'H')); break;
      case U'ı': bare.append(UChar32(U'i')); break;
      case U'ß': bare.append(icu::UnicodeString("ss")); break;
      case U'æ': bare.append(icu::UnicodeString("ae")); break;
      case U'Æ': bare.append(icu::UnicodeString("AE")); break;
      case U'œ': bare.append(icu::UnicodeString("oe")); break;
      case U'Œ': bare.append(icu::UnicodeString("OE")); break;
      default: bare.append(c);
    }
  }
  // Recomposed: what had no mark to lose (Hangul syllables) comes back as it was.
  icu::UnicodeString composed = nfc->normalize(bare, err);
  if (U_FAILURE(err)) return std::string(text);
  std::string out;
  composed.toUTF8String(out);
  return out;
}

namespace {

// English stems of accent-folded words (Xapian lower-cases a word before it reaches the stemmer).
class FoldingStem : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override { return english_(fold_accents(word)); }
  std::string get_description() const override { return "whosaid: english, accents folded"; }

 private:
  Xapian::Stem english_{"english"};
};

}  // namespace

Xapian::Stem stemmer() { return Xapian::Stem(new FoldingStem); }

void index_words(Xapian::TermGenerator& tg, std::string_view text, unsigned wdf, std::string_view prefix) {
  const std::string t(text), p(prefix);
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);  // Z stems, with positions
  tg.index_text(t, wdf, p);
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);  // exact forms, without
  tg.index_text_without_positions(t, wdf, p);
}

void add_folded_terms(Xapian::Document& doc) {
  std::vector<std::pair<std::string, Xapian::termcount>> folded;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string& term = *t;
    if (term.empty() || term[0] == 'Z') continue;  // stems are folded already
    bool ascii = true;
    for (unsigned char c : term) ascii = ascii && c < 0x80;
    if (ascii) continue;
    std::string f = fold_accents(term);
    if (f != term && !f.empty()) folded.emplace_back(std::move(f), t.get_wdf());
  }
  for (const auto& [term, wdf] : folded) doc.add_term(term, wdf);
}

std::string normalise_name(std::string_view name) {
  std::string lower = fold_accents(utf8::to_lower(name));
  std::string out;
  out.reserve(lower.size());
  for (char c : lower) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string exact_term(std::string_view prefix, std::string_view value) {
  // Xapian refuses terms over 245 bytes. Keep a readable head and make the tail unique.
  constexpr std::size_t kMaxTerm = 240;
  std::string term = std::string(prefix) + std::string(value);
  if (term.size() <= kMaxTerm) return term;
  std::string hash = stable_hash_hex(value);
  std::size_t keep = kMaxTerm - hash.size() - 1;
  // Never cut a UTF-8 sequence in half.
  while (keep > prefix.size() && (static_cast<unsigned char>(term[keep]) & 0xC0) == 0x80) --keep;
  term.resize(keep);
  return term + "#" + hash;
}

std::string quote_id_term(std::string_view quote_id) { return exact_term(prefix::quote_id, quote_id); }
std::string article_term(std::string_view article_id) { return exact_term(prefix::article, article_id); }
namespace {

bool is_common_word(const std::string& key) {
  static const std::set<std::string> words = {"who", "us", "amnesty"};
  return words.count(key) > 0;
}

std::string synonym_key(const std::string& spelling) {
  Xapian::TermGenerator tg;  // no stemmer: unstemmed terms only
  Xapian::Document doc;
  tg.set_document(doc);
  tg.index_text(spelling);
  std::map<Xapian::termpos, std::string> by_position;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) by_position[*p] = *t;
  std::string key;
  for (const auto& [pos, term] : by_position) {
    if (!key.empty()) key += ' ';
    key += term;
  }
  return key;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> organisation_synonyms() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : org_alias_table()) {
    const std::string entity = entity_term(e.canonical);
    std::vector<std::string> spellings{e.canonical};
    spellings.insert(spellings.end(), e.aliases.begin(), e.aliases.end());
    for (const auto& s : spellings) {
      std::string key = synonym_key(s);
      if (key.empty() || is_common_word(key)) continue;
      // The parser looks a synonym up by the words as typed: typed without their accents too.
      if (std::string folded = fold_accents(key); folded != key) out.emplace_back(std::move(folded), entity);
      out.emplace_back(std::move(key), entity);
    }
  }
  return out;
}

std::string content_hash_key(std::string_view article_id) {
  return metadata::content_hash_prefix + stable_hash_hex(article_id);
}
std::string speaker_term(std::string_view speaker) {
  return exact_term(prefix::speaker_exact, normalise_name(speaker));
}
std::string org_term(std::string_view org) { return exact_term(prefix::org_exact, normalise_name(canonical_org(org))); }
std::string outlet_term(std::string_view outlet) { return exact_term(prefix::outlet_exact, normalise_name(outlet)); }
std::string entity_term(std::string_view canonical) { return exact_term(prefix::entity, normalise_name(canonical)); }
std::string kind_term(std::string_view kind) { return exact_term(prefix::kind, utf8::to_lower(kind)); }
std::string speaker_kind_term(std::string_view kind) { return exact_term(prefix::speaker_kind, utf8::to_lower(kind)); }

const std::vector<Field>& fields() {
  static const std::vector<Field> table = {
      {"speaker", prefix::speaker, FieldKind::free_text, "words of the speaker's name"},
      {"role", prefix::role, FieldKind::free_text, "words of the speaker's role"},
      {"org", prefix::org, FieldKind::free_text, "the speaker's organisation, any spelling (HRW)"},
      {"outlet", prefix::outlet, FieldKind::free_text, "words of the outlet's name"},
      {"title", prefix::title, FieldKind::free_text, "words of the article title"},
      {"id", prefix::quote_id, FieldKind::boolean, "a quote id, exactly", quote_id_term},
      {"article", prefix::article, FieldKind::boolean, "an article id, exactly", article_term},
      {"speaker_exact", prefix::speaker_exact, FieldKind::boolean, "the whole speaker name (any case)",
       speaker_term},
      {"org_exact", prefix::org_exact, FieldKind::boolean, "the whole organisation name or alias", org_term},
      {"outlet_exact", prefix::outlet_exact, FieldKind::boolean, "the whole outlet name (any case)",
       outlet_term},
      {"kind", prefix::kind, FieldKind::boolean, "full | partial", kind_term},
      {"speaker_kind", prefix::speaker_kind, FieldKind::boolean, "person | organisation | anonymous | unknown",
       speaker_kind_term},
      {"", prefix::duplicate, FieldKind::internal, "collapse key of the quote text"},
      {"", prefix::entity, FieldKind::internal, "an organisation the text mentions"},
      {"", prefix::date_year, FieldKind::internal, "the article's year (date:)"},
      {"", prefix::date_month, FieldKind::internal, "the article's month (date:)"},
      {"", prefix::date_day, FieldKind::internal, "the article's day (date:)"},
  };
  return table;
}


namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return !s.empty();
}

// Parses YYYY, YYYY-MM, YYYY-MM-DD (and YYYYMMDD) at the start of `s` into YYYYMMDD, filling
// missing parts with `pad` ('0' for a range start, '9' for a range end). "" when unparsable.
std::string parse_date(std::string_view s, char pad) {
  if (s.size() >= 8 && all_digits(s.substr(0, 8))) return std::string(s.substr(0, 8));
  if (s.size() < 4 || !all_digits(s.substr(0, 4))) return "";
  std::string out(s.substr(0, 4));
  std::size_t i = 4;
  for (int part = 0; part < 2; ++part) {
    if (i + 3 <= s.size() && s[i] == '-' && all_digits(s.substr(i + 1, 2))) {
      out += s.substr(i + 1, 2);
      i += 3;
    } else {
      out.append(2, pad);
      for (++part; part < 2; ++part) out.append(2, pad);
      break;
    }
  }
  return out;
}

// A date as a query gives it: exactly YYYY, YYYY-MM, YYYY-MM-DD or YYYYMMDD, a real month and
// day, as YYYYMMDD with missing parts padded with `pad`. "" when it is anything else.
std::string parse_query_date(std::string_view s, char pad) {
  std::string ymd;
  if (s.size() == 8 && all_digits(s)) {
    ymd = std::string(s);
  } else {
    if (s.size() < 4 || !all_digits(s.substr(0, 4))) return "";
    ymd = std::string(s.substr(0, 4));
    std::size_t i = 4;
    while (i < s.size()) {
      if (ymd.size() == 8 || i + 3 > s.size() || s[i] != '-' || !all_digits(s.substr(i + 1, 2))) return "";
      ymd += s.substr(i + 1, 2);
      i += 3;
    }
    if (i != s.size()) return "";
  }
  if (ymd.size() >= 6) {
    int month = std::stoi(ymd.substr(4, 2));
    if (month < 1 || month > 12) return "";
    if (ymd.size() == 8) {
      int year = std::stoi(ymd.substr(0, 4)), day = std::stoi(ymd.substr(6, 2));
      static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      if (day < 1 || day > days[month - 1] || (month == 2 && day == 29 && !leap)) return "";
    }
  }
  ymd.append(8 - ymd.size(), pad);
  return ymd;
}

// The first fault a field processor met in the parse running on this thread ("" when none).
thread_local std::string field_error;

void record_field_error(std::string message) {
  if (field_error.empty()) field_error = std::move(message);
}

// date:FROM..TO, date:FROM.., date:..TO and date:WHEN, each end YYYY, YYYY-MM or YYYY-MM-DD.
// A FieldProcessor rather than a RangeProcessor so that a single date (date:2024) works too.
// A malformed date or a range that ends before it starts is an error naming it, never a
// silently empty answer.
class DateFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit DateFieldProcessor(const Xapian::Database& db) : db_(db) {}

  Xapian::Query operator()(const std::string& str) override {
    std::string from_text = str, to_text = str;
    if (auto dots = str.find(".."); dots != std::string::npos) {
      from_text = str.substr(0, dots);
      to_text = str.substr(dots + 2);
    }
    std::string from = from_text.empty() ? "" : parse_query_date(from_text, '0');
    std::string to = to_text.empty() ? "" : parse_query_date(to_text, '9');
    if ((!from_text.empty() && from.empty()) || (!to_text.empty() && to.empty()) || (from.empty() && to.empty())) {
      record_field_error(fmt::format(
          "date:{}: expected date:FROM..TO, date:FROM.., date:..TO or date:WHEN with dates as YYYY, YYYY-MM or "
          "YYYY-MM-DD", utf8::abbreviate(str, 80)));
      return Xapian::Query::MatchNothing;
    }
    if (!from.empty() && !to.empty() && from > to) {
      record_field_error(
          fmt::format("date:{}: the range ends before it starts (write date:{}..{})", str, to_text, from_text));
      return Xapian::Query::MatchNothing;
    }
    return date_range_query(db_, from.empty() ? "00000000" : from, to.empty() ? "99999999" : to);
  }

 private:
  Xapian::Database db_;
};

// Adds to `out` every term prefix+HEAD in `db` with lo <= HEAD <= hi.
void terms_between(const Xapian::Database& db, std::string_view prefix, const std::string& lo, const std::string& hi,
                   std::vector<Xapian::Query>& out) {
  const std::string pfx(prefix), last = pfx + hi;
  auto t = db.allterms_begin(pfx);
  t.skip_to(pfx + lo);
  for (; t != db.allterms_end(pfx) && *t <= last; ++t) out.emplace_back(*t);
}

// A fixed-width digit string plus or minus one; "" past the end.
std::string step(std::string digits, int by) {
  for (std::size_t i = digits.size(); i-- > 0;) {
    if (by > 0 && digits[i] != '9') return ++digits[i], digits;
    if (by < 0 && digits[i] != '0') return --digits[i], digits;
    digits[i] = by > 0 ? '0' : '9';
  }
  return "";
}

// Covers the stored dates from lo to hi (8 digits each, lo <= hi) with terms of `level` (0 year,
// 1 month, 2 day) and finer: whole units of this level in the middle, the ragged ends one level down.
void cover_dates(const Xapian::Database& db, int level, const std::string& lo, const std::string& hi,
                 std::vector<Xapian::Query>& out) {
  static constexpr std::size_t kWidth[] = {4, 6, 8};
  static constexpr std::string_view kPrefix[] = {prefix::date_year, prefix::date_month, prefix::date_day};
  const std::size_t w = kWidth[level];
  if (level == 2) return terms_between(db, kPrefix[2], lo, hi, out);
  const std::string lo_head = lo.substr(0, w), hi_head = hi.substr(0, w);
  const bool lo_whole = lo.find_first_not_of('0', w) == std::string::npos;
  const bool hi_whole = hi.find_first_not_of('9', w) == std::string::npos;
  if (lo_head == hi_head) {
    if (lo_whole && hi_whole) return terms_between(db, kPrefix[level], lo_head, hi_head, out);
    return cover_dates(db, level + 1, lo, hi, out);
  }
  std::string first = lo_head, last = hi_head;
  if (!lo_whole) {
    cover_dates(db, level + 1, lo, lo_head + std::string(8 - w, '9'), out);
    first = step(lo_head, +1);
  }
  if (!hi_whole) {
    cover_dates(db, level + 1, hi_head + std::string(8 - w, '0'), hi, out);
    last = step(hi_head, -1);
  }
  if (!first.empty() && !last.empty() && first <= last) terms_between(db, kPrefix[level], first, last, out);
}

// An exact-filter field: the typed value goes through the indexer's own normalisation.
class ExactFieldProcessor : public Xapian::FieldProcessor {
 public:
  using TermFn = std::string (*)(std::string_view);
  explicit ExactFieldProcessor(TermFn fn) : fn_(fn) {}
  Xapian::Query operator()(const std::string& str) override { return Xapian::Query(fn_(str)); }

 private:
  TermFn fn_;
};

}  // namespace

std::string date_value(std::string_view iso_date) { return parse_date(iso_date, '0'); }

std::vector<std::string> date_terms(std::string_view stored_date) {
  if (stored_date.size() != 8) return {};
  return {std::string(prefix::date_year) + std::string(stored_date.substr(0, 4)),
          std::string(prefix::date_month) + std::string(stored_date.substr(0, 6)),
          std::string(prefix::date_day) + std::string(stored_date)};
}

Xapian::Query date_range_query(const Xapian::Database& db, const std::string& from, const std::string& to) {
  std::vector<Xapian::Query> terms;
  if (from <= to) cover_dates(db, 0, from, to, terms);
  if (terms.empty()) return Xapian::Query::MatchNothing;
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Joined by U+001F (unit separator), which no name or hex key holds, so the parts come back intact.
std::string facet_value(std::string_view speaker, std::string_view org, std::string_view collapse) {
  auto part = [](std::string_view s) {  // a stray U+001F in a name from hostile text becomes a space
    std::string out(s);
    std::replace(out.begin(), out.end(), '\x1f', ' ');
    return out;
  };
  return fmt::format("{}\x1f{}\x1f{}", part(speaker), part(org), collapse);
}

FacetParts split_facet_value(std::string_view value) {
  FacetParts parts;
  std::size_t a = value.find('\x1f');
  std::size_t b = a == std::string_view::npos ? a : value.find('\x1f', a + 1);
  if (b == std::string_view::npos) return parts;
  parts.speaker = value.substr(0, a);
  parts.org = value.substr(a + 1, b - a - 1);
  parts.collapse = value.substr(b + 1);
  return parts;
}

std::string collapse_key(std::string_view quote_text) {
  // Case, punctuation, spacing and editorial marks ("[with]" stays as "with", "..." goes) vary
  // between outlets quoting the same words; the words themselves do not.
  std::string lower = utf8::to_lower(quote_text);
  std::string words;
  for (unsigned char c : lower) {
    bool word_char = std::isalnum(c) || c >= 0x80;
    if (word_char) {
      words += static_cast<char>(c);
    } else if (!words.empty() && words.back() != ' ') {
      words += ' ';
    }
  }
  while (!words.empty() && words.back() == ' ') words.pop_back();
  return stable_hash_hex(words);
}

void configure_query_parser(Xapian::QueryParser& qp, const Xapian::Database& db) {
  qp.set_database(db);
  qp.set_stemmer(stemmer());
  // Every word stemmed, capitalised or not, in phrases too: the index's positions are on the stems.
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  qp.set_default_op(Xapian::Query::OP_AND);
  for (const auto& f : fields()) {
    if (f.name.empty()) continue;
    std::string name(f.name), pfx(f.prefix);
    if (f.kind == FieldKind::free_text) {
      qp.add_prefix(name, pfx);
    } else if (f.kind == FieldKind::boolean) {
      qp.add_boolean_prefix(name, (new ExactFieldProcessor(f.term))->release());
    }
  }
  qp.add_boolean_prefix("date", (new DateFieldProcessor(db))->release());
}

Xapian::Query parse_query(Xapian::QueryParser& qp, const std::string& text, unsigned flags) {
  field_error.clear();
  Xapian::Query q = qp.parse_query(text, flags);
  if (!field_error.empty()) {
    std::string message = std::move(field_error);
    field_error.clear();
    throw Xapian::QueryParserError(message);
  }
  return q;
}

void check_version(const Xapian::Database& db, const std::string& path) {
  // An empty index has nothing to misread: the writer stamps it with this version.
  if (db.get_doccount() == 0) return;
  std::string v = db.get_metadata(metadata::schema_version);
  if (v != std::to_string(kVersion))
    throw Error(fmt::format("{}: index schema version {} but this whosaid reads version {}; re-index it: "
                            "rm -r {} && whosaid-index --db {} INPUT...",
                            path, v.empty() ? "unknown" : v, kVersion, path, path));
}

}  // namespace whosaid::schema
