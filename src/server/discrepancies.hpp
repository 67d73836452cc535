// Re-tokenization discrepancy summary per tenant and model: how often verimeter's own token
// count matched the provider's, and by how much the totals differ. Fed by every new receipt
// (and rebuilt from the log at start-up, so it survives restarts), served at
// GET /v1/discrepancies (tenant-scoped) and in /metrics. When a (tenant, model) pair's
// mismatch rate crosses the configured threshold, a warning is logged once per crossing.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "core/json.hpp"

namespace verimeter::server {

struct DiscrepancyOptions {
  std::uint64_t alert_threshold_bp = 100;  // mismatch rate in basis points (100 = 1%)
  std::uint64_t alert_min_checked = 20;    // receipts with a match/mismatch result before alerting
};

class DiscrepancyTracker {
 public:
  explicit DiscrepancyTracker(DiscrepancyOptions options = {}) : options_(options) {}

  // `receipt` is a receipt v1 object; malformed input is ignored (it was signed by us).
  void record(const Json& receipt, bool may_alert = true);
  Json summary(const std::string& tenant) const;  // {"tenant":…, "models":[…]}
  std::string metrics_text() const;

 private:
  struct Side {
    std::uint64_t match = 0, mismatch = 0, unverifiable = 0, not_provided = 0;
    std::uint64_t ours_total = 0, provider_total = 0;  // over match/mismatch results only
  };
  struct Stats {
    std::uint64_t receipts = 0;
    Side input, output;
    bool alerting = false;
  };
  static void add(Side& s, const Json& side);
  static Json side_json(const Side& s);

  DiscrepancyOptions options_;
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, Stats> stats_;  // (tenant, model)
};

}  // namespace verimeter::server
