// Test helper: the Groth16 verification equation e(A,B) = e(α,β)·e(vk_x,γ)·e(C,δ) evaluated
// directly with the pairing on a proving key, independent of the production verifier.
#pragma once

#include <vector>

#include "zk/groth16/prover.hpp"
#include "zk/pairing/pairing.hpp"

namespace verimeter::zk::testing {

inline bool groth16_holds(const ProvingKey& k, const Proof& p, const std::vector<Fr>& pub) {
  if (pub.size() + 1 != k.ic.size()) return false;
  G1 vk_x = G1::from_affine(k.ic[0]);
  for (std::size_t i = 0; i < pub.size(); ++i) vk_x += G1::from_affine(k.ic[i + 1]).mul(pub[i]);
  const std::vector<std::pair<G1Affine, G2Affine>> pairs = {
      {-p.a, p.b}, {k.alpha1, k.beta2}, {vk_x.to_affine(), k.gamma2}, {p.c, k.delta2}};
  return pairing_check(pairs);
}

}  // namespace verimeter::zk::testing
