#include "floor.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <thread>
#include <vector>

#include "core/jcs.hpp"
#include "core/json.hpp"
#include "crypto/sha256.hpp"
#include "store/group_commit.hpp"
#include "store/sqlite_store.hpp"

namespace verimeter::bench {

namespace {

struct CpuSeconds {
  double user = 0, system = 0;
};

CpuSeconds process_cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return {seconds(u.ru_utime), seconds(u.ru_stime)};
}

store::AttestRecord record_of(const AttestSample& s, long i) {
  const std::string id = std::to_string(i);
  return store::AttestRecord{s.ctx.tenant,
                             "floor-" + id,
                             s.request.request_hash,
                             "rcpt_floor_" + id,
                             s.output.bundle,
                             s.output.leaf,
                             static_cast<std::int64_t>(s.ctx.now)};
}

// Submits records [first, first + count) as one group and waits until all are durable.
bool write_group(store::GroupCommitWriter& writer, const AttestSample& s, long first, long count) {
  std::promise<bool> all_done;
  std::atomic<long> left{count};
  std::atomic<bool> ok{true};
  std::vector<store::GroupCommitWriter::Submission> group;
  group.reserve(static_cast<std::size_t>(count));
  for (long i = first; i < first + count; ++i) {
    group.push_back({record_of(s, i), [&](Result<store::PutResult> r) {
                       if (!r || r->outcome != store::PutOutcome::kCreated) ok = false;
                       if (--left == 0) all_done.set_value(true);
                     }});
  }
  auto future = all_done.get_future();
  if (auto st = writer.submit_async(std::move(group)); !st) {
    std::fprintf(stderr, "durable write: %s\n", st.error().message.c_str());
    return false;
  }
  future.wait();
  return ok;
}

}  // namespace

std::optional<FingerprintCost> time_fingerprint(const AttestSample& sample, int iterations) {
  const auto bundle = parse_json(sample.output.bundle);
  if (!bundle) return std::nullopt;
  const auto meter = jcs_canonicalize((*bundle)["meter"]);
  if (!meter) return std::nullopt;
  const std::string input = "{\"meter\":" + *meter + ",\"tariff\":" + sample.pinned.canonical + "}";
  if (crypto::sha256_hex(input) != (*bundle)["billing_fingerprint"]) return std::nullopt;
  volatile std::uint8_t sink = 0;
  const double us = micros_per_call(iterations, [&] { sink = crypto::sha256(input)[0]; });
  (void)sink;
  return FingerprintCost{input.size(), us};
}

std::optional<DurableWriteCost> time_durable_write(const AttestSample& sample,
                                                   const std::string& dir, long records,
                                                   int group) {
  const std::string path = dir + "/vm-bench-floor-" + std::to_string(::getpid()) + ".db";
  std::optional<DurableWriteCost> cost;
  {
    auto opened = store::open_sqlite_store(path, store::SqliteStoreOptions{});
    if (!opened) {
      std::fprintf(stderr, "durable write: %s\n", opened.error().message.c_str());
      return std::nullopt;
    }
    store::GroupCommitWriter writer(**opened);
    const CpuSeconds cpu0 = process_cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    std::atomic<bool> ok{true};
    std::vector<std::thread> submitters;
    for (int t = 0; t < 2; ++t) {
      submitters.emplace_back([&, t] {
        for (long first = t * group; ok && first < records; first += 2L * group) {
          if (!write_group(writer, sample, first, std::min<long>(group, records - first)))
            ok = false;
        }
      });
    }
    for (auto& th : submitters) th.join();
    writer.stop();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const CpuSeconds cpu1 = process_cpu_seconds();
    const double n = static_cast<double>(records);
    if (ok) {
      cost = DurableWriteCost{records, 1e6 * (cpu1.user - cpu0.user) / n,
                              1e6 * (cpu1.system - cpu0.system) / n, n / seconds,
                              writer.stats().mean_batch_size};
    }
  }
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
  return cost;
}

}  // namespace verimeter::bench
