// Optimal ate pairing on BN254: e(P, Q) = FE(Miller(P, Q)), P in G1, Q in G2.
//   prepare_g2(Q)                 precompute the Miller-loop line coefficients of Q (Q is fixed
//                                 for verification keys, so this is done once per key)
//   multi_miller_loop(pairs)      product of Miller loops sharing the squarings of f
//   final_exponentiation(f)       f^((p^12 - 1)/r): easy part, then the hard part with the
//                                 addition chain of Scott et al. (three exponentiations by x)
//   pairing(P, Q), pairing_check(pairs)  (product of pairings == 1)
// Lines use homogeneous projective coordinates on the twist (Costello-Lange-Naehrig /
// Aranha et al. formulas) and are evaluated at P as the sparse value a*yP + b*xP*w + c*w^3.
#pragma once

#include <span>
#include <utility>
#include <vector>

#include "zk/ec/g1.hpp"
#include "zk/ec/g2.hpp"
#include "zk/pairing/fp12.hpp"

namespace verimeter::zk {

struct LineCoeffs {
  Fp2 a, b, c;
};

struct G2Prepared {
  std::vector<LineCoeffs> lines;  // empty for the point at infinity
  bool infinity() const { return lines.empty(); }
};

G2Prepared prepare_g2(const G2Affine& q);

struct MillerPair {
  G1Affine p;
  const G2Prepared* q;
};

Fp12 multi_miller_loop(std::span<const MillerPair> pairs);
Fp12 final_exponentiation(const Fp12& f);
Fp12 pairing(const G1Affine& p, const G2Affine& q);
// snarkjs/ffjavascript compute the final exponentiation of Fuentes-Castaneda et al., which
// yields the fixed power e^(2x(6x^2+3x+1)) of the pairing; vk_alphabeta_12 is stored in that
// form. This maps our (exact) pairing value to it.
Fp12 to_snarkjs_gt(const Fp12& e);
// True when prod e(P_i, Q_i) == 1.
bool pairing_check(std::span<const std::pair<G1Affine, G2Affine>> pairs);

}  // namespace verimeter::zk
