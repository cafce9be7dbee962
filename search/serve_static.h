// The web page of `whosaid serve` (search/web/), embedded in the binary at build time
// (indexer/embed.cmake): nothing is read from disk at run time, so no request path can reach a
// file outside this set.
#pragma once
#include <string_view>

namespace whosaid {

struct StaticFile {
  std::string_view path;          // as requested: "/", "/app.js"
  std::string_view content_type;
  std::string_view body;
};

// The embedded file served at `path`, or nullptr.
const StaticFile* find_static_file(std::string_view path);

}  // namespace whosaid
