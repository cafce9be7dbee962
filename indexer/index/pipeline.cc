#include "pipeline.h"

#include <algorithm>

namespace whosaid {

unsigned default_jobs() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

OrderedPipeline::OrderedPipeline(unsigned jobs, std::size_t window, Work work, Consume consume)
    : work_(std::move(work)), consume_(std::move(consume)), window_(std::max<std::size_t>(window, 1)) {
  if (jobs == 0) jobs = 1;
  for (unsigned w = 0; w < jobs; ++w) workers_.emplace_back([this, w] { worker_loop(w); });
  consumer_ = std::thread([this] { consumer_loop(); });
}

OrderedPipeline::~OrderedPipeline() { stop(); }

void OrderedPipeline::fail(std::exception_ptr e) {
  if (!error_) error_ = std::move(e);
  stopping_ = true;
  work_ready_.notify_all();
  next_ready_.notify_all();
  room_.notify_all();
}

void OrderedPipeline::push(Article&& a) {
  auto item = std::make_unique<PipelineItem>();
  item->article = std::move(a);
  std::unique_lock lock(mu_);
  room_.wait(lock, [&] { return error_ || pushed_ - consumed_ < window_; });
  if (error_) std::rethrow_exception(error_);
  todo_.emplace_back(pushed_++, std::move(item));
  work_ready_.notify_one();
}

void OrderedPipeline::worker_loop(unsigned worker) {
  std::unique_lock lock(mu_);
  for (;;) {
    work_ready_.wait(lock, [&] { return stopping_ || !todo_.empty(); });
    if (stopping_) return;
    auto [seq, item] = std::move(todo_.front());
    todo_.pop_front();
    lock.unlock();
    std::exception_ptr failure;
    try {
      work_(*item, worker);
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    if (failure) {
      fail(failure);
      return;
    }
    done_.emplace(seq, std::move(item));
    if (seq == consumed_) next_ready_.notify_one();
  }
}

void OrderedPipeline::consumer_loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    next_ready_.wait(lock, [&] {
      return stopping_ || (!done_.empty() && done_.begin()->first == consumed_) || (input_done_ && consumed_ == pushed_);
    });
    if (stopping_ || (input_done_ && consumed_ == pushed_)) return;
    auto item = std::move(done_.begin()->second);
    done_.erase(done_.begin());
    lock.unlock();
    std::exception_ptr failure;
    try {
      consume_(*item);
    } catch (...) {
      failure = std::current_exception();
    }
    item.reset();  // free it before taking the lock again
    lock.lock();
    if (failure) {
      fail(failure);
      return;
    }
    ++consumed_;
    // push() waits on a full window: wake it once half is free, not at every article, so that
    // reader and consumer do not switch places article by article.
    if (pushed_ - consumed_ <= window_ / 2 || consumed_ == pushed_) room_.notify_all();
  }
}

void OrderedPipeline::finish() {
  {
    std::unique_lock lock(mu_);
    input_done_ = true;
    next_ready_.notify_one();  // an idle consumer sees that all is done
    room_.wait(lock, [&] { return error_ || consumed_ == pushed_; });
  }
  stop();
  if (error_) std::rethrow_exception(error_);
}

void OrderedPipeline::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  next_ready_.notify_all();
  room_.notify_all();
  for (auto& t : workers_)
    if (t.joinable()) t.join();
  if (consumer_.joinable()) consumer_.join();
}

}  // namespace whosaid
