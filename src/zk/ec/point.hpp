// Short-Weierstrass points y^2 = x^3 + b (a = 0) over a field F, generic over the curve C
// (C::Field, C::b()). Used for G1 (over Fq) and G2 (over Fp2, on the sextic twist).
//   AffinePoint<C>   x, y plus an explicit infinity flag (the .zkey encodes infinity as zeros)
//   JacobianPoint<C> (X, Y, Z) with x = X/Z^2, y = Y/Z^3; Z = 0 is the identity
// Formulas: dbl-2009-l, add-2007-bl, madd-2007-bl (Explicit-Formulas Database), all
// variable-time: these points are public (proofs, keys) except in the prover, whose secret
// scalars only enter through MSMs over public bases.
#pragma once

#include <span>
#include <vector>

#include "zk/ff/fr.hpp"

namespace verimeter::zk {

template <class C>
struct AffinePoint {
  using F = typename C::Field;
  F x{}, y{};
  bool infinity = true;

  static AffinePoint identity() { return {}; }
  static AffinePoint from_xy(const F& x, const F& y) { return {x, y, false}; }
  bool on_curve() const { return infinity || y.square() == x.square() * x + C::b(); }
  AffinePoint operator-() const { return infinity ? *this : AffinePoint{x, -y, false}; }
  bool operator==(const AffinePoint& o) const {
    if (infinity || o.infinity) return infinity == o.infinity;
    return x == o.x && y == o.y;
  }
  bool operator!=(const AffinePoint& o) const { return !(*this == o); }
};

template <class C>
struct JacobianPoint {
  using F = typename C::Field;
  using Affine = AffinePoint<C>;
  F x = F::one(), y = F::one(), z{};

  static JacobianPoint identity() { return {}; }
  static JacobianPoint from_affine(const Affine& a) {
    if (a.infinity) return identity();
    return {a.x, a.y, F::one()};
  }
  bool is_identity() const { return z.is_zero(); }

  Affine to_affine() const {
    if (is_identity()) return Affine::identity();
    const F zi = z.inverse(), zi2 = zi.square();
    return Affine::from_xy(x * zi2, y * zi2 * zi);
  }

  JacobianPoint operator-() const { return {x, -y, z}; }

  JacobianPoint dbl() const {
    if (is_identity()) return *this;
    const F a = x.square(), b = y.square(), c = b.square();
    const F d = ((x + b).square() - a - c).dbl();
    const F e = a.dbl() + a, f = e.square();
    const F x3 = f - d.dbl();
    return {x3, e * (d - x3) - c.dbl().dbl().dbl(), (y * z).dbl()};
  }

  JacobianPoint operator+(const JacobianPoint& o) const {
    if (is_identity()) return o;
    if (o.is_identity()) return *this;
    const F z1z1 = z.square(), z2z2 = o.z.square();
    const F u1 = x * z2z2, u2 = o.x * z1z1;
    const F s1 = y * o.z * z2z2, s2 = o.y * z * z1z1;
    const F h = u2 - u1, r = (s2 - s1).dbl();
    if (h.is_zero()) return r.is_zero() ? dbl() : identity();
    const F i = h.dbl().square(), j = h * i, v = u1 * i;
    const F x3 = r.square() - j - v.dbl();
    return {x3, r * (v - x3) - (s1 * j).dbl(), ((z + o.z).square() - z1z1 - z2z2) * h};
  }

  JacobianPoint add_mixed(const Affine& o) const {
    if (o.infinity) return *this;
    if (is_identity()) return from_affine(o);
    const F z1z1 = z.square();
    const F u2 = o.x * z1z1, s2 = o.y * z * z1z1;
    const F h = u2 - x, r = (s2 - y).dbl();
    if (h.is_zero()) return r.is_zero() ? dbl() : identity();
    const F hh = h.square(), i = hh.dbl().dbl(), j = h * i, v = x * i;
    const F x3 = r.square() - j - v.dbl();
    return {x3, r * (v - x3) - (y * j).dbl(), (z + h).square() - z1z1 - hh};
  }

  JacobianPoint operator-(const JacobianPoint& o) const { return *this + (-o); }
  JacobianPoint& operator+=(const JacobianPoint& o) { return *this = *this + o; }

  // Variable-time fixed-window (4-bit) scalar multiplication by a 256-bit integer.
  JacobianPoint mul(const Limbs& k) const {
    std::array<JacobianPoint, 16> table;
    table[0] = identity();
    for (int i = 1; i < 16; ++i) table[i] = table[i - 1] + *this;
    JacobianPoint r = identity();
    for (int w = 63; w >= 0; --w) {
      r = r.dbl().dbl().dbl().dbl();
      const unsigned nibble = (k[w / 16] >> (4 * (w % 16))) & 0xf;
      if (nibble) r += table[nibble];
    }
    return r;
  }
  JacobianPoint mul(const Fr& k) const { return mul(k.to_limbs()); }

  bool operator==(const JacobianPoint& o) const {
    if (is_identity() || o.is_identity()) return is_identity() == o.is_identity();
    const F z1z1 = z.square(), z2z2 = o.z.square();
    return x * z2z2 == o.x * z1z1 && y * o.z * z2z2 == o.y * z * z1z1;
  }
  bool operator!=(const JacobianPoint& o) const { return !(*this == o); }
};

// Converts many Jacobian points to affine with a single field inversion.
template <class C>
std::vector<AffinePoint<C>> batch_to_affine(std::span<const JacobianPoint<C>> pts) {
  using F = typename C::Field;
  std::vector<F> zs(pts.size());
  for (std::size_t i = 0; i < pts.size(); ++i) zs[i] = pts[i].z;
  batch_inverse(std::span<F>(zs));
  std::vector<AffinePoint<C>> out(pts.size());
  for (std::size_t i = 0; i < pts.size(); ++i) {
    if (pts[i].is_identity()) continue;
    const F zi2 = zs[i].square();
    out[i] = AffinePoint<C>::from_xy(pts[i].x * zi2, pts[i].y * zi2 * zs[i]);
  }
  return out;
}

}  // namespace verimeter::zk
