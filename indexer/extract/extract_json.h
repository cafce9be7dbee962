// The extraction output format of CONTRACT.md: one JSON object per quotation.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "extract.h"
#include "quote.h"

namespace whosaid {

// Writes a quotation's fields, from "quote_id" to "alterations", in the order of CONTRACT.md.
// Shared by the extraction output and the record stored in the index.
void add_quote_fields(nlohmann::ordered_json& o, const Quote& q);

// One line of `whosaid-index --extract` output (no trailing newline).
std::string quote_to_json_line(const Quote& q);

// One line of `whosaid-index --extract --candidates` output: the quotation's span and every
// candidate with its feature names, for tools/train (no trailing newline).
std::string candidates_to_json_line(const Quote& q, const QuoteCandidates& c);

}  // namespace whosaid
