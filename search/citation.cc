#include "citation.h"

#include <cctype>
#include <chrono>
#include <ctime>
#include <set>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "aliases.h"
#include "attribution.h"
#include "error.h"
#include "places.h"
#include "reader.h"
#include "utf8.h"

namespace whosaid {

namespace {

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
constexpr const char* kMlaMonths[] = {"Jan.", "Feb.", "Mar.", "Apr.", "May", "June",
                                      "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."};
constexpr const char* kBibMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                      "jul", "aug", "sep", "oct", "nov", "dec"};

std::string trim(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

// An author as CSL and BibTeX want one: "Ludwig van Beethoven" is given "Ludwig", dropping
// particle "van", family "Beethoven"; "Charles de Gaulle" non-dropping particle "de"; "Martin
// Luther King Jr." suffix "Jr."; "Associated Press" a literal (an organisation is not a person).
struct Name {
  std::string given, dropping, non_dropping, family, suffix;
  std::string literal;  // an organisation or a one-word byline: printed as it is

  // The family name as a style shows it alone: "de Gaulle", "Beethoven".
  std::string family_part() const {
    if (!literal.empty()) return literal;
    return non_dropping.empty() ? family : non_dropping + " " + family;
  }
};

bool is_suffix(const std::string& w) {
  for (const char* s : {"Jr.", "Jr", "Sr.", "Sr", "Jnr", "Jnr.", "Snr", "Snr.", "II", "III", "IV"})
    if (w == s) return true;
  return false;
}

// Lower-case particles before a family name. Germanic ones are dropped when the family name
// stands alone ("Beethoven", "Humboldt"; Chicago: "Beethoven, Ludwig van"); Romance, Arabic and
// the rest stay with it ("de Gaulle", "da Silva", "al Assad"). A capitalised particle ("Van
// Buren", "De Niro") is part of the family name.
enum class Particle { none, dropping, non_dropping };
Particle particle_kind(const std::string& w) {
  for (const char* p : {"von", "van", "zu", "vom", "zum", "zur", "ter", "ten", "te", "der", "den"})
    if (w == p) return Particle::dropping;
  for (const char* p : {"de", "del", "della", "delle", "dello", "di", "da", "dal", "dalla", "du", "des", "dos", "das",
                        "do", "le", "la", "lo", "les", "al", "el", "bin", "ibn", "ben", "bint", "y", "d'"})
    if (w == p) return Particle::non_dropping;
  return Particle::none;
}

// Words that make a byline an organisation's: "Associated Press", "Wikinews staff", "BBC News".
bool organisation_word(const std::string& lower) {
  for (const char* w : {"press", "news", "staff", "agency", "agencies", "wire", "wires", "service", "services",
                        "network", "bureau", "desk", "team", "reporters", "correspondents", "editors", "editorial",
                        "board", "newsroom", "media", "broadcasting", "corporation", "company", "inc", "inc.", "ltd",
                        "ltd.", "llc", "group", "foundation", "institute", "university", "committee", "department",
                        "ministry", "office", "council", "association", "organisation", "organization", "union",
                        "party", "times", "post", "journal", "herald", "tribune", "gazette", "daily", "radio",
                        "television", "tv", "channel", "online", "writers", "contributors", "reuters", "afp"})
    if (lower == w) return true;
  return false;
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : s + " ") {
    if (c == ' ' || c == '\t') {
      if (!w.empty()) out.push_back(w);
      w.clear();
    } else {
      w += c;
    }
  }
  return out;
}

std::string join_words(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += (out.empty() ? "" : " ") + words[i];
  return out;
}

// A byline that names no person: a known organisation, the outlet itself, one word, or one with
// an organisation word in it.
bool is_organisation(const std::string& s, const std::string& outlet) {
  if (utf8::to_lower(s) == utf8::to_lower(trim(outlet))) return true;
  if (utf8::to_lower(canonical_org(s)) != utf8::to_lower(s)) return true;  // an alias of a known one
  for (const auto& e : org_alias_table())
    if (utf8::to_lower(e.canonical) == utf8::to_lower(s)) return true;
  auto words = split_words(s);
  if (words.size() < 2) return true;
  for (const auto& w : words)
    if (organisation_word(utf8::to_lower(w))) return true;
  return false;
}

// "First [particles] Family[,] [Jr.]" (given first) -> the parts; `words` without the suffix.
Name parse_natural(const std::vector<std::string>& words) {
  Name n;
  if (words.empty()) return n;
  std::size_t family = words.size() - 1;
  n.family = words[family];
  // A capitalised particle belongs to the family name: "Van Buren", "De Niro".
  while (family > 1 && particle_kind(words[family - 1]) == Particle::none &&
         particle_kind(utf8::to_lower(words[family - 1])) != Particle::none) {
    --family;
    n.family = words[family] + " " + n.family;
  }
  std::size_t start = family;
  while (start > 0 && particle_kind(words[start - 1]) != Particle::none) --start;
  n.given = join_words(words, 0, start);
  if (start < family) {
    const bool dropping = particle_kind(words[start]) == Particle::dropping;
    std::string particles = join_words(words, start, family);
    (dropping ? n.dropping : n.non_dropping) = particles;
  }
  return n;
}

// "John Smith", "Smith, John", "King, Martin Luther, Jr.", "Martin Luther King Jr.", "Associated
// Press" -> the parts a style needs.
Name parse_name(const std::string& raw, const std::string& outlet) {
  std::string s = trim(raw);
  Name n;
  if (is_organisation(s, outlet)) {
    n.literal = s;
    return n;
  }
  std::vector<std::string> parts;  // by commas
  for (std::size_t at = 0;;) {
    std::size_t comma = s.find(',', at);
    parts.push_back(trim(s.substr(at, comma == std::string::npos ? std::string::npos : comma - at)));
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  std::erase_if(parts, [](const std::string& p) { return p.empty(); });
  std::string suffix;
  if (parts.size() >= 2 && is_suffix(parts.back())) {  // "..., Jr."
    suffix = parts.back();
    parts.pop_back();
  }
  if (parts.size() >= 2) {  // "Family, Given", "van Beethoven, Ludwig"
    auto fw = split_words(parts[0]);
    std::size_t k = 0;
    while (k + 1 < fw.size() && particle_kind(fw[k]) != Particle::none) ++k;
    n.family = join_words(fw, k, fw.size());
    if (k > 0) (particle_kind(fw[0]) == Particle::dropping ? n.dropping : n.non_dropping) = join_words(fw, 0, k);
    n.given = parts[1];
  } else {
    auto words = split_words(parts.empty() ? s : parts[0]);
    if (words.size() >= 3 && is_suffix(words.back())) {  // "Martin Luther King Jr."
      suffix = words.back();
      words.pop_back();
    }
    n = parse_natural(words);
  }
  n.suffix = suffix;
  return n;
}

std::vector<Name> authors_of(const Article& a) {
  std::vector<Name> out;
  for (const auto& raw : a.authors)
    if (!trim(raw).empty()) out.push_back(parse_name(raw, a.outlet));
  return out;
}

std::string family_or_literal(const Name& n) { return n.family_part(); }

// "Martin Luther King Jr.", "Ludwig van Beethoven" (Chicago 17: no comma before Jr.)
std::string natural(const Name& n) {
  if (!n.literal.empty()) return n.literal;
  std::string out;
  for (const auto* part : {&n.given, &n.dropping, &n.non_dropping, &n.family, &n.suffix})
    if (!part->empty()) out += (out.empty() ? "" : " ") + *part;
  return out;
}

// "King, Martin Luther, Jr.", "Beethoven, Ludwig van", "de Gaulle, Charles" (MLA, Chicago).
std::string inverted(const Name& n) {
  if (!n.literal.empty()) return n.literal;
  std::string out = n.family_part();
  std::string given = n.given;
  if (!n.dropping.empty()) given += (given.empty() ? "" : " ") + n.dropping;
  if (!given.empty()) out += ", " + given;
  if (!n.suffix.empty()) out += ", " + n.suffix;
  return out;
}

// "Liz Ann" -> "L. A."; "Jean-Luc" -> "J.-L."
std::string initials(const std::string& given) {
  std::string out;
  bool start = true;
  for (std::size_t i = 0; i < given.size();) {
    std::size_t at = i;
    char32_t c = utf8::next(given, i);
    if (c == U' ') {
      start = true;
      continue;
    }
    if (c == U'-') {
      out += "-";
      start = true;
      continue;
    }
    if (start && c != U'.') {
      if (!out.empty() && out.back() != '-') out += ' ';
      out.append(given, at, i - at);
      out += '.';
    }
    start = false;
  }
  return out;
}

// Text ends with sentence punctuation?
bool ends_sentence(const std::string& s) {
  return !s.empty() && (s.back() == '.' || s.back() == '?' || s.back() == '!');
}
std::string with_period(const std::string& s) { return ends_sentence(s) ? s : s + "."; }

// Italics while a citation is built: between two control characters that no field keeps (marked()
// removes them), turned into Markdown's *...* by cite() and into runs by cite_formatted().
constexpr char kItalicOn = '\x0e', kItalicOff = '\x0f';
std::string italic(const std::string& s) { return kItalicOn + s + kItalicOff; }

std::string title_of(const Article& a) { return trim(a.title).empty() ? "" : trim(a.title); }

// The quotation as it goes between double quotes: trailing clause punctuation dropped (and a
// final period, when the citation's own punctuation follows), inner double quotes made single.
std::string quoted_words(const Quote& q, bool keep_period = true) {
  std::string t = trim(q.text);
  auto strip = [&](char c) { return c == ',' || c == ';' || c == ':' || c == ' ' || (!keep_period && c == '.'); };
  while (!t.empty() && strip(t.back())) t.pop_back();
  std::string out;
  for (std::size_t i = 0; i < t.size();) {
    std::size_t at = i;
    char32_t c = utf8::next(t, i);
    if (c == U'"') out += '\'';
    else if (c == U'\u201c') out += "\u2018";
    else if (c == U'\u201d') out += "\u2019";
    else out.append(t, at, i - at);
  }
  return out;
}

// "Liz Evenson, international justice director at Human Rights Watch," said ...
std::string speaker_phrase(const Quote& q) {
  SpeakerDescription d = describe_speaker(q);
  std::string name = d.name;
  if (name.empty()) return "An unidentified speaker";
  if (q.speaker_kind == SpeakerKind::anonymous)
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  if (!d.role.empty()) return name + ", " + d.role + (d.org.empty() ? "" : " at " + d.org) + ",";
  if (!d.org.empty() && q.speaker_kind != SpeakerKind::organisation) return name + " of " + d.org;
  return name;
}

std::string verb_of(const Quote& q) {
  for (const char* w : {"wrote", "tweeted", "posted", "writes", "tweets"})
    if (q.cue == w) return "wrote";
  return "said";
}

// `Name, role at Org, said, "words"` (Chicago: with the sentence's period inside the marks; APA
// and MLA: the period follows the parenthetical citation).
std::string quoting_sentence(const Quote& q, bool period_inside) {
  std::string words = quoted_words(q, period_inside);
  if (period_inside && !ends_sentence(words)) words += ".";
  return speaker_phrase(q) + " " + verb_of(q) + ", \"" + words + "\"";
}

// ---- APA 7

std::string apa_date(const CitationDate& d) {
  if (d.empty()) return "n.d.";
  std::string s = std::to_string(d.year);
  if (d.month) s += std::string(", ") + kMonths[d.month - 1];
  if (d.month && d.day) s += " " + std::to_string(d.day);
  return s;
}

std::string apa_authors(const std::vector<Name>& names) {
  // "King, M. L., Jr.", "Beethoven, L. van", "de Gaulle, C."
  auto one = [](const Name& n) {
    if (!n.literal.empty()) return n.literal;
    std::string out = n.family_part(), given = initials(n.given);
    if (!n.dropping.empty()) given += (given.empty() ? "" : " ") + n.dropping;
    if (!given.empty()) out += ", " + given;
    if (!n.suffix.empty()) out += ", " + n.suffix;
    return out;
  };
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += names.size() == 2 ? ", & " : (i + 1 == names.size() ? ", & " : ", ");
    out += one(names[i]);
  }
  return out;
}

std::string apa_in_text(const std::vector<Name>& names, const std::string& title, const CitationDate& d) {
  std::string who;
  if (names.empty()) who = "\"" + (title.empty() ? std::string("Untitled article") : title) + ",\"";
  else if (names.size() == 1) who = family_or_literal(names[0]) + ",";
  else if (names.size() == 2) who = family_or_literal(names[0]) + " & " + family_or_literal(names[1]) + ",";
  else who = family_or_literal(names[0]) + " et al.,";
  std::string year = d.empty() ? "n.d." : std::to_string(d.year);
  return "(as cited in " + who + " " + year + ")";
}

std::string cite_apa(const QuoteRecord& r) {
  const Article& a = r.article;
  auto names = authors_of(a);
  CitationDate d = parse_citation_date(a.date);
  std::string title = title_of(a);
  std::string text = quoting_sentence(r.quote, false) + " " + apa_in_text(names, title, d) + ".";
  std::string ref;
  std::string t = title.empty() ? "[Untitled article]" : title;
  if (!names.empty()) ref = with_period(apa_authors(names)) + " (" + apa_date(d) + "). " + with_period(t);
  else ref = with_period(t) + " (" + apa_date(d) + ").";
  if (!trim(a.outlet).empty()) ref += " " + italic(trim(a.outlet)) + ".";
  if (!trim(a.url).empty()) ref += " " + trim(a.url);
  return text + "\n\n" + ref + "\n";
}

// ---- MLA 9

std::string mla_date(const CitationDate& d) {
  std::string s;
  if (d.day) s += std::to_string(d.day) + " ";
  if (d.month) s += std::string(kMlaMonths[d.month - 1]) + " ";
  return s + std::to_string(d.year);
}

std::string mla_short_title(const std::string& title) {
  if (title.empty()) return "Untitled";
  std::string out;
  int words = 0;
  for (std::size_t i = 0; i < title.size() && words < 4; ++i) {
    if (title[i] == ' ') ++words;
    if (words < 4) out += title[i];
  }
  while (!out.empty() && std::ispunct(static_cast<unsigned char>(out.back()))) out.pop_back();
  return out;
}

std::string cite_mla(const QuoteRecord& r, const CitationDate& accessed) {
  const Article& a = r.article;
  auto names = authors_of(a);
  CitationDate d = parse_citation_date(a.date);
  std::string title = title_of(a);
  std::string who;
  if (names.empty()) who = "\"" + mla_short_title(title) + "\"";
  else if (names.size() == 1) who = family_or_literal(names[0]);
  else if (names.size() == 2) who = family_or_literal(names[0]) + " and " + family_or_literal(names[1]);
  else who = family_or_literal(names[0]) + " et al.";
  std::string text = quoting_sentence(r.quote, false) + " (qtd. in " + who + ").";

  std::string entry;
  if (names.size() == 1) entry = with_period(inverted(names[0])) + " ";
  else if (names.size() == 2) entry = inverted(names[0]) + ", and " + natural(names[1]) + ". ";
  else if (names.size() > 2) entry = inverted(names[0]) + ", et al. ";
  entry += "\"" + with_period(title.empty() ? "Untitled" : title) + "\"";
  std::vector<std::string> container;
  if (!trim(a.outlet).empty()) container.push_back(italic(trim(a.outlet)));
  if (!d.empty()) container.push_back(mla_date(d));
  if (!trim(a.url).empty()) {
    std::string url = trim(a.url);
    for (const char* scheme : {"https://", "http://"})
      if (url.rfind(scheme, 0) == 0) url = url.substr(std::string(scheme).size());
    container.push_back(url);
  }
  for (std::size_t i = 0; i < container.size(); ++i) entry += (i == 0 ? " " : ", ") + container[i];
  if (!container.empty()) entry += ".";
  // No publication date: the access date tells when the page said this.
  if (d.empty() && !accessed.empty()) entry += " Accessed " + mla_date(accessed) + ".";
  return text + "\n\n" + entry + "\n";
}

// ---- Chicago 17 (notes and bibliography)

std::string chicago_date(const CitationDate& d) {
  if (d.empty()) return "n.d.";
  if (!d.month) return std::to_string(d.year);
  if (!d.day) return std::string(kMonths[d.month - 1]) + " " + std::to_string(d.year);
  return fmt::format("{} {}, {}", kMonths[d.month - 1], d.day, d.year);
}

std::string chicago_note_authors(const std::vector<Name>& names) {
  if (names.size() >= 4) return natural(names[0]) + " et al.";
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    out += natural(names[i]);
  }
  return out;
}

