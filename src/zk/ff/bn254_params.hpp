// The two primes of BN254 (alt_bn128, the curve of EIP-196/197 and snarkjs' "bn128"):
//   q = 21888242871839275222246405745257275088696311157297823662689037894645226208583 (base field)
//   r = 21888242871839275222246405745257275088548364400416034343698204186575808495617 (group order)
// Everything else (R, R^2, -p^-1) is derived from these at compile time in Field<P>.
#pragma once

#include "zk/ff/limbs.hpp"

namespace verimeter::zk {

struct FqParams {
  static constexpr Limbs kModulus = {0x3c208c16d87cfd47ULL, 0x97816a916871ca8dULL,
                                     0xb85045b68181585dULL, 0x30644e72e131a029ULL};
};

struct FrParams {
  static constexpr Limbs kModulus = {0x43e1f593f0000001ULL, 0x2833e84879b97091ULL,
                                     0xb85045b68181585dULL, 0x30644e72e131a029ULL};
};

}  // namespace verimeter::zk
