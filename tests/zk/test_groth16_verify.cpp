// Groth16 verification of snarkjs-produced fixtures (tests/zk/fixtures/, made by
// scripts/zk/make-fixtures), and rejection of every tampered or malformed variant with its
// named reason; batch verification with bisection; re-randomised proofs (malleability).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "zk/groth16/json.hpp"
#include "zk/groth16/verifier.hpp"

namespace verimeter::zk {
namespace {

const std::string kFixtures = std::string(VERIMETER_SOURCE_DIR) + "/tests/zk/fixtures/";

Json load(const std::string& circuit, const std::string& file) {
  std::ifstream in(kFixtures + circuit + "/" + file);
  std::stringstream ss;
  ss << in.rdbuf();
  auto j = parse_json(ss.str());
  EXPECT_TRUE(j.ok()) << circuit << "/" << file;
  return j.ok() ? *j : Json();
}

struct Case {
  Json vk, proof, pub;
};

Case fixture(const std::string& circuit) {
  return {load(circuit, "verification_key.json"), load(circuit, "proof.json"),
          load(circuit, "public.json")};
}

VerifyOutcome run(const Case& c) {
  auto vk = verifying_key_from_json(c.vk);
  if (!vk) return VerifyOutcome::malformed(vk.error());
  auto proof = proof_from_json(c.proof);
  if (!proof) return VerifyOutcome::malformed(proof.error());
  auto pub = public_from_json(c.pub);
  if (!pub) return VerifyOutcome::malformed(pub.error());
  auto pvk = prepare_verifying_key(*vk);
  if (!pvk) return VerifyOutcome::malformed(pvk.error());
  return verify(*pvk, *proof, *pub);
}

void expect_outcome(const Case& c, VerifyStatus status, const std::string& reason) {
  const VerifyOutcome o = run(c);
  EXPECT_EQ(static_cast<int>(o.status), static_cast<int>(status)) << o.reason << ": " << o.message;
  EXPECT_EQ(o.reason, reason) << o.message;
}

std::string add_one(const std::string& dec) {
  return (Fq::from_decimal(dec).value() + Fq::one()).to_decimal();
}

class FixtureTest : public ::testing::TestWithParam<std::string> {};
INSTANTIATE_TEST_SUITE_P(Snarkjs, FixtureTest, ::testing::Values("binder", "mixed"));

TEST_P(FixtureTest, SnarkjsProofVerifies) {
  expect_outcome(fixture(GetParam()), VerifyStatus::kValid, "");
  const std::string dir = kFixtures + GetParam() + "/";
  const VerifyOutcome o =
      verify_files(dir + "verification_key.json", dir + "proof.json", dir + "public.json");
  EXPECT_TRUE(o.valid()) << o.reason << ": " << o.message;
}

TEST_P(FixtureTest, AlphaBetaMatchesSnarkjs) {
  // The stored vk_alphabeta_12 equals our e(alpha, beta) raised to snarkjs' fixed power: an
  // independent check of the pairing value, the tower layout and the final exponentiation.
  const auto vk = verifying_key_from_json(fixture(GetParam()).vk);
  ASSERT_TRUE(vk.ok());
  ASSERT_TRUE(vk->alphabeta.has_value());
  EXPECT_EQ(*vk->alphabeta, to_snarkjs_gt(pairing(vk->alpha1, vk->beta2)));
  EXPECT_NE(*vk->alphabeta, pairing(vk->alpha1, vk->beta2));
}

TEST_P(FixtureTest, WrongPublicValueIsInvalid) {
  Case c = fixture(GetParam());
  c.pub[0] = add_one(c.pub[0].get<std::string>());
  expect_outcome(c, VerifyStatus::kInvalid, "pairing_check_failed");
}

TEST_P(FixtureTest, ExtraOrMissingPublicInputIsInvalid) {
  Case extra = fixture(GetParam());
  extra.pub.push_back("1");
  expect_outcome(extra, VerifyStatus::kInvalid, "public_count_mismatch");
  Case missing = fixture(GetParam());
  missing.pub.erase(missing.pub.size() - 1);
  expect_outcome(missing, VerifyStatus::kInvalid, "public_count_mismatch");
}

TEST_P(FixtureTest, NonCanonicalPublicInputIsMalformed) {
  Case c = fixture(GetParam());
  // r itself: the residue 0 written non-canonically.
  c.pub[0] = "21888242871839275222246405745257275088548364400416034343698204186575808495617";
  expect_outcome(c, VerifyStatus::kMalformed, "field_not_canonical");
  c.pub[0] = "01";
  expect_outcome(c, VerifyStatus::kMalformed, "field_decimal");
  c.pub[0] = 5;
  expect_outcome(c, VerifyStatus::kMalformed, "zk_json_shape");
  c.pub[0] = "-1";
  expect_outcome(c, VerifyStatus::kMalformed, "field_decimal");
}

TEST_P(FixtureTest, NonCanonicalCoordinateIsMalformed) {
  Case c = fixture(GetParam());
  c.proof["pi_a"][0] =
      "21888242871839275222246405745257275088696311157297823662689037894645226208583";  // q
  expect_outcome(c, VerifyStatus::kMalformed, "field_not_canonical");
  Case d = fixture(GetParam());
  d.proof["pi_b"][1][0] = "0x1";
  expect_outcome(d, VerifyStatus::kMalformed, "field_decimal");
}

TEST_P(FixtureTest, PointsOffTheCurveAreInvalid) {
  Case a = fixture(GetParam());
  a.proof["pi_a"][1] = add_one(a.proof["pi_a"][1].get<std::string>());
  expect_outcome(a, VerifyStatus::kInvalid, "proof_point_not_on_curve");
  Case c = fixture(GetParam());
  c.proof["pi_c"][0] = add_one(c.proof["pi_c"][0].get<std::string>());
  expect_outcome(c, VerifyStatus::kInvalid, "proof_point_not_on_curve");
  Case b = fixture(GetParam());
  b.proof["pi_b"][0][1] = add_one(b.proof["pi_b"][0][1].get<std::string>());
  expect_outcome(b, VerifyStatus::kInvalid, "proof_point_not_on_curve");
}

TEST_P(FixtureTest, SwappedCoordinatesAreRejected) {
  Case b = fixture(GetParam());  // G2 in EVM order (c1 first)
  for (int k = 0; k < 2; ++k) std::swap(b.proof["pi_b"][k][0], b.proof["pi_b"][k][1]);
  expect_outcome(b, VerifyStatus::kInvalid, "proof_point_not_on_curve");
  Case a = fixture(GetParam());  // x and y exchanged
  std::swap(a.proof["pi_a"][0], a.proof["pi_a"][1]);
  expect_outcome(a, VerifyStatus::kInvalid, "proof_point_not_on_curve");
  Case ac = fixture(GetParam());  // A and C exchanged
  std::swap(ac.proof["pi_a"], ac.proof["pi_c"]);
  expect_outcome(ac, VerifyStatus::kInvalid, "pairing_check_failed");
}

TEST_P(FixtureTest, G2PointOutsideSubgroupIsInvalid) {
  Case c = fixture(GetParam());
  for (;;) {  // a twist point with a cofactor component
    const Fp2 x = Fp2::random();
    const auto y = fp2_sqrt(x.square() * x + G2Curve::b());
    if (!y) continue;
    c.proof["pi_b"] = g2_to_json(G2Affine::from_xy(x, *y));
    break;
  }
  expect_outcome(c, VerifyStatus::kInvalid, "proof_g2_not_in_subgroup");
}

TEST_P(FixtureTest, InfinityAndNegatedPointsAreRejected) {
  Case inf = fixture(GetParam());
  inf.proof["pi_a"] = Json::array({"0", "1", "0"});
  expect_outcome(inf, VerifyStatus::kInvalid, "proof_point_at_infinity");
  Case bad_inf = fixture(GetParam());
  bad_inf.proof["pi_a"][2] = "0";
  expect_outcome(bad_inf, VerifyStatus::kMalformed, "zk_point_encoding");
  Case neg = fixture(GetParam());
  neg.proof["pi_a"][1] =
      (-Fq::from_decimal(neg.proof["pi_a"][1].get<std::string>()).value()).to_decimal();
  expect_outcome(neg, VerifyStatus::kInvalid, "pairing_check_failed");
}

TEST_P(FixtureTest, WrongKeyIsInvalid) {
  Case c = fixture(GetParam());
  c.vk["vk_delta_2"] = c.vk["vk_gamma_2"];
  c.vk.erase("vk_alphabeta_12");
  expect_outcome(c, VerifyStatus::kInvalid, "pairing_check_failed");
  Case other = fixture(GetParam());
  other.vk = fixture(GetParam() == "binder" ? "mixed" : "binder").vk;
  const VerifyOutcome o = run(other);
  EXPECT_EQ(static_cast<int>(o.status), static_cast<int>(VerifyStatus::kInvalid));
  Case ab = fixture(GetParam());
  ab.vk["vk_alphabeta_12"][0][0][0] = "1";
  expect_outcome(ab, VerifyStatus::kMalformed, "zk_vkey_invalid");
}

TEST_P(FixtureTest, StrictJsonShapes) {
  Case proto = fixture(GetParam());
  proto.proof["protocol"] = "plonk";
  expect_outcome(proto, VerifyStatus::kMalformed, "zk_protocol");
  Case curve = fixture(GetParam());
  curve.vk["curve"] = "bls12381";
  expect_outcome(curve, VerifyStatus::kMalformed, "zk_protocol");
  Case missing = fixture(GetParam());
  missing.proof.erase("pi_c");
  expect_outcome(missing, VerifyStatus::kMalformed, "zk_json_missing");
  Case short_point = fixture(GetParam());
  short_point.proof["pi_a"].erase(2);
  expect_outcome(short_point, VerifyStatus::kMalformed, "zk_json_shape");
  Case npub = fixture(GetParam());
  npub.vk["nPublic"] = 7;
  expect_outcome(npub, VerifyStatus::kMalformed, "zk_json_shape");
  EXPECT_EQ(parse_proof_json(R"({"pi_a":1,"pi_a":2})").error().code, "json_duplicate_key");
  EXPECT_EQ(parse_public_json("[\"1\"").error().code, "json_syntax");
}

TEST_P(FixtureTest, ProjectiveZIsAccepted) {
  Case c = fixture(GetParam());
  const Fq z = Fq::from_u64(7);
  const Fq x = Fq::from_decimal(c.proof["pi_a"][0].get<std::string>()).value();
  const Fq y = Fq::from_decimal(c.proof["pi_a"][1].get<std::string>()).value();
  c.proof["pi_a"] = Json::array(
      {(x * z.square()).to_decimal(), (y * z.square() * z).to_decimal(), z.to_decimal()});
  expect_outcome(c, VerifyStatus::kValid, "");
}

TEST_P(FixtureTest, RerandomisedProofStillVerifies) {
  // Malleability: (t*A, B/t, C) is a different, equally valid proof. Proof bytes are not
  // identifiers.
  Case c = fixture(GetParam());
  const Proof p = proof_from_json(c.proof).value();
  const Fr t = Fr::random();
  const Proof q{G1::from_affine(p.a).mul(t).to_affine(),
                G2::from_affine(p.b).mul(t.inverse()).to_affine(), p.c};
  c.proof = proof_to_json_value(q);
  EXPECT_NE(c.proof, fixture(GetParam()).proof);
  expect_outcome(c, VerifyStatus::kValid, "");
}

TEST_P(FixtureTest, BatchAcceptsValidAndLocatesBadProofs) {
  const Case c = fixture(GetParam());
  const auto pvk = prepare_verifying_key(verifying_key_from_json(c.vk).value()).value();
  const Proof p = proof_from_json(c.proof).value();
  const auto pub = public_from_json(c.pub).value();
  std::vector<BatchItem> items;
  for (int i = 0; i < 6; ++i) {
    const Fr t = Fr::random();
    items.push_back({{G1::from_affine(p.a).mul(t).to_affine(),
                      G2::from_affine(p.b).mul(t.inverse()).to_affine(), p.c},
                     pub});
  }
  EXPECT_TRUE(verify_batch(pvk, items).all_valid);
  items[2].public_signals[0] += Fr::one();
  items[4].proof.c = -items[4].proof.c;
  items[5].public_signals.push_back(Fr::one());
  const BatchOutcome out = verify_batch(pvk, items);
  EXPECT_FALSE(out.all_valid);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const bool bad = i == 2 || i == 4 || i == 5;
    EXPECT_EQ(out.outcomes[i].valid(), !bad) << i;
  }
  EXPECT_EQ(out.outcomes[2].reason, "pairing_check_failed");
  EXPECT_EQ(out.outcomes[4].reason, "pairing_check_failed");
  EXPECT_EQ(out.outcomes[5].reason, "public_count_mismatch");
  EXPECT_TRUE(verify_batch(pvk, {}).all_valid);
}

TEST(VerifyFiles, ReadVerifyingKeyOnceVerifyMany) {
  const auto pvk = read_verifying_key(kFixtures + "mixed/verification_key.json");
  ASSERT_TRUE(pvk.ok()) << pvk.error().message;
  const Case c = fixture("mixed");
  EXPECT_TRUE(
      verify(*pvk, proof_from_json(c.proof).value(), public_from_json(c.pub).value()).valid());
  EXPECT_EQ(read_verifying_key(kFixtures + "mixed/proof.json").error().code, "zk_json_missing");
}

TEST(VerifyFiles, UnreadableInputIsMalformed) {
  const VerifyOutcome o = verify_files("/nonexistent/vk.json", "/nonexistent/p.json", "/x.json");
  EXPECT_EQ(static_cast<int>(o.status), static_cast<int>(VerifyStatus::kMalformed));
  EXPECT_EQ(o.reason, "file_not_found");
}

TEST(VerifyingKeyJson, RoundTrip) {
  VerifyingKey vk = verifying_key_from_json(fixture("mixed").vk).value();
  EXPECT_EQ(verifying_key_to_json(vk), fixture("mixed").vk);
  vk.alphabeta.reset();  // the writer recomputes vk_alphabeta_12 in snarkjs' form
  EXPECT_EQ(verifying_key_to_json(vk), fixture("mixed").vk);
}

}  // namespace
}  // namespace verimeter::zk
