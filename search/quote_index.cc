#include "quote_index.h"

#include <filesystem>

#include <fmt/format.h>

#include "error.h"
#include "schema.h"
#include "xapian_error.h"

namespace whosaid {

QuoteIndex QuoteIndex::open(const std::vector<std::string>& paths) {
  Xapian::Database combined;
  std::string names;
  for (const auto& path : paths) {
    if (!std::filesystem::exists(path))
      throw Error(fmt::format("{}: no index here (build one: whosaid-index --db {} INPUT...)", path, path));
    try {
      Xapian::Database db(path);
      // Checked one by one: the metadata of a combined database is only its first shard's.
      schema::check_version(db, path);
      combined.add_database(db);
    } catch (const Xapian::Error& e) {
      throw_xapian_error(e, "opening index " + path);
    }
    names += names.empty() ? path : "+" + path;
  }
  return QuoteIndex(combined, names);
}

QuoteIndex::QuoteIndex(Xapian::Database db, std::string name) : db_(std::move(db)), name_(std::move(name)) {}

std::optional<QuoteRecord> QuoteIndex::find(const std::string& quote_id) const {
  try {
    const std::string term = schema::quote_id_term(quote_id);
    auto it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) return std::nullopt;
    return record_from_json(db_.get_document(*it).get_data());
  } catch (const Xapian::Error& e) {
    throw_xapian_error(e, "reading " + name_);
  }
}

std::size_t QuoteIndex::size() const { return db_.get_doccount(); }

}  // namespace whosaid
