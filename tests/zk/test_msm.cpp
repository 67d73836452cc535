// Pippenger MSM against the naive sum of scalar multiplications, for G1 and G2, across sizes
// that exercise small and large windows, zero scalars, infinity bases, and 1..3 threads.
#include <gtest/gtest.h>

#include "zk/ec/msm.hpp"

namespace verimeter::zk {
namespace {

template <class C>
void check_msm(std::size_t n, unsigned threads, const AffinePoint<C>& gen) {
  using J = JacobianPoint<C>;
  std::vector<J> pts;
  std::vector<Fr> scalars;
  J g = J::from_affine(gen);
  for (std::size_t i = 0; i < n; ++i) {
    pts.push_back(i % 11 == 5 ? J::identity() : g);
    g = g.dbl().add_mixed(gen);  // cheap distinct points
    scalars.push_back(i % 7 == 2 ? Fr::zero() : (i % 13 == 1 ? -Fr::one() : Fr::random()));
  }
  const auto bases = batch_to_affine<C>(pts);
  J expected = J::identity();
  for (std::size_t i = 0; i < n; ++i) expected += pts[i].mul(scalars[i]);
  EXPECT_EQ(msm(std::span<const AffinePoint<C>>(bases), std::span<const Fr>(scalars), threads),
            expected)
      << "n=" << n << " threads=" << threads;
}

TEST(Msm, G1MatchesNaiveSum) {
  for (std::size_t n : {0u, 1u, 2u, 5u, 33u, 100u, 700u}) {
    for (unsigned t : {1u, 3u}) check_msm<G1Curve>(n, t, g1_generator());
  }
}

TEST(Msm, G2MatchesNaiveSum) {
  for (std::size_t n : {1u, 9u, 130u}) check_msm<G2Curve>(n, 2, g2_generator());
}

TEST(Msm, ExtremeScalars) {
  // r - 1 and small values exercise the signed-digit carry into the top window.
  Limbs r_minus_1 = Fr::kModulus;
  r_minus_1[0] -= 1;
  const std::vector<Limbs> s = {r_minus_1, Limbs{1, 0, 0, 0}, Limbs{~0ULL, ~0ULL, 0, 0}};
  const G1 g = G1::from_affine(g1_generator());
  const std::vector<G1Affine> b = {g1_generator(), g.dbl().to_affine(),
                                   g.mul(Fr::from_u64(5)).to_affine()};
  G1 expected = G1::identity();
  for (int i = 0; i < 3; ++i) expected += G1::from_affine(b[i]).mul(s[i]);
  EXPECT_EQ(msm(std::span<const G1Affine>(b), std::span<const Limbs>(s), 1), expected);
}

TEST(Msm, WindowGrowsWithSize) {
  EXPECT_LE(msm_window_bits(4), msm_window_bits(1 << 10));
  EXPECT_LT(msm_window_bits(1 << 10), msm_window_bits(1 << 20));
}

}  // namespace
}  // namespace verimeter::zk
