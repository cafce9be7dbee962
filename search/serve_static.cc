#include "serve_static.h"

namespace whosaid {

// Defined in the sources search/CMakeLists.txt generates from search/web/.
extern const char* const kWebIndexHtml;
extern const char* const kWebAppJs;
extern const char* const kWebAppCss;

const StaticFile* find_static_file(std::string_view path) {
  static const StaticFile files[] = {
      {"/", "text/html; charset=utf-8", kWebIndexHtml},
      {"/index.html", "text/html; charset=utf-8", kWebIndexHtml},
      {"/app.js", "text/javascript; charset=utf-8", kWebAppJs},
      {"/app.css", "text/css; charset=utf-8", kWebAppCss},
  };
  for (const auto& f : files)
    if (f.path == path) return &f;
  return nullptr;
}

}  // namespace whosaid
