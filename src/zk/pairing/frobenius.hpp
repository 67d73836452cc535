// Frobenius constants gamma[k][i] = xi^(i*(p^k - 1)/6) for k = 1..3, i = 0..5, derived once from
// xi = 9 + u by exponentiation (no pasted tables). Used by Fp12::frobenius, by the twisted
// Frobenius psi on G2 (Miller loop end, subgroup check) and by the final exponentiation.
#pragma once

#include <array>

#include "zk/pairing/fp2.hpp"

namespace verimeter::zk {

struct FrobeniusConstants {
  std::array<std::array<Fp2, 6>, 4> gamma;  // gamma[k][i], k in 1..3 (index 0 unused)
};

const FrobeniusConstants& frobenius_constants();

}  // namespace verimeter::zk
