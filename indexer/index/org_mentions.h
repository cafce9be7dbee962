// Finds the organisations a text names under any spelling of the alias table, so that a quote
// whose context says "the ICC's" and one that says "International Criminal Court" share a term.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace whosaid {

// Canonical names of the organisations `text` mentions, each once, in order of first mention.
// Matching is by whole words and case-sensitive ("WHO" the agency, not "who"); "U.S." and "US"
// are one spelling and a possessive "'s" is ignored.
std::vector<std::string> org_mentions(std::string_view text);

}  // namespace whosaid
