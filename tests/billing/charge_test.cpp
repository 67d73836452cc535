#include "billing/charge.hpp"

#include <gtest/gtest.h>

#include "core/jcs.hpp"
#include "tariff_test_fixture.hpp"

namespace verimeter::billing {
namespace {

using testing::test_tariff;

constexpr std::uint64_t kMax = kMaxJsonInteger;

UsageBuckets vector_a_usage() {
  UsageBuckets b;
  b.input_uncached = 1200;
  b.input_cache_read = 800;
  b.input_cache_write_5m = 7;
  b.output_visible = 350;
  b.output_reasoning = 150;
  return b;
}

TEST(RoundDiv, EveryRuleOnTiesAndNonTies) {
  struct Case {
    std::uint64_t value;
    std::uint64_t half_up, half_down, half_even, up, down;
  };
  const Case cases[] = {
      {0, 0, 0, 0, 0, 0},         {1, 0, 0, 0, 1, 0},         {499'999, 0, 0, 0, 1, 0},
      {500'000, 1, 0, 0, 1, 0},   {500'001, 1, 1, 1, 1, 0},   {1'500'000, 2, 1, 2, 2, 1},
      {2'500'000, 3, 2, 2, 3, 2}, {2'500'001, 3, 3, 3, 3, 2}, {2'499'999, 2, 2, 2, 3, 2},
      {3'000'000, 3, 3, 3, 3, 3}, {3'999'999, 4, 4, 4, 4, 3},
  };
  for (const auto& c : cases) {
    const U128 v = c.value;
    EXPECT_EQ(round_div(v, 1'000'000, RoundingRule::kHalfUp), c.half_up) << c.value;
    EXPECT_EQ(round_div(v, 1'000'000, RoundingRule::kHalfDown), c.half_down) << c.value;
    EXPECT_EQ(round_div(v, 1'000'000, RoundingRule::kHalfEven), c.half_even) << c.value;
    EXPECT_EQ(round_div(v, 1'000'000, RoundingRule::kUp), c.up) << c.value;
    EXPECT_EQ(round_div(v, 1'000'000, RoundingRule::kDown), c.down) << c.value;
  }
  const U128 top = ~U128{0};
  EXPECT_EQ(round_div(top, 1, RoundingRule::kUp), top);
  EXPECT_EQ(round_div(top, 2, RoundingRule::kUp), (top >> 1) + 1);
  EXPECT_EQ(round_div(top, 2, RoundingRule::kHalfEven), U128{1} << 127);  // odd quotient → up
  EXPECT_EQ(round_div(top, top, RoundingRule::kDown), 1u);
}

TEST(RoundingNames, RoundTrip) {
  for (auto rule : kAllRoundingRules) {
    EXPECT_EQ(rounding_from_name(rounding_name(rule)), rule);
  }
  EXPECT_FALSE(rounding_from_name("HALF_UP").has_value());
  EXPECT_FALSE(rounding_from_name("").has_value());
}

TEST(Decimal, CanonicalTextOnly) {
  EXPECT_EQ(u128_to_decimal(0), "0");
  const U128 top = ~U128{0};
  EXPECT_EQ(u128_to_decimal(top), "340282366920938463463374607431768211455");
  EXPECT_EQ(*u128_from_decimal("340282366920938463463374607431768211455"), top);
  EXPECT_EQ(*u128_from_decimal("0"), 0u);
  EXPECT_EQ(*u128_from_decimal("9021875000"), 9021875000u);
  for (const char* bad :
       {"", "01", "00", "-1", "+1", "1 ", "1e3", "1.0", "340282366920938463463374607431768211456",
        "1000000000000000000000000000000000000000"}) {
    EXPECT_EQ(u128_from_decimal(bad).error().code, "bad_decimal") << bad;
  }
}

TEST(Charge, FlatPricesRoundOnceAndAddFees) {
  const RequestCount fees[] = {{"web_search_requests", 2}};
  auto c = compute_charge(test_tariff(), "model-a", vector_a_usage(), fees);
  ASSERT_TRUE(c.ok()) << c.error().message;
  // 1200×2500000 + 800×1250000 + 7×3125000 + 350×10000000 + 150×10000000 = 9021875000
  EXPECT_EQ(c->subtotal_scaled, 9'021'875'000u);
  EXPECT_EQ(c->rounded_subtotal, 9022u);  // 9021.875 → half_even → 9022
  EXPECT_EQ(c->fees_total, 20000u);
  EXPECT_EQ(c->amount, 29022u);
  EXPECT_EQ(c->model_entry, "model-a");
  ASSERT_EQ(c->lines.size(), kBucketCount);
  for (std::size_t i = 0; i < kBucketCount; ++i) EXPECT_EQ(c->lines[i].bucket, kBucketNames[i]);
  EXPECT_EQ(c->lines[2].subtotal_scaled, 21'875'000u);
  EXPECT_TRUE(c->lines[0].tiers.empty());
  ASSERT_EQ(c->fees.size(), 1u);
  EXPECT_EQ(c->fees[0], (ChargeFee{"web_search_requests", 2, 10000, 20000}));
  EXPECT_FALSE(c->minimum_applied);
  EXPECT_FALSE(c->maximum_applied);
}

TEST(Charge, GraduatedTiersSplitTheTokens) {
  UsageBuckets b;
  b.input_uncached = 6000;
  b.output_visible = 500;
  auto c = compute_charge(test_tariff(), "tiered-x", b, {});
  ASSERT_TRUE(c.ok());
  const auto& line = c->lines[0];
  ASSERT_EQ(line.tiers.size(), 3u);
  EXPECT_EQ(line.tiers[0], (ChargeSegment{1000, 3, 3000}));
  EXPECT_EQ(line.tiers[1], (ChargeSegment{4000, 2, 8000}));
  EXPECT_EQ(line.tiers[2], (ChargeSegment{1000, 1, 1000}));
  EXPECT_EQ(line.subtotal_scaled, 12000u);
  EXPECT_EQ(c->subtotal_scaled, 12500u);
  EXPECT_EQ(c->amount, 0u);  // 0.0125 minor units → half_even → 0
  // Boundaries: exactly 1000 stays in the first tier, 1001 reaches the second.
  b.input_uncached = 1000;
  EXPECT_EQ(compute_charge(test_tariff(), "tiered-x", b, {})->lines[0].tiers.size(), 1u);
  b.input_uncached = 1001;
  auto c2 = compute_charge(test_tariff(), "tiered-x", b, {});
  ASSERT_EQ(c2->lines[0].tiers.size(), 2u);
  EXPECT_EQ(c2->lines[0].tiers[1], (ChargeSegment{1, 2, 2}));
  b.input_uncached = 0;
  EXPECT_TRUE(compute_charge(test_tariff(), "tiered-x", b, {})->lines[0].tiers.empty());
}

TEST(Charge, MinimumAndMaximumClamp) {
  TariffSnapshot t = test_tariff();
  t.minimum_charge = 100;
  t.maximum_charge = 1000;
  auto low = compute_charge(t, "model-a", UsageBuckets{}, {});
  EXPECT_EQ(low->amount, 100u);
  EXPECT_TRUE(low->minimum_applied);
  EXPECT_FALSE(low->maximum_applied);
  UsageBuckets b;
  b.input_uncached = 1'000'000;
  auto high = compute_charge(t, "model-a", b, {});
  EXPECT_EQ(high->rounded_subtotal, 2'500'000u);
  EXPECT_EQ(high->amount, 1000u);
  EXPECT_TRUE(high->maximum_applied);
  EXPECT_FALSE(high->minimum_applied);
  b.input_uncached = 40;  // exactly 100 micro: neither applies
  auto exact = compute_charge(t, "model-a", b, {});
  EXPECT_EQ(exact->amount, 100u);
  EXPECT_FALSE(exact->minimum_applied);
}

TEST(Charge, NamedErrors) {
  TariffSnapshot t = test_tariff();
  const RequestCount fetch[] = {{"web_fetch_requests", 1}};
  EXPECT_EQ(compute_charge(t, "model-a", UsageBuckets{}, fetch).error().code, "tariff_missing_fee");
  const RequestCount unsorted[] = {{"web_search_requests", 1}, {"a_requests", 1}};
  EXPECT_EQ(compute_charge(t, "model-a", UsageBuckets{}, unsorted).error().code,
            "charge_bad_usage");
  const RequestCount zero[] = {{"web_search_requests", 0}};
  EXPECT_EQ(compute_charge(t, "model-a", UsageBuckets{}, zero).error().code, "charge_bad_usage");
  t.models.pop_back();
  EXPECT_EQ(compute_charge(t, "unknown", UsageBuckets{}, {}).error().code, "tariff_no_match");
}

TEST(Charge, OverflowIsAnErrorNeverAWrap) {
  const TariffSnapshot t = test_tariff();
  UsageBuckets b;
  b.input_uncached = kMax + 1;  // a receipt cannot carry this count
  EXPECT_EQ(compute_charge(t, "model-a", b, {}).error().code, "charge_overflow");
  b.input_uncached = UINT64_MAX;
  EXPECT_EQ(compute_charge(t, "model-a", b, {}).error().code, "charge_overflow");
  b = UsageBuckets{};
  b.audio_out = kMax;  // 80 × (2^53 − 1) micro-units: beyond 2^53
  EXPECT_EQ(compute_charge(t, "model-a", b, {}).error().code, "charge_overflow");
  b.audio_out = kMax / 80;  // just fits
  auto ok = compute_charge(t, "model-a", b, {});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->amount, kMax / 80 * 80);
  const RequestCount many[] = {{"web_search_requests", kMax / 10000 + 1}};
  EXPECT_EQ(compute_charge(t, "model-a", UsageBuckets{}, many).error().code, "charge_overflow");
  const RequestCount too_many[] = {{"web_search_requests", UINT64_MAX}};
  EXPECT_EQ(compute_charge(t, "model-a", UsageBuckets{}, too_many).error().code, "charge_overflow");
  // Tokens + fees each fit but the sum does not.
  b = UsageBuckets{};
  b.audio_out = kMax / 80;
  const RequestCount some[] = {{"web_search_requests", 1}};
  EXPECT_EQ(compute_charge(t, "model-a", b, some).error().code, "charge_overflow");
  // A zero price accepts the largest count a receipt carries.
  b = UsageBuckets{};
  b.output_visible = kMax;
  EXPECT_EQ(compute_charge(t, "free-model", b, {})->amount, 0u);
}

TEST(Charge, HostileUnvalidatedTariffNeverWraps) {
  // compute_charge does not require a validated snapshot: prices, fees and bounds near
  // UINT64_MAX still give exact results or charge_overflow.
  TariffSnapshot t = test_tariff();
  t.models[0].per_million.fill(UINT64_MAX);
  UsageBuckets b;
  b.audio_out = 1;
  auto one = compute_charge(t, "model-a", b, {});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->subtotal_scaled, U128{UINT64_MAX});
  EXPECT_EQ(one->amount, UINT64_MAX / 1'000'000 + 1);  // .551615 → half_even → up
  b = UsageBuckets{kMax, kMax, kMax, kMax, kMax, kMax, kMax, kMax};
  auto all = compute_charge(t, "model-a", b, {});
  EXPECT_EQ(all.error().code, "charge_overflow");
  t.models[0].request_fees["web_search_requests"] = UINT64_MAX;
  const RequestCount one_search[] = {{"web_search_requests", 1}};
  EXPECT_EQ(compute_charge(t, "model-a", UsageBuckets{}, one_search).error().code,
            "charge_overflow");
  t = test_tariff();
  t.minimum_charge = UINT64_MAX;
  EXPECT_EQ(compute_charge(t, "model-a", UsageBuckets{}, {}).error().code, "charge_overflow");
  t.models[1].tiers["input_uncached"][2].per_million = UINT64_MAX;
  t.minimum_charge = 0;
  b = UsageBuckets{};
  b.input_uncached = 5001;  // one token in the hostile last tier
  auto tier = compute_charge(t, "tiered-x", b, {});
  ASSERT_TRUE(tier.ok());
  EXPECT_EQ(tier->lines[0].subtotal_scaled, U128{3000} + 8000 + UINT64_MAX);
}

TEST(Charge, UsesNormalizedUsage) {
  NormalizedUsage u;
  u.buckets = vector_a_usage();
  u.requests = {{"web_search_requests", 2}};
  EXPECT_EQ(compute_charge(test_tariff(), "model-a", u)->amount, 29022u);
}

TEST(ChargeJson, RoundTripsAndIsCanonical) {
  const RequestCount fees[] = {{"web_search_requests", 2}};
  auto c = compute_charge(test_tariff(), "model-a", vector_a_usage(), fees);
  const Json j = charge_to_json(*c);
  EXPECT_EQ(j["subtotal_scaled"], "9021875000");
  EXPECT_EQ(j["amount"], 29022);
  EXPECT_EQ(j["rounding"], "half_even");
  auto back = charge_from_json(j);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, *c);
  auto tiered =
      compute_charge(test_tariff(), "tiered-x", UsageBuckets{6000, 0, 0, 0, 1, 0, 0, 0}, {});
  EXPECT_EQ(*charge_from_json(charge_to_json(*tiered)), *tiered);
  // Byte-identical canonical JSON on every computation.
  const std::string first = *jcs_canonicalize(j);
  for (int i = 0; i < 3; ++i) {
    auto again = compute_charge(test_tariff(), "model-a", vector_a_usage(), fees);
    EXPECT_EQ(*jcs_canonicalize(charge_to_json(*again)), first);
  }
}

TEST(ChargeJson, StrictReader) {
  const RequestCount fees[] = {{"web_search_requests", 2}};
  const Json good =
      charge_to_json(*compute_charge(test_tariff(), "model-a", vector_a_usage(), fees));
  auto code = [](const Json& j) {
    auto r = charge_from_json(j);
    return r.ok() ? std::string("ok") : r.error().code;
  };
  Json j = good;
  j["extra"] = 1;
  EXPECT_EQ(code(j), "charge_unknown_field");
  j = good;
  j.erase("amount");
  EXPECT_EQ(code(j), "charge_missing_field");
  j = good;
  j["amount"] = 1.0;
  EXPECT_EQ(code(j), "charge_float_not_allowed");
  j = good;
  j["subtotal_scaled"] = "09021875000";
  EXPECT_EQ(code(j), "charge_bad_field");
  j = good;
  j["subtotal_scaled"] = 9021875000;
  EXPECT_EQ(code(j), "charge_bad_field");
  j = good;
  j["lines"][3]["tiers"] = Json::object();
  EXPECT_EQ(code(j), "charge_bad_field");
  j = good;
  j["fees"][0].erase("unit");
  EXPECT_EQ(code(j), "charge_missing_field");
  j = good;
  j["minimum_applied"] = 0;
  EXPECT_EQ(code(j), "charge_bad_field");
  j = good;
  j["rounding"] = "ceil";
  EXPECT_EQ(code(j), "charge_bad_field");
  j = good;
  j["amount"] = kMax + 1;
  EXPECT_EQ(code(j), "charge_bad_field");
  j = good;
  j["amount"] = 1;  // well-formed but wrong: the reader accepts, recomputation catches it
  EXPECT_EQ(code(j), "ok");
  EXPECT_NE(*charge_from_json(j), *charge_from_json(good));
}

}  // namespace
}  // namespace verimeter::billing
