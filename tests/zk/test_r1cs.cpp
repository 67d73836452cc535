// R1CS builder and gadgets: honest witnesses satisfy the constraints, dishonest ones do not, the
// in-circuit Poseidon equals the native one, and export follows snarkjs' wire order.
#include <gtest/gtest.h>

#include <array>

#include "zk/format/r1cs_file.hpp"
#include "zk/poseidon/poseidon.hpp"
#include "zk/r1cs/circuit.hpp"
#include "zk/r1cs/gadgets.hpp"
#include "zk/r1cs/membership_circuit.hpp"
#include "zk/r1cs/merkle_gadget.hpp"
#include "zk/r1cs/poseidon_gadget.hpp"

namespace verimeter::zk::r1cs {
namespace {

Fr u(std::uint64_t v) {
  return Fr::from_u64(v);
}

TEST(ZkR1cs, LinearCombinationArithmetic) {
  Circuit c;
  const Var x = c.private_input(u(3));
  const Var y = c.private_input(u(5));
  const Lc e = Lc(x) * u(2) + Lc(y) - Lc::constant(4);
  EXPECT_EQ(c.value(e), u(7));
  EXPECT_TRUE((e - e).terms().empty());
  EXPECT_EQ((Lc(x) + Lc(y)), (Lc(y) + Lc(x)));
  EXPECT_EQ(e.constant_value(), -u(4));
  EXPECT_TRUE(Lc::constant(9).is_constant());
  EXPECT_FALSE(e.is_constant());
}

TEST(ZkR1cs, MulAndEnforce) {
  Circuit c;
  const Var x = c.private_input(u(6));
  const Var y = c.mul(x, Lc(x) + Lc::constant(1));
  EXPECT_EQ(c.value(y), u(42));
  EXPECT_TRUE(c.check_satisfied().ok());
  c.set_value(y, u(41));
  EXPECT_EQ(c.check_satisfied().error().code, "r1cs_unsatisfied");
}

TEST(ZkR1cs, BitsAndRange) {
  Circuit c;
  const Var x = c.private_input(u(0b1011));
  const auto bits = to_bits(c, x, 4);
  ASSERT_EQ(bits.size(), 4u);
  EXPECT_EQ(c.value(bits[0]), u(1));
  EXPECT_EQ(c.value(bits[2]), u(0));
  EXPECT_EQ(c.value(from_bits(bits)), u(11));
  EXPECT_EQ(c.num_constraints(), 5u);
  EXPECT_TRUE(c.check_satisfied().ok());

  Circuit too_big;
  assert_range(too_big, too_big.private_input(u(16)), 4);
  EXPECT_FALSE(too_big.check_satisfied().ok());
  Circuit max_ok;
  assert_range(max_ok, max_ok.private_input(u(15)), 4);
  EXPECT_TRUE(max_ok.check_satisfied().ok());
  Circuit negative;  // -1 is a huge field element
  assert_range(negative, negative.private_input(-u(1)), 64);
  EXPECT_FALSE(negative.check_satisfied().ok());
}

TEST(ZkR1cs, NonBooleanBitIsRejected) {
  Circuit c;
  const Var x = c.private_input(u(2));
  const auto bits = to_bits(c, x, 2);
  // 2 = 0·1 + 1·2; replace by the non-boolean decomposition 2·1 + 0·2.
  c.set_value(bits[0], u(2));
  c.set_value(bits[1], u(0));
  EXPECT_FALSE(c.check_satisfied().ok());
}

TEST(ZkR1cs, IsZeroIsEqualAndEquality) {
  for (std::uint64_t v : {0u, 1u, 77u}) {
    Circuit c;
    const Var x = c.private_input(u(v));
    const Var z = is_zero(c, x);
    const Var e = is_equal(c, x, Lc::constant(77));
    EXPECT_EQ(c.value(z), v == 0 ? u(1) : u(0));
    EXPECT_EQ(c.value(e), v == 77 ? u(1) : u(0));
    EXPECT_TRUE(c.check_satisfied().ok());
    c.set_value(z, c.value(z) == u(1) ? u(0) : u(1));  // lie about the result
    EXPECT_FALSE(c.check_satisfied().ok()) << v;
  }
  Circuit c;
  assert_equal(c, c.private_input(u(3)), Lc::constant(4));
  EXPECT_FALSE(c.check_satisfied().ok());
}

TEST(ZkR1cs, LessThan) {
  const std::array<std::array<std::uint64_t, 2>, 5> cases = {
      {{3, 5}, {5, 3}, {4, 4}, {0, 65535}, {65535, 0}}};
  for (const auto& [a, b] : cases) {
    Circuit c;
    const Var out = less_than(c, c.private_input(u(a)), c.private_input(u(b)), 16);
    EXPECT_EQ(c.value(out), a < b ? u(1) : u(0)) << a << " " << b;
    EXPECT_TRUE(c.check_satisfied().ok());
    c.set_value(out, a < b ? u(0) : u(1));
    EXPECT_FALSE(c.check_satisfied().ok());
  }
}

TEST(ZkR1cs, SelectAndMultiplyByConstant) {
  for (std::uint64_t cond : {0u, 1u}) {
    Circuit c;
    const Var s = c.private_input(u(cond));
    const Var a = c.private_input(u(10));
    const Var b = c.private_input(u(20));
    const Lc r = select(c, s, Lc(a) * u(3), b);
    EXPECT_EQ(c.value(r), cond ? u(30) : u(20));
    EXPECT_EQ(c.num_constraints(), 1u);
    EXPECT_TRUE(c.check_satisfied().ok());
  }
}

TEST(ZkR1cs, PoseidonGadgetMatchesNativeForEveryWidth) {
  for (unsigned n = 1; n <= 16; ++n) {
    Circuit c;
    std::vector<Fr> native;
    std::vector<Lc> in;
    for (unsigned i = 0; i < n; ++i) {
      native.push_back(Fr::from_u64(1000 + 31 * i));
      in.emplace_back(c.private_input(native.back()));
    }
    const Lc h = poseidon_hash(c, in);
    EXPECT_EQ(c.value(h), *poseidon::hash(native)) << n;
    EXPECT_TRUE(c.check_satisfied().ok());
    const poseidon::Params& p = poseidon::params(n + 1);
    EXPECT_EQ(c.num_constraints(), 3u * (8 * (n + 1) + p.partial_rounds));
  }
}

TEST(ZkR1cs, PoseidonGadgetRejectsTamperedSbox) {
  Circuit c;
  const std::array<Lc, 2> in = {Lc(c.private_input(u(1))), Lc(c.private_input(u(2)))};
  (void)poseidon_hash(c, in);
  EXPECT_EQ(c.num_constraints(), 243u);
  c.set_value(Var{static_cast<std::uint32_t>(c.num_variables() / 2)}, u(12345));
  EXPECT_FALSE(c.check_satisfied().ok());
}

TEST(ZkR1cs, MerklePathMatchesNativeRoot) {
  const std::vector<Fr> sib = {u(11), u(22), u(33)};
  const std::vector<bool> bits = {true, false, true};
  const Fr leaf = u(5);
  Circuit c;
  std::vector<Lc> s, b;
  for (const Fr& x : sib) s.emplace_back(c.private_input(x));
  for (bool x : bits) b.emplace_back(c.private_input(x ? u(1) : u(0)));
  const Lc root = merkle_root(c, c.private_input(leaf), s, b);
  EXPECT_EQ(c.value(root), membership_root(leaf, sib, bits));
  EXPECT_TRUE(c.check_satisfied().ok());
}

TEST(ZkR1cs, MembershipCircuitSatisfiedOnlyWithTheRightRoot) {
  Circuit ok = sample_membership_circuit(4, 9);
  EXPECT_TRUE(ok.check_satisfied().ok());
  EXPECT_EQ(ok.public_values().size(), 3u);  // nullifier, root, epoch
  MembershipWitness w;
  w.secret = u(1);
  w.value = u(2);
  w.epoch = u(3);
  w.siblings = {u(4), u(5)};
  w.index_bits = {false, true};
  const Fr root = membership_root(membership_leaf(w.secret, w.value), w.siblings, w.index_bits);
  EXPECT_TRUE(build_membership_circuit(w, root).check_satisfied().ok());
  EXPECT_FALSE(build_membership_circuit(w, root + u(1)).check_satisfied().ok());
  w.value = -u(1);  // out of the 64-bit range
  const Fr root2 = membership_root(membership_leaf(w.secret, w.value), w.siblings, w.index_bits);
  EXPECT_FALSE(build_membership_circuit(w, root2).check_satisfied().ok());
}

TEST(ZkR1cs, ExportUsesSnarkjsWireOrder) {
  Circuit c;
  const Var internal = c.witness(u(9));
  const Var prv = c.private_input(u(3));
  const Var pub = c.public_input(u(2));
  c.enforce(prv, prv, internal);
  const Var out = c.output(Lc(internal) + Lc(pub));
  ASSERT_TRUE(c.check_satisfied().ok());
  const format::R1csFile f = c.to_r1cs();
  EXPECT_EQ(f.n_wires, 5u);
  EXPECT_EQ(f.n_pub_out, 1u);
  EXPECT_EQ(f.n_pub_in, 1u);
  EXPECT_EQ(f.n_prv_in, 1u);
  const auto w = c.witness_values();
  // one, output (11), public input (2), private input (3), internal (9)
  EXPECT_EQ(w[0], (Limbs{1, 0, 0, 0}));
  EXPECT_EQ(w[1], (Limbs{11, 0, 0, 0}));
  EXPECT_EQ(w[2], (Limbs{2, 0, 0, 0}));
  EXPECT_EQ(w[3], (Limbs{3, 0, 0, 0}));
  EXPECT_EQ(w[4], (Limbs{9, 0, 0, 0}));
  // constraint 0: prv·prv = internal -> wires 3·3 = 4
  EXPECT_EQ(f.constraints[0].a[0].wire, 3u);
  EXPECT_EQ(f.constraints[0].c[0].wire, 4u);
  // constraint 1: (internal + pub)·1 = out -> A has wires 2 and 4 ascending, C wire 1
  ASSERT_EQ(f.constraints[1].a.size(), 2u);
  EXPECT_EQ(f.constraints[1].a[0].wire, 2u);
  EXPECT_EQ(f.constraints[1].a[1].wire, 4u);
  EXPECT_EQ(f.constraints[1].c[0].wire, 1u);
  (void)out;
  auto parsed = format::parse_r1cs(format::serialize_r1cs(f));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(*parsed, f);
}

}  // namespace
}  // namespace verimeter::zk::r1cs

namespace verimeter::zk::r1cs {
namespace {

TEST(ZkR1csDeathTest, GadgetMisuseStopsEvenInReleaseBuilds) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Circuit c;
        (void)to_bits(c, c.private_input(Fr::one()), 254);
      },
      "at most 253 bits");
  EXPECT_DEATH(
      {
        Circuit c;
        (void)poseidon_hash(c, std::vector<Lc>(17, Lc(c.private_input(Fr::one()))));
      },
      "1 to 16 inputs");
}

}  // namespace
}  // namespace verimeter::zk::r1cs
