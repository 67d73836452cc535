#include "verify/trust.hpp"

#include <gtest/gtest.h>

namespace verimeter::verify {
namespace {

constexpr const char* kKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";

TEST(Trust, ParsesAndRoundTrips) {
  const std::string text =
      std::string(R"({"trust_version":1,"operator_keys":[")") + kKey +
      R"("],"log":{"origin":"o","checkpoint_keys":[],"witness_keys":[],"witness_quorum":0},)"
      R"("require_inclusion_proof":true,"zk_verifying_keys":{}})";
  auto t = parse_trust(text);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->operator_keys.size(), 1u);
  EXPECT_TRUE(t->require_inclusion_proof);
  EXPECT_EQ(parse_trust(trust_to_json(*t).dump())->log_origin, "o");
}

TEST(Trust, RejectsBadFiles) {
  EXPECT_EQ(parse_trust("[]").error().code, "trust_malformed");
  EXPECT_EQ(parse_trust(R"({"trust_version":2,"operator_keys":[]})").error().code,
            "trust_unknown_version");
  EXPECT_EQ(parse_trust(R"({"trust_version":1,"operator_keys":[]})").error().code,
            "trust_malformed");
  EXPECT_EQ(parse_trust(R"({"trust_version":1,"operator_keys":["x+00000000+AA=="]})").error().code,
            "bad_verifier_key");
  const std::string extra =
      std::string(R"({"trust_version":1,"operator_keys":[")") + kKey + R"("],"x":1})";
  EXPECT_EQ(parse_trust(extra).error().code, "trust_malformed");
  const std::string quorum = std::string(R"({"trust_version":1,"operator_keys":[")") + kKey +
                             R"("],"log":{"witness_keys":[],"witness_quorum":1}})";
  EXPECT_EQ(parse_trust(quorum).error().code, "trust_malformed");
  EXPECT_EQ(parse_trust("{").error().code, "json_syntax");
}

}  // namespace
}  // namespace verimeter::verify
