#include "index_writer.h"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>
#include <xapian.h>

#include "aliases.h"
#include "quote_document.h"
#include "quote_record.h"
#include "reader.h"
#include "schema.h"
#include "xapian_error.h"

namespace whosaid {

namespace {

// Single words that are also everyday English: as query words they must not turn into an
// organisation ("who said" is not about the World Health Organization).
bool is_common_word(const std::string& key) {
  static const std::set<std::string> words = {"who", "us", "amnesty"};
  return words.count(key) > 0;
}

// A spelling as the QueryParser will see it: its unstemmed terms in order, joined by spaces.
std::string synonym_key(const std::string& spelling) {
  Xapian::TermGenerator tg;  // no stemmer: unstemmed terms only
  Xapian::Document doc;
  tg.set_document(doc);
  tg.index_text(spelling);
  std::map<Xapian::termpos, std::string> by_position;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) by_position[*p] = *t;
  std::string key;
  for (const auto& [pos, term] : by_position) {
    if (!key.empty()) key += ' ';
    key += term;
  }
  return key;
}

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
  for (const auto& e : org_alias_table()) {
    const std::string entity = schema::entity_term(e.canonical);
    std::vector<std::string> spellings{e.canonical};
    spellings.insert(spellings.end(), e.aliases.begin(), e.aliases.end());
    for (const auto& s : spellings) {
      std::string key = synonym_key(s);
      if (!key.empty() && !is_common_word(key)) db.add_synonym(key, entity);
    }
  }
  db.set_metadata(schema::metadata::aliases_hash, hash);
}

}  // namespace

struct IndexWriter::Impl {
  std::string path;
  Options options;
  Xapian::WritableDatabase db;
  Xapian::TermGenerator tg;  // the caller's thread only
  bool in_transaction = false;
  std::size_t batch_articles = 0;
  std::size_t written = 0;
  std::size_t deleted = 0;
  // Spelling counts added (positive) or taken back (negative) by this batch, applied at commit:
  // one table update per word and batch instead of one per word and document.
  std::unordered_map<std::string, long> spelling_delta;

  // The writer thread (Options::background) and what it shares with the caller. Everything above
  // except `tg` belongs to whichever thread holds the turn: the writer while it has work, the
  // caller after drain().
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
    if (++batch_articles >= options.batch_articles) commit();
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
};

IndexWriter::IndexWriter(const std::string& path, Options options) : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  impl_->options = options;
  impl_->options.batch_articles = std::max<std::size_t>(1, options.batch_articles);
  impl_->tg.set_stemmer(Xapian::Stem("english"));
  try {
    impl_->db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    schema::check_version(impl_->db, path);
    if (impl_->db.get_metadata(schema::metadata::schema_version).empty())
      impl_->db.set_metadata(schema::metadata::schema_version, std::to_string(schema::kVersion));
    install_synonyms(impl_->db);
    impl_->db.commit();
  } catch (const Xapian::Error& e) {
    throw_xapian_error(e, "opening index " + path);
  }
  if (options.background) impl_->writer = std::thread([impl = impl_.get()] { impl->writer_loop(); });
}

IndexWriter::~IndexWriter() {
  if (!impl_) return;
  impl_->stop_writer();
  if (!impl_->in_transaction) return;
  try {
    impl_->db.cancel_transaction();
  } catch (const Xapian::Error&) {
    // Nothing more to do: the batch was never committed, the index keeps the previous state.
  }
}

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

void IndexWriter::submit(PreparedArticle&& p) { impl_->submit(std::move(p)); }

void IndexWriter::replace_article(const Article& a, const std::vector<Quote>& quotes) {
  submit(prepare(a, quotes, impl_->tg));
}

ContentHashes IndexWriter::stored_content_hashes() const {
  impl_->drain();
  ContentHashes hashes;
  const std::string prefix = schema::metadata::content_hash_prefix;
  try {
    for (auto k = impl_->db.metadata_keys_begin(prefix); k != impl_->db.metadata_keys_end(prefix); ++k) {
      const std::string key = *k;
      const std::string value = impl_->db.get_metadata(key);
      std::uint64_t id_hash = 0, content = 0;
      auto r1 = std::from_chars(key.data() + prefix.size(), key.data() + key.size(), id_hash, 16);
      auto r2 = std::from_chars(value.data(), value.data() + value.size(), content, 16);
      // A key this version did not write is ignored: its article is simply indexed again.
      if (r1.ec == std::errc() && r2.ec == std::errc()) hashes.emplace(id_hash, content);
    }
  } catch (const Xapian::Error& e) {
    throw_xapian_error(e, "reading article hashes from " + impl_->path);
  }
  return hashes;
}

std::size_t IndexWriter::delete_article(const std::string& article_id) {
  impl_->drain();
  try {
    impl_->begin_batch();
    std::size_t n = impl_->delete_quotes(article_id);
    impl_->db.set_metadata(schema::content_hash_key(article_id), "");  // "" removes the key
    impl_->end_article();
    return n;
  } catch (const Xapian::Error& e) {
    throw_xapian_error(e, "deleting article " + article_id + " from " + impl_->path);
  }
}

void IndexWriter::commit() {
  impl_->drain();
  try {
    impl_->commit();
  } catch (const Xapian::Error& e) {
    throw_xapian_error(e, "committing to " + impl_->path);
  }
}

std::size_t IndexWriter::quotations_written() const {
  impl_->drain();
  return impl_->written;
}
std::size_t IndexWriter::quotations_deleted() const {
  impl_->drain();
  return impl_->deleted;
}

}  // namespace whosaid