std::string chicago_bib_authors(const std::vector<Name>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i == 0) out += inverted(names[i]);
    else out += (i + 1 == names.size() ? ", and " : ", ") + natural(names[i]);  // "Ward, Geoffrey C., and Ken Burns"
  }
  return out;
}

std::string cite_chicago(const QuoteRecord& r, const CitationDate& accessed) {
  const Article& a = r.article;
  const Quote& q = r.quote;
  auto names = authors_of(a);
  CitationDate d = parse_citation_date(a.date);
  std::string title = title_of(a).empty() ? "Untitled article" : title_of(a);
  std::string outlet = trim(a.outlet), url = trim(a.url);
  std::string text = quoting_sentence(q, true) + "[1]";

  // Note: 1. Liz Evenson, quoted in John Smith, "Title," *Outlet*, December 5, 2024, URL.
  std::vector<std::string> parts;
  std::string speaker = trim(q.speaker).empty() ? "Unidentified speaker" : trim(q.speaker);
  std::string note = "1. " + speaker + ", quoted in ";
  if (!names.empty()) parts.push_back(chicago_note_authors(names));
  parts.push_back("\"" + title + ",\"");
  if (!outlet.empty()) parts.push_back(italic(outlet));
  parts.push_back(chicago_date(d));
  if (d.empty() && !accessed.empty()) parts.push_back("accessed " + chicago_date(accessed));
  if (!url.empty()) parts.push_back(url);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    bool after_title = i > 0 && parts[i - 1].back() == '"';
    note += (i == 0 ? "" : after_title ? " " : ", ") + parts[i];
  }
  note += ".";

  // Bibliography: Smith, John. "Title." *Outlet*, December 5, 2024. URL.
  // Unsigned: the outlet leads (*Outlet*. "Title." ...), else the title.
  std::string bib;
  if (!names.empty()) bib = with_period(chicago_bib_authors(names)) + " \"" + with_period(title) + "\"";
  else if (!outlet.empty()) bib = italic(outlet) + ". \"" + with_period(title) + "\"";
  else bib = "\"" + with_period(title) + "\"";
  if (!names.empty() && !outlet.empty()) bib += " " + italic(outlet) + ", " + chicago_date(d) + ".";
  else bib += " " + with_period(chicago_date(d));
  if (d.empty() && !accessed.empty()) bib += " Accessed " + chicago_date(accessed) + ".";
  if (!url.empty()) bib += " " + url + ".";
  return text + "\n\n" + note + "\n\n" + bib + "\n";
}

