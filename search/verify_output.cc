#include "verify_output.h"

#include <cmath>

#include <fmt/format.h>

namespace whosaid {

namespace {

const char* to_string(SpeakerMatch m, bool claimed) {
  if (!claimed) return "not_checked";
  switch (m) {
    case SpeakerMatch::same: return "same";
    case SpeakerMatch::different: return "different";
    case SpeakerMatch::unknown: return "unknown";
  }
  return "unknown";
}

Json difference_to_json(const Difference& d) {
  Json j{{"kind", d.kind}, {"claim", d.claim}, {"source", d.source}};
  if (d.claim_word >= 0) j["claim_word"] = d.claim_word;
  if (!d.other_quote_id.empty()) {
    j["other_quote_id"] = d.other_quote_id;
    j["other_speaker"] = d.other_speaker;
  }
  j["note"] = d.note;
  return j;
}

std::string who(const Quote& q) {
  std::string s = q.speaker.empty() ? "(speaker unknown)" : q.speaker;
  if (!q.role.empty()) s += ", " + std::string(q.former && q.role.rfind("former", 0) != 0 ? "former " : "") + q.role;
  if (!q.affiliation.empty()) s += ", " + q.affiliation;
  return s;
}

std::string where(const QuoteRecord& r) {
  std::string s;
  for (const std::string* part : {&r.article.date, &r.article.outlet, &r.article.title}) {
    if (part->empty()) continue;
    if (!s.empty()) s += " \u00b7 ";
    s += *part;
  }
  return s + (s.empty() ? "" : "  ") + "[" + r.quote.quote_id + "]";
}

std::string headline(const VerifyResult& r) {
  const Quote* m = r.match ? &r.match->record.quote : nullptr;
  std::string real = m && !m->speaker.empty() ? m->speaker : "someone else";
  switch (r.verdict) {
    case Verdict::exact:
      return r.fragment ? "EXACT: the claim's words are part of a longer quotation" : "EXACT: the claim's words were said";
    case Verdict::altered: return "ALTERED: the claim changes what was said";
    case Verdict::misattributed: return fmt::format("MISATTRIBUTED: said by {}, not {}", real, r.claimed_speaker);
    case Verdict::altered_and_misattributed:
      return fmt::format("ALTERED AND MISATTRIBUTED: changed, and said by {}, not {}", real, r.claimed_speaker);
    case Verdict::not_found: return "NOT FOUND: no quotation in the index is close to the claim";
  }
  return "";
}

}  // namespace

Json verify_to_json(const VerifyResult& r) {
  Json j;
  j["format_version"] = kFormatVersion;
  j["claim"] = r.claim;
  j["speaker"] = r.claimed_speaker;
  j["verdict"] = to_string(r.verdict);
  j["similarity"] = std::round(r.similarity * 1000) / 1000;
  j["fragment"] = r.fragment;
  j["attribution"] = to_string(r.attribution, !r.claimed_speaker.empty());
  j["match"] = r.match ? hit_to_json(*r.match) : Json(nullptr);
  Json diffs = Json::array();
  for (const auto& d : r.differences) diffs.push_back(difference_to_json(d));
  j["differences"] = std::move(diffs);
  j["diff"] = r.diff;
  j["earliest"] = r.earliest ? hit_to_json(*r.earliest) : Json(nullptr);
  j["copies"] = r.copies;
  Json others = Json::array();
  for (const auto& o : r.other_speakers)
    others.push_back({{"speaker", o.speaker}, {"quotations", o.quotations}, {"quote_id", o.quote_id}});
  j["other_speakers"] = std::move(others);
  if (r.missing_shards) j["missing_shards"] = missing_shards_to_json(*r.missing_shards);
  return j;
}

void print_verify_text(const VerifyResult& r, std::ostream& out) {
  out << headline(r) << fmt::format(" (similarity {:.2f})\n", r.similarity);
  if (!r.match) return;
  const QuoteRecord& m = r.match->record;
  out << "Said by: " << who(m.quote) << '\n';
  out << "In:      " << where(m) << '\n';
  out << "Source:  \u201c" << m.quote.text << "\u201d\n";
  out << "Diff:    " << r.diff << '\n';
  if (!r.differences.empty()) {
    out << "Differences:\n";
    for (const auto& d : r.differences) out << fmt::format("  - {}: {}\n", d.kind, d.note);
  }
  if (r.earliest && r.earliest->record.quote.quote_id != m.quote.quote_id)
    out << "Earliest: " << who(r.earliest->record.quote) << " \u2014 " << where(r.earliest->record) << '\n';
  else if (r.earliest)
    out << "Earliest: this one" << (r.earliest->record.article.date.empty() ? " (undated)" : "") << '\n';
  if (r.copies > 1) out << fmt::format("Copies:  {} quotations carry these words\n", r.copies);
  if (!r.other_speakers.empty()) {
    out << "Also attributed to:";
    std::string sep = " ";
    for (const auto& o : r.other_speakers) {
      out << sep << o.speaker << fmt::format(" ({}{})", o.quotations, o.quote_id.empty() ? "" : ", " + o.quote_id);
      sep = "; ";
    }
    out << '\n';
  }
}

}  // namespace whosaid
