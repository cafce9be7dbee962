// IndexWriter on hand-made quotations: replacement, deletion, versioning, spelling bookkeeping.
#include <doctest/doctest.h>

#include <filesystem>

#include <xapian.h>

#include "error.h"
#include "index_writer.h"
#include "reader.h"
#include "quote_index.h"
#include "schema.h"
#include "search.h"
#include "test_support.h"

using namespace whosaid;

namespace {

Article article(const std::string& id) {
  Article a;
  a.id = id;
  a.title = "Title of " + id;
  a.date = "2024-02-03";
  a.outlet = "Test Outlet";
  a.text = "Intro paragraph.\n\"Alpha words here,\" said Reed Rubinstein.\n\"Beta words there,\" he said.\n";
  return a;
}

Quote quote(const Article& a, int n, const std::string& text) {
  Quote q;
  q.doc_id = a.id;
  q.quote_id = a.id + "#" + std::to_string(n);
  q.text = text;
  q.byte_start = a.text.find(text);
  q.byte_end = q.byte_start + text.size();
  q.speaker = "Reed Rubinstein";
  q.speaker_kind = SpeakerKind::person;
  q.affiliation = "State Department";
  q.group = n;
  return q;
}

// How often `word` is recorded for spelling correction (Xapian 1.4 has no direct getter).
Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word) {
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it)
    if (*it == word) return it.get_termfreq();
  return 0;
}

