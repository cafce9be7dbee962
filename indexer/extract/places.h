// Place names, so that "South Sudan" or "New York City" is never taken for a person.
// Countries come from Debian's iso-codes (ISO 3166-1, compiled in); cities and geographic words
// from data/places.txt.
#pragma once
#include <string_view>

namespace whosaid {

// True when the (case-insensitive) name is a known country, city or region.
bool is_place_name(std::string_view name);
// True for words that only name places: "North", "City", "Province", "River", ...
bool is_place_word(std::string_view lower_word);

}  // namespace whosaid
