// Property tests of the charge over many seeded random tariffs and usages, checked against an
// independent reference computed with GMP big integers (no 128-bit arithmetic, a different tier
// algorithm): deterministic, monotonic in every bucket, rounded exactly as documented, and an
// overflow is always the named error, never a wrapped amount.
#include <gmp.h>
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "billing/bundle.hpp"
#include "billing/charge.hpp"
#include "core/jcs.hpp"

namespace verimeter::billing {
namespace {

constexpr std::uint64_t kMax = kMaxJsonInteger;

// RAII wrapper for mpz_t (test-only).
class Big {
 public:
  Big() { mpz_init(v_); }
  explicit Big(std::uint64_t x) {
    mpz_init(v_);
    mpz_import(v_, 1, 1, sizeof x, 0, 0, &x);
  }
  Big(const Big& o) { mpz_init_set(v_, o.v_); }
  Big& operator=(const Big& o) {
    mpz_set(v_, o.v_);
    return *this;
  }
  ~Big() { mpz_clear(v_); }
  mpz_t& get() { return v_; }
  const mpz_t& get() const { return v_; }
  Big operator+(const Big& o) const {
    Big r;
    mpz_add(r.v_, v_, o.v_);
    return r;
  }
  Big operator*(const Big& o) const {
    Big r;
    mpz_mul(r.v_, v_, o.v_);
    return r;
  }
  int cmp(const Big& o) const { return mpz_cmp(v_, o.v_); }
  std::string str() const {
    std::string s(mpz_sizeinbase(v_, 10) + 2, '\0');
    mpz_get_str(s.data(), 10, v_);
    s.resize(std::strlen(s.c_str()));
    return s;
  }

