// The same Poseidon permutation with cheap partial rounds (the equivalent "optimised" form of the
// Poseidon paper, appendix B, also used by circomlib): constants of the cells without an S-box
// are pushed forward into the next round, and each partial-round MDS multiplication is factored
// as M = A·B with B = diag(1, B̂) commuting with the single S-box, so B moves back into the
// previous round and only the sparse A = [[a₀₀, vᵀ], [w, I]] remains: 2t − 1 multiplications per
// partial round instead of t². Derived at start-up from the generated parameters and checked
// against the plain permutation by the tests.
#pragma once

#include <span>
#include <vector>

#include "zk/poseidon/poseidon.hpp"

namespace verimeter::zk::poseidon {

struct FastParams {
  struct Sparse {
    Fr a00;
    std::vector<Fr> v, w;  // t − 1 each
  };
  unsigned t = 0, full_rounds = 0, partial_rounds = 0;
  std::vector<std::vector<Fr>> constants;  // per round; partial rounds keep only cell 0
  std::vector<Fr> mds;                     // t×t, full rounds
  std::vector<Fr> pre_partial;             // t×t, matrix of the last full round before partials
  std::vector<Sparse> sparse;              // one per partial round
};

FastParams derive_fast_params(const Params& p);
const FastParams& fast_params(unsigned t);
void permute_fast(const FastParams& p, std::span<Fr> state);

}  // namespace verimeter::zk::poseidon
