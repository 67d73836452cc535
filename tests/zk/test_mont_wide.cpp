// Lazy reduction (ff/mont_wide.hpp) against GMP: 512-bit products of arbitrary 256-bit integers
// and Montgomery reduction of arbitrary t < p * 2^256 (random and extreme values), on the
// portable and the ADX path; lazy dot products and the Fp2 (Karatsuba) product against the
// schoolbook formulas.
#include <gmp.h>
#include <gtest/gtest.h>

#include <sodium.h>

#include <string>

#include "zk/ff/fq.hpp"
#include "zk/ff/fr.hpp"
#include "zk/pairing/fp2.hpp"

namespace verimeter::zk {
namespace {

struct Mpz {
  mpz_t z;
  Mpz() { mpz_init(z); }
  ~Mpz() { mpz_clear(z); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
  template <std::size_t N>
  explicit Mpz(const std::array<u64, N>& limbs) {
    mpz_init(z);
    mpz_import(z, N, -1, 8, 0, 0, limbs.data());
  }
  bool operator==(const Mpz& o) const { return mpz_cmp(z, o.z) == 0; }
};

template <std::size_t N>
std::array<u64, N> random_limbs() {
  std::array<u64, N> v;
  randombytes_buf(v.data(), sizeof(v));
  return v;
}

const Limbs kAllOnes{~0ULL, ~0ULL, ~0ULL, ~0ULL};

template <class F>
class MontWideTest : public ::testing::Test {};
using FieldTypes = ::testing::Types<Fq, Fr>;
TYPED_TEST_SUITE(MontWideTest, FieldTypes);

using WideFn = void (*)(Wide&, const Limbs&, const Limbs&);

void expect_product(WideFn f, const Limbs& a, const Limbs& b) {
  Wide w;
  f(w, a, b);
  Mpz za(a), zb(b), want, got(w);
  mpz_mul(want.z, za.z, zb.z);
  EXPECT_TRUE(got == want);
}

TEST(MontWide, ProductsMatchGmp) {
  std::vector<WideFn> paths{&mul_wide_portable};
#if VM_ZK_WIDE_ASM
  if (cpu_supports_adx()) paths.push_back(&mul_wide_adx);
#endif
  for (WideFn f : paths) {
    expect_product(f, kAllOnes, kAllOnes);
    expect_product(f, Limbs{}, kAllOnes);
    expect_product(f, Limbs{1, 0, 0, 0}, kAllOnes);
    for (int i = 0; i < 500; ++i) expect_product(f, random_limbs<4>(), random_limbs<4>());
  }
}

TEST(MontWide, MultiplyAccumulateMatchesGmp) {
  using MacFn = void (*)(Wide&, const Limbs&, const Limbs&);
  std::vector<MacFn> paths{[](Wide& acc, const Limbs& a, const Limbs& b) {
    Wide p;
    mul_wide_portable(p, a, b);
    wide_add(acc, acc, p);
  }};
#if VM_ZK_WIDE_ASM
  if (cpu_supports_adx()) paths.push_back(&mul_add_wide_adx);
#endif
  const Limbs top{~0ULL, ~0ULL, ~0ULL, ~0ULL >> 1};  // 2^255 - 1
  for (MacFn f : paths) {
    for (int i = 0; i < 500; ++i) {
      Wide acc = random_limbs<8>();
      acc[7] >>= 2;  // acc < 2^510 and a * b < 2^510: no overflow
      Limbs a = i == 0 ? top : random_limbs<4>(), b = i == 0 ? top : random_limbs<4>();
      a[3] >>= 1;
      b[3] >>= 1;
      Mpz want(acc), za(a), zb(b);
      mpz_addmul(want.z, za.z, zb.z);
      f(acc, a, b);
      EXPECT_TRUE(Mpz(acc) == want);
    }
  }
}

// t * 2^-256 mod p by GMP.
template <class F>
void expect_reduction(void (*f)(Limbs&, const Wide&), const Wide& t) {
  Mpz p(F::kModulus), zt(t), rinv, want;
  mpz_set_ui(rinv.z, 1);
  mpz_mul_2exp(rinv.z, rinv.z, 256);
  mpz_invert(rinv.z, rinv.z, p.z);
  mpz_mul(want.z, zt.z, rinv.z);
  mpz_mod(want.z, want.z, p.z);
  Limbs r;
  f(r, t);
  Mpz got(r);
  EXPECT_TRUE(got == want);
}

// A random t below p * 2^256 (high half below p).
template <class F>
Wide random_reducible() {
  Wide t = random_limbs<8>();
  const Limbs high = F::random().to_limbs();
  for (int i = 0; i < 4; ++i) t[4 + i] = high[i];
  return t;
}

TYPED_TEST(MontWideTest, ReductionMatchesGmp) {
  using F = TypeParam;
  using P = typename F::Params;
  std::vector<void (*)(Limbs&, const Wide&)> paths{&mont_reduce_portable<P>};
#if VM_ZK_WIDE_ASM
  if (cpu_supports_adx()) paths.push_back(&mont_reduce_adx<P>);
#endif
  Limbs pm1 = F::kModulus;
  pm1[0] -= 1;
  for (auto f : paths) {
    expect_reduction<F>(f, Wide{});
    expect_reduction<F>(f, Wide{~0ULL, ~0ULL, ~0ULL, ~0ULL, pm1[0], pm1[1], pm1[2], pm1[3]});
    expect_reduction<F>(f, Wide{F::kModulus[0], F::kModulus[1], F::kModulus[2], F::kModulus[3]});
    for (int i = 0; i < 500; ++i) expect_reduction<F>(f, random_reducible<F>());
    // Sums of three products of maximal elements, as in the Poseidon and Fp2 uses.
    Wide sum{}, prod;
    for (int k = 0; k < 3; ++k) {
      mul_wide_portable(prod, pm1, pm1);
      wide_add(sum, sum, prod);
    }
    expect_reduction<F>(f, sum);
  }
}

TYPED_TEST(MontWideTest, LazyDotProductEqualsFieldArithmetic) {
  using F = TypeParam;
  for (int i = 0; i < 200; ++i) {
    const F a = F::random(), b = F::random(), c = F::random(), d = F::random();
    Wide s = F::mul_unreduced(a, b);
    wide_add(s, s, F::mul_unreduced(c, d));
    EXPECT_EQ(F::reduce(s), a * b + c * d);
  }
}

TEST(MontWide, Fp2ProductMatchesSchoolbook) {
  Limbs pm1 = Fq::kModulus;
  pm1[0] -= 1;
  const Fq max = Fq::from_limbs(pm1).value();
  const Fp2 edge[] = {Fp2{max, max}, Fp2{max, Fq::zero()}, Fp2{Fq::zero(), max}, Fp2::one(),
                      Fp2::zero()};
  auto schoolbook = [](const Fp2& a, const Fp2& b) {
    return Fp2{a.c0 * b.c0 - a.c1 * b.c1, a.c0 * b.c1 + a.c1 * b.c0};
  };
  for (const Fp2& a : edge) {
    for (const Fp2& b : edge) EXPECT_EQ(a * b, schoolbook(a, b));
  }
  for (int i = 0; i < 500; ++i) {
    const Fp2 a = Fp2::random(), b = Fp2::random();
    EXPECT_EQ(a * b, schoolbook(a, b));
  }
}

}  // namespace
}  // namespace verimeter::zk
