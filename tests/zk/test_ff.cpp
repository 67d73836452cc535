// Fq/Fr laws and conversions, checked against GMP as an independent oracle on random inputs,
// and the portable and ADX Montgomery products checked against each other.
#include <gmp.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "zk/ff/fq.hpp"
#include "zk/ff/fr.hpp"

namespace verimeter::zk {
namespace {

// Small RAII wrapper so each test reads as plain arithmetic on the oracle side.
struct Mpz {
  mpz_t z;
  Mpz() { mpz_init(z); }
  explicit Mpz(const std::string& dec) { mpz_init_set_str(z, dec.c_str(), 10); }
  ~Mpz() { mpz_clear(z); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
  std::string str() const {
    char* s = mpz_get_str(nullptr, 10, z);
    std::string out(s);
    void (*freefunc)(void*, size_t);
    mp_get_memory_functions(nullptr, nullptr, &freefunc);
    freefunc(s, out.size() + 1);
    return out;
  }
};

template <class F>
std::string modulus_dec() {
  Mpz m;
  mpz_import(m.z, 4, -1, 8, 0, 0, F::kModulus.data());
  return m.str();
}

template <class F>
class FieldOracleTest : public ::testing::Test {};
using FieldTypes = ::testing::Types<Fq, Fr>;
TYPED_TEST_SUITE(FieldOracleTest, FieldTypes);

TYPED_TEST(FieldOracleTest, ArithmeticMatchesGmp) {
  using F = TypeParam;
  Mpz p(modulus_dec<F>());
  for (int i = 0; i < 300; ++i) {
    const F a = F::random(), b = F::random();
    Mpz za(a.to_decimal()), zb(b.to_decimal()), r;
    mpz_add(r.z, za.z, zb.z);
    mpz_mod(r.z, r.z, p.z);
    EXPECT_EQ((a + b).to_decimal(), r.str());
    mpz_sub(r.z, za.z, zb.z);
    mpz_mod(r.z, r.z, p.z);
    EXPECT_EQ((a - b).to_decimal(), r.str());
    mpz_mul(r.z, za.z, zb.z);
    mpz_mod(r.z, r.z, p.z);
    EXPECT_EQ((a * b).to_decimal(), r.str());
    mpz_mul(r.z, za.z, za.z);
    mpz_mod(r.z, r.z, p.z);
    EXPECT_EQ(a.square().to_decimal(), r.str());
    mpz_neg(r.z, za.z);
    mpz_mod(r.z, r.z, p.z);
    EXPECT_EQ((-a).to_decimal(), r.str());
    mpz_invert(r.z, za.z, p.z);
    EXPECT_EQ(a.inverse().to_decimal(), r.str());
    const u64 e = b.to_limbs()[0];
    Mpz ze;
    mpz_set_ui(ze.z, e);
    mpz_powm(r.z, za.z, ze.z, p.z);
    EXPECT_EQ(a.pow(e).to_decimal(), r.str());
  }
}

TYPED_TEST(FieldOracleTest, EdgeValuesMatchGmp) {
  using F = TypeParam;
  Mpz p(modulus_dec<F>());
  Mpz pm1;
  mpz_sub_ui(pm1.z, p.z, 1);
  const F max = F::from_decimal(pm1.str()).value();
  EXPECT_EQ((max + F::one()), F::zero());
  EXPECT_EQ((F::zero() - F::one()), max);
  EXPECT_EQ((max * max), F::one());
  EXPECT_EQ(max.inverse(), max);
  EXPECT_EQ(F::zero().inverse(), F::zero());
  EXPECT_TRUE(F::one().is_one());
  EXPECT_TRUE(F::zero().is_zero());
  EXPECT_EQ(F::from_u64(7).to_decimal(), "7");
}

TYPED_TEST(FieldOracleTest, PortableAndAdxProductsAgree) {
  using F = TypeParam;
  if (!cpu_supports_adx())
    GTEST_SKIP() << "this CPU has no ADX/BMI2: only the portable path exists";
  for (int i = 0; i < 2000; ++i) {
    const F a = (i == 0) ? -F::one() : F::random();
    const F b = (i == 0) ? -F::one() : F::random();
    Limbs r1, r2;
    mont_mul_portable<typename F::Params>(r1, a.montgomery_limbs(), b.montgomery_limbs());
    mont_mul_adx<typename F::Params>(r2, a.montgomery_limbs(), b.montgomery_limbs());
    ASSERT_EQ(r1, r2);
  }
}

TYPED_TEST(FieldOracleTest, StrictDecimalParsing) {
  using F = TypeParam;
  const std::string p = modulus_dec<F>();
  EXPECT_FALSE(F::from_decimal(p).ok());
  EXPECT_EQ(F::from_decimal(p).error().code, "field_not_canonical");
  EXPECT_FALSE(F::from_decimal("").ok());
  EXPECT_FALSE(F::from_decimal("01").ok());
  EXPECT_FALSE(F::from_decimal("-1").ok());
  EXPECT_FALSE(F::from_decimal("+1").ok());
  EXPECT_FALSE(F::from_decimal(" 1").ok());
  EXPECT_FALSE(F::from_decimal("1 ").ok());
  EXPECT_FALSE(F::from_decimal("0x1").ok());
  EXPECT_FALSE(F::from_decimal("1e3").ok());
  EXPECT_FALSE(F::from_decimal(std::string(79, '1')).ok());
  EXPECT_FALSE(F::from_decimal(std::string(78, '9')).ok());
  EXPECT_TRUE(F::from_decimal("0").ok());
  for (int i = 0; i < 50; ++i) {
    const F a = F::random();
    EXPECT_EQ(F::from_decimal(a.to_decimal()).value(), a);
  }
}

TYPED_TEST(FieldOracleTest, StrictBytesRoundTrip) {
  using F = TypeParam;
  for (int i = 0; i < 50; ++i) {
    const F a = F::random();
    const auto bytes = a.to_bytes_le();
    EXPECT_EQ(F::from_bytes_le(bytes).value(), a);
  }
  std::array<std::uint8_t, 32> p_bytes{};
  for (int i = 0; i < 32; ++i)
    p_bytes[i] = static_cast<std::uint8_t>(F::kModulus[i / 8] >> (8 * (i % 8)));
  EXPECT_EQ(F::from_bytes_le(p_bytes).error().code, "field_not_canonical");
  std::array<std::uint8_t, 31> short_bytes{};
  EXPECT_EQ(F::from_bytes_le(short_bytes).error().code, "field_length");
  const auto one = F::one().to_bytes_le();
  EXPECT_EQ(one[0], 1);
  for (int i = 1; i < 32; ++i) EXPECT_EQ(one[i], 0);
}

TYPED_TEST(FieldOracleTest, BatchInverseMatchesSingleInverses) {
  using F = TypeParam;
  std::vector<F> xs;
  for (int i = 0; i < 33; ++i) xs.push_back(i % 7 == 3 ? F::zero() : F::random());
  std::vector<F> ys = xs;
  batch_inverse(std::span<F>(ys));
  for (std::size_t i = 0; i < xs.size(); ++i) EXPECT_EQ(ys[i], xs[i].inverse());
}

TYPED_TEST(FieldOracleTest, MontgomeryLimbsRoundTrip) {
  using F = TypeParam;
  const F a = F::random();
  EXPECT_EQ(F::from_montgomery_limbs(a.montgomery_limbs()).value(), a);
  EXPECT_FALSE(F::from_montgomery_limbs(F::kModulus).has_value());
  EXPECT_EQ(F::from_limbs(a.to_limbs()).value(), a);
  EXPECT_FALSE(F::from_limbs(F::kModulus).has_value());
  EXPECT_EQ(F::from_limbs_reduced(F::kModulus), F::zero());
}

TEST(FrRootsOfUnity, PrimitiveAndConsistent) {
  const Fr w28 = fr_root_of_unity(28);
  // Known value used by ffjavascript / snarkjs for bn128 Fr.w[28].
  EXPECT_EQ(w28.to_decimal(),
            "19103219067921713944291392827692070036145651957329286315305642004821462161904");
  Fr x = w28;
  for (int i = 0; i < 27; ++i) x = x.square();
  EXPECT_EQ(x, -Fr::one());  // order exactly 2^28
  EXPECT_EQ(x.square(), Fr::one());
  for (unsigned k = 1; k <= 28; ++k) {
    EXPECT_EQ(fr_root_of_unity(k).square(), fr_root_of_unity(k - 1));
  }
  EXPECT_EQ(fr_root_of_unity(0), Fr::one());
  EXPECT_EQ(fr_root_of_unity(1), -Fr::one());
}

}  // namespace
}  // namespace verimeter::zk
