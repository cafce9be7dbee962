#include "index_writer.h"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>
#include <xapian.h>

#include "aliases.h"
#include "error.h"
#include "utf8.h"
#include "quote_document.h"
#include "quote_record.h"
#include "reader.h"
#include "schema.h"
#include "xapian_error.h"

namespace whosaid {

namespace {

std::string alias_table_hash() {
  std::string all;
  for (const auto& e : org_alias_table()) {
    all += e.canonical;
    for (const auto& a : e.aliases) all += "\t" + a;
    all += "\n";
  }
  return stable_hash_hex(all);
}

// Every spelling of every organisation becomes a synonym of its XENT: term, so the query ICC
// also matches text that names the International Criminal Court in full, and the other way round.
void install_synonyms(Xapian::WritableDatabase& db) {
  const std::string hash = alias_table_hash();
  if (db.get_metadata(schema::metadata::aliases_hash) == hash) return;
  std::vector<std::string> old_keys(db.synonym_keys_begin(), db.synonym_keys_end());
  for (const auto& k : old_keys) db.clear_synonyms(k);
  for (const auto& [key, entity] : schema::organisation_synonyms()) db.add_synonym(key, entity);
  db.set_metadata(schema::metadata::aliases_hash, hash);
}


// One glass database of the index, written on a thread of its own (Options::background). An index
// of several parts writes them in parallel: Xapian writes one database on one thread.
struct Part {
  std::string path;
  std::size_t batch_limit = 500;  // articles per transaction in this part
  Xapian::WritableDatabase db;
  bool in_transaction = false;
  std::size_t batch_articles = 0;
  std::size_t written = 0;
  std::size_t deleted = 0;
  // Spelling counts added (positive) or taken back (negative) by this batch, applied at commit:
  // one table update per word and batch instead of one per word and document.
  std::unordered_map<std::string, long> spelling_delta;

  // The writer thread (Options::background) and what it shares with the caller. Everything above
  // belongs to whichever thread holds the turn: the writer while it has work, the caller after
  // drain().
  std::thread writer;
  std::mutex mu;
  std::condition_variable changed;
  std::deque<PreparedArticle> queue;
  bool busy = false;      // the writer is writing an article it took off the queue
  bool stopping = false;
  std::exception_ptr error;  // the writer's first failure; later work is dropped

  // ---- Xapian, on whichever thread has the turn

  void apply_spelling() {
    for (const auto& [word, n] : spelling_delta) {
      if (n > 0) db.add_spelling(word, static_cast<Xapian::termcount>(n));
      if (n < 0) db.remove_spelling(word, static_cast<Xapian::termcount>(-n));
    }
    spelling_delta.clear();
  }

  void begin_batch() {
    if (in_transaction) return;
    db.begin_transaction(false);  // commit() below writes it out
    in_transaction = true;
    batch_articles = 0;
  }

  void end_article() {
    if (++batch_articles >= batch_limit) commit();
  }

  void commit() {
    apply_spelling();
    if (in_transaction) {
      db.commit_transaction();
      in_transaction = false;
    }
    db.commit();
  }

  std::size_t delete_quotes(const std::string& article_id) {
    const std::string term = schema::article_term(article_id);
    // A new article (the common case) costs one term lookup, no query.
    if (!db.term_exists(term)) return 0;
    std::vector<Xapian::docid> ids(db.postlist_begin(term), db.postlist_end(term));
    for (auto id : ids) {
      for (auto& word : spelling_words(record_from_json(db.get_document(id).get_data()).quote))
        spelling_delta[std::move(word)] -= 1;
      db.delete_document(id);
    }
    deleted += ids.size();
    return ids.size();
  }

  void write(PreparedArticle& p) {
    try {
      begin_batch();
      delete_quotes(p.id);
      for (auto& word : p.spelling) spelling_delta[std::move(word)] += 1;
      for (auto& doc : p.docs) {
        db.add_document(doc);
        ++written;
      }
      if (p.content_hash) db.set_metadata(schema::content_hash_key(p.id), fmt::format("{:016x}", *p.content_hash));
      end_article();
    } catch (const Xapian::Error& e) {
      throw_xapian_error(e, "indexing article " + p.id + " into " + path);
    }
  }

  // ---- the writer thread

  void writer_loop() {
    std::unique_lock lock(mu);
    for (;;) {
      changed.wait(lock, [&] { return stopping || !queue.empty(); });
      if (stopping) return;
      PreparedArticle p = std::move(queue.front());
      queue.pop_front();
      busy = true;
      changed.notify_all();  // room in the queue
      lock.unlock();
      std::exception_ptr failure;
      try {
        write(p);
      } catch (...) {
        failure = std::current_exception();
      }
      p.docs.clear();  // Xapian handles are released on the thread that used them last
      lock.lock();
      busy = false;
      if (failure && !error) error = failure;
      if (error) queue.clear();
      changed.notify_all();
    }
  }

