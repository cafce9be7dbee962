// Writes quotations into a whosaid index (schema.h). The only code that modifies an index.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "article.h"
#include "quote.h"

namespace whosaid {

// One article's documents, ready to write: built by prepare() on any thread (each with its own
// TermGenerator), written by IndexWriter::submit() in the order submitted.
struct PreparedArticle {
  std::string id;
  std::vector<Xapian::Document> docs;
  std::vector<std::string> spelling;         // every document's spelling words, one entry per document
  std::optional<std::uint64_t> content_hash;  // recorded for incremental runs when set
  std::size_t quotations() const { return docs.size(); }
};

// Content hashes of the articles in an index, by stable_hash64(article id).
using ContentHashes = std::unordered_map<std::uint64_t, std::uint64_t>;

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
    // Parts of a NEW index, each a glass database written on its own thread (with `background`):
    // Xapian writes one database on one thread, so parts are how indexing uses more cores. Readers
    // open the parts as one database through the stub file XAPIANDB in the index's folder. An
    // existing index keeps the parts it was created with.
    std::size_t parts = 1;
  };

  // Creates the index at `path` or opens it. Throws whosaid::Error when it is locked, of another
  // schema version, or not an index. Articles go to a part by a hash of their id.
  explicit IndexWriter(const std::string& path) : IndexWriter(path, Options{}) {}
  IndexWriter(const std::string& path, Options options);
  ~IndexWriter();  // an unfinished batch is abandoned: call commit()
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Builds an article's documents. Touches no database: safe on any thread with its own `tg`
  // (English stemmer set).
  static PreparedArticle prepare(const Article& a, const std::vector<Quote>& quotes, Xapian::TermGenerator& tg);

  // Replaces every quotation of article `p.id` with `p.docs` (none left behind, no duplicates),
  // and records its content hash when it has one. Articles are written in the order submitted.
  void submit(PreparedArticle&& p);

  // prepare() on this writer's TermGenerator, then submit().
  void replace_article(const Article& a, const std::vector<Quote>& quotes);

  // The content hash of every article indexed with one, as committed when the writer opened.
  // Call before the first submit() (it reads the database on the caller's thread).
  ContentHashes stored_content_hashes() const;

  // Removes an article's quotations and its content hash. Returns how many quotations there were.
  std::size_t delete_article(const std::string& article_id);

  // Commits everything written so far.
  void commit();

  std::size_t parts() const;
  std::size_t quotations_written() const;
  std::size_t quotations_deleted() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace whosaid
