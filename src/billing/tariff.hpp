// Tariff snapshots: an immutable, versioned, effective-dated price book (DESIGN §3,
// docs/spec/tariff.md). Prices are integer minor units (10^-exponent of the currency) per
// million tokens for each disjoint usage bucket, with optional graduated tiers per bucket,
// per-request fees, a minimum/maximum charge and a named rounding rule. A snapshot is
// identified by the hex SHA-256 of its canonical (JCS) JSON, so any change to any field
// changes its hash. Parsers are strict: unknown fields, floats, negative numbers, integers
// >= 2^53, unknown schema versions and unreachable model entries are rejected with named errors.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "billing/rounding.hpp"
#include "billing/usage.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace verimeter::billing {

// The one schema this code reads and writes; it selects the field set.
inline constexpr std::string_view kTariffSchemaV1 = "verimeter.tariff.v1";
inline constexpr std::size_t kBucketCount = std::size(kBucketNames);

// Input limits (a tariff is operator-supplied but also travels inside bundles).
inline constexpr std::size_t kMaxTariffBytes = 1024 * 1024;
inline constexpr std::size_t kMaxModelEntries = 1024;
inline constexpr std::size_t kMaxTiersPerBucket = 32;
inline constexpr std::size_t kMaxRequestFees = 64;

// One graduated tier: the tokens of a request's bucket beyond the previous tier's `up_to` and
// up to this tier's `up_to` (inclusive) cost `per_million`. The last tier has no bound.
struct Tier {
  std::optional<std::uint64_t> up_to;
  std::uint64_t per_million = 0;
  bool operator==(const Tier&) const = default;
};

struct ModelPrice {
  std::string match;  // exact model name, or a prefix ending in '*' ("*" alone matches all)
  std::array<std::uint64_t, kBucketCount> per_million{};  // indexed like kBucketNames
  std::map<std::string, std::vector<Tier>> tiers;         // bucket name -> tiers (optional)
  std::map<std::string, std::uint64_t> request_fees;      // fee name -> minor units / request
  bool operator==(const ModelPrice&) const = default;
};

struct TariffSnapshot {
  std::string tariff_id;
  std::uint64_t version = 0;
  UnixMillis effective_from = 0;
  std::string currency;        // ISO 4217 alphabetic code, e.g. "USD"
  std::uint32_t exponent = 6;  // amounts are integers of 10^-exponent currency units
  RoundingRule rounding = RoundingRule::kHalfUp;
  std::uint64_t minimum_charge = 0;
  std::optional<std::uint64_t> maximum_charge;
  std::vector<ModelPrice> models;  // first match wins
  bool operator==(const TariffSnapshot&) const = default;
};

// Parsers. Errors: json_* (syntax, size, depth, duplicate keys), tariff_toml_syntax,
// tariff_float_not_allowed, tariff_bad_schema, tariff_missing_field, tariff_unknown_field,
// tariff_bad_field, tariff_invalid, tariff_unreachable_entry.
Result<TariffSnapshot> parse_tariff_json(std::string_view text);
Result<TariffSnapshot> parse_tariff_toml(std::string_view text);
Result<TariffSnapshot> tariff_from_json(const Json& j);

// Checks every invariant the parsers check (for snapshots built in code).
Status validate_tariff(const TariffSnapshot& t);

// Canonical JSON object (every field present) and its identity.
Json tariff_to_json(const TariffSnapshot& t);
std::string tariff_canonical_bytes(const TariffSnapshot& t);  // JCS of tariff_to_json
std::string tariff_content_hash(const TariffSnapshot& t);     // hex SHA-256 of those bytes

// A snapshot with its canonical bytes and content hash computed once. Serializing and hashing a
// tariff of a few dozen entries costs far more than pricing a request, so a server keeps one
// PinnedTariff per published version and never re-serializes it per attest.
struct PinnedTariff {
  TariffSnapshot snapshot;
  std::string canonical;     // tariff_canonical_bytes(snapshot)
  std::string content_hash;  // tariff_content_hash(snapshot)
};
PinnedTariff pin_tariff(TariffSnapshot t);

// The first model entry whose pattern matches `model`, or nullptr.
const ModelPrice* find_model_price(const TariffSnapshot& t, std::string_view model);
bool pattern_matches(std::string_view pattern, std::string_view model);

}  // namespace verimeter::billing
