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
  Fp2 operator*(const Fp2& b) const {  // Karatsuba: 3 base multiplications
    const Fq v0 = c0 * b.c0, v1 = c1 * b.c1;
    return {v0 - v1, (c0 + c1) * (b.c0 + b.c1) - v0 - v1};
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
