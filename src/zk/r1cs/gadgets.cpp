#include "zk/r1cs/gadgets.hpp"

#include "zk/r1cs/require.hpp"

namespace verimeter::zk::r1cs {

void assert_boolean(Circuit& c, const Lc& x) {
  c.enforce(x, x - Lc(Circuit::one()), Lc());
}

void assert_equal(Circuit& c, const Lc& a, const Lc& b) {
  c.enforce(a - b, Lc(Circuit::one()), Lc());
}

std::vector<Var> to_bits(Circuit& c, const Lc& x, unsigned n) {
  ZK_CIRCUIT_REQUIRE(n <= 253, "to_bits supports at most 253 bits");
  const Limbs v = c.value(x).to_limbs();
  std::vector<Var> bits;
  bits.reserve(n);
  Lc sum;
  Fr weight = Fr::one();
  for (unsigned i = 0; i < n; ++i) {
    const Var b = c.witness(limb_bit(v, i) ? Fr::one() : Fr::zero());
    assert_boolean(c, b);
    sum = sum.add_scaled(Lc(b), weight);
    weight = weight.dbl();
    bits.push_back(b);
  }
  assert_equal(c, sum, x);
  return bits;
}

Lc from_bits(std::span<const Var> bits) {
  Lc sum;
  Fr weight = Fr::one();
  for (const Var& b : bits) {
    sum = sum.add_scaled(Lc(b), weight);
    weight = weight.dbl();
  }
  return sum;
}

void assert_range(Circuit& c, const Lc& x, unsigned n) {
  (void)to_bits(c, x, n);
}

Var is_zero(Circuit& c, const Lc& x) {
  const Fr xv = c.value(x);
  const Var inv = c.witness(xv.inverse());  // inverse(0) = 0
  // out = 1 − x·inv; x·out = 0.
  const Var out = c.witness(xv.is_zero() ? Fr::one() : Fr::zero());
  c.enforce(x, Lc(inv), Lc(Circuit::one()) - Lc(out));
  c.enforce(x, Lc(out), Lc());
  return out;
}

Var is_equal(Circuit& c, const Lc& a, const Lc& b) {
  return is_zero(c, a - b);
}

Var less_than(Circuit& c, const Lc& a, const Lc& b, unsigned n) {
  ZK_CIRCUIT_REQUIRE(n <= 252, "less_than supports at most 252 bits");
  Fr two_n = Fr::one();
  for (unsigned i = 0; i < n; ++i) two_n = two_n.dbl();
  // a + 2ⁿ − b has bit n set exactly when a ≥ b.
  const std::vector<Var> bits = to_bits(c, a + Lc::constant(two_n) - b, n + 1);
  const Var top = bits[n];
  const Var out = c.witness(Fr::one() - c.value(top));
  assert_equal(c, Lc(out), Lc(Circuit::one()) - Lc(top));
  return out;
}

Lc select(Circuit& c, const Lc& cond, const Lc& if_true, const Lc& if_false) {
  const Var t = c.mul(cond, if_true - if_false);
  return Lc(t) + if_false;
}

Var pow5(Circuit& c, const Lc& x) {
  const Var x2 = c.mul(x, x);
  const Var x4 = c.mul(x2, x2);
  return c.mul(x4, x);
}

}  // namespace verimeter::zk::r1cs
