#include "store/group_commit.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <numeric>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "attest_fixtures.hpp"
#include "store/sqlite_store.hpp"
#include "temp_dir.hpp"

namespace verimeter::store {
namespace {

using namespace std::chrono_literals;
using testing::make_attest;
using testing::TempDir;

// A Store whose put_attests can be held at a gate, made to fail, and that records the size of
// every batch. Records are answered kCreated with their position as leaf index.
class GatedStore final : public Store {
 public:
  Result<std::vector<PutResult>> put_attests(std::span<const AttestRecord> records) override {
    std::unique_lock lock(mu_);
    ++entered_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return open_; });
    batch_sizes_.push_back(records.size());
    if (fail_) return make_error("store_io", "disk on fire");
    std::vector<PutResult> out;
    for (const auto& r : records) {
      out.push_back(PutResult{PutOutcome::kCreated, r.receipt_id, {}, next_++});
    }
    return out;
  }
  void close_gate() {
    std::lock_guard l(mu_);
    open_ = false;
  }
  void open_gate() {
    {
      std::lock_guard l(mu_);
      open_ = true;
    }
    changed_.notify_all();
  }
  void fail(bool f) {
    std::lock_guard l(mu_);
    fail_ = f;
  }
  // Blocks until put_attests has been entered `n` times in total.
  bool wait_entered(int n) {
    std::unique_lock lock(mu_);
    return changed_.wait_for(lock, 10s, [&] { return entered_ >= n; });
  }
  std::vector<std::size_t> batch_sizes() {
    std::lock_guard l(mu_);
    return batch_sizes_;
  }

  Result<std::optional<std::string>> get_bundle(const std::string&, const std::string&) override {
    return unused();
  }
  Result<std::uint64_t> log_size() override { return unused(); }
  Result<std::vector<std::string>> log_leaves(std::uint64_t, std::uint64_t) override {
    return unused();
  }
  Result<std::uint64_t> attest_count(const std::string&) override { return unused(); }
  Status add_tenant(const TenantRecord&) override { return unused(); }
  Result<std::optional<TenantRecord>> tenant_by_key_hash(const std::string&) override {
    return unused();
  }
  Result<std::vector<TenantRecord>> tenants() override { return unused(); }
  Status put_tariff(const TariffRecord&) override { return unused(); }
  Result<std::optional<TariffRecord>> tariff(const std::string&, std::uint64_t) override {
    return unused();
  }
  Result<std::vector<TariffRecord>> tariffs() override { return unused(); }
  Result<std::optional<std::string>> get_setting(const std::string&) override { return unused(); }
  Status put_setting(const std::string&, const std::string&) override { return unused(); }

 private:
  static Error unused() { return make_error("unused", "not part of this fake"); }

  std::mutex mu_;
  std::condition_variable changed_;
  bool open_ = true;
  bool fail_ = false;
  int entered_ = 0;
  std::uint64_t next_ = 0;
  std::vector<std::size_t> batch_sizes_;
};

std::future<Result<PutResult>> submit_ok(GroupCommitWriter& w, AttestRecord r) {
  auto f = w.submit(std::move(r));
  EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().code);
  return f.ok() ? std::move(f).value() : std::future<Result<PutResult>>{};
}

