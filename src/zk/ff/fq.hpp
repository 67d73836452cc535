// Fq: the BN254 base field (coordinates of G1 points, and the bottom of the Fp2/Fp6/Fp12 tower).
#pragma once

#include "zk/ff/bn254_params.hpp"
#include "zk/ff/field.hpp"

namespace verimeter::zk {

using Fq = Field<FqParams>;

}  // namespace verimeter::zk
