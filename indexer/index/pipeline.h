// The parallel stage of whosaid-index: articles from one reader are processed on N worker threads
// and handed on, in input order, to one consumer thread (the index writer or the JSON printer).
// At most `window` articles are between push() and the consumer at any time, so memory stays flat
// however large the input; push() waits when the window is full.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "article.h"
#include "index_writer.h"
#include "quote.h"

namespace whosaid {

// One article on its way through the pipeline; workers fill in what the consumer needs.
struct PipelineItem {
  enum class Fate { extracted, unchanged, other_shard };
  Article article;
  Fate fate = Fate::extracted;
  std::uint64_t content_hash = 0;
  std::size_t quotations = 0;
  PreparedArticle prepared;  // indexing: the documents to write
  std::string json;          // --extract: the quotations as JSON lines
};

class OrderedPipeline {
 public:
  using Work = std::function<void(PipelineItem&, unsigned worker)>;  // on worker `worker` (0..jobs-1)
  using Consume = std::function<void(PipelineItem&)>;                // on the consumer, in input order

  OrderedPipeline(unsigned jobs, std::size_t window, Work work, Consume consume);
  ~OrderedPipeline();  // stops the threads; call finish() to wait for the work instead
  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;

  // Queues an article. Waits while the window is full. Rethrows the first failure of a worker
  // or the consumer (after which nothing more is processed).
  void push(Article&& a);

  // Waits until every pushed article is consumed, stops the threads, rethrows a failure.
  void finish();

 private:
  void worker_loop(unsigned worker);
  void consumer_loop();
  void fail(std::exception_ptr e);  // with mu_ held
  void stop();

  Work work_;
  Consume consume_;
  std::size_t window_;
  std::mutex mu_;
  // One condition per kind of waiter, each woken only when its condition may now hold: waking
  // every thread at every step cost a context switch per article and thread.
  std::condition_variable work_ready_;   // workers: todo_ has an article (or stopping)
  std::condition_variable next_ready_;   // consumer: done_ holds the next article (or all done)
  std::condition_variable room_;         // push() and finish(): the window has room / all consumed
  std::deque<std::pair<std::uint64_t, std::unique_ptr<PipelineItem>>> todo_;  // by sequence number
  std::map<std::uint64_t, std::unique_ptr<PipelineItem>> done_;  // by sequence number
  std::uint64_t pushed_ = 0;
  std::uint64_t consumed_ = 0;
  bool input_done_ = false;
  bool stopping_ = false;
  std::exception_ptr error_;
  std::vector<std::thread> workers_;
  std::thread consumer_;
};

// Worker threads to use when --jobs is not given: one per core.
unsigned default_jobs();

}  // namespace whosaid
