// G1 of BN254: y^2 = x^3 + 3 over Fq, prime order r (cofactor 1, so on-curve implies in-group).
#pragma once

#include "zk/ec/point.hpp"
#include "zk/ff/fq.hpp"

namespace verimeter::zk {

struct G1Curve {
  using Field = Fq;
  static Fq b() { return Fq::from_montgomery_unchecked(kB); }
  static constexpr Limbs kB = {0x7a17caa950ad28d7ULL, 0x1f6ac17ae15521b9ULL, 0x334bea4e696bd284ULL,
                               0x2a1f6744ce179d8eULL};  // 3 * R mod q
};
using G1Affine = AffinePoint<G1Curve>;
using G1 = JacobianPoint<G1Curve>;

inline G1Affine g1_generator() {
  return G1Affine::from_xy(Fq::from_u64(1), Fq::from_u64(2));
}

}  // namespace verimeter::zk
