// Exact unsigned 128-bit amounts and their decimal text. Charges accumulate tokens x price per
// million in 128 bits (2^64 tokens x 2^53 price x a few buckets stays far below 2^128), and
// values that may exceed 2^53 travel in signed JSON as canonical decimal strings (no sign, no
// leading zeros, "0" for zero) — DESIGN invariant 2.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace verimeter::billing {

using U128 = unsigned __int128;

// Largest integer a signed JSON object may carry as a number: 2^53 - 1.
inline constexpr std::uint64_t kMaxJsonInteger = (std::uint64_t{1} << 53) - 1;

// Prices are per this many tokens; charge subtotals are kept scaled by it.
inline constexpr std::uint64_t kTokensPerPriceUnit = 1'000'000;

std::string u128_to_decimal(U128 v);
// Canonical decimal only (no sign, no leading zero except "0", <= 39 digits, < 2^128).
// Error code: bad_decimal.
Result<U128> u128_from_decimal(std::string_view s);

}  // namespace verimeter::billing