 private:
  mpz_t v_;
};

Big from_u128(U128 x) {
  const Big hi(static_cast<std::uint64_t>(x >> 64));
  const Big lo(static_cast<std::uint64_t>(x));
  Big two64;
  mpz_ui_pow_ui(two64.get(), 2, 64);
  return hi * two64 + lo;
}

// The documented rules, from floor division and a comparison of 2r with the divisor.
Big reference_round(const Big& value, const Big& divisor, RoundingRule rule) {
  Big q, r, twice;
  mpz_fdiv_qr(q.get(), r.get(), value.get(), divisor.get());
  mpz_mul_ui(twice.get(), r.get(), 2);
  const int c = twice.cmp(divisor);
  const bool zero = mpz_sgn(r.get()) == 0;
  bool up = false;
  switch (rule) {
    case RoundingRule::kDown:
      up = false;
      break;
    case RoundingRule::kUp:
      up = !zero;
      break;
    case RoundingRule::kHalfUp:
      up = c >= 0 && !zero;
      break;
    case RoundingRule::kHalfDown:
      up = c > 0;
      break;
    case RoundingRule::kHalfEven:
      up = c > 0 || (c == 0 && !zero && mpz_odd_p(q.get()));
      break;
  }
  if (up) mpz_add_ui(q.get(), q.get(), 1);
  return q;
}

// Tier i covers tokens (L_i, U_i]; it prices max(0, min(t, U_i) − L_i) tokens.
Big reference_bucket(std::uint64_t tokens, std::uint64_t base, const std::vector<Tier>* tiers) {
  if (tiers == nullptr) return Big(tokens) * Big(base);
  Big sum;
  std::uint64_t lower = 0;
  for (const auto& tier : *tiers) {
    const std::uint64_t upper = tier.up_to.value_or(UINT64_MAX);
    const std::uint64_t top = std::min(tokens, upper);
    if (top > lower) sum = sum + Big(top - lower) * Big(tier.per_million);
    lower = upper;
  }
  return sum;
}

std::uint64_t field(const UsageBuckets& b, std::size_t i) {
  const std::uint64_t v[] = {b.input_uncached,
                             b.input_cache_read,
                             b.input_cache_write_5m,
                             b.input_cache_write_1h,
                             b.output_visible,
                             b.output_reasoning,
                             b.audio_in,
                             b.audio_out};
  return v[i];
}
std::uint64_t& field(UsageBuckets& b, std::size_t i) {
  std::uint64_t* v[] = {&b.input_uncached,
                        &b.input_cache_read,
                        &b.input_cache_write_5m,
                        &b.input_cache_write_1h,
                        &b.output_visible,
                        &b.output_reasoning,
                        &b.audio_in,
                        &b.audio_out};
  return *v[i];
}

// Expected amount, or nullopt when some value exceeds what a receipt carries.
std::optional<std::uint64_t> reference_amount(const TariffSnapshot& t, const ModelPrice& m,
                                              const UsageBuckets& b,
                                              const std::vector<RequestCount>& req,
                                              std::string* scaled_out) {
  const Big limit(kMax);
  Big scaled;
  for (std::size_t i = 0; i < kBucketCount; ++i) {
    if (field(b, i) > kMax) return std::nullopt;
    auto it = m.tiers.find(kBucketNames[i]);
    scaled = scaled + reference_bucket(field(b, i), m.per_million[i],
                                       it == m.tiers.end() ? nullptr : &it->second);
  }
  if (scaled_out) *scaled_out = scaled.str();
  Big total = reference_round(scaled, Big(1'000'000), t.rounding);
  if (total.cmp(limit) > 0) return std::nullopt;
  Big fees;
  for (const auto& r : req) {
    const Big fee = Big(r.count) * Big(m.request_fees.at(r.name));
    if (r.count > kMax || fee.cmp(limit) > 0) return std::nullopt;
    fees = fees + fee;
    if (fees.cmp(limit) > 0) return std::nullopt;
  }
  total = total + fees;
  if (total.cmp(limit) > 0) return std::nullopt;
  std::uint64_t amount = mpz_get_ui(total.get());
  amount = std::max(amount, t.minimum_charge);
  if (t.maximum_charge) amount = std::min(amount, *t.maximum_charge);
  return amount;
}

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}
  std::uint64_t below(std::uint64_t n) {
    return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng_);
  }
  // Mostly small values, sometimes huge ones near the limits.
  std::uint64_t amount(std::uint64_t small_max) {
    switch (below(8)) {
      case 0:
        return kMax - below(4);
      case 1:
        return below(kMax);
      case 2:
        return 0;
      default:
        return below(small_max + 1);
    }
  }
  std::uint64_t tokens() {
    switch (below(10)) {
      case 0:
        return UINT64_MAX - below(4);
      case 1:
        return kMax - below(4);
      case 2:
        return kMax + below(4);
      default:
        return below(2'000'000);
    }
  }
  TariffSnapshot tariff() {
    TariffSnapshot t;
    t.tariff_id = "prop";
    t.version = 1;
    t.currency = "USD";
    t.rounding = kAllRoundingRules[below(5)];
    t.minimum_charge = below(3) == 0 ? below(1000) : 0;
    if (below(3) == 0) t.maximum_charge = t.minimum_charge + below(1'000'000);
    ModelPrice m;
    m.match = "*";
    for (auto& p : m.per_million) p = amount(20'000'000);
    for (std::size_t i = 0; i < kBucketCount; ++i) {
      if (below(3) != 0) continue;
      std::vector<Tier> tiers{{std::nullopt, m.per_million[i]}};
      std::uint64_t up = 0;
      const std::size_t n = 1 + below(4);
      for (std::size_t k = 0; k < n; ++k) {
        up += 1 + below(500'000);
        tiers.back().up_to = up;
        tiers.push_back({std::nullopt, amount(20'000'000)});
      }
      m.tiers[kBucketNames[i]] = tiers;
    }
    m.request_fees = {{"a_requests", amount(50'000)}, {"b_requests", amount(50'000)}};
    t.models.push_back(m);
    return t;
  }
  UsageBuckets usage() {
    UsageBuckets b;
    for (std::size_t i = 0; i < kBucketCount; ++i) {
      if (below(2) == 0) field(b, i) = tokens();
    }
    return b;
  }
  std::vector<RequestCount> requests() {
    std::vector<RequestCount> r;
    if (below(2) == 0) r.push_back({"a_requests", 1 + below(below(10) == 0 ? kMax + 10 : 20)});
    if (below(2) == 0) r.push_back({"b_requests", 1 + below(20)});
    return r;
  }

 private:
  std::mt19937_64 rng_;
};

