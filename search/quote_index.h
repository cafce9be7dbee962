// The read side of a whosaid index: one or several databases searched as one. Verbs (search,
// speakers, show, verify, cite, serve) work on a QuoteIndex, never on paths.
//
// Each database ("shard") is a local path, a remote shard served by xapian-tcpsrv (tcp:HOST:PORT)
// or a Xapian stub file listing either (docs/scale-out.md). Shards are joined with
// Database::add_database; quotations are named by their quote ids, never by docids (docids
// interleave across shards).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "quote_record.h"
#include "xapian_error.h"

namespace whosaid {

// One quotation as the index returns it.
struct Hit {
  QuoteRecord record;
  double score = 0;             // relevance weight (0 for show)
  std::string snippet;          // the quote, HTML-escaped, query matches in <b>...</b>
  std::size_t duplicates = 0;   // other quotations with the same words (collapsed into this one)
  Xapian::docid docid = 0;      // where `record` came from, in this QuoteIndex (never shown: shards)
};

// How to reach remote shards, and what to do when one does not answer.
struct OpenOptions {
  unsigned remote_timeout_ms = 10000;  // connecting to a remote shard, and each of its answers
  bool allow_partial = false;          // answer from the shards that answer, naming the others
};

// One database of a QuoteIndex.
struct Shard {
  std::string name;     // as the user gave it: a path or tcp:HOST:PORT (a stub's entries too)
  std::string path;     // local: the path to open; remote: HOST
  unsigned port = 0;    // remote (tcp) shards only
  bool remote = false;
};

// A shard that did not answer: left out of a partial answer (--allow-partial).
struct MissingShard {
  std::string shard;  // its name (path or tcp:HOST:PORT)
  std::string error;  // why: Xapian's message ("Connection refused", "Timeout expired ...")
};

// "tcp:10.0.0.2:7001 (Connection refused), ...": for messages.
std::string describe(const std::vector<MissingShard>& shards);

// A spec as given to --db: tcp:HOST:PORT, a stub file (expanded to its entries), or a path.
// Throws whosaid::Error naming the spec when it cannot be read.
std::vector<Shard> parse_shard_specs(const std::string& spec);

class QuoteIndex {
 public:
  // Opens every spec (each a whosaid index of this schema version) as one index. Throws
  // whosaid::Error naming the shard at fault; with options.allow_partial, a shard that cannot be
  // reached is left out and named by missing() instead (an error still when none answers).
  static QuoteIndex open(const std::vector<std::string>& specs, const OpenOptions& options = {});

  // An already opened (possibly combined) local database, e.g. shards joined with add_database.
  explicit QuoteIndex(Xapian::Database db, std::string name = "index");

  // The quotation with this id, if indexed.
  std::optional<QuoteRecord> find(const std::string& quote_id) const;

  std::size_t size() const;
  const std::string& name() const { return name_; }  // for messages

  // Shards that did not answer (only ever non-empty with allow_partial).
  const std::vector<MissingShard>& missing() const { return missing_; }
  bool partial_allowed() const { return options_.allow_partial; }
  // Some shard is remote: Xapian 1.4 cannot sort remote matches by a KeyMaker, run a custom
  // MatchSpy on them, or read their synonyms and spelling data (search/ works around each).
  bool has_remote() const { return has_remote_; }

  // For the query code in search/ only: the shards as one database.
  const Xapian::Database& database() const { return db_; }
  // What the QueryParser reads synonyms and spelling from: database(), plus the organisation
  // synonyms built locally when a shard is remote (a remote shard does not serve its own).
  const Xapian::Database& query_database() const { return query_db_; }

  // Runs `body`, which reads database(), turning a Xapian::Error into a whosaid::Error about
  // `what` (e.g. "searching"). When a remote shard fails during it (network error, timeout):
  // without allow_partial an error naming the shard; with it, the shard is dropped (missing())
  // and `body` runs again on the others.
  template <class Body>
  auto run(const std::string& what, Body&& body) const -> decltype(body()) {
    for (;;) {
      try {
        return body();
      } catch (const Xapian::Error& e) {
        if (!is_network_error(e)) throw_xapian_error(e, what + " " + name_);
        drop_failed_shards(e, what);  // throws unless there are shards left to answer
      }
    }
  }

 private:
  static bool is_network_error(const Xapian::Error& e);
  // Probes every answering remote shard on a new connection; those that fail go to missing_
  // (allow_partial) or into the error thrown; the others are joined again.
  void drop_failed_shards(const Xapian::Error& cause, const std::string& what) const;
  void join() const;  // db_ and query_db_ from handles_

  // The set of shards answering can shrink while a query runs (partial mode): not a change of
  // what this index is, so the handles are mutable.
  OpenOptions options_;
  mutable std::vector<Shard> shards_;             // the shards answering
  mutable std::vector<Xapian::Database> handles_; // one per answering shard, in shards_ order
  mutable std::vector<MissingShard> missing_;
  mutable Xapian::Database db_;
  mutable Xapian::Database query_db_;
  bool has_remote_ = false;
  std::string name_;
};

}  // namespace whosaid
