// G2 of BN254: the order-r subgroup of the sextic twist E': y^2 = x^3 + 3/xi over Fp2,
// xi = 9 + u. The twist has a large cofactor, so points read from untrusted input must pass
// g2_in_subgroup() (a psi-based test, psi the untwist-Frobenius-twist endomorphism, which
// acts on G2 as multiplication by p), not only on_curve().
#pragma once

#include "zk/ec/point.hpp"
#include "zk/pairing/fp2.hpp"

namespace verimeter::zk {

struct G2Curve {
  using Field = Fp2;
  static const Fp2& b();  // 3 / (9 + u)
};
using G2Affine = AffinePoint<G2Curve>;
using G2 = JacobianPoint<G2Curve>;

// The standard generator (EIP-197, snarkjs' vk_gamma_2).
G2Affine g2_generator();

// psi(x, y) = (conj(x) * xi^((p-1)/3), conj(y) * xi^((p-1)/2)); acts on G2 as [p].
G2Affine g2_psi(const G2Affine& q);
G2 g2_psi(const G2& q);

// [x]q for the BN parameter x = 4965661367192848881, by its non-adjacent form with mixed additions.
G2 g2_mul_by_x(const G2Affine& q);

// True when q (assumed on the twist) lies in the order-r subgroup.
bool g2_in_subgroup(const G2Affine& q);

}  // namespace verimeter::zk