// ---- CSL-JSON

nlohmann::ordered_json date_parts(const CitationDate& d) {
  nlohmann::ordered_json parts = nlohmann::ordered_json::array({d.year});
  if (d.month) parts.push_back(d.month);
  if (d.month && d.day) parts.push_back(d.day);
  return {{"date-parts", nlohmann::ordered_json::array({parts})}};
}

std::string note_text(const Quote& q) {
  SpeakerDescription d = describe_speaker(q);
  std::string who = d.name.empty() ? "an unidentified speaker" : d.name;
  std::string desc;
  for (const auto* s : {&d.role, &d.org})
    if (!s->empty()) desc += (desc.empty() ? "" : ", ") + *s;
  return "Quoting " + who + (desc.empty() ? "" : " (" + desc + ")") + ": \u201c" + quoted_words(q) + "\u201d [" +
         q.quote_id + "]";
}

std::string cite_csl(const QuoteRecord& r, const CitationDate& accessed) {
  const Article& a = r.article;
  nlohmann::ordered_json item;
  item["id"] = citation_key(r);
  item["type"] = "article-newspaper";
  if (!title_of(a).empty()) item["title"] = title_of(a);
  if (!trim(a.outlet).empty()) item["container-title"] = trim(a.outlet);
  auto names = authors_of(a);
  if (!names.empty()) {
    auto arr = nlohmann::ordered_json::array();
    for (const auto& n : names) {
      if (!n.literal.empty()) {
        arr.push_back({{"literal", n.literal}});
        continue;
      }
      nlohmann::ordered_json one{{"family", n.family}};
      if (!n.given.empty()) one["given"] = n.given;
      if (!n.non_dropping.empty()) one["non-dropping-particle"] = n.non_dropping;
      if (!n.dropping.empty()) one["dropping-particle"] = n.dropping;
      if (!n.suffix.empty()) one["suffix"] = n.suffix;
      arr.push_back(std::move(one));
    }
    item["author"] = std::move(arr);
  }
  if (CitationDate d = parse_citation_date(a.date); !d.empty()) item["issued"] = date_parts(d);
  if (!trim(a.url).empty()) item["URL"] = trim(a.url);
  if (!accessed.empty()) item["accessed"] = date_parts(accessed);
  if (!trim(a.language).empty()) item["language"] = trim(a.language);
  item["note"] = note_text(r.quote);
  nlohmann::ordered_json doc = nlohmann::ordered_json::array({item});
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// ---- BibTeX

std::string bib_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "\\&"; break;
      case '%': out += "\\%"; break;
      case '$': out += "\\$"; break;
      case '#': out += "\\#"; break;
      case '_': out += "\\_"; break;
      case '{': out += "\\{"; break;
      case '}': out += "\\}"; break;
      case '~': out += "\\textasciitilde{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '\\': out += "\\textbackslash{}"; break;
      default: out += c;
    }
  }
  return out;
}

