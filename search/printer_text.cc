// Text for people: who said it (role, organisation), when and where, the words, the link.
#include <fmt/format.h>

#include "attribution.h"
#include "error.h"
#include "printer.h"

namespace whosaid {

namespace {

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kPlain = "\x1b[0m";

// MSet::snippet output (HTML-escaped, <b> around matches) back to plain text.
std::string snippet_to_text(const std::string& html, bool highlight) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    auto starts = [&](std::string_view s) { return html.compare(i, s.size(), s) == 0; };
    struct { std::string_view from, to; } subs[] = {
        {"<b>", highlight ? kBold : ""}, {"</b>", highlight ? kPlain : ""}, {"&amp;", "&"}, {"&lt;", "<"},
        {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}};
    bool replaced = false;
    for (const auto& s : subs) {
      if (starts(s.from)) {
        out += s.to;
        i += s.from.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += html[i++];
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// "Liz Evenson, international justice director, Human Rights Watch"
std::string attribution(const Quote& q) {
  SpeakerDescription d = describe_speaker(q);
  return join({d.name.empty() ? "(speaker unknown)" : d.name, d.role, d.org}, ", ");
}

// "2024-12-05 · Reuters · A Court Under Pressure"
std::string provenance(const Article& a) { return join({a.date, a.outlet, a.title}, " \u00b7 "); }

class TextPrinter : public Printer {
 public:
  TextPrinter(std::ostream& out, bool highlight) : out_(out), highlight_(highlight) {}

  void search(const SearchResult& r) override {
    if (r.corrected)
      out_ << fmt::format("No quotations for \"{}\"; showing results for \"{}\".\n\n", r.query, r.suggestion);
    else if (!r.suggestion.empty())
      out_ << fmt::format("Did you mean: {}\n\n", r.suggestion);
    std::size_t n = 0;
    for (const auto& h : r.hits) {
      print_hit(h, ++n);
      out_ << '\n';
    }
    out_ << fmt::format("{}{} quotation{}", r.total_exact ? "" : "about ", r.total, r.total == 1 ? "" : "s");
    if (!r.hits.empty() && r.hits.size() < r.total) out_ << fmt::format(" ({} shown)", r.hits.size());
    out_ << '\n';
    print_facet("Speakers", r.speakers, r.exact);
    print_facet("Organisations", r.orgs, r.exact);
  }

  void search_timed(const SearchResult& r, double elapsed_ms) override {
    out_ << fmt::format("== {}  ({:.1f} ms)\n", r.query, elapsed_ms);
    search(r);
    out_ << '\n';
  }

  void speakers(const std::string&, const std::vector<SpeakerSummary>& list) override {
    for (const auto& s : list) {
      out_ << fmt::format("{:>5}  {}", s.quotations, s.name);
      std::vector<std::string> about;
      for (const auto& r : s.roles) about.push_back(r.value);
      for (const auto& o : s.orgs) about.push_back(o.value);
      if (!about.empty()) out_ << "  (" << join(about, "; ") << ")";
      out_ << '\n';
    }
  }

  void quotation(const Hit& h) override {
    const QuoteRecord& r = h.record;
    out_ << attribution(r.quote) << '\n';
    out_ << "\u201c" << r.quote.text << "\u201d\n\n";
    out_ << "Article: " << join({r.article.title, r.article.outlet, r.article.date}, " \u00b7 ") << '\n';
    if (!r.article.url.empty()) out_ << "URL:     " << r.article.url << '\n';
    out_ << "Id:      " << r.quote.quote_id << "  (article " << r.article.id << ")\n";
    if (!r.quote.cue.empty()) out_ << "Cue:     " << r.quote.cue << '\n';
    out_ << "\nContext:\n" << marked_paragraph(r) << '\n';
  }

 private:
  void print_hit(const Hit& h, std::size_t n) {
    const QuoteRecord& r = h.record;
    out_ << fmt::format("{:>2}. {}\n", n, attribution(r.quote));
    if (std::string where = provenance(r.article); !where.empty()) out_ << "    " << where << '\n';
    std::string words = h.snippet.empty() ? r.quote.text : snippet_to_text(h.snippet, highlight_);
    out_ << "    \u201c" << words << "\u201d\n";
    std::string link = r.article.url.empty() ? r.article.id : r.article.url;
    out_ << "    " << link << "  [" << r.quote.quote_id << "]";
    if (h.duplicates > 0)
      out_ << fmt::format("  (earliest; also in {} other place{})", h.duplicates, h.duplicates == 1 ? "" : "s");
    out_ << '\n';
  }

  // Counts are estimates unless the search saw every match: "Reuters (about 120)".
  void print_facet(std::string_view title, const std::vector<FacetCount>& counts, bool exact) {
    if (counts.empty()) return;
    std::vector<std::string> parts;
    for (const auto& f : counts) parts.push_back(fmt::format("{} ({}{})", f.value, exact ? "" : "about ", f.count));
    out_ << title << ": " << join(parts, ", ") << '\n';
  }

  // The paragraph with the quote picked out, so the reader sees what surrounds it.
  std::string marked_paragraph(const QuoteRecord& r) const {
    std::size_t at = r.quote_offset_in_paragraph();
    if (at == std::string::npos || !highlight_) return r.paragraph;
    std::size_t len = r.quote.byte_end - r.quote.byte_start;
    return r.paragraph.substr(0, at) + kBold + r.paragraph.substr(at, len) + kPlain + r.paragraph.substr(at + len);
  }

  std::ostream& out_;
  bool highlight_;
};

}  // namespace

std::unique_ptr<Printer> make_text_printer(std::ostream& out, bool highlight) {
  return std::make_unique<TextPrinter>(out, highlight);
}

std::unique_ptr<Printer> make_printer(const std::string& format, std::ostream& out, bool highlight,
                                      const QuoteIndex* index) {
  if (format == "text") return make_text_printer(out, highlight);
  if (format == "json") return make_json_printer(out, false, index);
  if (format == "jsonl") return make_json_printer(out, true, index);
  throw Error(fmt::format("--format {}: expected text, json or jsonl", format));
}

}  // namespace whosaid
