#include "verify/bundle_verifier.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include "billing/bundle.hpp"
#include "billing/charge.hpp"
#include "billing/receipt.hpp"
#include "billing/tariff.hpp"
#include "core/bytes.hpp"
#include "core/jcs.hpp"
#include "crypto/sha256.hpp"

namespace verimeter::verify {

namespace {

const char* result_name(CheckResult r) {
  switch (r) {
    case CheckResult::kPass:
      return "pass";
    case CheckResult::kFail:
      return "fail";
    case CheckResult::kNotRequired:
      return "not_required";
  }
  return "fail";
}

// Runs named checks in order; a check runs only if all its prerequisites passed.
class Runner {
 public:
  explicit Runner(VerifyReport& report) : report_(report) {}

  void run(const char* name, std::initializer_list<const char*> needs,
           const std::function<Result<CheckResult>()>& body) {
    for (const char* n : needs) {
      if (!passed(n)) {
        record(name, CheckResult::kFail, "prerequisite_failed", std::string("needs ") + n);
        return;
      }
    }
    auto r = body();
    if (r.ok()) {
      record(name, *r, "", "");
    } else {
      record(name, CheckResult::kFail, r.error().code, r.error().message);
    }
  }

 private:
  bool passed(const char* name) const { return status_.count(name) && status_.at(name); }
  void record(const char* name, CheckResult r, std::string code, std::string detail) {
    status_[name] = r != CheckResult::kFail;
    report_.checks.push_back(CheckOutcome{name, r, std::move(code), std::move(detail)});
  }

