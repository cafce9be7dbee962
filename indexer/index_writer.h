// Writes quotations into a whosaid index (schema.h). The only code that modifies an index.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "article.h"
#include "quote.h"

namespace whosaid {

class IndexWriter {
 public:
  struct Options {
    // Articles per transaction: a crash loses at most one batch, and a reader never sees an
    // article half replaced.
    std::size_t batch_articles = 500;
    // Write on a thread of its own: the caller extracts and builds the next articles' documents
    // while Xapian writes earlier ones. A write error then surfaces at a later replace_article(),
    // delete_article() or commit().
    bool background = false;
  };

  // Creates the index at `path` or opens it. Throws whosaid::Error when it is locked, of another
  // schema version, or not an index.
  explicit IndexWriter(const std::string& path) : IndexWriter(path, Options{}) {}
  IndexWriter(const std::string& path, Options options);
  ~IndexWriter();  // an unfinished batch is abandoned: call commit()
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Replaces every quotation of article `a.id` with `quotes` (none left behind, no duplicates).
  void replace_article(const Article& a, const std::vector<Quote>& quotes);

  // Removes an article's quotations. Returns how many there were.
  std::size_t delete_article(const std::string& article_id);

  // Commits everything written so far.
  void commit();

  std::size_t quotations_written() const;
  std::size_t quotations_deleted() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace whosaid
