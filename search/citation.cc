#include "citation.h"

#include <cctype>
#include <chrono>
#include <ctime>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "error.h"
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

struct Name {
  std::string family, given, literal;  // literal: an organisation or a one-word name
};

// "John Smith", "Smith, John", "Wikinews staff" -> the parts a style needs.
Name parse_name(const std::string& raw) {
  std::string s = trim(raw);
  Name n;
  if (auto comma = s.find(','); comma != std::string::npos) {
    n.family = trim(s.substr(0, comma));
    n.given = trim(s.substr(comma + 1));
    if (n.given.empty()) n.literal = n.family;
    return n;
  }
  auto sp = s.rfind(' ');
  if (sp == std::string::npos) {
    n.literal = s;
    return n;
  }
  n.family = s.substr(sp + 1);
  n.given = trim(s.substr(0, sp));
  return n;
}

std::vector<Name> authors_of(const Article& a) {
  std::vector<Name> out;
  for (const auto& raw : a.authors)
    if (!trim(raw).empty()) out.push_back(parse_name(raw));
  return out;
}

std::string family_or_literal(const Name& n) { return n.literal.empty() ? n.family : n.literal; }
std::string natural(const Name& n) { return n.literal.empty() ? n.given + " " + n.family : n.literal; }
std::string inverted(const Name& n) { return n.literal.empty() ? n.family + ", " + n.given : n.literal; }

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

std::string italic(const std::string& s) { return "*" + s + "*"; }

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
  std::string name = trim(q.speaker);
  if (name.empty()) return "An unidentified speaker";
  if (q.speaker_kind == SpeakerKind::anonymous && !name.empty())
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  std::string role = trim(q.role);
  if (!role.empty() && q.former && role.rfind("former", 0) != 0) role = "former " + role;
  std::string org = trim(q.affiliation);
  if (!role.empty()) return name + ", " + role + (org.empty() ? "" : " at " + org) + ",";
  if (!org.empty() && q.speaker_kind != SpeakerKind::organisation) return name + " of " + org;
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
  auto one = [](const Name& n) { return n.literal.empty() ? n.family + ", " + initials(n.given) : n.literal; };
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
    else out += (names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ")) + natural(names[i]);
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
  std::string who = trim(q.speaker).empty() ? "an unidentified speaker" : trim(q.speaker);
  std::vector<std::string> about;
  if (!trim(q.role).empty()) about.push_back((q.former && q.role.rfind("former", 0) != 0 ? "former " : "") + trim(q.role));
  if (!trim(q.affiliation).empty()) about.push_back(trim(q.affiliation));
  std::string desc;
  for (const auto& s : about) desc += (desc.empty() ? "" : ", ") + s;
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
      if (n.literal.empty()) arr.push_back({{"family", n.family}, {"given", n.given}});
      else arr.push_back({{"literal", n.literal}});
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

std::string cite_bibtex(const QuoteRecord& r, const CitationDate& accessed) {
  const Article& a = r.article;
  auto names = authors_of(a);
  CitationDate d = parse_citation_date(a.date);
  std::string outlet = trim(a.outlet), url = trim(a.url);
  std::vector<std::pair<std::string, std::string>> fields;
  if (!names.empty()) {
    std::string authors;
    for (const auto& n : names)
      authors += (authors.empty() ? "" : " and ") + (n.literal.empty() ? bib_escape(inverted(n)) : "{" + bib_escape(n.literal) + "}");
    fields.emplace_back("author", "{" + authors + "}");
  }
  if (!title_of(a).empty()) fields.emplace_back("title", "{{" + bib_escape(title_of(a)) + "}}");
  if (!outlet.empty()) fields.emplace_back("journal", "{" + bib_escape(outlet) + "}");
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
  if (!names.empty()) base = key_word(family_or_literal(names[0]), false);
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
  return key;
}

std::string cite(const QuoteRecord& r, CitationStyle style, const CitationDate& accessed) {
  switch (style) {
    case CitationStyle::apa: return cite_apa(r);
    case CitationStyle::mla: return cite_mla(r, accessed);
    case CitationStyle::chicago: return cite_chicago(r, accessed);
    case CitationStyle::csl_json: return cite_csl(r, accessed);
    case CitationStyle::bibtex: return cite_bibtex(r, accessed);
  }
  return "";
}

}  // namespace whosaid
