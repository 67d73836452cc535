// Server metrics in the Prometheus text exposition format: request counts by route and status
// and a latency histogram per route. Lock-free counters; rendering takes a consistent-enough
// snapshot (each counter is read once).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace verimeter::server {

enum class Route : int {
  kAttest = 0,
  kAttestBatch,
  kVerify,
  kReceipt,
  kHealth,
  kMetrics,
  kTariffs,
  kAdmin,
  kDiscrepancies,
  kOther,
  kCount
};
const char* route_name(Route r);

inline constexpr std::array<double, 12> kLatencyBoundsSeconds = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};

class Metrics {
 public:
  void observe(Route route, int status, std::uint64_t micros);
  // Extra preformatted lines (e.g. group-commit and store gauges) are appended by the caller.
  std::string render() const;

 private:
  static constexpr int kRoutes = static_cast<int>(Route::kCount);
  static constexpr int kStatusClasses = 6;  // index = status / 100
  std::array<std::array<std::atomic<std::uint64_t>, kStatusClasses>, kRoutes> by_status_{};
  std::array<std::array<std::atomic<std::uint64_t>, kLatencyBoundsSeconds.size() + 1>, kRoutes>
      hist_{};
  std::array<std::atomic<std::uint64_t>, kRoutes> sum_us_{};
};

}  // namespace verimeter::server