// BibTeX's "von Last, Jr, First": "van Beethoven, Ludwig", "de Gaulle, Charles", "King, Jr., Martin
// Luther"; an organisation in braces, so that it is never split into names: {Associated Press}.
std::string bib_name(const Name& n) {
  if (!n.literal.empty()) return "{" + bib_escape(n.literal) + "}";
  std::string von = n.dropping;
  if (!n.non_dropping.empty()) von += (von.empty() ? "" : " ") + n.non_dropping;
  std::string out = (von.empty() ? "" : von + " ") + n.family;
  if (!n.suffix.empty() && !n.given.empty()) out += ", " + n.suffix + ", " + n.given;
  else if (!n.given.empty()) out += ", " + n.given;
  else if (!n.suffix.empty()) out += " " + n.suffix;
  return bib_escape(out);
}

bool has_upper(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t at = i;
    char32_t c = utf8::next(s, i);
    std::string one(s.substr(at, i - at));
    if (utf8::to_lower(one) != one) return true;
    (void)c;
  }
  return false;
}

// A word starting with a capital: its first character is not what to_lower makes of it.
bool capitalised(std::string_view w) {
  if (w.empty()) return false;
  std::size_t i = 0;
  utf8::next(w, i);
  std::string first(w.substr(0, i));
  return utf8::to_lower(first) != first;
}