  VerifyReport& report_;
  std::map<std::string, bool> status_;
};

Result<CheckResult> pass() {
  return CheckResult::kPass;
}

Result<std::string> canon(const Json& j) {
  return jcs_canonicalize(j);
}

bool same(const Json& a, const Json& b) {
  auto ca = canon(a), cb = canon(b);
  return ca.ok() && cb.ok() && *ca == *cb;
}

const crypto::NoteVerifierKey* find_key(const Trust& trust, const Json& sig) {
  const std::string id = sig["key_id"].get<std::string>();
  const std::string name = sig["key_name"].get<std::string>();
  for (const auto& k : trust.operator_keys) {
    if (k.key_id_hex() == id && k.name == name) return &k;
  }
  return nullptr;
}

Result<CheckResult> check_signer(const Json& b, const Trust& trust) {
  const Json& sig = b["signature"];
  if (!sig.is_object() || sig.size() != 4 || !sig.contains("alg") || !sig.contains("key_id") ||
      !sig.contains("key_name") || !sig.contains("sig") || !sig["key_id"].is_string() ||
      !sig["key_name"].is_string() || !sig["sig"].is_string() || !sig["alg"].is_string()) {
    return make_error("signature_malformed", "signature must be {alg, key_id, key_name, sig}");
  }
  if (sig["alg"] != "ed25519") return make_error("unknown_algorithm", "only ed25519 is supported");
  const Json& signer = b["receipt"]["signer"];
  if (signer != Json{{"key_id", sig["key_id"]}, {"key_name", sig["key_name"]}})
    return make_error("signer_mismatch", "receipt.signer does not name the signing key");
  if (!find_key(trust, sig))
    return make_error("unknown_key", "key " + sig["key_name"].get<std::string>() + "+" +
                                         sig["key_id"].get<std::string>() +
                                         " is not in the trust file");
  return pass();
}

Result<CheckResult> check_signature(const Json& b, const Trust& trust) {
  const Json& sig = b["signature"];
  const auto* key = find_key(trust, sig);
  auto raw = from_base64(sig["sig"].get<std::string>());
  if (!raw || raw->size() != 64)
    return make_error("signature_malformed", "sig must be 64 bytes base64");
  VM_TRY(msg, billing::receipt_signing_message(b["receipt"]));
  crypto::Signature s;
  std::copy(raw->begin(), raw->end(), s.begin());
  if (!crypto::ed25519_verify(key->public_key, as_bytes(msg), s))
    return make_error("signature_invalid", "Ed25519 signature over the receipt does not verify");
  return pass();
}

Result<CheckResult> check_meter(const Json& b) {
  const Json& m = b["meter"];
  const Json& r = b["receipt"];
  VM_TRY(parsed, billing::parse_meter(m));
  (void)parsed;
  for (const char* f : {"tenant", "event_id", "event_time", "provider", "api", "model", "usage",
                        "requests", "usage_source"}) {
    if (!same(m[f], r[f]))
      return make_error("meter_mismatch", std::string("meter.") + f + " differs from receipt." + f);
  }
  return pass();
}

// Parses the bundled snapshot once (or finds it in the cache); fingerprint and charge reuse the
// pinned form.
Result<CheckResult> check_tariff(const Json& b, TariffCache* cache,
                                 std::shared_ptr<const billing::PinnedTariff>& pinned) {
  const Json& rt = b["receipt"]["tariff"];
  if (cache && rt.is_object() && rt.contains("sha256") && rt["sha256"].is_string()) {
    auto hit = cache->find(rt["sha256"].get<std::string>());
    if (hit && hit->json == b["tariff"] &&
        same(rt, Json{{"tariff_id", hit->pinned.snapshot.tariff_id},
                      {"version", hit->pinned.snapshot.version},
                      {"sha256", hit->pinned.content_hash}})) {
      pinned = std::shared_ptr<const billing::PinnedTariff>(hit, &hit->pinned);
      return pass();
    }
  }
  auto t = billing::tariff_from_json(b["tariff"]);
  if (!t) return make_error("tariff_malformed", t.error().code + ": " + t.error().message);
  std::shared_ptr<const billing::PinnedTariff> p;
  std::shared_ptr<const TariffCache::Entry> entry;
  if (cache) {
    entry = std::make_shared<const TariffCache::Entry>(
        TariffCache::Entry{billing::pin_tariff(std::move(*t)), b["tariff"]});
    p = std::shared_ptr<const billing::PinnedTariff>(entry, &entry->pinned);
  } else {
    p = std::make_shared<const billing::PinnedTariff>(billing::pin_tariff(std::move(*t)));
  }
  auto bundled = canon(b["tariff"]);
  if (!bundled || *bundled != p->canonical)
    return make_error("tariff_malformed", "tariff snapshot is not in canonical form");
  const Json expected = {{"tariff_id", p->snapshot.tariff_id},
                         {"version", p->snapshot.version},
                         {"sha256", p->content_hash}};
  if (!same(rt, expected))
    return make_error("tariff_hash_mismatch", "receipt.tariff does not match the bundled snapshot");
  if (cache) cache->insert(std::move(entry));
  pinned = std::move(p);
  return pass();
}

Result<CheckResult> check_fingerprint(const Json& b, const billing::PinnedTariff& tariff) {
  VM_TRY(fp, billing::billing_fingerprint_pinned(b["meter"], tariff.canonical));
  if (b["receipt"]["billing_fingerprint"] != fp || b["billing_fingerprint"] != fp)
    return make_error("fingerprint_mismatch",
                      "billing fingerprint does not match meter and tariff");
  return pass();
}

Result<CheckResult> check_charge(const Json& b, const billing::PinnedTariff& tariff) {
  VM_TRY(meter, billing::parse_meter(b["meter"]));
  auto charge =
      billing::compute_charge(tariff.snapshot, meter.model, meter.buckets, meter.requests);
  if (!charge)
    return make_error("charge_recompute_failed",
                      charge.error().code + ": " + charge.error().message);
  if (!same(billing::charge_to_json(*charge), b["receipt"]["charge"]))
    return make_error("charge_mismatch", "recomputed charge differs from receipt.charge");
  return pass();
}

Result<CheckResult> check_provider_usage(const Json& b) {
  auto c = canon(b["provider_usage"]);
  if (!c) return make_error("usage_hash_mismatch", "provider_usage cannot be canonicalized");
  if (b["receipt"]["usage_sha256"] != crypto::sha256_hex(*c))
    return make_error("usage_hash_mismatch",
                      "provider_usage does not hash to receipt.usage_sha256");
  return pass();
}

Result<CheckResult> check_origin(const Json& b, const Trust& trust) {
  const Json& log = b["receipt"]["log"];
  if (!log.is_object() || !log.contains("origin") || !log["origin"].is_string())
    return make_error("receipt_malformed", "receipt.log.origin missing");
  if (trust.log_origin.empty()) return CheckResult::kNotRequired;
  if (log["origin"] != trust.log_origin)
    return make_error("log_origin_mismatch", "receipt names log " +
                                                 log["origin"].get<std::string>() +
                                                 ", the trust file " + trust.log_origin);
  return pass();
}

Result<CheckResult> check_inclusion(const Json& b, const Trust& trust) {
  if (b["inclusion_proof"].is_null()) {
    if (trust.require_inclusion_proof)
      return make_error("inclusion_proof_missing", "the trust policy requires an inclusion proof");
    return CheckResult::kNotRequired;
  }
  return make_error(
      "inclusion_proof_unsupported",
      "this verifier cannot check inclusion proofs yet; refusing to pass one unchecked");
}

Result<CheckResult> check_zk(const Json& b) {
  if (b["zk_proof"].is_null()) return CheckResult::kNotRequired;
  return make_error("zk_proof_unsupported",
                    "this verifier cannot check ZK proofs yet; refusing to pass one unchecked");
}

}  // namespace

const CheckOutcome* VerifyReport::first_failure() const {
  for (const auto& c : checks) {
    if (c.result == CheckResult::kFail) return &c;
  }
  return nullptr;
}

Json VerifyReport::to_json() const {
  Json arr = Json::array();
  for (const auto& c : checks) {
    Json o = {{"check", c.check}, {"result", result_name(c.result)}};
    if (c.result == CheckResult::kFail) {
      o["code"] = c.code;
      o["detail"] = c.detail;
    }
    arr.push_back(std::move(o));
  }
  Json out = {{"ok", ok}, {"checks", std::move(arr)}};
  out["receipt_id"] = receipt_id ? Json(*receipt_id) : Json(nullptr);
  if (const auto* f = first_failure()) out["failure"] = {{"check", f->check}, {"code", f->code}};
  return out;
}

std::shared_ptr<const TariffCache::Entry> TariffCache::find(const std::string& sha256) const {
  std::lock_guard lock(mu_);
  const auto it = by_hash_.find(sha256);
  return it == by_hash_.end() ? nullptr : it->second;
}

void TariffCache::insert(std::shared_ptr<const Entry> e) {
  std::lock_guard lock(mu_);
  if (by_hash_.size() >= kMaxEntries) by_hash_.erase(by_hash_.begin());
  by_hash_[e->pinned.content_hash] = std::move(e);
}

VerifyReport verify_bundle(const Json& b, const Trust& trust, TariffCache* cache) {
  VerifyReport report;
  Runner run(report);
  run.run("bundle_format", {}, [&]() -> Result<CheckResult> {
    VM_CHECK(billing::check_bundle_shape(b));
    return pass();
  });
  run.run("receipt_format", {"bundle_format"}, [&]() -> Result<CheckResult> {
    VM_CHECK(billing::check_receipt_shape(b["receipt"]));
    if (!json_has_no_floats(b["receipt"]) || !json_has_no_floats(b["meter"]) ||
        !json_has_no_floats(b["tariff"]))
      return make_error("float_not_allowed", "receipt, meter and tariff must carry integers only");
    report.receipt_id = b["receipt"]["receipt_id"].get<std::string>();
    return pass();
  });
  run.run("signer_known", {"receipt_format"}, [&] { return check_signer(b, trust); });
  run.run("signature", {"signer_known"}, [&] { return check_signature(b, trust); });
  run.run("meter_binding", {"receipt_format"}, [&] { return check_meter(b); });
  std::shared_ptr<const billing::PinnedTariff> tariff;
  run.run("tariff_binding", {"receipt_format"}, [&] { return check_tariff(b, cache, tariff); });
  run.run("billing_fingerprint", {"meter_binding", "tariff_binding"},
          [&] { return check_fingerprint(b, *tariff); });
  run.run("charge", {"meter_binding", "tariff_binding"}, [&] { return check_charge(b, *tariff); });
  run.run("provider_usage", {"receipt_format"}, [&] { return check_provider_usage(b); });
  run.run("log_origin", {"receipt_format"}, [&] { return check_origin(b, trust); });
  run.run("inclusion_proof", {"bundle_format"}, [&] { return check_inclusion(b, trust); });
  run.run("zk_proof", {"bundle_format"}, [&] { return check_zk(b); });
  report.ok = report.first_failure() == nullptr;
  return report;
}

}  // namespace verimeter::verify
