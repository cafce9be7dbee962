// Matches in date order: by the article's date (oldest or newest first), then by the stable
// order value (article id, byte offset). The same order on one database and on any set of shards,
// local or remote: `search --sort date`, the earliest copy of a quotation, verify's provenance.
#pragma once
#include <string>
#include <vector>

#include <xapian.h>

namespace whosaid {

struct DateOrderRequest {
  Xapian::Query query;
  bool newest_first = false;
  bool collapse = false;       // one match per quotation text (Value::collapse): the first in this order
  // Not collapsing, on remote shards: collapse on Value::order, unique to each quotation, so
  // nothing is folded. Xapian 1.4 then counts each match once in the match spies; without a
  // collapse key its client counts some of the matches the shards return a second time
  // (tests/shards_test.py: "said", 534 matches counted as 610 with 50 hits shown).
  bool unique_collapse = false;
  bool weights = true;         // false: BoolWeight (no relevance wanted)
  Xapian::doccount first = 0;  // matches to skip
  Xapian::doccount count = 10;
  Xapian::doccount check_at_least = 0;
  double time_limit_seconds = 0;         // > 0: Enquire::set_time_limit
  std::vector<Xapian::MatchSpy*> spies;  // see the matches of the first match run only
};

struct DateOrderedItem {
  Xapian::Document doc;
  Xapian::docid docid = 0;           // in the database matched (for comparing; never shown)
  double weight = 0;
  std::string collapse_key;          // when collapsing
  Xapian::doccount collapse_count = 0;  // other matches with this key among those examined
};

struct DateOrderedMatches {
  std::vector<DateOrderedItem> items;
  Xapian::MSet mset;  // of the first match run: estimates, snippets
};

// On local databases one match sorted by a KeyMaker. With a remote shard (Xapian 1.4 cannot sort
// remote matches by a KeyMaker) the match is sorted by date alone, and the order value settles
// ties in at most two more matches: every match of the last date shown, by order; and for each
// collapsed hit whose copies share its date, the copy that comes first.
DateOrderedMatches match_in_date_order(const Xapian::Database& db, bool remote, const DateOrderRequest& req);

// Only the matches dated exactly `date` (YYYYMMDD as stored; "" for undated).
Xapian::Query dated(const Xapian::Query& query, const std::string& date);

}  // namespace whosaid