// The words of a title that name something (a person, place or organisation) in braces, so that a
// style converting it to sentence case (APA) keeps their capitals, and nothing else, so that one
// converting it to title case (MLA, Chicago) can: {{...}} around the whole title forbade both.
// A sentence-case title ("Arrest made as mayor of Gdańsk stabbed") marks its names itself: every
// capitalised word after the first. In a title-case one ("A Court Under Pressure"), only
// acronyms, mixed case (iPhone), places and the words of the quotation's speaker and
// organisation and of the outlet are.
std::string bib_title(const std::string& title, const QuoteRecord& r) {
  std::vector<std::string> words = split_words(title);
  auto core_of = [](const std::string& w) {  // without the punctuation around it
    std::size_t b = 0, e = w.size();
    while (b < e && std::ispunct(static_cast<unsigned char>(w[b])) && w[b] != '\'') ++b;
    while (e > b && std::ispunct(static_cast<unsigned char>(w[e - 1]))) --e;
    return std::pair{b, e};
  };
  std::size_t long_words = 0, capital_words = 0;
  for (std::size_t i = 1; i < words.size(); ++i) {
    auto [b, e] = core_of(words[i]);
    if (e - b < 4) continue;
    ++long_words;
    capital_words += capitalised(std::string_view(words[i]).substr(b, e - b));
  }
  const bool title_case = long_words >= 2 && capital_words * 2 > long_words;
  std::set<std::string> named;
  for (const std::string* s : {&r.quote.speaker, &r.quote.affiliation, &r.article.outlet})
    for (const auto& w : split_words(*s)) {
      auto [b, e] = core_of(w);
      if (e > b) named.insert(w.substr(b, e - b));
    }
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    auto [b, e] = core_of(w);
    std::string core = w.substr(b, e - b);
    std::string rest_after_first = core.empty() ? "" : core.substr(1);
    bool protect = false;
    if (!core.empty() && capitalised(core)) {
      bool acronym_or_mixed = has_upper(rest_after_first);
      bool known = named.count(core) || is_place_name(core);
      protect = acronym_or_mixed || known || (!title_case && i > 0);
    } else if (!core.empty() && has_upper(core)) {
      protect = true;  // "iPhone", "eBay"
    }
    if (!out.empty()) out += ' ';
    if (protect)
      out += bib_escape(w.substr(0, b)) + "{" + bib_escape(core) + "}" + bib_escape(w.substr(e));
    else
      out += bib_escape(w);
  }
  return out;
}

