// The extraction output format of CONTRACT.md: one JSON object per quotation.
#pragma once
#include <string>

#include "quote.h"

namespace whosaid {

// One line of `whosaid-index --extract` output (no trailing newline).
std::string quote_to_json_line(const Quote& q);

}  // namespace whosaid
