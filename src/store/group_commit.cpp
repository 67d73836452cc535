#include "store/group_commit.hpp"

#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

#include "store/attest_check.hpp"

namespace verimeter::store {

namespace {

GroupCommitOptions normalized(GroupCommitOptions o) {
  o.max_batch = std::max<std::size_t>(o.max_batch, 1);
  return o;
}

}  // namespace

GroupCommitWriter::GroupCommitWriter(Store& store, Options options)
    : store_(store), options_(normalized(options)) {
  thread_ = std::thread([this] { run(); });
}

GroupCommitWriter::~GroupCommitWriter() {
  stop();
}

void GroupCommitWriter::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status GroupCommitWriter::refuse_if_full(std::size_t adding) const {
  if (stopping_) return make_error("shutting_down", "the attest writer is stopping");
  if (queue_.size() + adding > options_.queue_capacity) {
    return make_error("overloaded", "attest queue is full (" +
                                        std::to_string(options_.queue_capacity) +
                                        " waiting); retry later");
  }
  return {};
}

Status GroupCommitWriter::enqueue(Pending pending) {
  VM_CHECK(check_attest_record(pending.record));
  {
    std::lock_guard lock(mu_);
    VM_CHECK(refuse_if_full(1));
    queue_.push_back(std::move(pending));
  }
  wake_.notify_one();
  return {};
}

Status GroupCommitWriter::submit_async(std::vector<Submission> group) {
  for (const Submission& s : group) VM_CHECK(check_attest_record(s.record));
  if (group.empty()) return {};
  {
    std::lock_guard lock(mu_);
    // A group larger than the whole capacity would never fit: it is taken into an empty queue.
    const bool oversized = group.size() > options_.queue_capacity && queue_.empty();
    VM_CHECK(refuse_if_full(oversized ? 0 : group.size()));
    for (Submission& s : group)
      queue_.push_back(Pending{std::move(s.record), {}, std::move(s.done)});
  }
  wake_.notify_one();
  return {};
}

Result<std::future<Result<PutResult>>> GroupCommitWriter::submit(AttestRecord record) {
  Pending p{std::move(record), {}, nullptr};
  std::future<Result<PutResult>> future = p.promise.get_future();
  VM_CHECK(enqueue(std::move(p)));
  return future;
}

Status GroupCommitWriter::submit_async(AttestRecord record, Completion done) {
  return enqueue(Pending{std::move(record), {}, std::move(done)});
}

void GroupCommitWriter::run() {
  std::deque<Pending> batch;
  std::size_t last_size = 0;
  for (;;) {
    bool gather = false;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      gather = options_.commit_delay.count() > 0 && last_size > 1 && !stopping_ &&
               queue_.size() < options_.max_batch;
    }
    // A plain sleep, not a wait on `wake_`: each submit would otherwise wake the writer only
    // to find the commit still gathering.
    if (gather) std::this_thread::sleep_for(options_.commit_delay);
    {
      std::unique_lock lock(mu_);
      std::size_t n = std::min(queue_.size(), options_.max_batch);
      last_size = n;
      auto end = queue_.begin() + static_cast<std::ptrdiff_t>(n);
      batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(end));
      queue_.erase(queue_.begin(), end);
    }
    write_batch(batch);
    batch.clear();
  }
}

void GroupCommitWriter::write_batch(std::deque<Pending>& batch) {
  std::vector<AttestRecord> records;
  records.reserve(batch.size());
  for (Pending& p : batch) records.push_back(std::move(p.record));

  auto start = std::chrono::steady_clock::now();
  Result<std::vector<PutResult>> results = store_.put_attests(records);
  auto latency = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  if (results.ok() && results->size() != batch.size()) {
    results = make_error("store_error", "put_attests returned a wrong number of results");
  }
  record_stats(batch.size(), results.ok(), static_cast<std::uint64_t>(latency.count()));

  for (std::size_t i = 0; i < batch.size(); ++i) {
    Result<PutResult> r = results.ok() ? Result<PutResult>(std::move((*results)[i]))
                                       : Result<PutResult>(results.error());
    if (batch[i].done) {
      batch[i].done(std::move(r));
    } else {
      batch[i].promise.set_value(std::move(r));
    }
  }
}

void GroupCommitWriter::record_stats(std::size_t size, bool ok, std::uint64_t latency_us) {
  std::lock_guard lock(mu_);
  stats_.batches += 1;
  stats_.failed_batches += ok ? 0 : 1;
  stats_.records += size;
  stats_.max_batch_size = std::max<std::uint64_t>(stats_.max_batch_size, size);
  stats_.commit_latency_sum_us += latency_us;
  auto bucket =
      std::lower_bound(kCommitLatencyBoundsUs.begin(), kCommitLatencyBoundsUs.end(), latency_us) -
      kCommitLatencyBoundsUs.begin();
  stats_.commit_latency[static_cast<std::size_t>(bucket)] += 1;
}

GroupCommitStats GroupCommitWriter::stats() const {
  std::lock_guard lock(mu_);
  GroupCommitStats s = stats_;
  s.queue_depth = queue_.size();
  s.mean_batch_size =
      s.batches == 0 ? 0.0 : static_cast<double>(s.records) / static_cast<double>(s.batches);
  return s;
}

}  // namespace verimeter::store
