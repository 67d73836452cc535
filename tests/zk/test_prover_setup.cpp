// Development setup: keys it writes prove and verify for our own circuits and for circom
// circuits, and its coefficient section matches what snarkjs' setup writes for the same r1cs.
#include <gtest/gtest.h>

#include <algorithm>

#include "zk/format/wtns_file.hpp"
#include "zk/groth16/setup.hpp"
#include "zk/prover_check.hpp"
#include "zk/r1cs/membership_circuit.hpp"

namespace verimeter::zk {
namespace {

using testing::groth16_holds;

std::string fixture(const std::string& rel) {
  return std::string(VERIMETER_SOURCE_DIR) + "/tests/zk/fixtures/" + rel;
}

ProvingKey key_for(const format::R1csFile& r1cs) {
  auto z = dev_setup(r1cs);
  EXPECT_TRUE(z.ok());
  // Through the file encoding, as a user would get it.
  auto parsed = format::parse_zkey(format::serialize_zkey(*z));
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  auto k = load_proving_key(*parsed);
  EXPECT_TRUE(k.ok()) << k.error().message;
  return *k;
}

TEST(ZkSetup, OwnCircuitProvesAndVerifies) {
  const r1cs::Circuit c = r1cs::sample_membership_circuit(2, 5);
  ASSERT_TRUE(c.check_satisfied().ok());
  const ProvingKey key = key_for(c.to_r1cs());
  EXPECT_EQ(key.n_public, 3u);
  auto out = prove(key, c.witness_values());
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(out->public_signals, c.public_values());
  EXPECT_TRUE(groth16_holds(key, out->proof, out->public_signals));
  auto wrong = out->public_signals;
  wrong[1] += Fr::one();
  EXPECT_FALSE(groth16_holds(key, out->proof, wrong));
}

TEST(ZkSetup, CircomCircuitWithSnarkjsWitness) {
  auto r1cs = format::read_r1cs_file(fixture("mixed/circuit.r1cs"));
  auto w = format::read_wtns_file(fixture("mixed/witness.wtns"));
  ASSERT_TRUE(r1cs.ok() && w.ok());
  const ProvingKey key = key_for(*r1cs);
  auto out = prove(key, *w);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(groth16_holds(key, out->proof, out->public_signals));
}

TEST(ZkSetup, LayoutMatchesSnarkjsSetup) {
  auto r1cs = format::read_r1cs_file(fixture("mixed/circuit.r1cs"));
  auto theirs = format::read_zkey_file(fixture("mixed/circuit.zkey"));
  ASSERT_TRUE(r1cs.ok() && theirs.ok());
  auto ours = dev_setup(*r1cs);
  ASSERT_TRUE(ours.ok());
  EXPECT_EQ(ours->n_vars, theirs->n_vars);
  EXPECT_EQ(ours->n_public, theirs->n_public);
  EXPECT_EQ(ours->domain_size, theirs->domain_size);
  EXPECT_EQ(ours->gamma2, theirs->gamma2);  // both use the G2 generator
  auto key = [](const format::ZkeyCoef& k) { return std::tie(k.matrix, k.constraint, k.signal); };
  auto sorted = [&](std::vector<format::ZkeyCoef> v) {
    std::sort(v.begin(), v.end(), [&](const auto& x, const auto& y) { return key(x) < key(y); });
    return v;
  };
  EXPECT_EQ(sorted(ours->coefs), sorted(theirs->coefs));
}

TEST(ZkSetup, FixedSecretsAreDeterministic) {
  const r1cs::Circuit c = r1cs::sample_membership_circuit(1, 3);
  const SetupSecrets s{Fr::from_u64(11), Fr::from_u64(12), Fr::from_u64(13), Fr::from_u64(14)};
  auto z1 = dev_setup(c.to_r1cs(), s);
  auto z2 = dev_setup(c.to_r1cs(), s);
  ASSERT_TRUE(z1.ok() && z2.ok());
  EXPECT_EQ(format::serialize_zkey(*z1), format::serialize_zkey(*z2));
  auto z3 = dev_setup(c.to_r1cs());
  ASSERT_TRUE(z3.ok());
  EXPECT_NE(z3->delta1, z1->delta1);
}

}  // namespace
}  // namespace verimeter::zk
