// Incremental runs: a hash of everything an article contributes to the index, so a re-run over a
// grown archive can skip the articles it has already indexed unchanged.
#pragma once
#include <cstdint>
#include <string_view>

#include "article.h"

namespace whosaid {

// Hashes every field of the article as read (not `source` or `input_bytes`: moving a file does not
// change the article) together with `engine`, a fingerprint of the program that extracts and
// indexes it, so that a new version re-indexes what it would index differently.
std::uint64_t article_content_hash(const Article& a, std::string_view engine);

}  // namespace whosaid
