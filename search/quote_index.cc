#include "quote_index.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <stdlib.h>

#include <fmt/format.h>

#include "aliases.h"
#include "error.h"
#include "schema.h"

namespace whosaid {

namespace {

// ---- Shard specs ----

// "HOST:PORT" (HOST may be [v6]) -> shard; throws naming `given` otherwise.
Shard tcp_shard(const std::string& host_port, const std::string& given) {
  auto colon = host_port.rfind(':');
  Shard s;
  s.name = "tcp:" + host_port;
  s.remote = true;
  s.path = colon == std::string::npos ? "" : host_port.substr(0, colon);
  if (s.path.size() > 2 && s.path.front() == '[' && s.path.back() == ']') s.path = s.path.substr(1, s.path.size() - 2);
  unsigned long port = 0;
  try {
    std::size_t used = 0;
    std::string digits = colon == std::string::npos ? "" : host_port.substr(colon + 1);
    port = std::stoul(digits, &used);
    if (used != digits.size()) port = 0;
  } catch (const std::exception&) {
  }
  if (s.path.empty() || port == 0 || port > 65535)
    throw Error(fmt::format("{}: a remote shard is tcp:HOST:PORT (e.g. tcp:10.0.0.2:7001), with a port 1-65535",
                            given));
  s.port = static_cast<unsigned>(port);
  return s;
}

// A Xapian stub file: one database per line, "auto PATH" (or glass/chert PATH, relative to the
// stub's folder) or "remote HOST:PORT"; '#' starts a comment. Read here rather than by Xapian so
// that each entry is a shard of its own: its schema version checked, its failure named.
std::optional<std::vector<Shard>> read_stub(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::vector<Shard> out;
  std::string line;
  std::size_t line_no = 0;
  const auto dir = std::filesystem::path(path).parent_path();
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find('\0') != std::string::npos) return std::nullopt;  // binary: a single-file database
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    std::string kind, target, extra;
    if (!(words >> kind)) continue;
    words >> target;
    if (kind == "auto" || kind == "glass" || kind == "chert") {
      if (target.empty()) throw Error(fmt::format("{}:{}: '{}' needs a path", path, line_no, kind));
      Shard s;
      s.path = std::filesystem::path(target).is_absolute() ? target : (dir / target).string();
      s.name = s.path;
      out.push_back(s);
    } else if (kind == "remote" && !target.empty() && target[0] != ':') {
      out.push_back(tcp_shard(target, fmt::format("{}:{}: remote {}", path, line_no, target)));
    } else if (out.empty() && line_no <= 3) {
      return std::nullopt;  // not a stub after all: let Xapian open it
    } else {
      throw Error(fmt::format("{}:{}: whosaid reads stub lines 'auto PATH' and 'remote HOST:PORT', not '{}'", path,
                              line_no, line));
    }
  }
  if (out.empty()) throw Error(fmt::format("{}: a stub file that names no database", path));
  return out;
}

// ---- Synonyms for remote shards ----

// Built here because Xapian 1.4's remote protocol does not serve a shard's synonyms, and the
// organisation synonyms are the same in every shard (schema::organisation_synonyms, as the indexer
// writes them). tests/shards_test.py checks that queries that need synonyms (ICC, org:HRW) find
// the same over remote shards as on one index.
// Xapian's in-memory backend keeps no synonyms: the table is written to a private temporary glass
// database, opened, read once so that its tables are open, and its folder removed at once (the
// open files stay readable; nothing is left behind, even when the process is killed).
Xapian::Database organisation_synonyms() {
  namespace fs = std::filesystem;
  std::string tmpl = (fs::temp_directory_path() / "whosaid-synonyms-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw Error(fmt::format("cannot create a temporary folder in {}", fs::temp_directory_path().string()));
  const fs::path dir = tmpl;
  try {
    {
      Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
      for (const auto& [key, entity] : schema::organisation_synonyms()) db.add_synonym(key, entity);
      db.commit();
    }
    Xapian::Database db((dir / "db").string());
    (void)db.synonym_keys_begin();           // opens the synonym table
    (void)db.get_spelling_suggestion("x");   // and the spelling table
    fs::remove_all(dir);
    return db;
  } catch (...) {
    std::error_code ec;
    fs::remove_all(dir, ec);
    throw;
  }
}

// ---- Opening ----

Xapian::Database open_shard(const Shard& s, const OpenOptions& o) {
  if (s.remote) return Xapian::Remote::open(s.path, s.port, o.remote_timeout_ms, o.remote_timeout_ms);
  if (!std::filesystem::exists(s.path))
    throw Error(fmt::format("{}: no index here (build one: whosaid-index --db {} INPUT...)", s.name, s.name));
  return Xapian::Database(s.path);
}

// schema::check_version's advice (rm -r PATH && whosaid-index --db PATH) means nothing for a
// remote shard: the shard is re-indexed where it is served.
void check_remote_version(const Xapian::Database& db, const Shard& s) {
  std::string v = db.get_metadata(schema::metadata::schema_version);
  if (v.empty() && db.get_doccount() == 0) return;
  if (v != std::to_string(schema::kVersion))
    throw Error(fmt::format("shard {}: index schema version {} but this whosaid reads version {}; re-index it on "
                            "the machine that serves it (whosaid-index --db PATH --shard K/N INPUT...) and restart "
                            "its xapian-tcpsrv",
                            s.name, v.empty() ? "unknown" : v, schema::kVersion));
}

// Why a shard did not answer, for messages: Xapian's own words without its type name prefix.
std::string reason(const Xapian::Error& e) {
  std::string msg = e.get_msg();
  if (!e.get_error_string() || !*e.get_error_string()) return msg.empty() ? e.get_type() : msg;
  return msg + ": " + e.get_error_string();
}

}  // namespace

