#include "quote_document.h"

#include <algorithm>

#include <fmt/format.h>

#include "aliases.h"
#include "org_mentions.h"
#include "quote_record.h"
#include "schema.h"

namespace whosaid {

namespace {

using Span = std::pair<std::size_t, std::size_t>;

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// The non-blank line before byte `start` / after byte `end` of `text`: neighbouring paragraphs.
Span paragraph_before(const std::string& text, std::size_t start) {
  while (start > 0) {
    std::size_t end = start - 1;  // the '\n' ending the previous line
    std::size_t b = text.rfind('\n', end == 0 ? 0 : end - 1);
    b = (b == std::string::npos || end == 0) ? 0 : b + 1;
    if (!blank(std::string_view(text).substr(b, end - b))) return {b, end};
    start = b;
  }
  return {0, 0};
}

Span paragraph_after(const std::string& text, std::size_t end) {
  while (end < text.size()) {
    std::size_t b = end + 1;
    std::size_t e = text.find('\n', b);
    if (e == std::string::npos) e = text.size();
    if (!blank(std::string_view(text).substr(b, e - b))) return {b, e};
    end = e;
  }
  return {0, 0};
}

void index_field(Xapian::TermGenerator& tg, std::string_view text, std::string_view prefix, bool also_free_text) {
  if (blank(text)) return;
  tg.index_text(std::string(text), schema::kFieldWdf, std::string(prefix));
  tg.increase_termpos(schema::kFieldGap);
  if (also_free_text) {
    tg.index_text(std::string(text), schema::kFieldWdf);
    tg.increase_termpos(schema::kFieldGap);
  }
}

// Every spelling of the organisations this quote speaks for: the affiliation, and the speaker
// itself when it is an organisation ("Human Rights Watch said").
std::vector<std::string> organisations_of(const Quote& q) {
  std::vector<std::string> orgs;
  if (!q.affiliation.empty()) orgs.push_back(q.affiliation);
  if (q.speaker_kind == SpeakerKind::organisation && !q.speaker.empty()) orgs.push_back(q.speaker);
  return orgs;
}

void add_free_text(Xapian::TermGenerator& tg, const Article& a, const Quote& q) {
  tg.index_text(q.text, schema::kQuoteWdf);
  tg.increase_termpos(schema::kFieldGap);
  index_field(tg, q.speaker, schema::prefix::speaker, true);
  index_field(tg, q.role, schema::prefix::role, true);
  for (const auto& org : organisations_of(q)) {
    // Free text gets the organisation as written; other spellings reach it through the synonyms
    // of its XENT: term. org: gets every spelling, so org:HRW is a plain term lookup.
    tg.index_text(org, schema::kFieldWdf);
    tg.increase_termpos(schema::kFieldGap);
    for (const auto& spelling : org_spellings(org)) index_field(tg, spelling, schema::prefix::org, false);
  }
  index_field(tg, a.outlet, schema::prefix::outlet, false);
  index_field(tg, a.title, schema::prefix::title, true);
}

// Lowest weight: the paragraph the quote stands in (the title is already in). It names what "he"
// or "the court" refers to when the attribution sentence does.
void add_context(Xapian::TermGenerator& tg, const Article& a, const Quote& q) {
  auto [start, end] = paragraph_span(a, q);
  if (end <= start) return;
  // The quote's own words are indexed already, at a higher weight: only what surrounds them here.
  std::size_t qs = std::clamp(q.mark_end > q.mark_start ? q.mark_start : q.byte_start, start, end);
  std::size_t qe = std::clamp(q.mark_end > q.mark_start ? q.mark_end : q.byte_end, qs, end);
  for (auto [b, e] : {Span{start, qs}, Span{qe, end}}) {
    if (e <= b) continue;
    tg.index_text(a.text.substr(b, e - b), schema::kContextWdf);
    tg.increase_termpos(schema::kFieldGap);
  }
}

// The text whose organisation mentions the quote inherits: the title and the paragraphs before,
// around and after it. Only organisations travel this far, not every word: "the court" in a quote
// next to "The ICC's paradox" is about the ICC, but the neighbours' other words are not the quote's.
std::string mention_window(const Article& a, const Quote& q) {
  auto own = paragraph_span(a, q);
  std::string window = a.title + "\n" + q.affiliation;
  for (Span s : {paragraph_before(a.text, own.first), own, paragraph_after(a.text, own.second)}) {
    if (s.second <= s.first) continue;
    window += '\n';
    window.append(a.text, s.first, s.second - s.first);
  }
  return window;
}

void add_boolean_terms(Xapian::Document& doc, const Article& a, const Quote& q) {
  doc.add_boolean_term(schema::quote_id_term(q.quote_id));
  doc.add_boolean_term(schema::article_term(a.id));
  if (!q.speaker.empty()) doc.add_boolean_term(schema::speaker_term(q.speaker));
  for (const auto& org : organisations_of(q)) doc.add_boolean_term(schema::org_term(org));
  if (!a.outlet.empty()) doc.add_boolean_term(schema::outlet_term(a.outlet));
  doc.add_boolean_term(schema::kind_term(to_string(q.kind)));
  doc.add_boolean_term(schema::speaker_kind_term(to_string(q.speaker_kind)));
  doc.add_boolean_term(schema::exact_term(schema::prefix::duplicate, schema::collapse_key(q.text)));
  for (const auto& org : org_mentions(q.text + "\n" + mention_window(a, q))) doc.add_boolean_term(schema::entity_term(org));
}

void add_values(Xapian::Document& doc, const Article& a, const Quote& q) {
  doc.add_value(schema::Value::date, schema::date_value(a.date));
  doc.add_value(schema::Value::speaker, q.speaker);
  doc.add_value(schema::Value::org, q.affiliation.empty() ? std::string() : canonical_org(q.affiliation));
  doc.add_value(schema::Value::collapse, schema::collapse_key(q.text));
  doc.add_value(schema::Value::outlet, a.outlet);
  doc.add_value(schema::Value::role, q.role);
  doc.add_value(schema::Value::order, fmt::format("{}{}{:012}", a.id, '\0', q.byte_start));
}

}  // namespace

bool is_spelling_term(const std::string& term) {
  if (term.empty() || term.size() > 64) return false;
  unsigned char c = static_cast<unsigned char>(term[0]);
  if (c >= 'A' && c <= 'Z') return false;  // prefixed or a Z stem
  return term.find_first_not_of("0123456789.,") != std::string::npos;  // numbers are never misspelt
}

Xapian::Document quote_document(const Article& a, const Quote& q, Xapian::TermGenerator& tg) {
  Xapian::Document doc;
  tg.set_document(doc);
  add_free_text(tg, a, q);
  add_context(tg, a, q);
  add_boolean_terms(doc, a, q);
  add_values(doc, a, q);
  doc.set_data(record_to_json(make_record(a, q)));
  return doc;
}

}  // namespace whosaid
