// Offline verification of a bundle against a trust file. Every check has a stable name and,
// on failure, a stable code (docs/spec/bundle.md §Verification). Fail closed: a check whose
// prerequisites failed is itself reported as failed (code "prerequisite_failed"), and a part of
// the bundle that is present but cannot be checked is a failure, never a pass.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/tariff.hpp"
#include "core/json.hpp"
#include "verify/trust.hpp"

namespace verimeter::verify {

enum class CheckResult { kPass, kFail, kNotRequired };

struct CheckOutcome {
  std::string check;  // e.g. "signature"
  CheckResult result = CheckResult::kFail;
  std::string code;  // empty on pass
  std::string detail;
};

struct VerifyReport {
  bool ok = false;
  std::optional<std::string> receipt_id;
  std::vector<CheckOutcome> checks;

  const CheckOutcome* first_failure() const;
  Json to_json() const;
};

// The check names, in the order they run.
inline constexpr const char* kBundleChecks[] = {
    "bundle_format",  "receipt_format", "signer_known",        "signature",
    "meter_binding",  "tariff_binding", "billing_fingerprint", "charge",
    "provider_usage", "log_origin",     "inclusion_proof",     "zk_proof"};

// Pinned tariff snapshots already checked, keyed by content hash, for verifying many bundles
// that share a few tariff versions. A cached snapshot is used only when the bundle's tariff
// is structurally identical to it (so its canonical bytes and hash are the same). Thread-safe.
class TariffCache {
 public:
  struct Entry {
    billing::PinnedTariff pinned;
    Json json;  // the bundled snapshot it was checked from
  };
  std::shared_ptr<const Entry> find(const std::string& sha256) const;
  void insert(std::shared_ptr<const Entry> e);

 private:
  static constexpr std::size_t kMaxEntries = 64;
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<const Entry>> by_hash_;
};

VerifyReport verify_bundle(const Json& bundle, const Trust& trust, TariffCache* cache = nullptr);

}  // namespace verimeter::verify