std::string describe(const std::vector<MissingShard>& shards) {
  std::string out;
  for (const auto& m : shards) out += fmt::format("{}{} ({})", out.empty() ? "" : ", ", m.shard, m.error);
  return out;
}

std::vector<Shard> parse_shard_specs(const std::string& spec) {
  if (spec.rfind("tcp:", 0) == 0) return {tcp_shard(spec.substr(4), spec)};
  std::error_code ec;
  if (std::filesystem::is_regular_file(spec, ec))
    if (auto stub = read_stub(spec)) return *stub;
  Shard s;
  s.name = s.path = spec;
  return {s};
}

QuoteIndex QuoteIndex::open(const std::vector<std::string>& specs, const OpenOptions& options) {
  QuoteIndex index(Xapian::Database(), "");
  index.options_ = options;
  for (const auto& spec : specs) {
    for (auto& shard : parse_shard_specs(spec)) {
      index.has_remote_ = index.has_remote_ || shard.remote;
      index.name_ += index.name_.empty() ? shard.name : "+" + shard.name;
      try {
        Xapian::Database db = open_shard(shard, options);
        // Checked one by one: the metadata of a combined database is only its first shard's.
        if (shard.remote)
          check_remote_version(db, shard);
        else
          schema::check_version(db, shard.name);
        index.shards_.push_back(shard);
        index.handles_.push_back(db);
      } catch (const Xapian::Error& e) {
        if (!is_network_error(e) || !options.allow_partial) {
          if (is_network_error(e))
            throw Error(fmt::format("shard {} does not answer ({}); --allow-partial answers from the others",
                                    shard.name, reason(e)));
          throw_xapian_error(e, "opening index " + shard.name);
        }
        index.missing_.push_back({shard.name, reason(e)});
      }
    }
  }
  if (index.shards_.empty())
    throw Error(fmt::format("no shard of {} answers: {}", index.name_, describe(index.missing_)));
  index.join();
  return index;
}

QuoteIndex::QuoteIndex(Xapian::Database db, std::string name)
    : db_(db), query_db_(db), name_(std::move(name)) {}

void QuoteIndex::join() const {
  db_ = Xapian::Database();
  for (const auto& h : handles_) db_.add_database(h);
  query_db_ = db_;
  if (has_remote_) {
    static const Xapian::Database synonyms = organisation_synonyms();
    query_db_ = Xapian::Database();
    query_db_.add_database(db_);
    query_db_.add_database(synonyms);
  }
}

bool QuoteIndex::is_network_error(const Xapian::Error& e) {
  const std::string type = e.get_type();
  return type == "NetworkError" || type == "NetworkTimeoutError";
}

void QuoteIndex::drop_failed_shards(const Xapian::Error& cause, const std::string& what) const {
  // A failed match can leave the other connections with answers unread: every remote shard is
  // reached again on a new connection, and those that do not answer it are the ones at fault.
  std::vector<Shard> kept;
  std::vector<Xapian::Database> handles;
  std::vector<MissingShard> failed;
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    const Shard& s = shards_[i];
    if (!s.remote) {
      kept.push_back(s);
      handles.push_back(handles_[i]);
      continue;
    }
    try {
      Xapian::Database db = open_shard(s, options_);
      db.keep_alive();
      kept.push_back(s);
      handles.push_back(db);
    } catch (const Xapian::Error& e) {
      failed.push_back({s.name, reason(e)});
    }
  }
  if (failed.empty())
    throw Error(fmt::format("{} {}: a remote shard failed ({}) but each answers again: try again", what, name_,
                            reason(cause)),
                exit_internal);
  if (!options_.allow_partial)
    throw Error(fmt::format("{} {}: shard {} does not answer; --allow-partial answers from the others", what, name_,
                            describe(failed)));
  missing_.insert(missing_.end(), failed.begin(), failed.end());
  if (kept.empty()) throw Error(fmt::format("{} {}: no shard answers: {}", what, name_, describe(missing_)));
  shards_ = std::move(kept);
  handles_ = std::move(handles);
  join();
}

std::optional<QuoteRecord> QuoteIndex::find(const std::string& quote_id) const {
  return run("reading", [&]() -> std::optional<QuoteRecord> {
    const std::string term = schema::quote_id_term(quote_id);
    auto it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) return std::nullopt;
    return record_from_json(db_.get_document(*it).get_data());
  });
}

std::size_t QuoteIndex::size() const {
  return run("reading", [&] { return static_cast<std::size_t>(db_.get_doccount()); });
}

}  // namespace whosaid
