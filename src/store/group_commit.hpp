// GroupCommitWriter: the single writer of attests. Request threads submit() a record and get
// a future; one writer thread takes everything queued (up to max_batch), writes it with ONE
// Store::put_attests() call (one transaction, one fsync) and then fulfils the futures, so an
// acknowledgement always follows a durable commit, and the fsync cost is shared by the batch.
// The queue is bounded: when it is full, submit() fails at once with `overloaded` (the server
// answers 503/429 with Retry-After) instead of growing memory. The destructor stops accepting
// new records, drains what was queued, and joins the writer thread.
#pragma once

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "store/store.hpp"

namespace verimeter::store {

struct GroupCommitOptions {
  std::size_t max_batch = 256;        // records per transaction, at most
  std::size_t queue_capacity = 4096;  // queued (not yet taken) records, at most
  // How long the writer lets a commit gather records once one is waiting, when the previous
  // commit held more than one (so other requests are in flight): fewer, larger commits (fewer
  // fsyncs, fewer partly filled pages written again) for at most this much latency. A lone
  // client, whose commits hold one record, never waits. Zero turns it off.
  std::chrono::microseconds commit_delay{0};
};

// Upper bounds (inclusive, microseconds) of the commit-latency histogram; the last bucket
// of GroupCommitStats::commit_latency counts everything slower than the last bound.
inline constexpr std::array<std::uint64_t, 11> kCommitLatencyBoundsUs = {
    250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 1000000};

// A snapshot for /metrics. Histogram counts are per bucket (not cumulative).
struct GroupCommitStats {
  std::uint64_t batches = 0;         // put_attests calls, failed ones included
  std::uint64_t failed_batches = 0;  // calls that returned an error
  std::uint64_t records = 0;         // records written or answered (replay/conflict)
  std::uint64_t max_batch_size = 0;
  double mean_batch_size = 0;   // records / batches; for display only
  std::size_t queue_depth = 0;  // records waiting at the time of the snapshot
  std::uint64_t commit_latency_sum_us = 0;
  std::array<std::uint64_t, kCommitLatencyBoundsUs.size() + 1> commit_latency{};
};

class GroupCommitWriter {
 public:
  using Options = GroupCommitOptions;

  // `store` must outlive the writer.
  explicit GroupCommitWriter(Store& store, Options options = {});
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;
  ~GroupCommitWriter();

  // Errors (immediate): overloaded (queue full), shutting_down, attest_invalid. Otherwise the
  // future yields the PutResult after the commit, or the batch's error.
  Result<std::future<Result<PutResult>>> submit(AttestRecord record);

  // The same, but `done` is called on the writer thread after the commit (or with the batch's
  // error) instead of fulfilling a future: lets an asynchronous server answer without blocking
  // an I/O thread. `done` must be quick and must not call back into the writer.
  using Completion = std::function<void(Result<PutResult>)>;
  Status submit_async(AttestRecord record, Completion done);

  // Several records queued at once, under one lock and one wake-up, so they share a
  // transaction (a batch request's attests become one commit instead of many). All or nothing:
  // if one record is invalid or the queue cannot take them all, none is queued and the error
  // is returned (a group larger than the whole capacity is taken when the queue is empty, so it
  // can always get in). A group larger than max_batch spans consecutive transactions; each `done`
  // is still called only after its own record's commit.
  struct Submission {
    AttestRecord record;
    Completion done;
  };
  Status submit_async(std::vector<Submission> group);

  GroupCommitStats stats() const;

  // Stops accepting, drains the queue and joins the writer. Idempotent; the destructor calls it.
  void stop();

 private:
  struct Pending {
    AttestRecord record;
    std::promise<Result<PutResult>> promise;
    Completion done;  // when set, used instead of the promise
  };
  Status enqueue(Pending pending);
  Status refuse_if_full(std::size_t adding) const;  // with mu_ held

  void run();
  void write_batch(std::deque<Pending>& batch);
  void record_stats(std::size_t size, bool ok, std::uint64_t latency_us);

  Store& store_;
  const Options options_;

  mutable std::mutex mu_;  // guards everything below
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  GroupCommitStats stats_;

  std::thread thread_;  // last: started after every other member is constructed
};

}  // namespace verimeter::store
