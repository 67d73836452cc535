// Fp6 = Fp2[v]/(v^3 - xi), xi = 9 + u. c0 + c1*v + c2*v^2.
#pragma once

#include "zk/pairing/fp2.hpp"

namespace verimeter::zk {

struct Fp6 {
  Fp2 c0, c1, c2;

  static Fp6 zero() { return {}; }
  static Fp6 one() { return {Fp2::one(), Fp2::zero(), Fp2::zero()}; }
  static Fp6 random() { return {Fp2::random(), Fp2::random(), Fp2::random()}; }

  Fp6 operator+(const Fp6& b) const { return {c0 + b.c0, c1 + b.c1, c2 + b.c2}; }
  Fp6 operator-(const Fp6& b) const { return {c0 - b.c0, c1 - b.c1, c2 - b.c2}; }
  Fp6 operator-() const { return {-c0, -c1, -c2}; }
  Fp6 operator*(const Fp6& b) const {
    const Fp2 v0 = c0 * b.c0, v1 = c1 * b.c1, v2 = c2 * b.c2;
    return {v0 + ((c1 + c2) * (b.c1 + b.c2) - v1 - v2).mul_by_xi(),
            (c0 + c1) * (b.c0 + b.c1) - v0 - v1 + v2.mul_by_xi(),
            (c0 + c2) * (b.c0 + b.c2) - v0 - v2 + v1};
  }
  Fp6 operator*(const Fp2& s) const { return {c0 * s, c1 * s, c2 * s}; }
  Fp6& operator+=(const Fp6& b) { return *this = *this + b; }
  Fp6& operator-=(const Fp6& b) { return *this = *this - b; }
  Fp6& operator*=(const Fp6& b) { return *this = *this * b; }
  Fp6 square() const {  // Chung-Hasan SQR2
    const Fp2 s0 = c0.square(), ab = c0 * c1, s1 = ab.dbl(), s2 = (c0 - c1 + c2).square();
    const Fp2 bc = c1 * c2, s3 = bc.dbl(), s4 = c2.square();
    return {s0 + s3.mul_by_xi(), s1 + s4.mul_by_xi(), s1 + s2 + s3 - s0 - s4};
  }
  Fp6 mul_by_v() const { return {c2.mul_by_xi(), c0, c1}; }
  // Multiplication by the sparse element b0 + b1*v.
  Fp6 mul_by_01(const Fp2& b0, const Fp2& b1) const {
    const Fp2 v0 = c0 * b0, v1 = c1 * b1;
    return {v0 + (c2 * b1).mul_by_xi(), (c0 + c1) * (b0 + b1) - v0 - v1, v1 + c2 * b0};
  }
  Fp6 inverse() const {
    const Fp2 a = c0.square() - (c1 * c2).mul_by_xi();
    const Fp2 b = c2.square().mul_by_xi() - c0 * c1;
    const Fp2 c = c1.square() - c0 * c2;
    const Fp2 f = (c0 * a + ((c2 * b) + (c1 * c)).mul_by_xi()).inverse();
    return {a * f, b * f, c * f};
  }
  bool is_zero() const { return c0.is_zero() && c1.is_zero() && c2.is_zero(); }
  bool operator==(const Fp6& b) const { return c0 == b.c0 && c1 == b.c1 && c2 == b.c2; }
  bool operator!=(const Fp6& b) const { return !(*this == b); }
};

}  // namespace verimeter::zk
