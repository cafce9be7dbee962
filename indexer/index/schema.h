// The whosaid index schema: every Xapian term prefix, value slot and metadata key is named here
// and nowhere else. The indexer (IndexWriter, quote_document.cc) and the search side (QueryParser
// setup in search/) both read this file; neither spells a prefix of its own.
//
// Schema version 3 (2 kept capitals' and accents' stems apart; 1 had no date terms and no facets value)
// ===================================================================================================
//
// Normalisation (one for indexing and querying; stemmer(), index_words(), configure_query_parser())
// ----------------------------------------------------------------------------------------------
// Every word is case-folded (Xapian lower-cases terms) and its stem accent-folded (fold_accents:
// "Gdańsk" -> "gdansk", "Erdoğan" -> "erdogan"): the query parser stems every word it is given
// (STEM_ALL_Z), capitalised or not, in phrases too, so "Kenosha", "kenosha" and "KENOSHA" are one
// term (Zkenosha), "Gdansk" finds "Gdańsk", and speaker:Erdogan finds Erdoğan. The positions are
// on these stems, so a phrase ("Hong Kong", speaker:"Liz Evenson") matches in any case and with
// or without accents. Beside them, without positions, each word's exact form (lower case, accents
// kept) and, when it has accents, its accent-folded form: verify looks its claims up word by word
// in these, and wildcards expand over them.
//
// Documents
// ---------
// One Xapian document per quotation. Its data is the full quotation record as JSON
// (quote_record.h: the Quote, its article's metadata without the text, and the paragraph around
// the quote), so that `search` and `show` print without re-extracting.
//
// Terms (prefix: what; "bool" = exact filter term, value normalised by the function named)
//   (none)    free text: the quote (wdf x3), speaker name, role, organisation as written, each
//             through index_words (positional Z stems, exact and folded forms beside). At the lowest
//             weight, as Z stems only, without positions or stop words: the article title and the
//             paragraph around the quote (every query word reaches them; phrases do not).
//             Spelling data: the words of the quote, speaker, role and organisations, one count per
//             document (quote_document.h spelling_words; indexes written before 2026-11-28 also
//             counted title and context words).
//   Prefixed free-text fields are written like the free text: ZA..., A... (ZAerdogan, Aerdoğan, Aerdogan).
//   A         free text: speaker name (speaker:)
//   XROLE     free text: role (role:)
//   XORG      free text: every spelling of the affiliation from the alias table, and of the speaker
//             when the speaker is an organisation (org:HRW and org:"Human Rights Watch" both hit)
//   XOUTLET   free text: outlet (outlet:)
//   S         free text: article title (title:)
//   Q         bool: quote id, the unique id (id:)             exact_term(id)
//   XARTICLE: bool: article id; all of an article's quotations carry it, so re-indexing deletes by it
//   XSPEAKER: bool: speaker, exact (speaker_exact:)           normalise_name() (case and accents folded)
//   XORGID:   bool: canonical organisation (org_exact:)      normalise_name(canonical_org())
//   XOUTLETID: bool: outlet, exact (outlet_exact:)           normalise_name()
//   XKIND:    bool: full | partial (kind:)
//   XSKIND:   bool: person | organisation | anonymous | unknown (speaker_kind:)
//   XDUP:     bool: collapse key (see Value::collapse), to find every copy of one quotation
//   XY: XM: XD: bool: the article's date as year (XY:2024), month (XM:202412) and day
//             (XD:20241205), each the head of Value::date (a date given only as "2024" has
//             XY:2024, XM:202400, XD:20240000); none when the date is unknown. date: ranges are
//             the fewest of these that cover the range (schema::date_range_query): a term filter
//             skips through the matches, where a value range reads every candidate's date.
//   XENT:     bool: an organisation named under any spelling ("ICC's", "the International Criminal
//             Court") in the quote, the title, or the paragraphs before, around and after the quote;
//             canonical name lower-cased. The synonym table maps every spelling to it, so the query
//             ICC matches a quote that says "the court" next to a paragraph about the ICC, and text
//             that spells out "International Criminal Court".
//   Positions jump by kFieldGap between fields so a phrase never spans two of them.
//
// Values (enum Value; never renumber, only append)
//   0 date      YYYYMMDD of the article ("" when unknown; partial dates padded with 0), sorts as
//               a string (--sort date)
//   1 speaker   speaker as written (facets)
//   2 org       canonical organisation of the affiliation (facets)
//   3 collapse  16 hex digits: hash of the normalised quote text (identical quotes collapse)
//   4 outlet    outlet as written (facets)
//   5 role      role as written (`speakers` lists roles)
//   6 order     article id + NUL + 12-digit byte offset: a stable order within one date
//   7 facets    speaker, canonical organisation and collapse key joined by U+001F (facet_value):
//               the facet counts read one value per match instead of three
//
// Metadata keys
//   schema_version   "3"; a database with another version is refused, with the command that re-indexes it
//   aliases_hash     hash of the alias table the synonyms were built from; rebuilt when it changes
//   article_hash:H   H = 16 hex digits of the article id's hash (content_hash_key); the value is
//                    16 hex digits hashing the article as read (every field, with the engine's
//                    fingerprint). An incremental run skips an article whose hash is unchanged.
//                    Written in the same transaction as the article's quotations; articles with
//                    no quotation have one too.
//
// Synonyms: key = a spelling of an organisation as the QueryParser sees it ("icc",
//   "international criminal court"; with accents folded too when it has some), value = its XENT: term.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace Xapian {
class Database;
class Document;
class QueryParser;
class Query;
class Stem;
class TermGenerator;
}  // namespace Xapian