TEST(GroupCommitWriter, FullQueueIsOverloadedImmediately) {
  GatedStore store;
  store.close_gate();
  GroupCommitWriter writer(store, {.max_batch = 256, .queue_capacity = 2});
  auto first = submit_ok(writer, make_attest("t", "0"));
  ASSERT_TRUE(store.wait_entered(1));  // the writer holds record 0, the queue is empty
  auto second = submit_ok(writer, make_attest("t", "1"));
  auto third = submit_ok(writer, make_attest("t", "2"));
  auto start = std::chrono::steady_clock::now();
  auto refused = writer.submit(make_attest("t", "3"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "overloaded");
  EXPECT_EQ(writer.stats().queue_depth, 2u);

  store.open_gate();
  EXPECT_TRUE(first.get().ok());
  EXPECT_TRUE(second.get().ok());
  EXPECT_TRUE(third.get().ok());
  // Room again once the writer has taken the queue.
  auto later = submit_ok(writer, make_attest("t", "4"));
  EXPECT_TRUE(later.get().ok());
}

TEST(GroupCommitWriter, TakesEverythingQueuedUpToMaxBatch) {
  GatedStore store;
  store.close_gate();
  GroupCommitWriter writer(store, {.max_batch = 4, .queue_capacity = 100});
  std::vector<std::future<Result<PutResult>>> futures;
  futures.push_back(submit_ok(writer, make_attest("t", "first")));
  ASSERT_TRUE(store.wait_entered(1));
  for (int i = 0; i < 10; ++i)
    futures.push_back(submit_ok(writer, make_attest("t", std::to_string(i))));
  store.open_gate();
  std::set<std::uint64_t> leaves;
  for (auto& f : futures) {
    auto r = f.get();
    ASSERT_TRUE(r.ok());
    leaves.insert(r->leaf_index);
  }
  EXPECT_EQ(leaves.size(), 11u);
  EXPECT_EQ(store.batch_sizes(), (std::vector<std::size_t>{1, 4, 4, 2}));
  auto stats = writer.stats();
  EXPECT_EQ(stats.batches, 4u);
  EXPECT_EQ(stats.records, 11u);
  EXPECT_EQ(stats.max_batch_size, 4u);
  EXPECT_DOUBLE_EQ(stats.mean_batch_size, 11.0 / 4.0);
  EXPECT_EQ(std::accumulate(stats.commit_latency.begin(), stats.commit_latency.end(), 0ull), 4u);
}

TEST(GroupCommitWriter, FailedBatchFailsEveryFuture) {
  GatedStore store;
  store.close_gate();
  store.fail(true);
  GroupCommitWriter writer(store, {});
  std::vector<std::future<Result<PutResult>>> futures;
  futures.push_back(submit_ok(writer, make_attest("t", "first")));
  ASSERT_TRUE(store.wait_entered(1));
  for (int i = 0; i < 5; ++i)
    futures.push_back(submit_ok(writer, make_attest("t", std::to_string(i))));
  store.open_gate();
  for (auto& f : futures) {
    auto r = f.get();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "store_io");
  }
  auto stats = writer.stats();
  EXPECT_EQ(stats.failed_batches, stats.batches);
  EXPECT_EQ(stats.batches, 2u);
}

TEST(GroupCommitWriter, StopDrainsQueueAndRefusesNewRecords) {
  GatedStore store;
  store.close_gate();
  auto writer = std::make_unique<GroupCommitWriter>(store, GroupCommitOptions{});
  std::vector<std::future<Result<PutResult>>> futures;
  for (int i = 0; i < 20; ++i)
    futures.push_back(submit_ok(*writer, make_attest("t", std::to_string(i))));
  ASSERT_TRUE(store.wait_entered(1));
  std::thread stopper([&] { writer->stop(); });
  // Once stop() has begun, submit() refuses; records accepted before that are still drained.
  Error refused{"none", ""};
  for (int i = 0; i < 10000 && refused.code == "none"; ++i) {
    auto r = writer->submit(make_attest("t", "late" + std::to_string(i)));
    if (r.ok()) {
      futures.push_back(std::move(r).value());
      std::this_thread::sleep_for(1ms);
    } else {
      refused = r.error();
    }
  }
  EXPECT_EQ(refused.code, "shutting_down");
  store.open_gate();
  stopper.join();
  for (auto& f : futures) {
    ASSERT_EQ(f.wait_for(0s), std::future_status::ready);
    EXPECT_TRUE(f.get().ok());
  }
  writer.reset();  // a second stop (from the destructor) is harmless
}

TEST(GroupCommitWriter, InvalidRecordIsRefusedAlone) {
  GatedStore store;
  GroupCommitWriter writer(store, {});
  auto bad = make_attest("t", "x");
  bad.event_id.clear();
  auto r = writer.submit(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "attest_invalid");
  EXPECT_TRUE(submit_ok(writer, make_attest("t", "ok")).get().ok());
}

TEST(GroupCommitWriter, ReplayAndConflictThroughSqlite) {
  TempDir dir;
  auto opened = open_sqlite_store(dir.file("v.db"));
  ASSERT_TRUE(opened.ok());
  GroupCommitWriter writer(**opened, {});
  auto created = submit_ok(writer, make_attest("t", "e", "p")).get();
  auto replayed = submit_ok(writer, make_attest("t", "e", "p")).get();
  auto conflict = submit_ok(writer, make_attest("t", "e", "q")).get();
  ASSERT_TRUE(created.ok() && replayed.ok() && conflict.ok());
  EXPECT_EQ(created->outcome, PutOutcome::kCreated);
  EXPECT_EQ(replayed->outcome, PutOutcome::kReplayed);
  EXPECT_EQ(replayed->bundle_json, make_attest("t", "e", "p").bundle_json);
  EXPECT_TRUE(created->bundle_json.empty());  // the caller holds what it submitted
  EXPECT_EQ(conflict->outcome, PutOutcome::kConflict);
  EXPECT_EQ(conflict->receipt_id, created->receipt_id);
}

