#include "content_hash.h"

#include "reader.h"

namespace whosaid {

namespace {

// Each field with its length first, so that moving bytes from one field to the next changes the hash.
std::uint64_t add(std::string_view field, std::uint64_t h) {
  const std::uint64_t n = field.size();
  h = stable_hash64(std::string_view(reinterpret_cast<const char*>(&n), sizeof n), h);
  return stable_hash64(field, h);
}

}  // namespace

std::uint64_t article_content_hash(const Article& a, std::string_view engine) {
  std::uint64_t h = add(engine, kStableHashSeed);
  for (std::string_view f : {std::string_view(a.id), std::string_view(a.title), std::string_view(a.outlet),
                             std::string_view(a.date), std::string_view(a.url), std::string_view(a.language)})
    h = add(f, h);
  h = add(std::to_string(a.authors.size()), h);
  for (const auto& author : a.authors) h = add(author, h);
  return add(a.text, h);
}

}  // namespace whosaid
