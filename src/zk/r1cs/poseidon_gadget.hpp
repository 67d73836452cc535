// Poseidon (circomlib parameters) as R1CS: the same rounds as zk/poseidon/poseidon.hpp with
// the S-box as 3 multiplication constraints and the linear layers folded into linear
// combinations. Cost: 3·(R_F·t + R_P) constraints, e.g. 243 for two inputs.
#pragma once

#include <span>

#include "zk/r1cs/circuit.hpp"

namespace verimeter::zk::r1cs {

// Digest of 1..16 inputs (other arities stop the process: a circuit-building bug).
Lc poseidon_hash(Circuit& c, std::span<const Lc> inputs);

}  // namespace verimeter::zk::r1cs
