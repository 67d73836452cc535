// Fp12 = Fp6[w]/(w^2 - v): c0 + c1*w, the target group GT of the pairing lives here.
// Viewed over Fp2 the basis is w^0..w^5 with w^6 = xi: c0 = (g0, g2, g4), c1 = (g1, g3, g5),
// which is the layout of snarkjs' vk_alphabeta_12 ([c0, c1], each [Fp2 x 3]).
#pragma once

#include "zk/pairing/fp6.hpp"

namespace verimeter::zk {

struct Fp12 {
  Fp6 c0, c1;

  static Fp12 zero() { return {}; }
  static Fp12 one() { return {Fp6::one(), Fp6::zero()}; }
  static Fp12 random() { return {Fp6::random(), Fp6::random()}; }

  Fp12 operator*(const Fp12& b) const {
    const Fp6 v0 = c0 * b.c0, v1 = c1 * b.c1;
    return {v0 + v1.mul_by_v(), (c0 + c1) * (b.c0 + b.c1) - v0 - v1};
  }
  Fp12& operator*=(const Fp12& b) { return *this = *this * b; }
  Fp12 square() const {
    const Fp6 ab = c0 * c1;
    const Fp6 t = (c0 + c1) * (c0 + c1.mul_by_v());
    return {t - ab - ab.mul_by_v(), ab + ab};
  }
  Fp12 conjugate() const { return {c0, -c1}; }  // f^(p^6); the inverse on the cyclotomic subgroup
  Fp12 inverse() const {
    const Fp6 t = (c0.square() - c1.square().mul_by_v()).inverse();
    return {c0 * t, -(c1 * t)};
  }
  // Multiplication by a line value l = s0 + s1*w + s3*w^3 (c0 = (s0,0,0), c1 = (s1,s3,0)).
  Fp12 mul_by_line(const Fp2& s0, const Fp2& s1, const Fp2& s3) const {
    const Fp6 a = c0 * s0;
    const Fp6 b = c1.mul_by_01(s1, s3);
    const Fp6 e = (c0 + c1).mul_by_01(s0 + s1, s3);
    return {a + b.mul_by_v(), e - a - b};
  }
  // Squaring for elements of the cyclotomic subgroup (f^(p^6+1) = 1, e.g. after the easy part
  // of the final exponentiation), Granger-Scott: f = A + B*w + C*w^2 over Fp4 = Fp2[t]/(t^2-xi),
  // t = w^3, and f^2 = (3A^2 - 2conj(A)) + (3tC^2 + 2conj(B))*w + (3B^2 - 2conj(C))*w^2.
  // About half the cost of square(); wrong for elements outside the subgroup.
  Fp12 cyclotomic_square() const;
  // f^(p^k) for k = 1, 2, 3 (constants derived at start-up, see frobenius.cpp).
  Fp12 frobenius(int k) const;
  // x -> x^e for a 64-bit exponent, plain square-and-multiply.
  Fp12 pow_u64(std::uint64_t e) const {
    Fp12 r = one();
    for (int i = 63; i >= 0; --i) {
      r = r.square();
      if ((e >> i) & 1) r *= *this;
    }
    return r;
  }
  bool is_one() const { return *this == one(); }
  bool operator==(const Fp12& b) const { return c0 == b.c0 && c1 == b.c1; }
  bool operator!=(const Fp12& b) const { return !(*this == b); }
};

}  // namespace verimeter::zk