namespace whosaid::schema {

inline constexpr int kVersion = 3;

enum Value : unsigned {
  date = 0,
  speaker = 1,
  org = 2,
  collapse = 3,
  outlet = 4,
  role = 5,
  order = 6,
  facets = 7,
};

// How a prefixed field is indexed and parsed.
enum class FieldKind {
  free_text,  // words, stemmed, positional: QueryParser::add_prefix
  boolean,    // one exact term: QueryParser::add_boolean_prefix (through exact_term)
  internal,   // written by the indexer, never typed by users
};

struct Field {
  std::string_view name;    // query-parser field name ("" for internal-only)
  std::string_view prefix;  // term prefix
  FieldKind kind;
  std::string_view help;
  // boolean fields: value as typed -> the term the indexer wrote (normalised like the indexer does)
  std::string (*term)(std::string_view value) = nullptr;
};

// The one table of prefixes. QueryParser setup and the indexer both walk it.
const std::vector<Field>& fields();

// Prefixes by role, for code that writes a particular field. Each is an entry of fields().
namespace prefix {
inline constexpr std::string_view speaker = "A";
inline constexpr std::string_view role = "XROLE";
inline constexpr std::string_view org = "XORG";
inline constexpr std::string_view outlet = "XOUTLET";
inline constexpr std::string_view title = "S";
inline constexpr std::string_view quote_id = "Q";
inline constexpr std::string_view article = "XARTICLE:";
inline constexpr std::string_view speaker_exact = "XSPEAKER:";
inline constexpr std::string_view org_exact = "XORGID:";
inline constexpr std::string_view outlet_exact = "XOUTLETID:";
inline constexpr std::string_view kind = "XKIND:";
inline constexpr std::string_view speaker_kind = "XSKIND:";
inline constexpr std::string_view duplicate = "XDUP:";
inline constexpr std::string_view entity = "XENT:";
inline constexpr std::string_view date_year = "XY:";
inline constexpr std::string_view date_month = "XM:";
inline constexpr std::string_view date_day = "XD:";
}  // namespace prefix

namespace metadata {
inline constexpr const char* schema_version = "schema_version";
inline constexpr const char* aliases_hash = "aliases_hash";
// + 16 hex digits of the article id's hash: that article's content hash (see content_hash_key).
inline constexpr const char* content_hash_prefix = "article_hash:";
}  // namespace metadata

// The metadata key holding an article's content hash. Hashed so that any id (a long url) fits
// Xapian's key length limit; a 64-bit hash of the id is unique enough for archives of billions.
std::string content_hash_key(std::string_view article_id);

// Free-text weights (wdf increments) and the gap between fields' positions.
inline constexpr unsigned kQuoteWdf = 3;
inline constexpr unsigned kFieldWdf = 1;
inline constexpr unsigned kContextWdf = 1;
inline constexpr unsigned kFieldGap = 100;

// Lower-case, accents folded, whitespace collapsed: the value of XSPEAKER:, XORGID:, XOUTLETID:
// and XENT: terms ("Recep Tayyip Erdoğan" -> "recep tayyip erdogan").
std::string normalise_name(std::string_view name);

// Accents and other marks removed, case kept: "Gdańsk" -> "Gdansk", "Łódź" -> "Lodz", "Øresund" ->
// "Oresund", "İzmir" -> "Izmir". Letters that Unicode does not decompose (ł, ø, đ, ħ, ı, ß) are
// mapped by hand; everything else is unchanged.
std::string fold_accents(std::string_view text);

// English stems of accent-folded words: the stemmer of the indexer's TermGenerator, the query
// parser and snippets. A new stemmer each call (Xapian's reference counts are not atomic: one per
// thread).
Xapian::Stem stemmer();

// Indexes `text` as the normalisation above wants it: positional Z stems (prefix after the Z), and
// the exact forms without positions. The generator must carry stemmer(); its stemming strategy is
// left as STEM_NONE. Then add_folded_terms() once the document's text is all in.
void index_words(Xapian::TermGenerator& tg, std::string_view text, unsigned wdf, std::string_view prefix = {});
// For every exact (unstemmed) term of `doc` with accents, its accent-folded form beside it, with
// the same wdf: a claim verified without accents finds the words written with them.
void add_folded_terms(Xapian::Document& doc);

// prefix + value, hashed down when it would pass Xapian's term length limit (245 bytes).
std::string exact_term(std::string_view prefix, std::string_view value);

// The exact-filter terms the indexer writes and the query parser builds.
std::string quote_id_term(std::string_view quote_id);
std::string article_term(std::string_view article_id);
std::string speaker_term(std::string_view speaker);
std::string org_term(std::string_view org);  // canonicalised through the alias table
std::string outlet_term(std::string_view outlet);
std::string entity_term(std::string_view canonical_org);
std::string kind_term(std::string_view kind);                  // "full" | "partial"
std::string speaker_kind_term(std::string_view kind);          // "person" | ...

// "2024-12-05T10:00Z" -> "20241205", "2024-12" -> "20241200", "" or unparsable -> "".
std::string date_value(std::string_view iso_date);

// The XY:, XM: and XD: terms of a date as date_value() stores it; none for "".
std::vector<std::string> date_terms(std::string_view stored_date);

// The quotations dated from `from` to `to` (YYYYMMDD as stored, both included: "00000000" and
// "99999999" leave an end open), as an OR of the fewest date terms present in `db` that cover
// exactly those dates: whole years, then whole months, then days. Undated quotations never match.
Xapian::Query date_range_query(const Xapian::Database& db, const std::string& from, const std::string& to);

// Value::facets of a quotation, and its parts back.
struct FacetParts {
  std::string speaker, org, collapse;
};
std::string facet_value(std::string_view speaker, std::string_view org, std::string_view collapse);
FacetParts split_facet_value(std::string_view value);

// The collapse key of a quotation: 16 hex digits of a hash of its words, lower-cased,
// punctuation and editorial marks ignored.
std::string collapse_key(std::string_view quote_text);

// The synonym table of the organisations: (key, XENT: term) for every spelling of every organisation
// in the alias table. A key is the spelling as the QueryParser sees it (its unstemmed terms in
// order, joined by spaces); single words that are also everyday English ("who", "us") are left
// out, so that "who said" is not about the World Health Organization. The indexer stores these in
// every database; the search side builds them for remote shards, which do not serve synonyms.
std::vector<std::pair<std::string, std::string>> organisation_synonyms();

// Sets up a QueryParser for this schema: every field of fields(), the date: ranges, the English
// stemmer and the database (for spelling and synonyms).
void configure_query_parser(Xapian::QueryParser& qp, const Xapian::Database& db);

// qp.parse_query(text, flags) for a parser set up above; a malformed field value (date:2025..2024)
// throws Xapian::QueryParserError naming it. (The field processors record the fault and let the
// parse finish: Xapian leaks memory when a FieldProcessor throws.)
Xapian::Query parse_query(Xapian::QueryParser& qp, const std::string& text, unsigned flags);

// Throws whosaid::Error when `db` was written with another schema version. `path` is for the
// message. An empty database (just created, or every quotation deleted) is accepted whatever its
// version: IndexWriter stamps it with this one.
void check_version(const Xapian::Database& db, const std::string& path);

}  // namespace whosaid::schema
