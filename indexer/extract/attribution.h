// Attribution: who said one quotation, with role and organisation, as the chosen candidate and
// the article describe them. describe_speaker() fills it from the candidate the model chose.
#pragma once
#include <cstddef>
#include <string>

#include "article_tokens.h"
#include "candidates.h"
#include "quote.h"
#include "registry.h"

namespace whosaid {

struct Attribution {
  std::string mention;          // words naming the speaker here ("she", "Evenson", "the ministry")
  std::string speaker;          // resolved canonical name
  SpeakerKind kind = SpeakerKind::unknown;
  std::string role;
  std::string affiliation;
  bool former = false;
  std::string cue;              // "said", "according to", ":", "—", "" (none of its own)
  double confidence = 0.0;
  bool has_cue = false;         // a cue pattern matched for this quotation
  const Entity* entity = nullptr;
};

// The speaker of quotation token q as candidate `c` names it: its role and organisation from the
// words at the quotation, else wherever the article describes that person; organisations spelled
// out from the acronyms and short forms the article defines.
Attribution describe_speaker(const Candidate& c, std::size_t q, const ArticleTokens& t, const EntityRegistry& r);

}  // namespace whosaid