std::vector<std::string> ids_for(const std::string& path, const std::string& query) {
  QuoteIndex index = QuoteIndex::open({path});
  SearchRequest req;
  req.query = query;
  req.limit = 100;
  std::vector<std::string> ids;
  for (const auto& h : search(index, req).hits) ids.push_back(h.record.quote.quote_id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

TEST_CASE("re-indexing an article replaces its quotations") {
  test::TempDir dir;
  const std::string db = dir / "x.db";
  Article a = article("a1");
  {
    IndexWriter w(db);
    w.replace_article(a, {quote(a, 1, "Alpha words here,"), quote(a, 2, "Beta words there,")});
    w.commit();
  }
  CHECK(Xapian::Database(db).get_doccount() == 2);
  CHECK(ids_for(db, "words") == std::vector<std::string>{"a1#1", "a1#2"});

  SUBCASE("the same input twice leaves the index unchanged") {
    {
      IndexWriter w(db);
      w.replace_article(a, {quote(a, 1, "Alpha words here,"), quote(a, 2, "Beta words there,")});
      w.commit();
    }
    Xapian::Database x(db);
    CHECK(x.get_doccount() == 2);
    CHECK(spelling_frequency(x, "alpha") == 1);  // spelling data counts documents, not runs
    CHECK(ids_for(db, "words") == std::vector<std::string>{"a1#1", "a1#2"});
  }
  SUBCASE("fewer quotations: none left behind") {
    {
      IndexWriter w(db);
      w.replace_article(a, {quote(a, 1, "Alpha words here,")});
      w.commit();
    }
    CHECK(Xapian::Database(db).get_doccount() == 1);
    CHECK(ids_for(db, "id:a1#2").empty());
  }
  SUBCASE("twice within one batch") {
    {
      IndexWriter w(db, {.batch_articles = 100});
      w.replace_article(a, {quote(a, 1, "Alpha words here,")});
      w.replace_article(a, {quote(a, 2, "Beta words there,")});
      w.commit();
    }
    CHECK(ids_for(db, "words") == std::vector<std::string>{"a1#2"});
  }
  SUBCASE("delete") {
    {
      IndexWriter w(db);
      CHECK(w.delete_article("a1") == 2);
      CHECK(w.delete_article("a1") == 0);
      w.commit();
    }
    Xapian::Database x(db);
    CHECK(x.get_doccount() == 0);
    CHECK(spelling_frequency(x, "alpha") == 0);
  }
  SUBCASE("an uncommitted batch is abandoned") {
    {
      IndexWriter w(db);
      w.replace_article(article("a2"), {quote(article("a2"), 1, "Alpha words here,")});
    }
    CHECK(Xapian::Database(db).get_doccount() == 2);
  }
}

TEST_CASE("a background writer writes what the caller's thread would") {
  test::TempDir dir;
  Article a = article("a1"), b = article("b1");
  auto build = [&](const std::string& db, bool background) {
    IndexWriter w(db, {.batch_articles = 2, .background = background});
    w.replace_article(a, {quote(a, 1, "Alpha words here,"), quote(a, 2, "Beta words there,")});
    w.replace_article(b, {quote(b, 1, "Alpha words here,")});
    w.replace_article(a, {quote(a, 2, "Beta words there,")});  // replaces, maybe within one batch
    CHECK(w.delete_article("b1") == 1);
    w.replace_article(b, {quote(b, 2, "Beta words there,")});
    w.commit();
    CHECK(w.quotations_written() == 5);
    CHECK(w.quotations_deleted() == 3);
  };
  build(dir / "fg.db", false);
  build(dir / "bg.db", true);
  for (const std::string db : {dir / "fg.db", dir / "bg.db"}) {
    CAPTURE(db);
    Xapian::Database x(db);
    CHECK(x.get_doccount() == 2);
    CHECK(spelling_frequency(x, "alpha") == 0);
    CHECK(spelling_frequency(x, "beta") == 2);
    CHECK(spelling_frequency(x, "rubinstein") == 2);  // the speaker's name is learnt too
    CHECK(ids_for(db, "article:a1") == std::vector<std::string>{"a1#2"});
    CHECK(ids_for(db, "article:b1") == std::vector<std::string>{"b1#2"});
  }
}

TEST_CASE("an index of several parts: written in parallel, read as one, replaced and deleted by article") {
  test::TempDir dir;
  const std::string db = dir / "parts.db";
  std::vector<Article> articles;
  for (int i = 0; i < 40; ++i) articles.push_back(article("p" + std::to_string(i)));
  auto index_all = [&](const std::string& suffix, std::size_t parts, bool background) {
    IndexWriter w(db, {.batch_articles = 7, .background = background, .parts = parts});
    for (auto& a : articles) {
      PreparedArticle p = IndexWriter::prepare(a, {quote(a, 1, "Alpha words here," + suffix)}, *[] {
        static thread_local Xapian::TermGenerator tg;
        tg.set_stemmer(Xapian::Stem("english"));
        return &tg;
      }());
      p.content_hash = stable_hash64(a.id + suffix);
      w.submit(std::move(p));
    }
    w.commit();
    return w.parts();
  };
  CHECK(index_all("", 3, true) == 3);
  CHECK(std::filesystem::exists(std::filesystem::path(db) / "XAPIANDB"));
  Xapian::Database all(db);  // the stub file: every part as one database
  CHECK(all.get_doccount() == 40);
  std::vector<Xapian::doccount> per_part;
  for (int k = 1; k <= 3; ++k) per_part.push_back(Xapian::Database(db + "/part-" + std::to_string(k)).get_doccount());
  for (auto n : per_part) CHECK(n > 5);  // spread over every part
  CHECK(ids_for(db, "article:p7") == std::vector<std::string>{"p7#1"});
  CHECK(!ids_for(db, "Rubenstein").empty());  // spelling correction across parts ("did you mean")

  // Re-opened with another --parts: the index keeps its three, and every article its part.
  CHECK(index_all("", 1, false) == 3);
  CHECK(Xapian::Database(db).get_doccount() == 40);
  {
    IndexWriter w(db);
    ContentHashes h = w.stored_content_hashes();
    CHECK(h.size() == 40);
    CHECK(h.at(stable_hash64("p3")) == stable_hash64("p3"));
    CHECK(w.delete_article("p3") == 1);
    w.commit();
    CHECK(w.stored_content_hashes().count(stable_hash64("p3")) == 0);
  }
  CHECK(Xapian::Database(db).get_doccount() == 39);
  CHECK(ids_for(db, "article:p3").empty());
  CHECK(QuoteIndex::open({db}).size() == 39);
}

TEST_CASE("an index of another schema version is refused with what to do") {
  test::TempDir dir;
  const std::string db = dir / "old.db";
  {
    Xapian::WritableDatabase w(db, Xapian::DB_CREATE);
    w.set_metadata(schema::metadata::schema_version, "0");
    w.add_document(Xapian::Document());
    w.commit();
  }
  CHECK_THROWS_WITH_AS(IndexWriter{db}, doctest::Contains("re-index"), Error);
  CHECK_THROWS_WITH_AS(QuoteIndex::open({db}), doctest::Contains("re-index"), Error);
}

TEST_CASE("a new index records its schema version") {
  test::TempDir dir;
  const std::string db = dir / "new.db";
  { IndexWriter w(db); w.commit(); }
  CHECK(Xapian::Database(db).get_metadata(schema::metadata::schema_version) == std::to_string(schema::kVersion));
}

TEST_CASE("the stored record keeps what show and cite need") {
  test::TempDir dir;
  const std::string db = dir / "r.db";
  Article a = article("a1");
  {
    IndexWriter w(db);
    w.replace_article(a, {quote(a, 2, "Beta words there,")});
    w.commit();
  }
  auto r = QuoteIndex::open({db}).find("a1#2");
  REQUIRE(r);
  CHECK(r->quote.text == "Beta words there,");
  CHECK(r->quote.speaker == "Reed Rubinstein");
  CHECK(r->article.title == "Title of a1");
  CHECK(r->article.text.empty());
  CHECK(r->paragraph == "\"Beta words there,\" he said.");
  CHECK(r->paragraph.substr(r->quote_offset_in_paragraph(), r->quote.text.size()) == "Beta words there,");
  CHECK_FALSE(QuoteIndex::open({db}).find("a1#1"));
}
