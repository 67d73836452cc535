// Multi-scalar multiplication sum_i s_i * P_i (Pippenger's bucket method) for G1 and G2.
// Scalars are recoded into signed c-bit digits (buckets hold 2^(c-1) entries, negation is
// free), zero digits and points at infinity are skipped, and the windows are shared out
// across `threads` worker threads (0 = hardware concurrency). The window size c is chosen
// to minimise the estimated number of additions for the input size.
// Variable-time in the scalars: call only where timing of the sum does not leak secrets
// beyond what the prover's output already reveals (the standard Groth16 prover setting).
#pragma once

#include <span>

#include "zk/ec/g1.hpp"
#include "zk/ec/g2.hpp"

namespace verimeter::zk {

// Requires bases.size() == scalars.size() (the shorter length is used otherwise).
G1 msm(std::span<const G1Affine> bases, std::span<const Fr> scalars, unsigned threads = 0);
G2 msm(std::span<const G2Affine> bases, std::span<const Fr> scalars, unsigned threads = 0);

// Same, with scalars given as canonical integers (< 2^254), e.g. straight from a witness file.
G1 msm(std::span<const G1Affine> bases, std::span<const Limbs> scalars, unsigned threads = 0);
G2 msm(std::span<const G2Affine> bases, std::span<const Limbs> scalars, unsigned threads = 0);

// The window size msm uses for n terms (exposed for benchmarks and tests).
unsigned msm_window_bits(std::size_t n);

}  // namespace verimeter::zk
