// whosaid-index: reads articles, extracts quotations, writes the index (or prints them: --extract).
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>
#include <string>
#include <unordered_set>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "content_hash.h"
#include "error.h"
#include "extract.h"
#include "extract_json.h"
#include "index_writer.h"
#include "pipeline.h"
#include "progress.h"
#include "reader.h"
#include "schema.h"
#include "shard.h"
#include "speaker_model.h"

using namespace whosaid;

namespace {

// What every run shares, from the command line.
struct RunOptions {
  unsigned jobs = default_jobs();
  std::optional<ShardSpec> shard;
  bool strict = false;
  std::optional<SpeakerModel> model;  // --model: weights other than the built-in ones
  bool candidates = false;            // --candidates: print every quotation's candidates instead
};

ExtractOptions extract_options(const RunOptions& o, std::vector<QuoteCandidates>* candidates = nullptr) {
  ExtractOptions e;
  if (o.model) e.model = &*o.model;
  e.candidates = candidates;
  return e;
}

SpeakerModel read_model(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("--model {}: cannot read: {}", path, std::strerror(errno)));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return SpeakerModel::parse(text, path);
}

// Articles in flight between the reader and the consumer, per worker: enough to keep every worker
// busy while one slow article holds up the in-order consumer, few enough to keep memory flat.
constexpr std::size_t kWindowPerJob = 16;

std::string problem_message(const ReadProblem& p) {
  return fmt::format("whosaid-index: {}: skipped: {}\n", p.where, p.reason);
}

// The exit status of a finished run: input errors only fail it under --strict, or when nothing at
// all could be read.
int run_status(const RunOptions& o, std::size_t articles, std::size_t problems) {
  if (problems > 0 && (o.strict || articles == 0)) return exit_usage;
  return exit_ok;
}

int run_extract(const std::vector<std::string>& inputs, const RunOptions& o) {
  ProgressCounts counts;  // the consumer's
  std::size_t problems = 0;
  OrderedPipeline pipeline(
      o.jobs, o.jobs * kWindowPerJob,
      [&](PipelineItem& item, unsigned) {
        if (o.shard && !in_shard(item.article.id, *o.shard)) {
          item.fate = PipelineItem::Fate::other_shard;
          return;
        }
        std::vector<QuoteCandidates> candidates;
        auto quotes = extract_quotes(item.article, extract_options(o, o.candidates ? &candidates : nullptr));
        for (const auto& q : quotes) {
          if (!o.candidates) item.json += quote_to_json_line(q);
          item.json += '\n';
          ++item.quotations;
        }
        if (o.candidates) {
          item.json.clear();
          for (const auto& c : candidates) {
            item.json += candidates_to_json_line(quotes[c.quote], c);
            item.json += '\n';
          }
        }
      },
      [&](PipelineItem& item) {
        std::fwrite(item.json.data(), 1, item.json.size(), stdout);
        ++counts.articles;
        counts.quotations += item.quotations;
      });
  read_inputs(
      inputs, [&](Article&& a) { pipeline.push(std::move(a)); },
      [&](const ReadProblem& p) {
        ++problems;
        std::cerr << problem_message(p);
      });
  pipeline.finish();
  std::fflush(stdout);
  std::cerr << fmt::format("whosaid-index: extracted {} quotations from {} articles ({} skipped)\n",
                           counts.quotations, counts.articles, problems);
  return run_status(o, counts.articles, problems);
}

std::string default_db() {
  const char* env = std::getenv("WHOSAID_DB");
  return env && *env ? env : "whosaid.db";
}

// What makes an indexed article stale besides its own content: the program that indexed it.
std::string engine_fingerprint() {
  return fmt::format("whosaid-index {} schema {}", WHOSAID_VERSION, schema::kVersion);
}

struct IndexOptions {
  std::string db;
  std::vector<std::string> deletes;
  std::size_t batch = 500;
  bool force = false;  // re-index unchanged articles too
  // A new index's parts, each written by Xapian on a thread of its own. Xapian's writing is the
  // serial stage (about 70% of the CPU time with one part), so more cores only help with more
  // parts. On 2 idle cores two parts index 2,000 articles in 6.8 s against 10.5 s for one
  // (docs/indexing.md); searching two parts costs a little more than one. (Measured while other
  // sessions loaded the machine, two parts looked no faster: they had no second core to use.)
  std::size_t parts = std::thread::hardware_concurrency() >= 2 ? 2 : 1;
};

