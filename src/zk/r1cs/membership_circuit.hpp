// A complete example circuit built from the gadgets, used by the tests, the snarkjs interop
// checks and the prover benchmark ("Poseidon-Merkle membership"):
//   private: secret, value (< 2^64), siblings[depth], index bits[depth]
//   public inputs: root, epoch;  public output: nullifier = Poseidon(secret, epoch)
//   leaf = Poseidon(secret, value) must reach `root` through the path.
// About 245·depth + 550 constraints (depth 22 ≈ 5.9k).
#pragma once

#include <vector>

#include "zk/ff/fr.hpp"
#include "zk/r1cs/circuit.hpp"

namespace verimeter::zk::r1cs {

struct MembershipWitness {
  Fr secret, value, epoch;
  std::vector<Fr> siblings;
  std::vector<bool> index_bits;  // same length as siblings
};

// Native (out-of-circuit) values.
Fr membership_leaf(const Fr& secret, const Fr& value);
Fr membership_root(const Fr& leaf, const std::vector<Fr>& siblings,
                   const std::vector<bool>& index_bits);

// Builds the circuit with its witness; `root` is the public root (normally membership_root of
// the witness; a different root makes the circuit unsatisfied).
Circuit build_membership_circuit(const MembershipWitness& w, const Fr& root);
// A deterministic, satisfied instance of the given depth (pseudo-random siblings from `seed`).
Circuit sample_membership_circuit(unsigned depth, std::uint64_t seed);

}  // namespace verimeter::zk::r1cs