  // Hands an article to the writer; waits while the queue is full. Rethrows the writer's failure.
  void submit(PreparedArticle&& p) {
    if (!writer.joinable()) {
      write(p);
      return;
    }
    std::unique_lock lock(mu);
    changed.wait(lock, [&] { return error || queue.size() < kQueueArticles; });
    if (error) std::rethrow_exception(error);
    queue.push_back(std::move(p));
    changed.notify_all();
  }

  // Waits until the writer has written everything handed to it; the caller then has the turn.
  void drain() {
    if (!writer.joinable()) return;
    std::unique_lock lock(mu);
    changed.wait(lock, [&] { return error || (queue.empty() && !busy); });
    if (error) std::rethrow_exception(error);
  }

  void stop_writer() {
    if (!writer.joinable()) return;
    {
      std::lock_guard lock(mu);
      stopping = true;
      queue.clear();
    }
    changed.notify_all();
    writer.join();
  }

  // Articles waiting for the writer: enough to ride out a slow commit, few enough to bound memory.
  static constexpr std::size_t kQueueArticles = 256;

  // Opens or creates the glass database at `path`: schema version, synonyms.
  void open(const std::string& where) {
    path = where;
    try {
      db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
      schema::check_version(db, path);
      if (db.get_doccount() == 0)
        db.set_metadata(schema::metadata::schema_version, std::to_string(schema::kVersion));
      install_synonyms(db);
      db.commit();
    } catch (const Xapian::Error& e) {
      throw_xapian_error(e, "opening index " + path);
    }
  }

  void start_writer() { writer = std::thread([this] { writer_loop(); }); }

  ~Part() {
    stop_writer();
    if (!in_transaction) return;
    try {
      db.cancel_transaction();
    } catch (const Xapian::Error&) {
      // Nothing more to do: the batch was never committed, the part keeps its previous state.
    }
  }
};

// The parts of an index at `path`, as its layout on disk says: a glass database (one part), or a
// folder holding a Xapian stub file (XAPIANDB) that lists its parts, one "glass part-K" line
// each, which every reader opens as one database.
std::vector<std::string> part_paths(const std::string& path, std::size_t parts_if_new) {
  namespace fs = std::filesystem;
  const fs::path dir(path);
  const fs::path stub = dir / "XAPIANDB";
  std::error_code ec;
  if (fs::exists(stub, ec)) {
    std::ifstream in(stub);
    std::vector<std::string> parts;
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("glass ", 0) != 0 || line.find('/') != std::string::npos)
        throw Error(fmt::format("{}: not a whosaid index part list (line \"{}\"); whosaid writes \"glass part-K\" lines",
                                stub.string(), utf8::abbreviate(line, 80)));
      parts.push_back((dir / line.substr(6)).string());
    }
    if (parts.empty()) throw Error(fmt::format("{}: lists no parts", stub.string()));
    return parts;
  }
  const bool is_new = !fs::exists(dir, ec) || (fs::is_directory(dir, ec) && fs::is_empty(dir, ec));
  if (!is_new || parts_if_new <= 1) return {path};  // an existing glass database, or a new one-part index
  // A new index of several parts: the parts first, the stub last (written whole, then renamed), so
  // that an index killed before it has a stub is simply a new index again.
  std::vector<std::string> parts;
  std::string listing;
  for (std::size_t k = 1; k <= parts_if_new; ++k) {
    parts.push_back((dir / fmt::format("part-{}", k)).string());
    listing += fmt::format("glass part-{}\n", k);
  }
  fs::create_directories(dir, ec);
  if (ec) throw Error(fmt::format("{}: cannot create the index folder: {}", path, ec.message()));
  for (const auto& p : parts) Xapian::WritableDatabase(p, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS).commit();
  const fs::path tmp = dir / "XAPIANDB.tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << listing;
    out.flush();
    if (!out) throw Error(fmt::format("{}: cannot write: {}", tmp.string(), std::strerror(errno)));
  }
  fs::rename(tmp, stub, ec);
  if (ec) throw Error(fmt::format("{}: cannot create: {}", stub.string(), ec.message()));
  return parts;
}

}  // namespace

struct IndexWriter::Impl {
  std::string path;
  Options options;
  Xapian::TermGenerator tg;  // the caller's thread only
  std::vector<std::unique_ptr<Part>> parts;

  // An article's part: a hash of its id, so that re-indexing or deleting it finds it. Mixed
  // (splitmix64's finaliser) so that it is independent of --shard, which takes the plain hash
  // modulo the shard count.
  Part& part_of(std::string_view article_id) {
    if (parts.size() == 1) return *parts[0];
    std::uint64_t h = stable_hash64(article_id) + 0x9e3779b97f4a7c15ULL;
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return *parts[h % parts.size()];
  }