// Indexes every INPUT (each article replaces its earlier quotations), after removing the articles
// named by --delete. Articles whose content hash is already in the index are skipped unless
// --force. Reading on this thread, extraction and document building on the workers, Xapian on the
// writer's own thread.
int run_index(const std::vector<std::string>& inputs, const RunOptions& o, const IndexOptions& io) {
  IndexWriter writer(io.db, {.batch_articles = io.batch, .background = true, .parts = io.parts});
  for (const auto& id : io.deletes) {
    if (writer.delete_article(id) == 0)
      std::cerr << fmt::format("whosaid-index: --delete {}: no such article in {}\n", id, io.db);
  }
  const ContentHashes stored = io.force ? ContentHashes{} : writer.stored_content_hashes();
  const std::string engine = engine_fingerprint();
  std::vector<Xapian::TermGenerator> generators(o.jobs);
  for (auto& tg : generators) tg.set_stemmer(schema::stemmer());

  ProgressLine progress(progress_wanted(), progress_wanted() ? total_input_bytes(inputs) : 0);
  ProgressCounts counts;  // the consumer's, but for `problems` (the reader's, atomic)
  std::atomic<std::size_t> problems{0};
  std::size_t indexed = 0, other_shard = 0;
  // Ids of stored articles re-indexed with new content in this run: a later unchanged-looking
  // copy of one of them in the same input is not unchanged any more (rare, so kept small).
  std::unordered_set<std::uint64_t> replaced;

  auto extract_and_prepare = [&](PipelineItem& item, Xapian::TermGenerator& tg) {
    auto quotes = extract_quotes(item.article, extract_options(o));
    item.quotations = quotes.size();
    item.prepared = IndexWriter::prepare(item.article, quotes, tg);
    item.prepared.content_hash = item.content_hash;
    item.fate = PipelineItem::Fate::extracted;
  };

  OrderedPipeline pipeline(
      o.jobs, o.jobs * kWindowPerJob,
      [&](PipelineItem& item, unsigned worker) {
        if (o.shard && !in_shard(item.article.id, *o.shard)) {
          item.fate = PipelineItem::Fate::other_shard;
          return;
        }
        item.content_hash = article_content_hash(item.article, engine);
        if (auto it = stored.find(stable_hash64(item.article.id)); it != stored.end() && it->second == item.content_hash) {
          item.fate = PipelineItem::Fate::unchanged;
          return;
        }
        extract_and_prepare(item, generators[worker]);
        item.article.text = {};  // the documents hold what is needed; free the text early
      },
      [&](PipelineItem& item) {
        const std::uint64_t id_hash = stable_hash64(item.article.id);
        if (item.fate == PipelineItem::Fate::unchanged && replaced.count(id_hash)) {
          Xapian::TermGenerator tg;  // the consumer has none of its own; this is rare
          tg.set_stemmer(schema::stemmer());
          extract_and_prepare(item, tg);
        }
        switch (item.fate) {
          case PipelineItem::Fate::other_shard: ++other_shard; break;
          case PipelineItem::Fate::unchanged: ++counts.unchanged; break;
          case PipelineItem::Fate::extracted:
            if (stored.count(id_hash)) replaced.insert(id_hash);
            ++indexed;
            counts.quotations += item.quotations;
            writer.submit(std::move(item.prepared));
            break;
        }
        ++counts.articles;
        counts.bytes += item.article.input_bytes;
        counts.problems = problems.load();
        progress.update(counts);
      });
  read_inputs(
      inputs, [&](Article&& a) { pipeline.push(std::move(a)); },
      [&](const ReadProblem& p) {
        ++problems;
        progress.message(problem_message(p));
      });
  pipeline.finish();
  writer.commit();
  progress.finish();
  std::string summary = fmt::format(
      "whosaid-index: {}: {} articles, {} quotations indexed, {} removed, {} unchanged, {} skipped", io.db, indexed,
      writer.quotations_written(), writer.quotations_deleted(), counts.unchanged, problems.load());
  if (o.shard) summary += fmt::format(", {} in other shards (shard {}/{})", other_shard, o.shard->index, o.shard->count);
  std::cerr << summary << '\n';
  return run_status(o, counts.articles, problems.load());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "whosaid-index: find every quotation in news articles, bind it to its speaker, and index it.\n\n"
      "Examples:\n"
      "  whosaid-index --extract article.txt             print quotations as JSON lines, index nothing\n"
      "  whosaid-index --db news.db archive/ more.jsonl  index a folder and a JSONL file\n"
      "  whosaid-index --db news.db archive/             again later: only new or changed articles\n"
      "  whosaid-index --db news.db --delete ID          remove an article's quotations\n"
      "  cat feed.jsonl | whosaid-index --db news.db -   index JSON Lines from stdin\n"
      "  whosaid-index --db part2.db --shard 2/3 archive/  this machine's third of the archive\n\n"
      "Inputs: .jsonl/.ndjson (one article per line), .txt/.md (optional front matter), .html/.htm,\n"
      ".warc/.warc.gz, directories (walked recursively), '-' (JSONL on stdin); recognised by content.\n"
      "A file or line that is not an article is named on stderr and skipped; the run goes on.\n"
      "On a terminal a live line shows articles, quotations, MB/s and ETA (WHOSAID_PROGRESS=0/1).\n\n"
      "Exit status: 0 done, 2 usage error, nothing readable, or (--strict) any input skipped, 3 internal."};
  app.set_version_flag("--version", std::string("whosaid-index ") + WHOSAID_VERSION);
  bool extract = false;
  std::vector<std::string> inputs;
  RunOptions run;
  IndexOptions io;
  std::string shard;
  app.add_flag("--extract", extract, "print quotations as JSON lines on stdout instead of indexing");
  app.add_option("--db", io.db, "index path (default: $WHOSAID_DB, else ./whosaid.db)");
  app.add_option("--delete", io.deletes, "remove this article id's quotations from the index (repeatable)");
  app.add_option("--batch", io.batch, "articles per transaction (default 500); a crash loses at most one")
      ->check(CLI::PositiveNumber);
  app.add_option("--jobs,-j", run.jobs, "extraction threads (default: one per core)")
      ->check(CLI::Range(1u, 256u));
  app.add_flag("--strict", run.strict, "exit 2 if any file or line had to be skipped (the rest is still indexed)");
  app.add_flag("--force", io.force,
               "re-index every article, also those whose content hash says they are indexed unchanged");
  app.add_option("--parts", io.parts,
                 "a NEW index is written as N parts in parallel, one writer thread each, read as one index "
                 "(default 2 on 2+ cores, else 1); an existing index keeps its parts")
      ->check(CLI::Range(1, 16));
  app.add_option("--shard", shard, "K/N: only the articles whose id hashes to shard K of N (1 <= K <= N)");
  std::string model_path;
  app.add_option("--model", model_path,
                 "speaker model weights to use instead of the built-in ones (a file tools/train writes)");
  app.add_flag("--candidates", run.candidates,
               "with --extract: print each quotation's speaker candidates and their features as JSON lines "
               "instead of the quotations (what tools/train learns from)");
  app.add_option("inputs", inputs, "files, directories or - (JSONL on stdin)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : exit_usage;
  }
  try {
    if (!shard.empty()) run.shard = parse_shard(shard);
    if (!model_path.empty()) run.model = read_model(model_path);
    if (run.candidates && !extract) throw Error("--candidates needs --extract");
    if (extract) {
      if (inputs.empty()) throw Error("no INPUT given (try --help)");
      if (!io.deletes.empty()) throw Error("--delete cannot be used with --extract");
      return run_extract(inputs, run);
    }
    if (inputs.empty() && io.deletes.empty()) throw Error("no INPUT given (try --help)");
    if (io.db.empty()) io.db = default_db();
    return run_index(inputs, run, io);
  } catch (const Error& e) {
    std::cerr << "whosaid-index: " << e.what() << "\n";
    return e.exit_code();
  } catch (const std::exception& e) {
    std::cerr << "whosaid-index: internal error: " << e.what() << "\n";
    return exit_internal;
  }
}
