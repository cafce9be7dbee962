// How prose names the speaker of a quotation: the name, the role and the organisation, cleaned of
// what the extracted fields can repeat. Shared by the text printer and every citation style.
#pragma once
#include <string>

#include "quote.h"

namespace whosaid {

struct SpeakerDescription {
  std::string name;  // as extracted ("" when unknown)
  std::string role;  // "former " added when the quotation says so and the role does not;
                     // "" when every word of it is in the name ("The father", role "father")
  std::string org;   // "" when it is a place ("US": not an organisation) or already said by the
                     // role or the name
};

SpeakerDescription describe_speaker(const Quote& q);

}  // namespace whosaid
