// The attest load generator: C client threads, each with one keep-alive HttpClient, posting
// attests with unique event ids to a server. Closed loop (each client sends its next request as
// soon as the previous one is acknowledged: measures throughput) or open loop (requests are
// scheduled at a fixed rate and latency is measured from the scheduled time, so a slow server
// cannot hide its queueing delay: measures latency at a given rate).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace verimeter::bench {

struct LoadSpec {
  std::string url;
  std::string api_key;
  std::string body_template;  // an attest body whose event_id is kEventIdPlaceholder
  std::string event_prefix;   // makes event ids unique per run
  int clients = 32;
  double seconds = 5;
  double paced_rate = 0;  // attests per second; 0 = closed loop
  int batch = 0;          // > 0: over /v1/attest/batch with this many events per request
};

inline constexpr const char* kEventIdPlaceholder = "@@EVENT_ID@@";

struct LoadResult {
  std::uint64_t created = 0;  // 201 answers (durable: sent after the commit)
  std::uint64_t failed = 0;   // anything else (errors, 503, 4xx)
  std::uint64_t missed = 0;   // open loop: scheduled but not sent by the end (server too slow)
  double seconds = 0;
  std::vector<std::uint32_t> latencies_us;  // sorted, one per 201

  double rate() const { return seconds > 0 ? static_cast<double>(created) / seconds : 0; }
  double percentile_ms(double p) const;
  double max_ms() const { return latencies_us.empty() ? 0 : latencies_us.back() / 1000.0; }
};

LoadResult run_load(const LoadSpec& spec);

}  // namespace verimeter::bench