std::string cite_bibtex(const QuoteRecord& r, const CitationDate& accessed) {
  const Article& a = r.article;
  auto names = authors_of(a);
  CitationDate d = parse_citation_date(a.date);
  std::string outlet = trim(a.outlet), url = trim(a.url);
  std::vector<std::pair<std::string, std::string>> fields;
  if (!names.empty()) {
    std::string authors;
    for (const auto& n : names) authors += (authors.empty() ? "" : " and ") + bib_name(n);
    fields.emplace_back("author", "{" + authors + "}");
  }
  if (!title_of(a).empty()) fields.emplace_back("title", "{" + bib_title(title_of(a), r) + "}");
  if (!outlet.empty()) {
    fields.emplace_back("journal", "{" + bib_escape(outlet) + "}");
    // biblatex and pandoc: a newspaper article, whose day and month are part of its date.
    fields.emplace_back("entrysubtype", "{newspaper}");
  }
  if (!d.empty()) {
    fields.emplace_back("year", "{" + std::to_string(d.year) + "}");
    if (d.month) fields.emplace_back("month", kBibMonths[d.month - 1]);
    std::string date = std::to_string(d.year);
    if (d.month) date += fmt::format("-{:02}", d.month);
    if (d.month && d.day) date += fmt::format("-{:02}", d.day);
    fields.emplace_back("date", "{" + date + "}");
  }
  if (!url.empty()) {
    fields.emplace_back("url", "{" + url + "}");
    if (!accessed.empty())
      fields.emplace_back("urldate", fmt::format("{{{:04}-{:02}-{:02}}}", accessed.year, accessed.month, accessed.day));
  }
  fields.emplace_back("note", "{" + bib_escape(note_text(r.quote)) + "}");
  std::string out = std::string(outlet.empty() ? "@misc" : "@article") + "{" + citation_key(r) + ",\n";
  for (const auto& [k, v] : fields) out += "  " + k + " = " + v + ",\n";
  return out + "}\n";
}