TEST(ChargeProperty, MatchesTheBigIntegerReference) {
  Gen g(20260101);
  int computed = 0, overflowed = 0;
  for (int i = 0; i < 20000; ++i) {
    const TariffSnapshot t = g.tariff();
    ASSERT_TRUE(validate_tariff(t).ok()) << validate_tariff(t).error().message;
    const UsageBuckets b = g.usage();
    const auto req = g.requests();
    std::string scaled;
    const auto expected = reference_amount(t, t.models[0], b, req, &scaled);
    auto c = compute_charge(t, "m", b, req);
    if (!expected) {
      ASSERT_FALSE(c.ok()) << "iteration " << i;
      EXPECT_EQ(c.error().code, "charge_overflow");
      ++overflowed;
      continue;
    }
    ASSERT_TRUE(c.ok()) << "iteration " << i << ": " << c.error().message;
    EXPECT_EQ(c->amount, *expected) << "iteration " << i;
    EXPECT_EQ(u128_to_decimal(c->subtotal_scaled), scaled) << "iteration " << i;
    ++computed;
  }
  // Both paths are exercised substantially.
  EXPECT_GT(computed, 3000);
  EXPECT_GT(overflowed, 3000);
}

TEST(ChargeProperty, DeterministicBytes) {
  Gen g(7);
  for (int i = 0; i < 2000; ++i) {
    const TariffSnapshot t = g.tariff();
    const UsageBuckets b = g.usage();
    const auto req = g.requests();
    auto c1 = compute_charge(t, "m", b, req);
    auto c2 = compute_charge(TariffSnapshot(t), "m", UsageBuckets(b), req);
    ASSERT_EQ(c1.ok(), c2.ok());
    if (!c1.ok()) continue;
    EXPECT_EQ(*jcs_canonicalize(charge_to_json(*c1)), *jcs_canonicalize(charge_to_json(*c2)));
    EXPECT_EQ(*charge_from_json(charge_to_json(*c1)), *c1);
  }
}

// The receipt's charge text is written directly (charge_canonical); it must be exactly the
// canonical form of the charge's JSON object.
TEST(ChargeProperty, DirectCanonicalTextEqualsTheTreeForm) {
  Gen g(31337);
  int compared = 0, refused = 0;
  for (int i = 0; i < 5000; ++i) {
    const TariffSnapshot t = g.tariff();
    auto c = compute_charge(t, "m", g.usage(), g.requests());
    if (!c.ok()) continue;
    const auto direct = charge_canonical(*c);
    const auto tree = jcs_canonicalize(charge_to_json(*c));
    ASSERT_EQ(direct.ok(), tree.ok()) << "iteration " << i;
    if (!tree.ok()) {
      EXPECT_EQ(direct.error().code, tree.error().code);
      ++refused;
      continue;
    }
    ASSERT_EQ(*direct, *tree) << "iteration " << i;
    ++compared;
  }
  EXPECT_GT(compared, 500);
  EXPECT_EQ(refused, 0);  // compute_charge keeps every figure within the JSON-safe range
}

