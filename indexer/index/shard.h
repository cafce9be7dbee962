// Sharding an archive across machines: each article belongs to exactly one of N shards, decided by
// a stable hash of its id alone, so N machines can index their parts of the same input
// independently and agree without talking (issue 8, docs/scale-out.md).
#pragma once
#include <string_view>

namespace whosaid {

struct ShardSpec {
  unsigned index = 1;  // 1..count
  unsigned count = 1;
};

// "K/N" with 1 <= K <= N. Throws whosaid::Error (usage) naming the value otherwise.
ShardSpec parse_shard(std::string_view spec);

// Whether the article with this id belongs to shard `s`: stable_hash64(id) % N == K - 1.
bool in_shard(std::string_view article_id, ShardSpec s);

}  // namespace whosaid
