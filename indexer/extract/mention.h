// Mentions: the words that name a speaker ("Liz Evenson, international justice director at Human
// Rights Watch", "she", "the ministry", "a senior official") parsed into a name, a role and an
// organisation. MentionParser reads a phrase of the article's tokens; it knows nothing of quotations.
#pragma once
#include <cstddef>
#include <string>

#include "article_tokens.h"
#include "quote.h"

namespace whosaid {

struct Mention {
  std::string mention;  // the words naming the speaker here, as written
  std::string name;     // the name without titles ("Boris Johnson"), or the description
  std::string role, org;
  bool former = false;
  SpeakerKind kind = SpeakerKind::unknown;
  bool pronoun = false;        // he, she, they, it; "the archbishop" (a role standing for a name)
  std::size_t name_token = 0;  // first token of the name (pronouns resolve from here)

  bool usable() const { return kind != SpeakerKind::unknown && (!name.empty() || pronoun); }
};

class EntityRegistry;

// Statements, reports and posts: words whose possessor is the one who said them ("his message").
bool document_noun(std::string_view lower);
// A word that is most likely a verb: a past form ("led", "defeated") or a common finite one.
bool verb_like(std::string_view lower);
// A role as the article gives it, tidied: no honorific ("Dr.", "Mr"), cut before a participle or a
// relative clause ("judge presiding over the case" -> "judge"). A place opening it ("Vermont
// Senator") is moved to `place`.
std::string tidy_role(std::string_view role, std::string* place);

class MentionParser {
 public:
  explicit MentionParser(const ArticleTokens& t) : t_(t) {}

  // Once the article's people are known, a word that names one of them is a name wherever it
  // stands ("Tribe said", after "Laurence H. Tribe"), whatever the word lists say of it.
  void know(const EntityRegistry* registry) { known_ = registry; }

  // The speaker phrase [a, b): a name with its titles, role words before it and an appositive
  // after its comma; a pronoun; an organisation; an unnamed source.
  Mention parse_phrase(std::size_t a, std::size_t b) const;
  // Role and organisation from a description [a, b): "international justice director at Human
  // Rights Watch", "a former State Department expert", "of the Maidan Wardak provincial council".
  void parse_appositive(std::size_t a, std::size_t b, Mention& p) const;
  // The subject of a speech verb at `verb` from the words [lo, verb) before it.
  Mention parse_subject(std::size_t lo, std::size_t verb) const;
  // The subject at the start of a clause [a, b).
  Mention leading_subject(std::size_t a, std::size_t b) const;
  // A party word as an affiliation: the party's name when the article spells it, else as written.
  std::string party_name(std::string_view written) const;

 private:
  // The verdict on a capitalised run [s, e) (name_verdict), a known person's name always a person.
  NameVerdict verdict(std::size_t s, std::size_t e) const;
  // parse_phrase without the look past a description to the name after its comma.
  Mention parse_head(std::size_t a, std::size_t b) const;
  bool description(std::size_t a, std::size_t e) const;

  const ArticleTokens& t_;
  const EntityRegistry* known_ = nullptr;
};

}  // namespace whosaid
