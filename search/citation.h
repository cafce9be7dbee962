// `whosaid cite`: a quotation and the news article it appeared in, in a citation style.
//
// Each style's rule for a person quoted in someone else's work (a secondary source):
//   apa      APA 7: the speaker named in the sentence, the article cited "(as cited in ...)",
//            then the reference-list entry of the article.
//   mla      MLA 9: the sentence with "(qtd. in ...)", then the works-cited entry.
//   chicago  Chicago 17, notes and bibliography: the sentence, a note "..., quoted in ...", and
//            the bibliography entry.
//   csl-json CSL-JSON (an array of one item, type article-newspaper) for pandoc and Zotero: title,
//            container-title (outlet), author (the article's authors), issued, URL, accessed, and
//            the speaker, role and words in `note`.
//   bibtex   @article (journal = outlet), @misc when there is no outlet.
// Missing metadata follows each style: no author -> the title takes the author's place (APA,
// MLA; Chicago's bibliography leads with the outlet), no date -> "n.d." (APA, Chicago) or an
// access date (MLA, Chicago), no outlet or URL -> left out. A field is never printed empty.
// Italics (the outlet) are marked *like this* (Markdown) in the three prose styles by cite();
// cite_formatted() gives them as runs of text, for a page to set in italics and copy as plain text.
#pragma once
#include <string>
#include <vector>

#include "quote_record.h"

namespace whosaid {

enum class CitationStyle { apa, mla, chicago, csl_json, bibtex };

// "apa" | "mla" | "chicago" | "csl-json" (also "csl") | "bibtex"; throws whosaid::Error otherwise.
CitationStyle parse_citation_style(const std::string& name);

struct CitationDate {
  int year = 0, month = 0, day = 0;  // 0: unknown
  bool empty() const { return year == 0; }
};

// "2024-12-05", "2024-12-05T10:00Z", "2024-12", "2024"; an empty date when it does not parse.
CitationDate parse_citation_date(const std::string& iso);
// Today's date (UTC): the access date.
CitationDate today();

// The citation, newline-terminated. `accessed`: the access date styles print for web sources.
std::string cite(const QuoteRecord& r, CitationStyle style, const CitationDate& accessed);

// The same citation as runs of text, each in italics or not; their texts joined are the plain
// text (no Markdown).
struct CitationRun {
  std::string text;
  bool italic = false;
};
std::vector<CitationRun> cite_formatted(const QuoteRecord& r, CitationStyle style, const CitationDate& accessed);

// A BibTeX / CSL key: first author's surname (else the outlet's or the title's first word),
// year (or "nd"), the title's first significant word, and six hex digits of a hash of the article
// id: "smith2024court-3fa9c2". ASCII, lower case; one per article, the same in every run.
std::string citation_key(const QuoteRecord& r);

}  // namespace whosaid
