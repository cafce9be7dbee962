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

// Words that say nothing on their own ("the", "of"): the search side drops them from queries
// outside phrases, so the context terms below leave them out altogether.
const Xapian::Stopper& context_stopper() {
  static const Xapian::SimpleStopper* stopper = [] {
    auto* st = new Xapian::SimpleStopper;  // lives as long as the program
    for (const char* w : {"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
                          "he", "her", "his", "i", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the",
                          "their", "they", "this", "to", "was", "we", "were", "which", "who", "will", "with"})
      st->add(w);
    return st;
  }();
  return *stopper;
}

void index_field(Xapian::TermGenerator& tg, std::string_view text, std::string_view prefix, bool also_free_text) {
  if (blank(text)) return;
  schema::index_words(tg, text, schema::kFieldWdf, prefix);
  tg.increase_termpos(schema::kFieldGap);
  if (also_free_text) {
    schema::index_words(tg, text, schema::kFieldWdf);
    tg.increase_termpos(schema::kFieldGap);
  }
}

// Low-weight context (the title's free-text copy, the paragraph around the quote): stems only
// (Z terms, what the query parser looks up for a lower-case word), no positions, no stop words.
// Phrases and exact spellings are for the quote and the prefixed fields; a phrase that runs
// through the neighbouring sentences is not what anyone looks for. Context was most of a
// document's terms, and its positions most of the index.
void index_context(Xapian::TermGenerator& tg, std::string_view text) {
  if (blank(text)) return;
  tg.set_stopper(&context_stopper());
  tg.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  tg.index_text_without_positions(std::string(text), schema::kContextWdf);
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  tg.set_stopper(nullptr);
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
  schema::index_words(tg, q.text, schema::kQuoteWdf);
  tg.increase_termpos(schema::kFieldGap);
  index_field(tg, q.speaker, schema::prefix::speaker, true);
  index_field(tg, q.role, schema::prefix::role, true);
  for (const auto& org : organisations_of(q)) {
    // Free text gets the organisation as written; other spellings reach it through the synonyms
    // of its XENT: term. org: gets every spelling, so org:HRW is a plain term lookup.
    schema::index_words(tg, org, schema::kFieldWdf);
    tg.increase_termpos(schema::kFieldGap);
    for (const auto& spelling : org_spellings(org)) index_field(tg, spelling, schema::prefix::org, false);
  }
  index_field(tg, a.outlet, schema::prefix::outlet, false);
  index_field(tg, a.title, schema::prefix::title, false);
  index_context(tg, a.title);
}

// Lowest weight: the paragraph the quote stands in (the title is already in). It names what "he"
// or "the court" refers to when the attribution sentence does.
void add_context(Xapian::TermGenerator& tg, const Article& a, const Quote& q) {
  auto [start, end] = paragraph_span(a, q);
  if (end <= start) return;
  // The quote's own words are indexed already, at a higher weight: only what surrounds them here.
  std::size_t qs = std::clamp(q.mark_end > q.mark_start ? q.mark_start : q.byte_start, start, end);
  std::size_t qe = std::clamp(q.mark_end > q.mark_start ? q.mark_end : q.byte_end, qs, end);
  for (auto [b, e] : {Span{start, qs}, Span{qe, end}})
    if (e > b) index_context(tg, std::string_view(a.text).substr(b, e - b));
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

// What both the terms and the values of a quotation's document are made from, computed once.
struct Keys {
  std::string date;      // schema::date_value of the article's date
  std::string collapse;  // schema::collapse_key of the quote text
};

void add_boolean_terms(Xapian::Document& doc, const Article& a, const Quote& q, const Keys& keys) {
  doc.add_boolean_term(schema::quote_id_term(q.quote_id));
  doc.add_boolean_term(schema::article_term(a.id));
  if (!q.speaker.empty()) doc.add_boolean_term(schema::speaker_term(q.speaker));
  for (const auto& org : organisations_of(q)) doc.add_boolean_term(schema::org_term(org));
  if (!a.outlet.empty()) doc.add_boolean_term(schema::outlet_term(a.outlet));
  doc.add_boolean_term(schema::kind_term(to_string(q.kind)));
  doc.add_boolean_term(schema::speaker_kind_term(to_string(q.speaker_kind)));
  doc.add_boolean_term(schema::exact_term(schema::prefix::duplicate, keys.collapse));
  for (const auto& term : schema::date_terms(keys.date)) doc.add_boolean_term(term);
  for (const auto& org : org_mentions(q.text + "\n" + mention_window(a, q))) doc.add_boolean_term(schema::entity_term(org));
}

void add_values(Xapian::Document& doc, const Article& a, const Quote& q, const Keys& keys) {
  const std::string org = q.affiliation.empty() ? std::string() : canonical_org(q.affiliation);
  doc.add_value(schema::Value::date, keys.date);
  doc.add_value(schema::Value::speaker, q.speaker);
  doc.add_value(schema::Value::org, org);
  doc.add_value(schema::Value::collapse, keys.collapse);
  doc.add_value(schema::Value::facets, schema::facet_value(q.speaker, org, keys.collapse));
  doc.add_value(schema::Value::outlet, a.outlet);
  doc.add_value(schema::Value::role, q.role);
  doc.add_value(schema::Value::order, fmt::format("{}{}{:012}", a.id, '\0', q.byte_start));
}

}  // namespace

std::vector<std::string> spelling_words(const Quote& q) {
  // Unstemmed terms, as the QueryParser sees the words it corrects. One generator per thread:
  // building one is not free, and documents may be built on another thread than the writer's.
  thread_local Xapian::TermGenerator tg;
  Xapian::Document scratch;
  tg.set_document(scratch);
  tg.index_text_without_positions(q.text);
  tg.index_text_without_positions(q.speaker);
  tg.index_text_without_positions(q.role);
  for (const auto& org : organisations_of(q)) tg.index_text_without_positions(org);
  std::vector<std::string> out;
  for (auto t = scratch.termlist_begin(); t != scratch.termlist_end(); ++t) {
    const std::string& term = *t;
    if (term.size() > 64) continue;
    if (term.find_first_not_of("0123456789.,") == std::string::npos) continue;  // numbers are never misspelt
    out.push_back(term);
  }
  return out;
}

Xapian::Document quote_document(const Article& a, const Quote& q, Xapian::TermGenerator& tg) {
  Xapian::Document doc;
  tg.set_document(doc);
  add_free_text(tg, a, q);
  add_context(tg, a, q);
  schema::add_folded_terms(doc);  // before the boolean terms: only words are folded
  const Keys keys{schema::date_value(a.date), schema::collapse_key(q.text)};
  add_boolean_terms(doc, a, q, keys);
  add_values(doc, a, q, keys);
  doc.set_data(record_to_json(make_record(a, q)));
  // Xapian's reference counts are not atomic: `tg` must let go of the document here, on the
  // thread that built it, before the document is handed to the writer's thread.
  static thread_local const Xapian::Document detached;
  tg.set_document(detached);
  return doc;
}

}  // namespace whosaid
