// Fr: the BN254 scalar field (witness values, Groth16 scalars, Poseidon, NTT).
// r - 1 = 2^28 * t with t odd, so radix-2 NTTs up to size 2^28 exist.
// root_of_unity(k) is the primitive 2^k-th root w_k = 5^(t * 2^(28-k)), the same choice as
// ffjavascript (5 is the smallest quadratic non-residue mod r), so that w_k^2 = w_{k-1} and
// domains match snarkjs' .zkey files.
#pragma once

#include "zk/ff/bn254_params.hpp"
#include "zk/ff/field.hpp"

namespace verimeter::zk {

using Fr = Field<FrParams>;

inline constexpr unsigned kFrTwoAdicity = 28;

// Primitive 2^k-th root of unity, 0 <= k <= 28 (k = 0 gives 1). Larger k is clamped to 28.
Fr fr_root_of_unity(unsigned k);

}  // namespace verimeter::zk
