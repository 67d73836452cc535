#include "server/metrics.hpp"

#include <cstdio>

namespace verimeter::server {

const char* route_name(Route r) {
  static constexpr const char* kNames[] = {"attest",        "attest_batch", "verify",  "receipt",
                                           "healthz",       "metrics",      "tariffs", "admin",
                                           "discrepancies", "other"};
  return kNames[static_cast<int>(r)];
}

void Metrics::observe(Route route, int status, std::uint64_t micros) {
  const int r = static_cast<int>(route);
  const int cls = status / 100 < kStatusClasses ? status / 100 : 0;
  by_status_[r][cls].fetch_add(1, std::memory_order_relaxed);
  std::size_t b = 0;
  while (b < kLatencyBoundsSeconds.size() &&
         static_cast<double>(micros) > kLatencyBoundsSeconds[b] * 1e6)
    ++b;
  hist_[r][b].fetch_add(1, std::memory_order_relaxed);
  sum_us_[r].fetch_add(micros, std::memory_order_relaxed);
}

std::string Metrics::render() const {
  std::string out;
  char buf[256];
  out += "# HELP verimeter_http_requests_total HTTP requests by route and status class.\n";
  out += "# TYPE verimeter_http_requests_total counter\n";
  for (int r = 0; r < kRoutes; ++r) {
    for (int c = 1; c < kStatusClasses; ++c) {
      const auto v = by_status_[r][c].load(std::memory_order_relaxed);
      if (v == 0) continue;
      std::snprintf(buf, sizeof buf,
                    "verimeter_http_requests_total{route=\"%s\",status=\"%dxx\"} %llu\n",
                    route_name(static_cast<Route>(r)), c, static_cast<unsigned long long>(v));
      out += buf;
    }
  }
  out +=
      "# HELP verimeter_http_request_duration_seconds Time from a complete request to its "
      "response.\n";
  out += "# TYPE verimeter_http_request_duration_seconds histogram\n";
  for (int r = 0; r < kRoutes; ++r) {
    std::uint64_t cum = 0;
    for (std::size_t b = 0; b <= kLatencyBoundsSeconds.size(); ++b)
      cum += hist_[r][b].load(std::memory_order_relaxed);
    if (cum == 0) continue;
    const char* name = route_name(static_cast<Route>(r));
    cum = 0;
    for (std::size_t b = 0; b < kLatencyBoundsSeconds.size(); ++b) {
      cum += hist_[r][b].load(std::memory_order_relaxed);
      std::snprintf(buf, sizeof buf,
                    "verimeter_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
                    name, kLatencyBoundsSeconds[b], static_cast<unsigned long long>(cum));
      out += buf;
    }
    cum += hist_[r][kLatencyBoundsSeconds.size()].load(std::memory_order_relaxed);
    std::snprintf(buf, sizeof buf,
                  "verimeter_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n"
                  "verimeter_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
                  "verimeter_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
                  name, static_cast<unsigned long long>(cum), name,
                  static_cast<double>(sum_us_[r].load(std::memory_order_relaxed)) / 1e6, name,
                  static_cast<unsigned long long>(cum));
    out += buf;
  }
  return out;
}

}  // namespace verimeter::server
