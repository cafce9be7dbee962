// Word-level comparison of a claimed quotation with a source quotation (`whosaid verify`).
//
// Both texts become words: case folded, curly apostrophes and quotation marks straightened,
// punctuation dropped, hyphens splitting words ("well-known" = "well known"). Bracketed words
// ("[with]") are an editor's, an ellipsis ("...", "…", "[...]") a cut.
//
// The alignment is an edit distance with affine gaps (Gotoh): free at both ends of the source (a
// claim may be a fragment of a longer quotation); a run of source words the claim leaves out in
// the middle (an omission) costs one edit whatever its length, because a cut is one act of the
// person quoting, however much it removes; a claim's ellipsis stands for any run of source words
// at no cost; an editor's bracketed words cost (next to) nothing to leave out, but a claim word
// in their place is a substitution like any other: the speaker did not say it. A substitution
// costs one edit, or a quarter when the two words are inflections of one another ("stand",
// "standing"); an inserted claim word one edit. Similarity is over the claim's words:
// 1 - edits / claim words, so a faithful subset with one cut scores high.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace whosaid {

struct Word {
  enum class Kind { word, editorial, ellipsis };
  std::string norm;        // compared form: lower case, straight apostrophe, no diacritics
  std::size_t start = 0;   // byte span of the word as written in its text
  std::size_t end = 0;
  Kind kind = Kind::word;
};

std::vector<Word> split_words(std::string_view text);

// Two different words that are inflections of one another ("stand" / "standing", "vote" /
// "votes"): a common start of 4+ letters that leaves at most 3 letters of the longer one.
bool inflection(std::string_view a, std::string_view b);

// How many words (not ellipses) `words` holds.
std::size_t count_words(const std::vector<Word>& words);

struct AlignOp {
  enum class Kind {
    match,       // claim word = source word
    substitute,  // claim word in place of a source word
    insert,      // claim word the source does not have
    remove,      // source word the claim leaves out (part of an omission)
    editorial,   // source's bracketed word the claim leaves out
    elide,       // source word the claim's ellipsis stands for
    skip,        // a source ellipsis, or a claim ellipsis that stands for nothing
  };
  Kind kind;
  int claim = -1;   // index into the claim's words, -1 when none
  int source = -1;  // index into the source's words, -1 when none
};

struct Difference {
  // "substitution" | "insertion" | "omission" | "truncation" | "editorial" | "splice"
  std::string kind;
  std::string claim;    // the claim's words here (as written), "" when none
  std::string source;   // the source's words here (as written), "" when none
  int claim_word = -1;  // index of the first claim word concerned (-1: none)
  std::string note;     // a human-readable explanation
  // splice only: the other quotation the claim's words come from
  std::string other_quote_id;
  std::string other_speaker;

  // Substitutions, insertions, omissions and splices change what was said; truncation and
  // editorial marks (a bracket left out, a claim's ellipsis) do not.
  bool alters() const;
};

struct Alignment {
  std::vector<AlignOp> ops;      // in order; source words before/after the aligned part are absent
  double cost = 0;               // edits (0: the claim's words are all there, in order): substitutions
                                 // 1 (inflections 0.25), insertions 1, omissions 1 each whatever their length
  std::size_t matched = 0;       // claim words matched exactly
  std::size_t inflected = 0;     // claim words that are an inflection of the source's word
  std::size_t omissions = 0;     // runs of source words left out inside the span
  std::size_t claim_words = 0;   // words in the claim
  std::size_t span_words = 0;    // source words the claim covers (editorial and elided ones not counted)
  std::size_t source_words = 0;  // words in the whole source
  std::size_t before = 0;        // source words left out before the claim's first word
  std::size_t after = 0;         // ... and after its last
  double similarity = 0;         // 1 - cost / claim_words, at least 0

  bool fragment() const { return before + after > 0; }
  // The part of the source the claim covers, as a share of the source's words.
  double coverage() const { return source_words ? double(span_words) / double(source_words) : 0; }
};

Alignment align(const std::vector<Word>& claim, const std::vector<Word>& source);

// The cheapest alignment cost (in edits) of each claim prefix (prefix[k]: the first k claim
// tokens) against any part of the source, and of each suffix (suffix[k]: tokens k..end). For
// splice detection.
std::vector<double> prefix_costs(const std::vector<Word>& claim, const std::vector<Word>& source);
std::vector<double> suffix_costs(const std::vector<Word>& claim, const std::vector<Word>& source);

// The labelled differences of an alignment (truncation included), the texts as written.
std::vector<Difference> differences(const Alignment& a, const std::vector<Word>& claim,
                                    std::string_view claim_text, const std::vector<Word>& source,
                                    std::string_view source_text);

// The source with the claim's changes marked inline: [-source words-]{+claim words+}; words the
// claim leaves out at either end as "[... N words]" ("[... 1 word]").
std::string inline_diff(const Alignment& a, const std::vector<Word>& claim, std::string_view claim_text,
                        const std::vector<Word>& source, std::string_view source_text);

}  // namespace whosaid
