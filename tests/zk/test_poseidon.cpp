// Poseidon (circomlib parameters): published vectors, circomlibjs vectors for every width
// (tests/zk/fixtures/poseidon_vectors.json, made by scripts/zk/make-fixtures.sh), and properties
// of the generated constants.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "zk/poseidon/grain_lfsr.hpp"
#include "zk/poseidon/poseidon.hpp"

namespace verimeter::zk::poseidon {
namespace {

Fr dec(const std::string& s) {
  auto f = Fr::from_decimal(s);
  EXPECT_TRUE(f.ok()) << s;
  return f.ok() ? *f : Fr::zero();
}

std::string hash_dec(const std::vector<Fr>& in) {
  auto h = hash(in);
  EXPECT_TRUE(h.ok());
  return h.ok() ? h->to_decimal() : "";
}

std::vector<Fr> range_inputs(unsigned n) {
  std::vector<Fr> v;
  for (unsigned i = 1; i <= n; ++i) v.push_back(Fr::from_u64(i));
  return v;
}

TEST(ZkPoseidon, PublishedVectors) {
  EXPECT_EQ(hash_dec(range_inputs(1)),
            "18586133768512220936620570745912940619677854269274689475585506675881198879027");
  EXPECT_EQ(hash_dec(range_inputs(2)),
            "7853200120776062878684798364095072458815029376092732009249414926327459813530");
  EXPECT_EQ(hash_dec({Fr::zero(), Fr::zero()}),
            "14744269619966411208579211824598458697587494354926760081771325075741142829156");
  EXPECT_EQ(hash_dec(range_inputs(4)),
            "18821383157269793795438455681495246036402687001665670618754263018637548127333");
  EXPECT_EQ(hash_dec(range_inputs(8)),
            "18604317144381847857886385684060986177838410221561136253933256952257712543953");
  EXPECT_EQ(hash_dec(range_inputs(16)),
            "9989051620750914585850546081941653841776809718687451684622678807385399211877");
  std::vector<Fr> nine_then_zero = range_inputs(9);
  nine_then_zero.resize(16, Fr::zero());
  EXPECT_EQ(hash_dec(nine_then_zero),
            "11882816200654282475720830292386643970958445617880627439994635298904836126497");
}

TEST(ZkPoseidon, MatchesCircomlibjsForEveryWidth) {
  std::ifstream in(std::string(VERIMETER_SOURCE_DIR) + "/tests/zk/fixtures/poseidon_vectors.json");
  ASSERT_TRUE(in) << "missing poseidon_vectors.json";
  const auto vectors = nlohmann::json::parse(in);
  std::vector<bool> width_seen(17, false);
  for (const auto& v : vectors) {
    std::vector<Fr> inputs;
    for (const auto& s : v["inputs"]) inputs.push_back(dec(s.get<std::string>()));
    EXPECT_EQ(hash_dec(inputs), v["hash"].get<std::string>()) << "width " << inputs.size() + 1;
    width_seen[inputs.size()] = true;
  }
  for (unsigned n = 1; n <= 16; ++n) EXPECT_TRUE(width_seen[n]) << n << " inputs not covered";
}

TEST(ZkPoseidon, RejectsBadArity) {
  EXPECT_EQ(hash(std::vector<Fr>{}).error().code, "poseidon_arity");
  EXPECT_FALSE(hash(range_inputs(17)).ok());
}

TEST(ZkPoseidon, GeneratedParametersHaveTheRightShape) {
  for (unsigned t = kMinWidth; t <= kMaxWidth; ++t) {
    const Params& p = params(t);
    EXPECT_EQ(p.t, t);
    EXPECT_EQ(p.round_constants.size(), (8 + p.partial_rounds) * t);
    ASSERT_EQ(p.mds.size(), t * t);
    for (const Fr& m : p.mds) EXPECT_FALSE(m.is_zero());
  }
  EXPECT_EQ(partial_rounds_for_width(3), 57u);
  EXPECT_EQ(partial_rounds_for_width(17), 68u);
  EXPECT_EQ(partial_rounds_for_width(18), 0u);
}

TEST(ZkPoseidon, GeneratorIsDeterministicAndWidthDependent) {
  const Params a = generate_params(3);
  EXPECT_EQ(a.round_constants, params(3).round_constants);
  EXPECT_EQ(a.mds, params(3).mds);
  EXPECT_NE(generate_params(4).round_constants[0], a.round_constants[0]);
  // The first circomlib round constant for t = 3 (C[0] of the reference constant set).
  EXPECT_EQ(a.round_constants[0].to_decimal(),
            "6745197990210204598374042828761989596302876299545964402857411729872131034734");
}

TEST(ZkPoseidon, PermutationChangesEveryCell) {
  const Params& p = params(5);
  std::vector<Fr> state(5, Fr::zero());
  permute(p, state);
  for (const Fr& s : state) EXPECT_FALSE(s.is_zero());
}

}  // namespace
}  // namespace verimeter::zk::poseidon

#include "zk/poseidon/poseidon_fast.hpp"

namespace verimeter::zk::poseidon {
namespace {

TEST(ZkPoseidon, SparsePartialRoundsEqualThePlainPermutation) {
  for (unsigned t = kMinWidth; t <= kMaxWidth; ++t) {
    for (int k = 0; k < 3; ++k) {
      std::vector<Fr> a(t), b;
      for (Fr& x : a) x = k == 0 ? Fr::zero() : Fr::random();
      b = a;
      permute(params(t), a);
      permute_fast(fast_params(t), b);
      EXPECT_EQ(a, b) << "t=" << t;
    }
    const FastParams& f = fast_params(t);
    EXPECT_EQ(f.sparse.size(), f.partial_rounds);
    EXPECT_EQ(f.sparse[0].v.size(), t - 1);
  }
}

}  // namespace
}  // namespace verimeter::zk::poseidon
