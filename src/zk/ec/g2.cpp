// G2 constants, psi and the subgroup test.
#include "zk/ec/g2.hpp"

#include <array>

#include "zk/pairing/frobenius.hpp"

namespace verimeter::zk {
namespace {

Fq dec(const char* s) {
  return Fq::from_decimal(s).value();
}

constexpr u64 kBnX = 4965661367192848881ULL;  // the BN parameter x

// Non-adjacent form of x, least significant digit first: 63 digits, 24 of them non-zero (x itself
// has 28 one bits), so [x]Q costs 62 doublings and 23 mixed additions of +-Q.
struct BnXNaf {
  std::array<signed char, 65> digit{};
  int length = 0;
};

constexpr BnXNaf bn_x_naf() {
  BnXNaf n;
  unsigned __int128 k = kBnX;
  while (k != 0) {
    signed char d = 0;
    if (k & 1) {
      d = (k & 3) == 1 ? 1 : -1;
      k = d == 1 ? k - 1 : k + 1;
    }
    n.digit[n.length++] = d;
    k >>= 1;
  }
  return n;
}

constexpr BnXNaf kBnXNaf = bn_x_naf();
static_assert(kBnXNaf.length == 63 && kBnXNaf.digit[62] == 1);

}  // namespace

const Fp2& G2Curve::b() {
  static const Fp2 b = Fp2{Fq::from_u64(3), Fq::zero()} * Fp2{Fq::from_u64(9), Fq::one()}.inverse();
  return b;
}

G2Affine g2_generator() {
  static const G2Affine g = G2Affine::from_xy(
      {dec("10857046999023057135944570762232829481370756359578518086990519993285655852781"),
       dec("11559732032986387107991004021392285783925812861821192530917403151452391805634")},
      {dec("8495653923123431417604973247489272438418190587263600148770280649306958101930"),
       dec("4082367875863433681332203403145435568316851327593401208105741076214120093531")});
  return g;
}

G2Affine g2_psi(const G2Affine& q) {
  if (q.infinity) return q;
  const auto& g = frobenius_constants().gamma[1];
  return G2Affine::from_xy(q.x.conjugate() * g[2], q.y.conjugate() * g[3]);
}

G2 g2_psi(const G2& q) {
  // In Jacobian coordinates Z is conjugated too: x = X/Z^2 maps to conj(X)/conj(Z)^2.
  const auto& g = frobenius_constants().gamma[1];
  return {q.x.conjugate() * g[2], q.y.conjugate() * g[3], q.z.conjugate()};
}

G2 g2_mul_by_x(const G2Affine& q) {
  if (q.infinity) return G2::identity();
  const G2Affine neg = -q;
  G2 r = G2::from_affine(q);  // the leading NAF digit is 1
  for (int i = kBnXNaf.length - 2; i >= 0; --i) {
    r = r.dbl();
    const signed char d = kBnXNaf.digit[static_cast<std::size_t>(i)];
    if (d != 0) r = r.add_mixed(d > 0 ? q : neg);
  }
  return r;
}

bool g2_in_subgroup(const G2Affine& q) {
  if (q.infinity) return true;
  // [x+1]Q + psi([x]Q) + psi^2([x]Q) == psi^3([2x]Q) (Scott, eprint 2021/1130): one 64-bit
  // multiplication instead of the 128-bit one of the equivalent psi(Q) == [6x^2]Q.
  const G2 xq = g2_mul_by_x(q);
  const G2 psi_xq = g2_psi(xq), psi2_xq = g2_psi(psi_xq);
  const G2 lhs = xq.add_mixed(q) + psi_xq + psi2_xq;
  return lhs == g2_psi(psi2_xq).dbl();
}

}  // namespace verimeter::zk