// The first word of `s` (ASCII letters and digits, lower case) that is not a function word.
std::string key_word(const std::string& s, bool skip_function_words) {
  std::string folded = utf8::fold_diacritics(s), word;
  auto good = [&](const std::string& w) {
    if (w.empty()) return false;
    if (!skip_function_words) return true;
    for (const char* f : {"a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "with", "update", "analysis"})
      if (w == f) return false;
    return true;
  };
  for (char c : folded + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (c == ' ' || c == '-' || c == ',' || c == ':' || c == '.' || c == '\'') {
      if (c == '\'') continue;
      if (good(word)) return word;
      word.clear();
    }
  }
  return "";
}

}  // namespace

CitationStyle parse_citation_style(const std::string& name) {
  if (name == "apa") return CitationStyle::apa;
  if (name == "mla") return CitationStyle::mla;
  if (name == "chicago") return CitationStyle::chicago;
  if (name == "csl-json" || name == "csl" || name == "csljson") return CitationStyle::csl_json;
  if (name == "bibtex") return CitationStyle::bibtex;
  throw Error(fmt::format("--style {}: expected apa, mla, chicago, csl-json or bibtex", name));
}

CitationDate parse_citation_date(const std::string& iso) {
  CitationDate d;
  std::string s = trim(iso);
  auto digits = [&](std::size_t at, std::size_t n) {
    if (s.size() < at + n) return -1;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  int y = digits(0, 4);
  if (y <= 0) return d;
  d.year = y;
  if (s.size() >= 7 && s[4] == '-') {
    int m = digits(5, 2);
    if (m >= 1 && m <= 12) {
      d.month = m;
      if (s.size() >= 10 && s[7] == '-') {
        int day = digits(8, 2);
        if (day >= 1 && day <= 31) d.day = day;
      }
    }
  }
  return d;
}

CitationDate today() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::string citation_key(const QuoteRecord& r) {
  const Article& a = r.article;
  auto names = authors_of(a);
  std::string base, title_word = key_word(a.title, true);
  if (!names.empty()) base = key_word(names[0].literal.empty() ? names[0].family : names[0].literal, false);
  if (base.empty()) base = key_word(a.outlet, true);
  bool from_title = false;
  if (base.empty()) {
    base = title_word;
    from_title = true;
  }
  if (base.empty()) base = "quote";
  CitationDate d = parse_citation_date(a.date);
  std::string key = base + (d.empty() ? "nd" : std::to_string(d.year));
  if (!from_title && !title_word.empty() && title_word != base) key += title_word;
  // Outlet, year and title word are shared by many articles ("wikinews2019us"): six hex digits of
  // a hash of the article id make the key the article's own, the same for every quotation of it
  // and in every run, whatever else the index holds.
  return key + "-" + stable_hash_hex(a.id).substr(0, 6);
}

namespace {

// The citation with its italics marked (kItalicOn, kItalicOff).
std::string marked(const QuoteRecord& record, CitationStyle style, const CitationDate& accessed) {
  QuoteRecord r = record;
  auto clean = [](std::string& s) { std::erase_if(s, [](char c) { return c == kItalicOn || c == kItalicOff; }); };
  for (std::string* f : {&r.article.title, &r.article.outlet, &r.article.url, &r.article.date, &r.quote.text,
                         &r.quote.speaker, &r.quote.role, &r.quote.affiliation, &r.quote.cue})
    clean(*f);
  for (auto& author : r.article.authors) clean(author);
  switch (style) {
    case CitationStyle::apa: return cite_apa(r);
    case CitationStyle::mla: return cite_mla(r, accessed);
    case CitationStyle::chicago: return cite_chicago(r, accessed);
    case CitationStyle::csl_json: return cite_csl(r, accessed);
    case CitationStyle::bibtex: return cite_bibtex(r, accessed);
  }
  return "";
}

}  // namespace

std::string cite(const QuoteRecord& r, CitationStyle style, const CitationDate& accessed) {
  std::string out = marked(r, style, accessed);
  for (char& c : out)
    if (c == kItalicOn || c == kItalicOff) c = '*';
  return out;
}

std::vector<CitationRun> cite_formatted(const QuoteRecord& r, CitationStyle style, const CitationDate& accessed) {
  std::vector<CitationRun> runs;
  CitationRun run;
  for (char c : marked(r, style, accessed)) {
    if (c == kItalicOn || c == kItalicOff) {
      if (!run.text.empty()) runs.push_back(run);
      run = CitationRun{"", c == kItalicOn};
    } else {
      run.text += c;
    }
  }
  if (!run.text.empty()) runs.push_back(run);
  return runs;
}

}  // namespace whosaid
