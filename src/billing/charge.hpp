// The charge: what one metered request costs under one tariff snapshot, computed with exact
// integer arithmetic (docs/spec/tariff.md §4). Each bucket's tokens x price-per-million are
// summed exactly in 128 bits (still scaled by 10^6), the sum is rounded ONCE with the tariff's
// rule, per-request fees are added, and the total is clamped to [minimum, maximum]. The charge
// object records every step so a verifier can recompute it and compare byte for byte; the same
// usage and snapshot always give byte-identical canonical JSON (DESIGN invariant 3).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "billing/scaled_amount.hpp"
#include "billing/tariff.hpp"
#include "billing/usage.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

namespace verimeter::billing {

// Tokens of one bucket priced at one tier (or at the flat price).
struct ChargeSegment {
  std::uint64_t tokens = 0;
  std::uint64_t per_million = 0;
  U128 subtotal_scaled = 0;  // tokens x per_million, in 10^-6 minor units
  bool operator==(const ChargeSegment&) const = default;
};

struct ChargeLine {
  std::string bucket;
  std::uint64_t tokens = 0;
  std::uint64_t per_million = 0;     // the bucket's base (first-tier) price
  std::vector<ChargeSegment> tiers;  // non-empty tier segments; empty for flat pricing
  U128 subtotal_scaled = 0;
  bool operator==(const ChargeLine&) const = default;
};

struct ChargeFee {
  std::string name;
  std::uint64_t count = 0;
  std::uint64_t unit = 0;    // minor units per request
  std::uint64_t amount = 0;  // count x unit
  bool operator==(const ChargeFee&) const = default;
};

struct Charge {
  std::string currency;
  std::uint32_t exponent = 0;
  RoundingRule rounding = RoundingRule::kHalfUp;
  std::string model_entry;        // the matched pattern of the tariff
  std::vector<ChargeLine> lines;  // every bucket, in kBucketNames order
  std::vector<ChargeFee> fees;    // by name, counts > 0 only
  U128 subtotal_scaled = 0;       // sum of the lines, in 10^-6 minor units
  std::uint64_t rounded_subtotal = 0;
  std::uint64_t fees_total = 0;
  bool minimum_applied = false;
  bool maximum_applied = false;
  std::uint64_t amount = 0;  // the final charge in minor units
  bool operator==(const Charge&) const = default;
};

// Errors: tariff_no_match (no model entry matches), tariff_missing_fee (a request fee the
// matched entry does not price), charge_overflow (a count or amount that a receipt cannot
// carry, i.e. >= 2^53), charge_bad_usage (request counts not sorted/unique or zero).
Result<Charge> compute_charge(const TariffSnapshot& tariff, std::string_view model,
                              const UsageBuckets& buckets, std::span<const RequestCount> requests);
Result<Charge> compute_charge(const TariffSnapshot& tariff, std::string_view model,
                              const NormalizedUsage& usage);

Json charge_to_json(const Charge& c);
// The same object's canonical (JCS) text, written directly without a tree: what a receipt
// carries. Equal to jcs_canonicalize(charge_to_json(c)) (a test holds them together).
Result<std::string> charge_canonical(const Charge& c);
// Strict reader of charge_to_json's output (the verifier recomputes and compares). Errors:
// charge_missing_field, charge_unknown_field, charge_bad_field, charge_float_not_allowed.
Result<Charge> charge_from_json(const Json& j);

}  // namespace verimeter::billing