  void drain_all() {
    for (auto& p : parts) p->drain();
  }
};

IndexWriter::IndexWriter(const std::string& path, Options options) : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  impl_->options = options;
  impl_->tg.set_stemmer(schema::stemmer());
  std::vector<std::string> paths;
  try {
    paths = part_paths(path, std::max<std::size_t>(1, options.parts));
  } catch (const Xapian::Error& e) {
    throw_xapian_error(e, "creating index " + path);
  }
  // --batch counts articles of the whole index: each part commits its share.
  const std::size_t per_part = std::max<std::size_t>(1, std::max<std::size_t>(1, options.batch_articles) / paths.size());
  for (const auto& p : paths) {
    auto part = std::make_unique<Part>();
    part->batch_limit = per_part;
    part->open(p);
    impl_->parts.push_back(std::move(part));
  }
  if (options.background)
    for (auto& part : impl_->parts) part->start_writer();
}

IndexWriter::~IndexWriter() = default;  // each Part stops its writer and abandons its open batch

std::size_t IndexWriter::parts() const { return impl_->parts.size(); }

PreparedArticle IndexWriter::prepare(const Article& a, const std::vector<Quote>& quotes, Xapian::TermGenerator& tg) {
  PreparedArticle p;
  p.id = a.id;
  try {
    p.docs.reserve(quotes.size());
    for (const auto& q : quotes) {
      p.docs.push_back(quote_document(a, q, tg));
      for (auto& word : spelling_words(q)) p.spelling.push_back(std::move(word));
    }
  } catch (const Xapian::Error& e) {
    throw_xapian_error(e, "indexing article " + a.id);
  }
  return p;
}

void IndexWriter::submit(PreparedArticle&& p) {
  Part& part = impl_->part_of(p.id);
  part.submit(std::move(p));
}

void IndexWriter::replace_article(const Article& a, const std::vector<Quote>& quotes) {
  submit(prepare(a, quotes, impl_->tg));
}

ContentHashes IndexWriter::stored_content_hashes() const {
  impl_->drain_all();
  ContentHashes hashes;
  const std::string prefix = schema::metadata::content_hash_prefix;
  for (auto& part : impl_->parts) try {
    auto& db = part->db;
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
      const std::string key = *k;
      const std::string value = db.get_metadata(key);
      std::uint64_t id_hash = 0, content = 0;
      auto r1 = std::from_chars(key.data() + prefix.size(), key.data() + key.size(), id_hash, 16);
      auto r2 = std::from_chars(value.data(), value.data() + value.size(), content, 16);
      // A key this version did not write is ignored: its article is simply indexed again.
      if (r1.ec == std::errc() && r2.ec == std::errc()) hashes.emplace(id_hash, content);
    }
  } catch (const Xapian::Error& e) {
    throw_xapian_error(e, "reading article hashes from " + part->path);
  }
  return hashes;
}

std::size_t IndexWriter::delete_article(const std::string& article_id) {
  Part& part = impl_->part_of(article_id);
  part.drain();
  try {
    part.begin_batch();
    std::size_t n = part.delete_quotes(article_id);
    part.db.set_metadata(schema::content_hash_key(article_id), "");  // "" removes the key
    part.end_article();
    return n;
  } catch (const Xapian::Error& e) {
    throw_xapian_error(e, "deleting article " + article_id + " from " + impl_->path);
  }
}

void IndexWriter::commit() {
  impl_->drain_all();
  // Each part commits on a thread of its own: a commit writes out a whole batch.
  std::vector<std::exception_ptr> failures(impl_->parts.size());
  auto commit_part = [&](std::size_t i) {
    try {
      try {
        impl_->parts[i]->commit();
      } catch (const Xapian::Error& e) {
        throw_xapian_error(e, "committing to " + impl_->parts[i]->path);  // as a whosaid::Error
      }
    } catch (...) {
      failures[i] = std::current_exception();  // rethrown on the caller's thread below
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl_->parts.size(); ++i) threads.emplace_back(commit_part, i);
  commit_part(0);
  for (auto& t : threads) t.join();
  for (auto& f : failures)
    if (f) std::rethrow_exception(f);
}

std::size_t IndexWriter::quotations_written() const {
  impl_->drain_all();
  std::size_t n = 0;
  for (auto& part : impl_->parts) n += part->written;
  return n;
}
std::size_t IndexWriter::quotations_deleted() const {
  impl_->drain_all();
  std::size_t n = 0;
  for (auto& part : impl_->parts) n += part->deleted;
  return n;
}

}  // namespace whosaid
