// Readers turn input files into Articles: one reader per format, chosen by file type.
// They never look at quotations and never touch the index.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace whosaid {

// A file or line that could not be read as an article; the run goes on without it.
struct ReadProblem {
  std::string where;   // "path" or "path:line"
  std::string reason;
};

using ArticleHandler = std::function<void(Article&&)>;
using ProblemHandler = std::function<void(const ReadProblem&)>;

// One JSON object per line (CONTRACT.md "Article input"). `source` names the stream in messages.
void read_jsonl(std::istream& in, const std::string& source, const ArticleHandler& on_article,
                const ProblemHandler& on_problem);

// Plain text or Markdown, optionally opened by a `---` front-matter block of `key: value` lines.
// `default_id` is used when the front matter gives none.
Article read_text_article(std::string content, const std::string& default_id, const std::string& source);

// Reads every INPUT (file, directory walked recursively in sorted order, or "-" for JSONL on stdin).
void read_inputs(const std::vector<std::string>& inputs, const ArticleHandler& on_article,
                 const ProblemHandler& on_problem);

// The bytes read_inputs() would read from these INPUTs (0 for stdin): progress and ETA.
std::size_t total_input_bytes(const std::vector<std::string>& inputs);

// A stable 64-bit FNV-1a hash; `h` chains several pieces into one hash.
inline constexpr std::uint64_t kStableHashSeed = 1469598103934665603ULL;
std::uint64_t stable_hash64(std::string_view data, std::uint64_t h = kStableHashSeed);

// stable_hash64 as 16 hex digits (ids for articles that carry none, shards, metadata keys).
std::string stable_hash_hex(std::string_view data);

}  // namespace whosaid
