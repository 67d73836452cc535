// Basic R1CS gadgets over Circuit: each adds its constraints and computes the values of the
// variables it creates. Constraint costs are given per gadget. Linear operations (addition,
// multiplication by constants) are Lc arithmetic and cost nothing.
#pragma once

#include <span>
#include <vector>

#include "zk/r1cs/circuit.hpp"

namespace verimeter::zk::r1cs {

// x·(x − 1) = 0. 1 constraint.
void assert_boolean(Circuit& c, const Lc& x);
// a = b. 1 constraint.
void assert_equal(Circuit& c, const Lc& a, const Lc& b);

// n little-endian bits of x (n ≤ 253 so the decomposition is unique), each boolean and
// Σ 2ⁱ·bᵢ = x. n + 1 constraints. Unsatisfiable if x ≥ 2ⁿ.
std::vector<Var> to_bits(Circuit& c, const Lc& x, unsigned n);
// Σ 2ⁱ·bᵢ (free).
Lc from_bits(std::span<const Var> bits);
// x < 2ⁿ. n + 1 constraints.
void assert_range(Circuit& c, const Lc& x, unsigned n);

// 1 if x = 0 else 0 (inverse trick). 2 constraints.
Var is_zero(Circuit& c, const Lc& x);
// 1 if a = b else 0. 2 constraints.
Var is_equal(Circuit& c, const Lc& a, const Lc& b);

// 1 if a < b else 0, for a, b < 2ⁿ (the caller range-checks them), n ≤ 252. n + 2 constraints.
Var less_than(Circuit& c, const Lc& a, const Lc& b, unsigned n);

// cond ? if_true : if_false, for boolean cond. 1 constraint.
Lc select(Circuit& c, const Lc& cond, const Lc& if_true, const Lc& if_false);

// x⁵ (the Poseidon S-box). 3 constraints.
Var pow5(Circuit& c, const Lc& x);

}  // namespace verimeter::zk::r1cs
