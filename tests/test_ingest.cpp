// Readers for real pages: HTML (JSON-LD, OpenGraph, bylines, boilerplate), other charsets, WARC.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <zlib.h>

#include "extract.h"
#include "html_reader.h"
#include "reader.h"
#include "warc_reader.h"

using namespace whosaid;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(WHOSAID_SOURCE_DIR) / "tests" / "data";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<Article> read_all(const std::vector<std::string>& inputs, std::vector<ReadProblem>* problems = nullptr) {
  std::vector<Article> out;
  read_inputs(inputs, [&](Article&& a) { out.push_back(std::move(a)); },
              [&](const ReadProblem& p) { if (problems) problems->push_back(p); });
  return out;
}

}  // namespace

TEST_CASE("HTML: metadata from JSON-LD, body from the article's paragraphs, boilerplate left out") {
  Article a = read_html_article(slurp(kData / "html" / "newsarticle-jsonld.html"), "fallback-id", "page.html");
  CHECK(a.title == "Dock workers end nine-day strike");
  CHECK(a.date == "2025-06-02T08:15:00+01:00");
  CHECK(a.outlet == "The Westhaven Courier");
  CHECK(a.url == "https://courier.example/news/harbour-strike-ends");
  CHECK(a.id == a.url);
  CHECK(a.authors == std::vector<std::string>{"Ana Ruiz", "Tom Hall"});
  CHECK(a.language == "en-GB");
  CHECK(a.text ==
        "Dock workers at the Port of Westhaven returned to work on Monday after their union accepted a pay offer.\n\n"
        "\"We stood together and it paid off,\" said Priya Raman, secretary of the dockers' union. \"But we'll be "
        "watching every line of this contract.\"\n\n"
        "The Westhaven Port Authority said the agreement would cost about $18 million over three years.");
  for (const char* boiler : {"cookies", "Home", "Cranes stood still", "Port profits", "Advertisement", "Share this",
                             "Finally", "Courier 2025"})
    CHECK_MESSAGE(a.text.find(boiler) == std::string::npos, boiler);

  // Quotations come out as from plain text.
  auto qs = extract_quotes(a);
  REQUIRE(qs.size() == 2);
  CHECK(qs[0].speaker == "Priya Raman");
  CHECK(qs[0].role == "secretary");
  CHECK(qs[1].speaker == "Priya Raman");
  CHECK(a.text.substr(qs[0].byte_start, qs[0].byte_end - qs[0].byte_start) == qs[0].text);
}

TEST_CASE("HTML: a Windows-1252 page with OpenGraph and meta tags") {
  Article a = read_html_article(slurp(kData / "html" / "latin1-opengraph.html"), "id", "latin1.html");
  CHECK(declared_charset(slurp(kData / "html" / "latin1-opengraph.html")) == "windows-1252");
  CHECK(a.title == "Café owner speaks out");
  CHECK(a.outlet == "Le Journal du Quartier");
  CHECK(a.authors == std::vector<std::string>{"Renée Dubois"});
  CHECK(a.date == "2024-03-09");
  CHECK(a.text.find("“We will not close,” said José Martínez") != std::string::npos);
  auto qs = extract_quotes(a);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].text == "We will not close,");
  CHECK(qs[0].speaker == "José Martínez");
}

TEST_CASE("WARC: HTML responses only, with the record's URI and date as fallbacks") {
  std::vector<ReadProblem> problems;
  auto arts = read_all({(kData / "sample.warc").string()}, &problems);
  REQUIRE(arts.size() == 2);
  CHECK(arts[0].title == "Dock workers end nine-day strike");
  CHECK(arts[1].url == "https://gazette.example/council-budget");
  CHECK(arts[1].date == "2025-03-14T18:30:00Z");
  CHECK(arts[1].title == "Council passes budget");
  auto qs = extract_quotes(arts[1]);
  REQUIRE(qs.size() == 1);
  CHECK(qs[0].speaker == "Maria Okafor");
  CHECK(problems.empty());
}

TEST_CASE("WARC.gz, sniffed by content whatever the name") {
  fs::path dir = fs::temp_directory_path() / "whosaid-test-warc";
  fs::create_directories(dir);
  std::string raw = slurp(kData / "sample.warc");
  fs::path gz = dir / "crawl.warc.gz";
  gzFile f = gzopen(gz.c_str(), "wb");
  REQUIRE(f);
  gzwrite(f, raw.data(), static_cast<unsigned>(raw.size()));
  gzclose(f);
  fs::copy_file(kData / "sample.warc", dir / "crawl-without-extension", fs::copy_options::overwrite_existing);
  CHECK(read_all({gz.string()}).size() == 2);
  CHECK(read_all({(dir / "crawl-without-extension").string()}).size() == 2);
  fs::remove_all(dir);
}

TEST_CASE("a directory of good and bad files: the good are read, each bad one named with its reason") {
  fs::path dir = fs::temp_directory_path() / "whosaid-test-mixed";
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto write = [&](const char* name, std::string_view bytes) {
    std::ofstream(dir / name, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  };
  write("good.txt", "\"We are ready,\" said Ann Lee.\n");
  write("broken-utf8.txt", "\"Caf\xe9 is open,\" said Bo Kim.\n");
  write("empty.txt", "");
  write("binary.dat", std::string("\x7f" "ELF\0\0\x01\x02", 8));
  write("feed.jsonl", "{\"id\": \"j1\", \"text\": \"\\\"Yes,\\\" said Cy Dee.\"}\n{not json\n{\"id\": \"j2\", \"text\": \"No quotes here.\"}\n");
  fs::copy_file(kData / "html" / "newsarticle-jsonld.html", dir / "page.html");
  std::vector<ReadProblem> problems;
  auto arts = read_all({dir.string()}, &problems);
  std::vector<std::string> ids;
  for (const auto& a : arts) ids.push_back(a.id);
  CHECK(ids == std::vector<std::string>{"broken-utf8", "j1", "j2", "good", "https://courier.example/news/harbour-strike-ends"});
  // the broken byte became U+FFFD, the quotation is still found with exact offsets
  const Article& broken = arts[0];
  CHECK(broken.text.find("Caf\xEF\xBF\xBD is open") != std::string::npos);
  auto qs = extract_quotes(broken);
  REQUIRE(qs.size() == 1);
  CHECK(broken.text.substr(qs[0].byte_start, qs[0].byte_end - qs[0].byte_start) == qs[0].text);
  REQUIRE(problems.size() == 3);
  std::string all;
  for (const auto& p : problems) all += p.where + ": " + p.reason + "\n";
  CHECK(all.find("binary.dat: binary file") != std::string::npos);
  CHECK(all.find("empty.txt: empty article") != std::string::npos);
  CHECK(all.find("feed.jsonl:2: not JSON") != std::string::npos);
  fs::remove_all(dir);
}
