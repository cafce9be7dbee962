// Names told from words: what the public-domain name lists and the English word list say of a
// capitalised word. Evidence, not a verdict: "Rose", "Will" and "Young" are in both kinds of list,
// and most of the world's names are in neither; capitalisation and context decide beside it.
#pragma once
#include <cstdint>
#include <string_view>

namespace whosaid {

struct NameEvidence {
  std::uint8_t given = 0;    // a given name: 0 no; 1..6 the order of magnitude of births (100 -> 1, 10^7 -> 6)
  std::uint8_t surname = 0;  // a surname: 0 no; 1 among the 1,000 most frequent, 2 the 10,000, 3 the 60,000
  bool word = false;         // an ordinary English word in lower case ("search", "part", "education")
  bool proper = false;       // the English word list has it capitalised: a proper noun ("Paris", "Aaron")

  bool name_list() const { return given || surname; }
};

// Looked up case-insensitively, accents folded; a possessive ending ("Smith's") is dropped first.
NameEvidence name_evidence(std::string_view word);

}  // namespace whosaid
