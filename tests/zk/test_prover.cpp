// Groth16 prover on snarkjs keys and witnesses (fixtures from scripts/zk/make-fixtures.sh):
// proofs satisfy the pairing equation of the key, public signals match snarkjs' public.json,
// blinding randomises proofs, and bad witnesses are refused or yield invalid proofs.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "zk/format/binfile.hpp"
#include "zk/format/r1cs_file.hpp"
#include "zk/format/wtns_file.hpp"
#include "zk/format/zkey_file.hpp"
#include "zk/groth16/prover.hpp"
#include "zk/pairing/pairing.hpp"
#include "zk/prover_check.hpp"

namespace verimeter::zk {
namespace {

std::string fixture(const std::string& rel) {
  return std::string(VERIMETER_SOURCE_DIR) + "/tests/zk/fixtures/" + rel;
}

using testing::groth16_holds;

struct Loaded {
  ProvingKey key;
  std::vector<Limbs> witness;
};

Loaded load(const std::string& name) {
  auto key = read_proving_key(fixture(name + "/circuit.zkey"));
  EXPECT_TRUE(key.ok()) << (key.ok() ? "" : key.error().message);
  auto w = format::read_wtns_file(fixture(name + "/witness.wtns"));
  EXPECT_TRUE(w.ok());
  return {key.ok() ? *key : ProvingKey{}, w.ok() ? *w : std::vector<Limbs>{}};
}

TEST(ZkProver, ProvesSnarkjsFixturesValidly) {
  for (const char* name : {"mixed", "binder"}) {
    Loaded f = load(name);
    auto out = prove(f.key, f.witness);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_TRUE(groth16_holds(f.key, out->proof, out->public_signals)) << name;
    std::ifstream in(fixture(std::string(name) + "/public.json"));
    const auto expected = nlohmann::json::parse(in);
    ASSERT_EQ(out->public_signals.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(out->public_signals[i].to_decimal(), expected[i].get<std::string>());
    }
  }
}

TEST(ZkProver, WrongPublicSignalsDoNotVerify) {
  Loaded f = load("mixed");
  auto out = prove(f.key, f.witness);
  ASSERT_TRUE(out.ok());
  auto pub = out->public_signals;
  pub[2] += Fr::one();
  EXPECT_FALSE(groth16_holds(f.key, out->proof, pub));
}

TEST(ZkProver, BlindingRandomisesTheProof) {
  Loaded f = load("mixed");
  const ProverBlinding fixed{Fr::from_u64(5), Fr::from_u64(7)};
  auto p1 = prove(f.key, f.witness, fixed);
  auto p2 = prove(f.key, f.witness, fixed);
  auto p3 = prove(f.key, f.witness);
  ASSERT_TRUE(p1.ok() && p2.ok() && p3.ok());
  EXPECT_EQ(p1->proof.a, p2->proof.a);
  EXPECT_EQ(p1->proof.c, p2->proof.c);
  EXPECT_NE(p1->proof.a, p3->proof.a);
  EXPECT_TRUE(groth16_holds(f.key, p3->proof, p3->public_signals));
}

TEST(ZkProver, UnsatisfiedWitnessGivesAnInvalidProof) {
  Loaded f = load("mixed");
  f.witness[f.witness.size() - 3][0] ^= 1;  // corrupt an intermediate signal
  auto out = prove(f.key, f.witness);
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(groth16_holds(f.key, out->proof, out->public_signals));
}

TEST(ZkProver, RefusesMismatchedWitness) {
  Loaded f = load("mixed");
  auto shorter = f.witness;
  shorter.pop_back();
  EXPECT_EQ(prove(f.key, shorter).error().code, "zk_witness_mismatch");
  auto bad_one = f.witness;
  bad_one[0] = {2, 0, 0, 0};
  EXPECT_EQ(prove(f.key, bad_one).error().code, "zk_witness_mismatch");
  auto too_big = f.witness;
  too_big[3] = format::kBn254R;
  EXPECT_EQ(prove(f.key, too_big).error().code, "zk_witness_invalid");
}

TEST(ZkProver, KeyWithPointOffTheCurveIsRejected) {
  auto z = format::read_zkey_file(fixture("mixed/circuit.zkey"));
  ASSERT_TRUE(z.ok());
  format::Zkey bad = *z;
  bad.a[1].y[0] ^= 1;
  ASSERT_FALSE(bad.a[1].is_infinity());
  EXPECT_EQ(load_proving_key(bad).error().code, "zk_key_not_on_curve");
  bad = *z;
  bad.b2[1].x1[0] ^= 1;
  EXPECT_EQ(load_proving_key(bad).error().code, "zk_key_not_on_curve");
}

// The first point on the twist with x = k + u, k = 1, 2, ... (no cofactor clearing), checked
// against the definition to lie outside G2.
G2Affine twist_point_outside_g2() {
  for (std::uint64_t k = 1;; ++k) {
    const Fp2 x{Fq::from_u64(k), Fq::one()};
    const auto y = fp2_sqrt(x.square() * x + G2Curve::b());
    if (!y) continue;
    const G2Affine t = G2Affine::from_xy(x, *y);
    EXPECT_TRUE(t.on_curve());
    EXPECT_FALSE(G2::from_affine(t).mul(Fr::kModulus).is_identity());
    return t;
  }
}

std::size_t first_finite(const std::vector<format::ZkeyG2>& pts, std::size_t from) {
  while (pts.at(from).is_infinity()) ++from;
  return from;
}

TEST(ZkProver, KeyWithG2PointOutsideTheSubgroupIsRejected) {
  auto z = format::read_zkey_file(fixture("mixed/circuit.zkey"));
  ASSERT_TRUE(z.ok());
  ASSERT_TRUE(load_proving_key(*z).ok());
  const format::ZkeyG2 outside = g2_to_zkey(twist_point_outside_g2());
  for (std::size_t from : {std::size_t{0}, z->b2.size() / 2}) {
    format::Zkey bad = *z;
    const std::size_t i = first_finite(bad.b2, from);
    bad.b2[i] = outside;
    auto k = load_proving_key(bad);
    ASSERT_FALSE(k.ok());
    EXPECT_EQ(k.error().code, "zk_key_not_in_subgroup");
    EXPECT_NE(k.error().message.find("B2 point " + std::to_string(i)), std::string::npos)
        << k.error().message;
  }
  format::Zkey bad = *z;
  bad.delta2 = outside;
  EXPECT_EQ(load_proving_key(bad).error().message, "zkey delta2 is not in the G2 subgroup");
  bad = *z;
  bad.beta2 = outside;
  EXPECT_EQ(load_proving_key(bad).error().code, "zk_key_not_in_subgroup");
  bad = *z;
  bad.gamma2 = outside;
  EXPECT_EQ(load_proving_key(bad).error().code, "zk_key_not_in_subgroup");
}

TEST(ZkProver, ZkeyCoefficientEncodingRoundTrips) {
  for (std::uint64_t v : {0u, 1u, 2u, 123456789u}) {
    const Fr x = Fr::from_u64(v);
    EXPECT_EQ(zkey_coef_to_fr(fr_to_zkey_coef(x)), x);
  }
  // 1 is stored as R² mod r: Montgomery form of R.
  EXPECT_EQ(fr_to_zkey_coef(Fr::one()), Fr::kR2);
}

}  // namespace
}  // namespace verimeter::zk
