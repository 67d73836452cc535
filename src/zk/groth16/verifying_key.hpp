// Groth16 verification key and proof as curve points (snarkjs conventions), and the prepared
// form a verifier keeps per key: Miller-loop lines for the fixed G2 points beta, gamma, delta
// and the GT value e(alpha, beta), so a single verification costs one variable Miller loop
// (for B) plus two with precomputed lines and one final exponentiation.
#pragma once

#include <optional>
#include <vector>

#include "core/result.hpp"
#include "zk/ec/g1.hpp"
#include "zk/ec/g2.hpp"
#include "zk/pairing/pairing.hpp"

namespace verimeter::zk {

struct VerifyingKey {
  G1Affine alpha1;
  G2Affine beta2, gamma2, delta2;
  std::vector<G1Affine> ic;       // n_public + 1 points
  std::optional<Fp12> alphabeta;  // vk_alphabeta_12 as stored (snarkjs form, to_snarkjs_gt)
  std::size_t n_public() const { return ic.empty() ? 0 : ic.size() - 1; }
};

// A Groth16 proof (pi_a, pi_b, pi_c). Proofs are malleable: anyone can re-randomise a valid
// proof into different bytes for the same statement, so never use proof bytes as an identifier.
struct Proof {
  G1Affine a;
  G2Affine b;
  G1Affine c;
};

struct PreparedVerifyingKey {
  VerifyingKey vk;
  G2Prepared beta_lines, gamma_lines, delta_lines;
  Fp12 alphabeta;  // e(alpha, beta) as computed here
};

// Checks the key (every point on its curve, G2 points in the subgroup, no point at infinity
// except where allowed for IC, a stored vk_alphabeta_12 equal to e(alpha, beta)) and
// precomputes its lines. Error code: "zk_vkey_invalid".
Result<PreparedVerifyingKey> prepare_verifying_key(const VerifyingKey& vk);

}  // namespace verimeter::zk
