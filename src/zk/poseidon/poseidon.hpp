// Poseidon hash with circomlib's parameters (x^5 S-box, 8 full rounds, widths t = 2..17, i.e.
// 1..16 inputs), bit-compatible with circomlib/circomlibjs. Round constants and the Cauchy MDS
// matrix are generated at first use by the reference Grain-LFSR procedure (grain_lfsr.hpp) and
// cached read-only per width.
//
// hash(inputs): state = [0, inputs...], R_F/2 full rounds, R_P partial rounds (S-box on cell 0
// only), R_F/2 full rounds; each round adds constants, applies the S-box, multiplies by the MDS
// matrix; the digest is state[0].
#pragma once

#include <span>
#include <vector>

#include "core/result.hpp"
#include "zk/ff/fr.hpp"

namespace verimeter::zk::poseidon {

inline constexpr unsigned kMinWidth = 2;
inline constexpr unsigned kMaxWidth = 17;
inline constexpr unsigned kFullRounds = 8;

struct Params {
  unsigned t = 0;
  unsigned full_rounds = kFullRounds;
  unsigned partial_rounds = 0;
  std::vector<Fr> round_constants;  // (full + partial) * t, round-major
  std::vector<Fr> mds;              // t * t, row-major: new[i] = sum_j mds[i*t+j] * old[j]
};

// circomlib's partial-round count for width t (2..17).
unsigned partial_rounds_for_width(unsigned t);
// Runs the Grain-LFSR generator (a few milliseconds); use params() for the cached copy.
Params generate_params(unsigned t);
// Cached parameters for t in [kMinWidth, kMaxWidth]; the reference is valid for the process.
const Params& params(unsigned t);

// In-place permutation of a width-t state (state.size() == p.t).
void permute(const Params& p, std::span<Fr> state);

// Digest of 1..16 inputs; error "poseidon_arity" otherwise. Runs the equivalent sparse form of
// poseidon_fast.hpp (the tests check it against permute()).
Result<Fr> hash(std::span<const Fr> inputs);

}  // namespace verimeter::zk::poseidon