// A group of N callbacks that counts completions and keeps the results in record order.
struct GroupResults {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::optional<Result<PutResult>>> results;
  std::size_t completed = 0;
  explicit GroupResults(std::size_t n) : results(n) {}
  std::vector<GroupCommitWriter::Submission> group(const std::string& prefix) {
    std::vector<GroupCommitWriter::Submission> out;
    for (std::size_t i = 0; i < results.size(); ++i) {
      out.push_back({make_attest("t", prefix + std::to_string(i)), [this, i](Result<PutResult> r) {
                       std::lock_guard l(mu);
                       results[i] = std::move(r);
                       ++completed;
                       cv.notify_all();
                     }});
    }
    return out;
  }
  bool wait_all() {
    std::unique_lock l(mu);
    return cv.wait_for(l, 10s, [&] { return completed == results.size(); });
  }
};

// A group goes into the queue at once: with the writer idle, one transaction holds all of it,
// and a group beyond max_batch fills consecutive transactions, in order.
TEST(GroupCommitWriter, GroupSharesOneTransaction) {
  GatedStore store;
  GroupCommitWriter writer(store, {.max_batch = 40, .queue_capacity = 1000});
  GroupResults first(30);
  ASSERT_TRUE(writer.submit_async(first.group("a")).ok());
  ASSERT_TRUE(first.wait_all());
  EXPECT_EQ(store.batch_sizes(), (std::vector<std::size_t>{30}));
  GroupResults second(100);
  ASSERT_TRUE(writer.submit_async(second.group("b")).ok());
  ASSERT_TRUE(second.wait_all());
  EXPECT_EQ(store.batch_sizes(), (std::vector<std::size_t>{30, 40, 40, 20}));
  for (std::size_t i = 0; i < second.results.size(); ++i) {
    ASSERT_TRUE(second.results[i].has_value() && second.results[i]->ok());
    EXPECT_EQ((*second.results[i])->leaf_index, 30 + i);
  }
  EXPECT_TRUE(writer.submit_async(std::vector<GroupCommitWriter::Submission>{}).ok());
}

// With a commit delay, a commit gathers records only when the previous one held more than one
// (others are in flight); a lone client's commits of one record never wait.
TEST(GroupCommitWriter, CommitDelayGathersOnlyWhileOthersAreInFlight) {
  GatedStore store;
  GroupCommitWriter writer(store,
                           {.max_batch = 256, .queue_capacity = 100, .commit_delay = 1000ms});
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 5; ++i)
    EXPECT_TRUE(submit_ok(writer, make_attest("t", "lone" + std::to_string(i))).get().ok());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);  // four waits would take 4 s
  GroupResults two(2);
  ASSERT_TRUE(writer.submit_async(two.group("pair")).ok());
  ASSERT_TRUE(two.wait_all());
  auto a = submit_ok(writer, make_attest("t", "a"));
  std::this_thread::sleep_for(50ms);  // well inside the commit's gathering time
  auto b = submit_ok(writer, make_attest("t", "b"));
  EXPECT_TRUE(a.get().ok());
  EXPECT_TRUE(b.get().ok());
  EXPECT_EQ(store.batch_sizes(), (std::vector<std::size_t>{1, 1, 1, 1, 1, 2, 2}));
}

// All or nothing: an invalid record or too little room refuses the whole group, and no
// completion of a refused group is ever called. A group larger than the whole queue still
// gets in once the queue is empty.
TEST(GroupCommitWriter, GroupIsRefusedWhole) {
  GatedStore store;
  store.close_gate();
  GroupCommitWriter writer(store, {.max_batch = 256, .queue_capacity = 10});
  GroupResults held(1);
  ASSERT_TRUE(writer.submit_async(held.group("h")).ok());
  ASSERT_TRUE(store.wait_entered(1));  // the writer is now held inside put_attests

  GroupResults six(6);
  ASSERT_TRUE(writer.submit_async(six.group("s")).ok());
  GroupResults five(5);
  auto full = writer.submit_async(five.group("f"));
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.error().code, "overloaded");
  GroupResults bad(3);
  auto group = bad.group("x");
  group[1].record.leaf.clear();
  EXPECT_EQ(writer.submit_async(std::move(group)).error().code, "attest_invalid");
  GroupResults huge(25);
  EXPECT_EQ(writer.submit_async(huge.group("g")).error().code, "overloaded");  // queue not empty

  store.open_gate();
  ASSERT_TRUE(six.wait_all());
  GroupResults huge_again(25);
  ASSERT_TRUE(writer.submit_async(huge_again.group("g")).ok());  // the queue was empty
  ASSERT_TRUE(huge_again.wait_all());
  EXPECT_EQ(store.batch_sizes(), (std::vector<std::size_t>{1, 6, 25}));
  std::lock_guard l1(five.mu), l2(bad.mu), l3(huge.mu);
  EXPECT_EQ(five.completed + bad.completed + huge.completed, 0u);
}

