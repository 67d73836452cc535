// NTT over Fr: agrees with a naive DFT, inverts, multiplies polynomials, and the odd-coset
// evaluation equals direct evaluation at ω_{2n}^(2j+1).
#include <gtest/gtest.h>

#include <vector>

#include "zk/ntt/domain.hpp"

namespace verimeter::zk::ntt {
namespace {

std::vector<Fr> random_vector(std::size_t n) {
  std::vector<Fr> v(n);
  for (Fr& x : v) x = Fr::random();
  return v;
}

Fr evaluate(const std::vector<Fr>& coeffs, const Fr& x) {
  Fr acc = Fr::zero();
  for (std::size_t i = coeffs.size(); i-- > 0;) acc = acc * x + coeffs[i];
  return acc;
}

TEST(ZkNtt, RootsHaveTheRightOrder) {
  for (unsigned k : {1u, 5u, 13u}) {
    const Domain d(k);
    EXPECT_EQ(d.omega().pow(d.size()), Fr::one());
    EXPECT_EQ(d.omega().pow(d.size() / 2), -Fr::one());
  }
}

TEST(ZkNtt, MatchesNaiveDft) {
  for (unsigned k = 0; k <= 6; ++k) {
    const Domain d(k);
    const auto coeffs = random_vector(d.size());
    auto evals = coeffs;
    d.fft(evals);
    Fr x = Fr::one();
    for (std::size_t j = 0; j < d.size(); ++j) {
      EXPECT_EQ(evals[j], evaluate(coeffs, x)) << "k=" << k << " j=" << j;
      x *= d.omega();
    }
  }
}

TEST(ZkNtt, InverseRoundTrip) {
  const Domain d(12);
  const auto v = random_vector(d.size());
  auto w = v;
  d.fft(w);
  EXPECT_NE(w, v);
  d.ifft(w);
  EXPECT_EQ(w, v);
}

TEST(ZkNtt, PolynomialMultiplication) {
  const Domain d(6);
  auto a = random_vector(32), b = random_vector(32);
  std::vector<Fr> school(64, Fr::zero());
  for (std::size_t i = 0; i < 32; ++i) {
    for (std::size_t j = 0; j < 32; ++j) school[i + j] += a[i] * b[j];
  }
  a.resize(64, Fr::zero());
  b.resize(64, Fr::zero());
  d.fft(a);
  d.fft(b);
  for (std::size_t i = 0; i < 64; ++i) a[i] *= b[i];
  d.ifft(a);
  EXPECT_EQ(a, school);
}

TEST(ZkNtt, OddCosetEvaluation) {
  const Domain d(5);
  const auto coeffs = random_vector(d.size());
  auto v = coeffs;
  d.fft(v);  // evaluations on the domain
  d.odd_coset_from_evaluations(v);
  const Fr w2n = fr_root_of_unity(6);
  for (std::size_t j = 0; j < d.size(); ++j) {
    EXPECT_EQ(v[j], evaluate(coeffs, w2n.pow(2 * j + 1))) << j;
  }
}

}  // namespace
}  // namespace verimeter::zk::ntt
