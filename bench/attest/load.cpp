#include "load.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <string_view>
#include <thread>

#include "server/http_client.hpp"

namespace verimeter::bench {

namespace {

using Clock = std::chrono::steady_clock;

struct Worker {
  std::uint64_t created = 0;
  std::uint64_t failed = 0;
  std::vector<std::uint32_t> latencies_us;
};

// Splits the template around the event id placeholder once; each request is head + id + tail.
struct BodyMaker {
  std::string head, tail, prefix;
  explicit BodyMaker(const LoadSpec& s) : prefix(s.event_prefix) {
    const auto at = s.body_template.find(kEventIdPlaceholder);
    head = s.body_template.substr(0, at);
    tail = s.body_template.substr(at + std::string(kEventIdPlaceholder).size());
  }
  std::string operator()(std::uint64_t n) const {
    std::string body;
    append(n, body);
    return body;
  }
  // {"events":[...]} with the events n, n+1, ..., n+count-1.
  std::string batch(std::uint64_t n, int count) const {
    std::string body = "{\"events\":[";
    body.reserve(static_cast<std::size_t>(count) * (head.size() + tail.size() + 32) + 16);
    for (int k = 0; k < count; ++k) {
      if (k) body += ',';
      append(n + static_cast<std::uint64_t>(k), body);
    }
    body += "]}";
    return body;
  }

 private:
  void append(std::uint64_t n, std::string& out) const {
    out += head;
    out += prefix;
    out += std::to_string(n);
    out += tail;
  }
};

// Items answered 201 in a batch response ({"index":i,"status":201,...} as the server writes them).
// glibc's memmem skips through the megabytes of bundle text about 5x faster than
// std::string::find, which stops at every '"': the driver shares the server's two cores.
std::uint64_t created_in_batch(const std::string& response) {
  static constexpr std::string_view kCreated = "\"status\":201,";
  std::uint64_t n = 0;
  const char* at = response.data();
  const char* const end = at + response.size();
  while (const void* hit =
             memmem(at, static_cast<std::size_t>(end - at), kCreated.data(), kCreated.size())) {
    ++n;
    at = static_cast<const char*>(hit) + kCreated.size();
  }
  return n;
}

// When the request carrying events [n, n + count) is sent: at once in a closed loop; in an open
// loop when its last event is due (events are scheduled at spec.paced_rate across all clients),
// after sleeping until then. nullopt once the run is over (in an open loop the rest counts as
// missed). Latency counts from the returned moment.
std::optional<Clock::time_point> send_time(const LoadSpec& spec, Clock::time_point start,
                                           Clock::time_point end, std::uint64_t n,
                                           std::uint64_t count) {
  const Clock::time_point now = Clock::now();
  if (spec.paced_rate <= 0) return now < end ? std::optional(now) : std::nullopt;
  const Clock::time_point due =
      start + std::chrono::nanoseconds(static_cast<std::int64_t>(
                  1e9 * static_cast<double>(n + count - 1) / spec.paced_rate));
  if (due >= end || now >= end) return std::nullopt;
  std::this_thread::sleep_until(due);
  return due;
}

// One batch client: each request carries spec.batch events, closed or open loop (send_time).
void run_batch_worker(const LoadSpec& spec, const BodyMaker& make, std::atomic<std::uint64_t>& next,
                      Clock::time_point start, Clock::time_point end, Worker& w) {
  server::HttpClient client(*server::parse_url(spec.url), std::chrono::seconds(60));
  const std::map<std::string, std::string> auth{{"Authorization", "Bearer " + spec.api_key}};
  const auto count = static_cast<std::uint64_t>(spec.batch);
  for (;;) {
    const std::uint64_t n = next.fetch_add(count, std::memory_order_relaxed);
    const auto t0 = send_time(spec, start, end, n, count);
    if (!t0) return;
    const std::string body = make.batch(n, spec.batch);
    auto r = client.request("POST", "/v1/attest/batch", body, auth);
    const auto us =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - *t0).count();
    const std::uint64_t created = r.ok() && r->status == 200 ? created_in_batch(r->body) : 0;
    w.created += created;
    w.failed += count - std::min(count, created);
    w.latencies_us.insert(w.latencies_us.end(), created,
                          static_cast<std::uint32_t>(std::min<std::int64_t>(us, UINT32_MAX)));
  }
}

void run_worker(const LoadSpec& spec, const BodyMaker& make, std::atomic<std::uint64_t>& next,
                Clock::time_point start, Clock::time_point end, Worker& w) {
  server::HttpClient client(*server::parse_url(spec.url), std::chrono::seconds(30));
  const std::map<std::string, std::string> auth{{"Authorization", "Bearer " + spec.api_key}};
  for (;;) {
    const std::uint64_t n = next.fetch_add(1, std::memory_order_relaxed);
    const auto t0 = send_time(spec, start, end, n, 1);
    if (!t0) return;
    const std::string body = make(n);
    auto r = client.request("POST", "/v1/attest", body, auth);
    const auto us =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - *t0).count();
    if (r.ok() && r->status == 201) {
      ++w.created;
      w.latencies_us.push_back(static_cast<std::uint32_t>(std::min<std::int64_t>(us, UINT32_MAX)));
    } else {
      ++w.failed;
    }
  }
}

}  // namespace

double LoadResult::percentile_ms(double p) const {
  if (latencies_us.empty()) return 0;
  const auto rank =
      static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(latencies_us.size())));
  return latencies_us[std::clamp<std::size_t>(rank, 1, latencies_us.size()) - 1] / 1000.0;
}

LoadResult run_load(const LoadSpec& spec) {
  const BodyMaker make(spec);
  std::atomic<std::uint64_t> next{0};
  std::vector<Worker> workers(static_cast<std::size_t>(spec.clients));
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  const auto end = start + std::chrono::microseconds(static_cast<std::int64_t>(spec.seconds * 1e6));
  for (auto& w : workers) {
    if (spec.batch > 0)
      threads.emplace_back([&, wp = &w] { run_batch_worker(spec, make, next, start, end, *wp); });
    else
      threads.emplace_back([&, wp = &w] { run_worker(spec, make, next, start, end, *wp); });
  }
  for (auto& t : threads) t.join();
  LoadResult out;
  out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (auto& w : workers) {
    out.created += w.created;
    out.failed += w.failed;
    out.latencies_us.insert(out.latencies_us.end(), w.latencies_us.begin(), w.latencies_us.end());
  }
  if (spec.paced_rate > 0) {
    const auto scheduled = static_cast<std::uint64_t>(spec.paced_rate * spec.seconds);
    out.missed = scheduled > out.created + out.failed ? scheduled - out.created - out.failed : 0;
  }
  std::sort(out.latencies_us.begin(), out.latencies_us.end());
  return out;
}

}  // namespace verimeter::bench