// The callback form: completions run on the writer thread after the commit, or carry the
// batch's error; a refused submit never calls its completion.
TEST(GroupCommitWriter, AsyncCompletionsCarryResultsAndErrors) {
  GatedStore store;
  store.close_gate();
  GroupCommitWriter writer(store, {.max_batch = 256, .queue_capacity = 3});
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Result<PutResult>> results;
  std::set<std::thread::id> threads;
  auto done = [&](Result<PutResult> r) {
    std::lock_guard l(mu);
    results.push_back(std::move(r));
    threads.insert(std::this_thread::get_id());
    cv.notify_all();
  };
  ASSERT_TRUE(writer.submit_async(make_attest("t", "0"), done).ok());
  ASSERT_TRUE(store.wait_entered(1));
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(writer.submit_async(make_attest("t", std::to_string(i)), done).ok());
  }
  bool called_on_refusal = false;
  auto refused = writer.submit_async(make_attest("t", "x"),
                                     [&](Result<PutResult>) { called_on_refusal = true; });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "overloaded");
  auto invalid = make_attest("t", "y");
  invalid.leaf.clear();
  EXPECT_EQ(writer.submit_async(invalid, done).error().code, "attest_invalid");

  store.open_gate();
  {
    std::unique_lock l(mu);
    ASSERT_TRUE(cv.wait_for(l, 10s, [&] { return results.size() == 4; }));
  }
  store.fail(true);
  ASSERT_TRUE(writer.submit_async(make_attest("t", "4"), done).ok());
  {
    std::unique_lock l(mu);
    ASSERT_TRUE(cv.wait_for(l, 10s, [&] { return results.size() == 5; }));
  }
  std::lock_guard l(mu);
  std::set<std::uint64_t> leaves;
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(results[i].ok());
    EXPECT_EQ(results[i]->outcome, PutOutcome::kCreated);
    leaves.insert(results[i]->leaf_index);
  }
  EXPECT_EQ(leaves, (std::set<std::uint64_t>{0, 1, 2, 3}));
  ASSERT_FALSE(results[4].ok());
  EXPECT_EQ(results[4].error().code, "store_io");
  EXPECT_EQ(threads.size(), 1u);
  EXPECT_EQ(threads.count(std::this_thread::get_id()), 0u);
  EXPECT_FALSE(called_on_refusal);
}

// Several threads, each keeping a window of records in flight, through the real SQLite store.
TEST(GroupCommitWriter, ConcurrentSubmittersAreAllDurablyAcknowledged) {
  TempDir dir;
  auto opened = open_sqlite_store(dir.file("v.db"));
  ASSERT_TRUE(opened.ok());
  Store& store = **opened;
  constexpr int kThreads = 8, kPerThread = 750, kWindow = 32;
  std::atomic<int> failures{0};
  std::vector<std::set<std::uint64_t>> leaves_by_thread(kThreads);
  {
    GroupCommitWriter writer(store, {.max_batch = 256, .queue_capacity = 4096});
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        std::vector<std::future<Result<PutResult>>> window;
        auto drain = [&] {
          for (auto& f : window) {
            auto r = f.get();
            if (!r.ok() || r->outcome != PutOutcome::kCreated) ++failures;
            if (r.ok()) leaves_by_thread[t].insert(r->leaf_index);
          }
          window.clear();
        };
        for (int i = 0; i < kPerThread; ++i) {
          auto f = writer.submit(make_attest("t" + std::to_string(t % 3),
                                             std::to_string(t) + "-" + std::to_string(i)));
          if (!f.ok()) {
            ++failures;
            continue;
          }
          window.push_back(std::move(f).value());
          if (window.size() == kWindow) drain();
        }
        drain();
      });
    }
    for (auto& th : threads) th.join();
    auto stats = writer.stats();
    EXPECT_EQ(stats.records, std::uint64_t(kThreads * kPerThread));
    EXPECT_EQ(stats.failed_batches, 0u);
    EXPECT_GT(stats.mean_batch_size, 1.5) << stats.batches << " batches";
    EXPECT_LT(stats.batches, std::uint64_t(kThreads * kPerThread / 2));
  }
  EXPECT_EQ(failures.load(), 0);
  std::set<std::uint64_t> all;
  for (const auto& s : leaves_by_thread) all.insert(s.begin(), s.end());
  constexpr std::uint64_t kTotal = kThreads * kPerThread;
  EXPECT_EQ(all.size(), kTotal);
  EXPECT_EQ(*all.rbegin(), kTotal - 1);
  EXPECT_EQ(*store.log_size(), kTotal);
  EXPECT_EQ(*store.attest_count("t0") + *store.attest_count("t1") + *store.attest_count("t2"),
            kTotal);
}

}  // namespace
}  // namespace verimeter::store
