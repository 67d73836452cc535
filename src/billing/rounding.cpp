#include "billing/rounding.hpp"

#include <cassert>

namespace verimeter::billing {

namespace {

struct RuleName {
  RoundingRule rule;
  std::string_view name;
};
constexpr RuleName kRuleNames[] = {{RoundingRule::kHalfUp, "half_up"},
                                   {RoundingRule::kHalfDown, "half_down"},
                                   {RoundingRule::kHalfEven, "half_even"},
                                   {RoundingRule::kUp, "up"},
                                   {RoundingRule::kDown, "down"}};

}  // namespace

std::string_view rounding_name(RoundingRule rule) {
  for (const auto& r : kRuleNames) {
    if (r.rule == rule) return r.name;
  }
  return "half_up";  // unreachable: every enumerator is listed above
}

std::optional<RoundingRule> rounding_from_name(std::string_view name) {
  for (const auto& r : kRuleNames) {
    if (r.name == name) return r.rule;
  }
  return std::nullopt;
}

U128 round_div(U128 value, U128 divisor, RoundingRule rule) {
  assert(divisor != 0);
  const U128 q = value / divisor;
  const U128 r = value % divisor;
  if (r == 0) return q;
  // Compare r with divisor - r instead of 2r with divisor: no overflow for any 128-bit divisor.
  const U128 rest = divisor - r;
  switch (rule) {
    case RoundingRule::kDown:
      return q;
    case RoundingRule::kUp:
      return q + 1;
    case RoundingRule::kHalfUp:
      return r >= rest ? q + 1 : q;
    case RoundingRule::kHalfDown:
      return r > rest ? q + 1 : q;
    case RoundingRule::kHalfEven:
      if (r != rest) return r > rest ? q + 1 : q;
      return (q & 1) != 0 ? q + 1 : q;
  }
  return q;
}

}  // namespace verimeter::billing
