#include "shard.h"

#include <charconv>

#include <fmt/format.h>

#include "error.h"
#include "reader.h"

namespace whosaid {

namespace {

bool parse_unsigned(std::string_view s, unsigned& out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

ShardSpec parse_shard(std::string_view spec) {
  ShardSpec s;
  auto slash = spec.find('/');
  if (slash == std::string_view::npos || !parse_unsigned(spec.substr(0, slash), s.index) ||
      !parse_unsigned(spec.substr(slash + 1), s.count) || s.count == 0 || s.index == 0 || s.index > s.count)
    throw Error(fmt::format("--shard {}: expected K/N with 1 <= K <= N (e.g. --shard 2/3)", spec), exit_usage);
  return s;
}

bool in_shard(std::string_view article_id, ShardSpec s) {
  return stable_hash64(article_id) % s.count == s.index - 1;
}

}  // namespace whosaid
