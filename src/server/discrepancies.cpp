#include "server/discrepancies.hpp"

#include <spdlog/spdlog.h>

namespace verimeter::server {

namespace {

std::uint64_t count_of(const Json& side, const char* key) {
  const auto it = side.find(key);
  return it != side.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
}

}  // namespace

void DiscrepancyTracker::add(Side& s, const Json& side) {
  if (!side.is_object() || !side.contains("status") || !side["status"].is_string()) return;
  const std::string status = side["status"].get<std::string>();
  if (status == "match" || status == "mismatch") {
    (status == "match" ? s.match : s.mismatch) += 1;
    s.ours_total += count_of(side, "ours");
    s.provider_total += count_of(side, "provider");
  } else if (status == "unverifiable") {
    s.unverifiable += 1;
  } else {
    s.not_provided += 1;
  }
}

void DiscrepancyTracker::record(const Json& receipt, bool may_alert) {
  if (!receipt.is_object() || !receipt.contains("tenant") || !receipt.contains("model") ||
      !receipt.contains("retokenization") || !receipt["tenant"].is_string() ||
      !receipt["model"].is_string())
    return;
  const Json& r = receipt["retokenization"];
  const auto key =
      std::make_pair(receipt["tenant"].get<std::string>(), receipt["model"].get<std::string>());
  std::lock_guard lock(mu_);
  Stats& st = stats_[key];
  st.receipts += 1;
  if (r.is_object()) {
    add(st.input, r.value("input", Json()));
    add(st.output, r.value("output", Json()));
  }
  const std::uint64_t checked =
      st.input.match + st.input.mismatch + st.output.match + st.output.mismatch;
  const std::uint64_t mismatched = st.input.mismatch + st.output.mismatch;
  const bool over = checked >= options_.alert_min_checked &&
                    mismatched * 10000 > options_.alert_threshold_bp * checked;
  if (over && !st.alerting && may_alert) {
    spdlog::warn(
        "re-tokenization discrepancy alert: tenant {} model {}: {} of {} checked counts "
        "differ from the provider's (threshold {} bp)",
        key.first, key.second, mismatched, checked, options_.alert_threshold_bp);
  }
  st.alerting = over;
}

Json DiscrepancyTracker::side_json(const Side& s) {
  const std::uint64_t checked = s.match + s.mismatch;
  return Json{{"match", s.match},
              {"mismatch", s.mismatch},
              {"unverifiable", s.unverifiable},
              {"not_provided", s.not_provided},
              {"ours_total", s.ours_total},
              {"provider_total", s.provider_total},
              {"mismatch_rate_bp", checked == 0 ? 0 : s.mismatch * 10000 / checked}};
}

Json DiscrepancyTracker::summary(const std::string& tenant) const {
  Json models = Json::array();
  std::lock_guard lock(mu_);
  for (auto it = stats_.lower_bound({tenant, ""}); it != stats_.end() && it->first.first == tenant;
       ++it) {
    models.push_back({{"model", it->first.second},
                      {"receipts", it->second.receipts},
                      {"input", side_json(it->second.input)},
                      {"output", side_json(it->second.output)},
                      {"alert", it->second.alerting}});
  }
  return Json{{"tenant", tenant},
              {"alert_threshold_bp", options_.alert_threshold_bp},
              {"alert_min_checked", options_.alert_min_checked},
              {"models", std::move(models)}};
}

std::string DiscrepancyTracker::metrics_text() const {
  std::uint64_t by[2][4] = {};
  std::uint64_t alerting = 0;
  {
    std::lock_guard lock(mu_);
    for (const auto& [key, st] : stats_) {
      const Side* sides[2] = {&st.input, &st.output};
      for (int i = 0; i < 2; ++i) {
        by[i][0] += sides[i]->match;
        by[i][1] += sides[i]->mismatch;
        by[i][2] += sides[i]->unverifiable;
        by[i][3] += sides[i]->not_provided;
      }
      alerting += st.alerting ? 1 : 0;
    }
  }
  static constexpr const char* kSide[] = {"input", "output"};
  static constexpr const char* kStatus[] = {"match", "mismatch", "unverifiable", "not_provided"};
  std::string out =
      "# HELP verimeter_retokenization_total Re-tokenization results by side and status.\n"
      "# TYPE verimeter_retokenization_total counter\n";
  for (int i = 0; i < 2; ++i) {
    for (int k = 0; k < 4; ++k) {
      out += std::string("verimeter_retokenization_total{side=\"") + kSide[i] + "\",status=\"" +
             kStatus[k] + "\"} " + std::to_string(by[i][k]) + "\n";
    }
  }
  out +=
      "# HELP verimeter_retokenization_alerts Tenant/model pairs over the discrepancy threshold.\n"
      "# TYPE verimeter_retokenization_alerts gauge\nverimeter_retokenization_alerts " +
      std::to_string(alerting) + "\n";
  return out;
}

}  // namespace verimeter::server
