// Is the speaker a claim names the speaker of a quotation? People are named many ways ("Evenson",
// "Ms. Evenson", "Liz Evenson", "L. Evenson"), organisations by their aliases ("HRW").
#pragma once
#include <string_view>

#include "quote.h"

namespace whosaid {

// Two names of one person: the same surname (last word, case and diacritics ignored) and the
// given names of one a subset of the other's (an initial matches a name it begins). Titles and
// honorifics ("Ms.", "Dr", "President") and suffixes ("Jr.") are ignored.
bool same_person(std::string_view a, std::string_view b);

// Two names of one organisation, through the alias table ("HRW" = "Human Rights Watch").
bool same_organisation(std::string_view a, std::string_view b);

enum class SpeakerMatch {
  same,       // the claim names the quotation's speaker (or the organisation they speak for)
  different,  // the quotation is someone else's
  unknown,    // the index does not know who said it
};

SpeakerMatch match_speaker(std::string_view claimed, const Quote& q);

}  // namespace whosaid
