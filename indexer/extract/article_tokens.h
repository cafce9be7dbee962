// ArticleTokens: an article's tokens with the facts every attribution stage asks about them, each
// decided once per token: the word lists a word belongs to, whether a speech word is used as a
// verb, name evidence, and where each token's sentence starts and ends.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "names.h"
#include "quote_finder.h"
#include "tokens.h"

namespace whosaid {

// Word lists a token belongs to (lexicon.h), looked up once per token.
struct WordClass {
  bool title = false, org = false, anon = false, person_pronoun = false, org_pronoun = false, not_name = false,
       particle = false, month = false, place_word = false, speech = false, aux = false, connector = false,
       clause = false;
};

class ArticleTokens {
 public:
  ArticleTokens(std::string_view text, const std::vector<Token>& tokens, const std::vector<QuoteSpan>& spans);

  std::string_view text() const { return text_; }
  const std::vector<Token>& toks() const { return toks_; }
  const std::vector<QuoteSpan>& spans() const { return spans_; }
  std::size_t size() const { return toks_.size(); }
  const Token& operator[](std::size_t i) const { return toks_[i]; }
  const WordClass& wc(std::size_t i) const { return wc_[i]; }
  // A speech word used as a verb: "State" in "State Department" is a name; "his remarks", "a
  // note" are nouns.
  bool is_cue(std::size_t i) const { return cue_[i] != 0; }
  // What the name lists and the English word list say of this word (names.h).
  // (Looked up on first use: most capitalised words are never asked about.)
  const NameEvidence& evidence(std::size_t i) const {
    if (!evidence_known_[i]) {
      if (toks_[i].cap) evidence_[i] = name_evidence(toks_[i].text);
      evidence_known_[i] = 1;
    }
    return evidence_[i];
  }

  // Words [a, b) as written, with line breaks and runs of spaces collapsed.
  std::string span_text(std::size_t a, std::size_t b) const;
  // A capitalised word that may open a name.
  bool starts_name(std::size_t i) const;
  // End of the run of capitalised words from i (connectors and particles allowed between capitals).
  std::size_t name_run_end(std::size_t i, std::size_t b) const;
  // The sentence around token i, cut to kWindow tokens either side: text without punctuation (a
  // hostile input, a run-on list) must not make each quotation's look-around grow with the article.
  std::size_t sentence_start(std::size_t i) const;
  std::size_t sentence_end(std::size_t i) const;
  // True when a speech verb or "according to" appears in the sentence of token q.
  bool sentence_has_cue(std::size_t q) const;
  // A quotation token that reads like a title ("Morning Joe"): short, capitalised, unpunctuated.
  bool title_like(std::size_t q) const;
  // The first token of the sentence holding i is sentence-initial (after a line break or a full stop).
  bool sentence_initial(std::size_t i) const;
  // Whether the paragraph holding quotation token q holds nothing but quotations and punctuation.
  bool paragraph_only_quotes(std::size_t q) const;
  // A line that is page furniture, not text ("READ MORE", "Story continues below advertisement").
  bool furniture(std::size_t i) const { return furniture_[i] != 0; }

  static constexpr std::size_t kWindow = 400;

 private:
  void mark_furniture();

  std::string_view text_;
  const std::vector<Token>& toks_;
  const std::vector<QuoteSpan>& spans_;
  std::vector<char> cue_;
  std::vector<char> furniture_;
  std::vector<WordClass> wc_;
  mutable std::vector<NameEvidence> evidence_;
  mutable std::vector<char> evidence_known_;
  std::vector<std::size_t> sent_start_, sent_end_;
};

// Small word tests the attribution stages share.
bool ends_possessive(std::string_view w);
std::string strip_possessive(std::string_view w);
bool is_connector(std::string_view w);
bool role_noun(std::string_view w);           // a title or an agent noun ("herpetologist", "adviser")
std::string party_of(std::string_view lower);  // "democrat" -> "Democratic Party"
bool participle(const Token& t);
bool acronym_like(const Token& t);
bool party_designation(std::string_view w);    // "R-Pa.", "D-N.Y."
bool is_determiner(std::string_view lower);    // a, an, the
bool possessive_determiner(std::string_view lower);  // his, her, their, its, our, my, your
// A run of capitalised words that names a place, not a person.
bool place_like(const ArticleTokens& t, std::size_t s, std::size_t e);

// What a capitalised run [s, e) with no title in it is, on the evidence of its words (names.h):
// a person's name; a body ("The Atlantic", "Black Voices for Trump", an acronym); or ordinary
// words capitalised by position or style ("Search", "Previously", "Red Hat", "Part of Trump").
enum class NameVerdict { person, body, words };
NameVerdict name_verdict(const ArticleTokens& t, std::size_t s, std::size_t e);
// QC, MP, OBE, PhD: honours after a name, not part of it (ANNOTATION.md) and no organisation.
bool is_honour_suffix(std::string_view w);

}  // namespace whosaid
