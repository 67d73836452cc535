// Bundle v1: everything a verifier needs to check one charge offline, with no server.
//   { bundle_version: 1, receipt, signature, meter, tariff, provider_usage,
//     billing_fingerprint, inclusion_proof, zk_proof }
// meter        — the priced inputs (integers only): who, what, when, usage buckets, request counts
// tariff       — the full tariff snapshot the charge was computed with
// provider_usage — the provider's usage object as received (evidence; its hash is in the receipt)
// billing_fingerprint = hex SHA-256( JCS({"meter": meter, "tariff": tariff}) )
// inclusion_proof / zk_proof — null until the log / prover supply them.
#pragma once

#include <string>

#include "billing/usage.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

namespace verimeter::billing {

inline constexpr std::uint64_t kBundleVersion = 1;
inline constexpr std::uint64_t kMeterVersion = 1;

inline constexpr const char* kBundleV1Fields[] = {"billing_fingerprint",
                                                  "bundle_version",
                                                  "inclusion_proof",
                                                  "meter",
                                                  "provider_usage",
                                                  "receipt",
                                                  "signature",
                                                  "tariff",
                                                  "zk_proof"};

struct MeterEvent {
  std::string tenant;
  std::string event_id;
  std::string event_time;  // RFC 3339, fixed millisecond form
  std::string model;
  NormalizedUsage usage;
};

Json make_meter(const MeterEvent& e);
Json requests_to_json(const std::vector<RequestCount>& requests);

// The meter's canonical (JCS) text written directly, with its "usage" and "requests" members'
// texts, which the receipt carries too. Equal to jcs_canonicalize(make_meter(e)) and its
// members (a test holds them together); make_meter() is the readable form.
struct MeterCanonical {
  std::string meter, usage, requests;
};
// Errors: jcs_invalid_utf8 (a string that is not UTF-8), jcs_number_out_of_range (a count
// beyond 2^53 - 1).
Result<MeterCanonical> meter_canonical(const MeterEvent& e);

// The priced fields of a meter object, read back strictly (verifier side).
struct ParsedMeter {
  std::string model;
  UsageBuckets buckets;
  std::vector<RequestCount> requests;
};
// Errors: meter_malformed, meter_unknown_version.
Result<ParsedMeter> parse_meter(const Json& meter);

Result<std::string> billing_fingerprint(const Json& meter, const Json& tariff_snapshot);
// The same digest from the tariff's canonical bytes (a PinnedTariff): the tariff is not
// re-canonicalized, only the meter.
Result<std::string> billing_fingerprint_pinned(const Json& meter,
                                               std::string_view tariff_canonical);
// The same from both canonical texts.
std::string billing_fingerprint_canonical(std::string_view meter_canon,
                                          std::string_view tariff_canonical);

// Puts the tariff snapshot's JSON text into a bundle serialized with "tariff": null (the
// compact form a server stores). Top-level keys serialize sorted, so the bundle's own member is
// the last `"tariff":null` before `"zk_proof"`. Errors: bundle_malformed.
Result<std::string> splice_tariff(std::string compact_bundle, std::string_view tariff_json);

// Checks the bundle's top-level field set and version. Errors: bundle_unknown_version,
// bundle_malformed.
Status check_bundle_shape(const Json& bundle);

}  // namespace verimeter::billing