// The meter's text is written directly too (meter_canonical), with its usage and requests
// members: each must be exactly the canonical form of make_meter()'s tree, escapes and
// refusals included.
TEST(MeterProperty, DirectCanonicalTextEqualsTheTreeForm) {
  Gen g(4242);
  const std::string names[] = {"gpt-4o", "m\"\\\n\u00e9\u20ac", "", std::string("bad\xff")};
  int compared = 0, refused = 0;
  for (int i = 0; i < 3000; ++i) {
    MeterEvent e;
    e.tenant = "t_" + std::to_string(i);
    e.event_id = names[g.below(4)];
    e.event_time = "2026-12-07T05:00:00.000Z";
    e.model = names[g.below(3)];
    e.usage.provider = "openai";
    e.usage.api = "chat_completions";
    e.usage.usage_source = "provider";
    e.usage.buckets = g.usage();
    e.usage.requests = g.requests();
    const Json tree = make_meter(e);
    const auto direct = meter_canonical(e);
    const auto canon = jcs_canonicalize(tree);
    ASSERT_EQ(direct.ok(), canon.ok()) << "iteration " << i;
    if (!canon.ok()) {
      // With invalid UTF-8 and an oversized count in one meter, either fault may be named.
      if (e.event_id != names[3])
        EXPECT_EQ(direct.error().code, canon.error().code);
      else
        EXPECT_TRUE(direct.error().code == "jcs_invalid_utf8" ||
                    direct.error().code == "jcs_number_out_of_range");
      ++refused;
      continue;
    }
    ASSERT_EQ(direct->meter, *canon) << "iteration " << i;
    EXPECT_EQ(direct->usage, *jcs_canonicalize(tree["usage"]));
    EXPECT_EQ(direct->requests, *jcs_canonicalize(tree["requests"]));
    ++compared;
  }
  EXPECT_GT(compared, 1000);
  EXPECT_GT(refused, 100);  // invalid UTF-8 and counts beyond 2^53 - 1 are refused alike
}

TEST(ChargeProperty, MonotonicInEveryBucket) {
  Gen g(99);
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    const TariffSnapshot t = g.tariff();
    UsageBuckets b;
    for (std::size_t k = 0; k < kBucketCount; ++k) field(b, k) = g.below(3'000'000);
    auto before = compute_charge(t, "m", b, {});
    const std::size_t k = g.below(kBucketCount);
    field(b, k) += 1 + g.below(g.below(2) == 0 ? 10 : 2'000'000);
    auto after = compute_charge(t, "m", b, {});
    if (!before.ok() || !after.ok()) {
      // More tokens may overflow, but fewer tokens never overflow when more do not.
      EXPECT_FALSE(!before.ok() && after.ok()) << "iteration " << i;
      continue;
    }
    EXPECT_LE(before->subtotal_scaled, after->subtotal_scaled);
    EXPECT_LE(before->rounded_subtotal, after->rounded_subtotal);
    EXPECT_LE(before->amount, after->amount) << "iteration " << i << " bucket " << k;
    ++checked;
  }
  EXPECT_GT(checked, 4000);  // the rest hit hostile prices that overflow
}

TEST(ChargeProperty, RoundDivMatchesReferenceNearTheLimits) {
  Gen g(4242);
  const U128 top = ~U128{0};
  for (int i = 0; i < 50000; ++i) {
    const U128 hi = g.below(4) == 0 ? ~std::uint64_t{0} : g.below(UINT64_MAX);
    const U128 value = i % 3 == 0 ? top - g.below(1000) : (hi << 64) | g.below(UINT64_MAX);
    U128 divisor = 1'000'000;
    if (i % 2 == 1) divisor = (U128{g.below(UINT64_MAX)} << g.below(64)) | 1;
    if (i % 7 == 0) divisor = 2 * (1 + U128{g.below(1'000'000)});  // exact ties are possible
    const U128 tie = (value / divisor) * divisor + divisor / 2;    // force a tie now and then
    const U128 v =
        (i % 5 == 0 && divisor % 2 == 0 && tie >= value / divisor * divisor) ? tie : value;
    for (auto rule : kAllRoundingRules) {
      const Big expected = reference_round(from_u128(v), from_u128(divisor), rule);
      EXPECT_EQ(from_u128(round_div(v, divisor, rule)).cmp(expected), 0)
          << u128_to_decimal(v) << " / " << u128_to_decimal(divisor) << " " << rounding_name(rule);
    }
  }
}

}  // namespace
}  // namespace verimeter::billing
