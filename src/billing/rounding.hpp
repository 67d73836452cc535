// Named rounding rules for charges. A charge is computed exactly in units of 10^-6 minor units
// (prices are per million tokens) and rounded ONCE to whole minor units with the tariff's rule.
// Amounts are never negative, so "up" is the ceiling and "down" the floor; the half rules only
// differ when the remainder is exactly one half. Integer arithmetic only (DESIGN invariant 1).
#pragma once

#include <optional>
#include <string_view>

#include "billing/scaled_amount.hpp"

namespace verimeter::billing {

enum class RoundingRule {
  kHalfUp,    // "half_up": nearest, ties away from zero (upwards)
  kHalfDown,  // "half_down": nearest, ties towards zero (downwards)
  kHalfEven,  // "half_even": nearest, ties to the even neighbour (banker's rounding)
  kUp,        // "up": ceiling, any remainder rounds up
  kDown,      // "down": floor, any remainder is dropped
};

inline constexpr RoundingRule kAllRoundingRules[] = {RoundingRule::kHalfUp, RoundingRule::kHalfDown,
                                                     RoundingRule::kHalfEven, RoundingRule::kUp,
                                                     RoundingRule::kDown};

std::string_view rounding_name(RoundingRule rule);
std::optional<RoundingRule> rounding_from_name(std::string_view name);

// quotient of value / divisor rounded with `rule`; divisor must be > 0.
U128 round_div(U128 value, U128 divisor, RoundingRule rule);

}  // namespace verimeter::billing
