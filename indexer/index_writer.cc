#include "index_writer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

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
  Xapian::TermGenerator tg;
  bool in_transaction = false;
  std::size_t batch_articles = 0;
  std::size_t written = 0;
  std::size_t deleted = 0;
  // Spelling counts added (positive) or taken back (negative) by this batch, applied at commit:
  // one table update per word and batch instead of one per word and document.
  std::unordered_map<std::string, long> spelling_delta;

  void count_spelling(const Quote& q, long delta) {
    for (auto& word : spelling_words(q)) spelling_delta[std::move(word)] += delta;
  }

  void apply_spelling() {
    for (const auto& [word, n] : spelling_delta) {
      if (n > 0) db.add_spelling(word, static_cast<Xapian::termcount>(n));
      if (n < 0) db.remove_spelling(word, static_cast<Xapian::termcount>(-n));
    }
    spelling_delta.clear();
  }

  void begin_batch() {
    if (in_transaction) return;
    db.begin_transaction();
    in_transaction = true;
    batch_articles = 0;
  }

  void end_article() {
    if (++batch_articles >= options.batch_articles) commit();
  }

  void commit() {
    auto t0 = std::chrono::steady_clock::now();
    apply_spelling();
    auto t1 = std::chrono::steady_clock::now();
    if (in_transaction) {
      db.commit_transaction();
      in_transaction = false;
    }
    db.commit();
    auto t2 = std::chrono::steady_clock::now();
    static auto last = t0;
    if (getenv("WTRACE")) fprintf(stderr, "TRACE batch %.3f spelling %.3f commit %.3f\n", std::chrono::duration<double>(t0 - last).count(), std::chrono::duration<double>(t1 - t0).count(), std::chrono::duration<double>(t2 - t1).count());
    last = t2;
  }

  std::size_t delete_quotes(const std::string& article_id) {
    const std::string term = schema::article_term(article_id);
    if (!db.term_exists(term)) return 0;
    std::vector<Xapian::docid> ids(db.postlist_begin(term), db.postlist_end(term));
    for (auto id : ids) {
      count_spelling(record_from_json(db.get_document(id).get_data()).quote, -1);
      db.delete_document(id);
    }
    deleted += ids.size();
    return ids.size();
  }
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
}

IndexWriter::~IndexWriter() {
  if (!impl_ || !impl_->in_transaction) return;
  try {
    impl_->db.cancel_transaction();
  } catch (const Xapian::Error&) {
    // Nothing more to do: the batch was never committed, the index keeps the previous state.
  }
}

void IndexWriter::replace_article(const Article& a, const std::vector<Quote>& quotes) {
  try {
    impl_->begin_batch();
    impl_->delete_quotes(a.id);
    for (const auto& q : quotes) {
      impl_->count_spelling(q, +1);
      impl_->db.add_document(quote_document(a, q, impl_->tg));
      ++impl_->written;
    }
    impl_->end_article();
  } catch (const Xapian::Error& e) {
    throw_xapian_error(e, "indexing article " + a.id + " into " + impl_->path);
  }
}

std::size_t IndexWriter::delete_article(const std::string& article_id) {
  try {
    impl_->begin_batch();
    std::size_t n = impl_->delete_quotes(article_id);
    impl_->end_article();
    return n;
  } catch (const Xapian::Error& e) {
    throw_xapian_error(e, "deleting article " + article_id + " from " + impl_->path);
  }
}

void IndexWriter::commit() {
  try {
    impl_->commit();
  } catch (const Xapian::Error& e) {
    throw_xapian_error(e, "committing to " + impl_->path);
  }
}

std::size_t IndexWriter::quotations_written() const { return impl_->written; }
std::size_t IndexWriter::quotations_deleted() const { return impl_->deleted; }

}  // namespace whosaid
