// Durable attest throughput of the SQLite store on this machine's disk, in one run:
//   serial      one put_attests() per record: one transaction and one fsync per receipt;
//   group       N submitter threads through the GroupCommitWriter: one fsync per batch.
// Records have the sizes the server stores for the sample OpenAI event: a 1 KiB bundle (its
// receipt and tariff left out, see ARCHITECTURE.md) and a 2.3 KB leaf (the signed receipt). Prints records/s, per-record
// latency percentiles and the mean batch size, beside the DESIGN §6 target for the whole
// attest path (>= 50% of the 2-core Ed25519 signing rate, about 21k/s; p99 <= 25 ms).
//
// usage: bench_store_group_commit [dir] [records] [threads]   (defaults: /tmp 20000 64)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "store/group_commit.hpp"
#include "store/sqlite_store.hpp"

namespace {

using namespace verimeter::store;
using Clock = std::chrono::steady_clock;

AttestRecord record(int run, long i) {
  std::string id = std::to_string(run) + "-" + std::to_string(i);
  AttestRecord r;
  r.tenant_id = "t_bench" + std::to_string(i % 8);
  r.event_id = "evt_" + id;
  r.request_hash = std::string(64, 'a');
  r.receipt_id = "rcpt_" + id;
  r.bundle_json = std::string(1050, 'b');
  r.leaf = std::string(2300, 'l');
  r.created_ms = 1700000000000;
  return r;
}

struct Figures {
  double per_second = 0;
  double p50_ms = 0, p99_ms = 0;
  double mean_batch = 1;
  double mean_commit_ms = 0;  // one put_attests() call
};

Figures summarize(std::vector<double> latencies_ms, double seconds, double mean_batch) {
  std::sort(latencies_ms.begin(), latencies_ms.end());
  auto at = [&](double q) {
    return latencies_ms[static_cast<std::size_t>(q * (latencies_ms.size() - 1))];
  };
  return Figures{latencies_ms.size() / seconds, at(0.50), at(0.99), mean_batch};
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

Figures run_serial(Store& store, long n) {
  std::vector<double> lat;
  lat.reserve(n);
  auto start = Clock::now();
  for (long i = 0; i < n; ++i) {
    AttestRecord r = record(0, i);
    auto t = Clock::now();
    auto res = store.put_attests(std::span(&r, 1));
    if (!res.ok()) std::exit((std::fprintf(stderr, "%s\n", res.error().message.c_str()), 1));
    lat.push_back(ms_since(t));
  }
  Figures f = summarize(lat, ms_since(start) / 1000, 1);
  f.mean_commit_ms = f.p50_ms;
  return f;
}

Figures run_group(Store& store, long n, int threads) {
  GroupCommitWriter writer(store, {});
  std::vector<std::vector<double>> lat(threads);
  auto start = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (long i = t; i < n; i += threads) {  // each thread: one request at a time, like HTTP
        auto t0 = Clock::now();
        auto f = writer.submit(record(1, i));
        if (!f.ok()) std::exit((std::fprintf(stderr, "%s\n", f.error().code.c_str()), 1));
        auto res = f->get();
        if (!res.ok()) std::exit((std::fprintf(stderr, "%s\n", res.error().message.c_str()), 1));
        lat[t].push_back(ms_since(t0));
      }
    });
  }
  for (auto& th : pool) th.join();
  double seconds = ms_since(start) / 1000;
  std::vector<double> all;
  for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  auto stats = writer.stats();
  Figures f = summarize(std::move(all), seconds, stats.mean_batch_size);
  f.mean_commit_ms = stats.commit_latency_sum_us / 1000.0 / static_cast<double>(stats.batches);
  return f;
}

void print(const char* name, const Figures& f) {
  std::printf("%-34s %8.0f/s  p50 %6.2f ms  p99 %6.2f ms  batch %6.1f  commit %6.2f ms\n", name,
              f.per_second, f.p50_ms, f.p99_ms, f.mean_batch, f.mean_commit_ms);
}

// Runs `body` on a fresh database file in `dir`, removed afterwards.
template <class Body>
Figures on_fresh_store(const std::string& dir, const SqliteStoreOptions& options, Body body) {
  static int counter = 0;
  std::string path = dir + "/verimeter-bench-" + std::to_string(getpid()) + "-" +
                     std::to_string(counter++) + ".db";
  Figures f;
  {
    auto opened = open_sqlite_store(path, options);
    if (!opened.ok()) std::exit((std::fprintf(stderr, "%s\n", opened.error().message.c_str()), 1));
    f = body(**opened);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : "/tmp";
  long n = argc > 2 ? std::atol(argv[2]) : 20000;
  int threads = argc > 3 ? std::atoi(argv[3]) : 64;
  long serial_n = std::min<long>(n / 10, 2000);  // one fsync each: keep it short
  SqliteStoreOptions background, inline_checkpoint;
  inline_checkpoint.background_checkpoint = false;

  Figures serial =
      on_fresh_store(dir, background, [&](Store& s) { return run_serial(s, serial_n); });
  Figures group_inline =
      on_fresh_store(dir, inline_checkpoint, [&](Store& s) { return run_group(s, n, threads); });
  Figures group =
      on_fresh_store(dir, background, [&](Store& s) { return run_group(s, n, threads); });

  std::printf("durable attests into SQLite (WAL, synchronous=FULL) at %s, %d submitters\n",
              dir.c_str(), threads);
  print("one fsync per record (serial)", serial);
  print("group commit, inline checkpoints", group_inline);
  print("group commit, background checkpoints", group);
  std::printf(
      "group / serial throughput: %.1fx; DESIGN target for the whole attest path: "
      ">= ~21000/s, p99 <= 25 ms\n",
      group.per_second / serial.per_second);
  return 0;
}
