// Helpers shared by the unit tests: temporary directories and small indexes built through the
// real pipeline (reader -> extract_quotes -> IndexWriter).
#pragma once
#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "article.h"
#include "extract.h"
#include "index_writer.h"
#include "reader.h"

namespace whosaid::test {

inline const std::string kSourceDir = WHOSAID_SOURCE_DIR;

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("whosaid-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline std::vector<Article> read_articles(const std::vector<std::string>& inputs) {
  std::vector<Article> out;
  read_inputs(inputs, [&](Article&& a) { out.push_back(std::move(a)); }, [](const ReadProblem&) {});
  return out;
}

// Indexes `articles` into a new or existing index at `path` with the real extractor.
inline void index_articles(const std::string& path, const std::vector<Article>& articles) {
  IndexWriter writer(path, {.batch_articles = 2});
  for (const auto& a : articles) writer.replace_article(a, extract_quotes(a));
  writer.commit();
}

}  // namespace whosaid::test
