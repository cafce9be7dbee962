// CueProposer: the cue patterns around one quotation (`"…," said X`, `X told Y that "…"`,
// `according to X`, a colon introduction, the sentence before or after, ...). Each pattern that
// matches proposes the mention it points at, tagged with the pattern; none of them decides. The
// speaker model (speaker_model.h) weighs the proposals with every other candidate.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "article_tokens.h"
#include "mention.h"

namespace whosaid {

// The patterns, in the order the hand-written rules tried them before the model chose (the first
// that matches is still a feature: it was right most of the time).
enum class Pattern : std::uint8_t {
  after_by,                // described as "…" by X
  said_x,                  // "…," said X
  dash_x,                  // "…" — X
  x_said,                  // "…," X said
  according_to,            // according to X, anywhere in the sentence
  split_said_x,            // "A," said X, "B."
  split_x_said,            // "A," X said, "B."
  which_said,              // X released a statement which said "…"
  fronted_participle,      // Calling it "…", the archbishop said
  before_by,               // was described by X as "…"
  x_said_before,           // X said "…", X told Y that "…"
  and_said,                // X announced the tests, and said there was "…"
  said_x_before,           // said X: "…"
  colon,                   // X: "…"  /  In his message, he praised him: "…"
  colon_paragraph_verb,    // X said:  ¶ "…"
  colon_paragraph_subject, // The statement of X:  ¶ "…"
  next_sentence,           // "…." X told those gathered.
  prev_sentence_said,      // …, Schiff said. "…"
  prev_sentence_announce,  // Ted Cruz tweeted a warning. "…"
  closing_cue,             // A cashier who "…" is held accountable, Warren said.
  quotative_like,          // she's like, "…"; people are like "…"
  count
};
const char* pattern_name(Pattern p);

struct Proposal {
  Mention mention;
  Pattern pattern;
  std::string cue;             // the cue as written: "said", "according to", ":", "" (none)
  std::size_t cue_token = 0;   // the cue's token (the quotation's own for a cue-less pattern)
};

class CueProposer {
 public:
  CueProposer(const ArticleTokens& t, const MentionParser& parser) : t_(t), parser_(parser) {}

  // Every pattern's proposal for quotation token q, in pattern order.
  std::vector<Proposal> propose(std::size_t q) const;

 private:
  struct Where {
    std::size_t q, ss, se;  // the quotation and its sentence
    std::size_t lo;         // start of the quotation's clause (after an earlier quotation or ';')
  };
  using Out = std::vector<Proposal>;
  void after(const Where& w, Out& out) const;
  void according_to(const Where& w, Out& out) const;
  void before(const Where& w, Out& out) const;
  void colon(const Where& w, Out& out) const;
  void colon_paragraph(const Where& w, Out& out) const;
  void next_sentence(const Where& w, Out& out) const;
  void previous_sentence(const Where& w, Out& out) const;
  void closing_cue(const Where& w, Out& out) const;
  void quotative_like(const Where& w, Out& out) const;
  bool closes_clause(const Where& w) const;
  void add(Out& out, const Mention& m, Pattern p, std::string cue, std::size_t cue_token) const;

  const ArticleTokens& t_;
  const MentionParser& parser_;
};

}  // namespace whosaid
