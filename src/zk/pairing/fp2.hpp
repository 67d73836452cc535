// Fp2 = Fq[u]/(u^2 + 1), the field of G2 coordinates. c0 + c1*u; JSON and .zkey order is
// (c0, c1) ("real part first"); EVM calldata uses the opposite order.
// xi = 9 + u is the non-residue defining Fp6 and the twist y^2 = x^3 + 3/xi.
#pragma once

#include <optional>

#include "zk/ff/fq.hpp"

namespace verimeter::zk {

struct Fp2 {
  Fq c0, c1;

  static Fp2 zero() { return {}; }
  static Fp2 one() { return {Fq::one(), Fq::zero()}; }
  static Fp2 random() { return {Fq::random(), Fq::random()}; }

  Fp2 operator+(const Fp2& b) const { return {c0 + b.c0, c1 + b.c1}; }
  Fp2 operator-(const Fp2& b) const { return {c0 - b.c0, c1 - b.c1}; }
  Fp2 operator-() const { return {-c0, -c1}; }
  // Karatsuba on unreduced products: three 512-bit products, two Montgomery reductions.
  // c1 = (a0 + a1)(b0 + b1) - a0 b0 - a1 b1 = a0 b1 + a1 b0 < 2p^2 (the sums are left unreduced,
  // < 2p); c0 = a0 b0 - a1 b1, plus p * 2^256 when negative, stays below p * 2^256.
  Fp2 operator*(const Fp2& b) const {
    const Wide v0 = Fq::mul_unreduced(c0, b.c0), v1 = Fq::mul_unreduced(c1, b.c1);
    Limbs sa, sb;
    add_limbs(sa, c0.montgomery_limbs(), c1.montgomery_limbs());
    add_limbs(sb, b.c0.montgomery_limbs(), b.c1.montgomery_limbs());
    Wide t1;
    mul_wide(t1, sa, sb);
    wide_sub(t1, t1, v0);
    wide_sub(t1, t1, v1);
    Wide t0;
    const u64 negative = 0 - wide_sub(t0, v0, v1);
    const Limbs& p = Fq::kModulus;
    wide_add_high(t0, Limbs{p[0] & negative, p[1] & negative, p[2] & negative, p[3] & negative});
    return {Fq::reduce(t0), Fq::reduce(t1)};
  }
  Fp2 operator*(const Fq& s) const { return {c0 * s, c1 * s}; }
  Fp2& operator+=(const Fp2& b) { return *this = *this + b; }
  Fp2& operator-=(const Fp2& b) { return *this = *this - b; }
  Fp2& operator*=(const Fp2& b) { return *this = *this * b; }
  Fp2 square() const {  // (c0+c1)(c0-c1) + 2 c0 c1 u
    const Fq t = c0 * c1;
    return {(c0 + c1) * (c0 - c1), t + t};
  }
  Fp2 dbl() const { return {c0.dbl(), c1.dbl()}; }
  Fp2 conjugate() const { return {c0, -c1}; }  // also the p-power Frobenius
  Fp2 mul_by_xi() const {                      // (c0 + c1 u)(9 + u)
    const Fq c0_9 = c0.dbl().dbl().dbl() + c0, c1_9 = c1.dbl().dbl().dbl() + c1;
    return {c0_9 - c1, c0 + c1_9};
  }
  Fp2 inverse() const {  // conj / norm; inverse of zero is zero
    const Fq t = (c0.square() + c1.square()).inverse();
    return {c0 * t, -(c1 * t)};
  }
  Fp2 pow(const Limbs& e) const {
    Fp2 r = one();
    for (int i = static_cast<int>(limb_bit_length(e)) - 1; i >= 0; --i) {
      r = r.square();
      if (limb_bit(e, static_cast<unsigned>(i))) r *= *this;
    }
    return r;
  }
  bool is_zero() const { return c0.is_zero() && c1.is_zero(); }
  bool operator==(const Fp2& b) const { return c0 == b.c0 && c1 == b.c1; }
  bool operator!=(const Fp2& b) const { return !(*this == b); }
};

// A square root of a in Fp2, if one exists (p = 3 mod 4 algorithm of Adj and
// Rodriguez-Henriquez). Used to sample points on the twist in tests and tools.
std::optional<Fp2> fp2_sqrt(const Fp2& a);

}  // namespace verimeter::zk
