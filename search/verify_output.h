// The output of `whosaid verify`: JSON for programs (docs/json-output.md), text for people.
// Kept beside the verb rather than in the Printer interface: verify has its own result shape.
#pragma once
#include <ostream>

#include "hit_json.h"
#include "verify.h"

namespace whosaid {

// {"format_version", "claim", "speaker", "verdict", "similarity", "fragment", "attribution",
//  "match": hit|null, "differences": [...], "diff", "earliest": hit|null, "copies", "other_speakers"}
Json verify_to_json(const VerifyResult& r);

// The verdict on one line, then the source, the claim's changes marked inline
// ([-source words-]{+claim words+}), each difference, the earliest copy and other speakers.
void print_verify_text(const VerifyResult& r, std::ostream& out);

}  // namespace whosaid
