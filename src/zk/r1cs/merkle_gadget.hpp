// Merkle path verification with Poseidon(2) nodes: node = H(left, right), where the index bit
// of each level says whether the current node is the right child. Cost per level: 1 boolean
// constraint, 1 selection constraint and one Poseidon(2) (243), i.e. 245.
#pragma once

#include <span>

#include "zk/r1cs/circuit.hpp"

namespace verimeter::zk::r1cs {

// Root reached from `leaf` through `siblings` (bottom up); index_bits[i] = 1 when the path
// node at level i is a right child. Both spans have the tree depth as length.
Lc merkle_root(Circuit& c, const Lc& leaf, std::span<const Lc> siblings,
               std::span<const Lc> index_bits);

}  // namespace verimeter::zk::r1cs
