// The read side of a whosaid index: one or several databases searched as one. Verbs (search,
// speakers, show, and later verify, cite, serve) work on a QuoteIndex, never on paths.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "quote_record.h"

namespace whosaid {

// One quotation as the index returns it.
struct Hit {
  QuoteRecord record;
  double score = 0;             // relevance weight (0 for show)
  std::string snippet;          // the quote, HTML-escaped, query matches in <b>...</b>
  std::size_t duplicates = 0;   // other quotations with the same words (collapsed into this one)
  Xapian::docid docid = 0;      // where `record` came from, in this QuoteIndex (never shown: shards)
};

class QuoteIndex {
 public:
  // Opens every path (each must be a whosaid index of this schema version) as one index.
  // Throws whosaid::Error naming the path at fault.
  static QuoteIndex open(const std::vector<std::string>& paths);

  // An already opened (possibly combined) database, e.g. shards joined with add_database.
  explicit QuoteIndex(Xapian::Database db, std::string name = "index");

  // The quotation with this id, if indexed.
  std::optional<QuoteRecord> find(const std::string& quote_id) const;

  std::size_t size() const;
  const std::string& name() const { return name_; }  // for messages

  // For the query code in search/ only.
  const Xapian::Database& database() const { return db_; }

 private:
  Xapian::Database db_;
  std::string name_;
};

}  // namespace whosaid
