// Is the speaker a claim names the speaker of a quotation? People are named many ways ("Evenson",
// "Ms. Evenson", "Liz Evenson", "L. Evenson", "NATO Secretary-General Jens Stoltenberg",
// "O’Rourke", "Erdogan"), organisations by their aliases ("HRW").
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "quote.h"

namespace whosaid {

// A name as compared: its words case and diacritics folded, curly apostrophes straight, without
// the titles, honorifics and acronyms before it ("Ms.", "Dr", "President", "NATO",
// "Secretary-General") and the suffixes after it ("Jr.", "III") or a possessive "'s".
struct PersonName {
  std::vector<std::string> words;  // given names ..., surname
  // Shaped like a person's name: no function word ("Black Voices for Trump", "Part of Trump"),
  // no lower-case word but a name particle ("Trump administration"), not ending in an
  // organisation's head noun ("Democratic Party").
  bool person = false;
};
PersonName parse_person_name(std::string_view name);

// Two names of one person: both shaped like a person's name, the same surname (last word, whole)
// and the given names of one a subset of the other's, in order (an initial matches a name it
// begins).
bool same_person(std::string_view a, std::string_view b);

// Two names of one organisation, through the alias table ("HRW" = "Human Rights Watch").
bool same_organisation(std::string_view a, std::string_view b);

// `claimed` is one word, the first given name of `speaker` ("Tedros" of "Tedros Adhanom
// Ghebreyesus"), and not its surname.
bool lone_given_name(std::string_view claimed, std::string_view speaker);

enum class SpeakerMatch {
  same,       // the claim names the quotation's speaker (or the organisation they speak for)
  different,  // the quotation is someone else's
  unknown,    // the index does not know who said it
};

SpeakerMatch match_speaker(std::string_view claimed, const Quote& q);

// As above, and a lone given name ("Tedros") names the quotation's speaker when they are the one
// person of that given name among `article_speakers` (every speaker of the quotation's article).
SpeakerMatch match_speaker(std::string_view claimed, const Quote& q, const std::vector<std::string>& article_speakers);

}  // namespace whosaid
