// parse_attest_request: the replay identity (request_hash) and the response digest are built
// from one canonicalization of the response body. These tests hold them to their definitions,
// SHA-256 of JCS(the whole body) and of JCS(response_body) (or its raw text), computed here
// the direct way, over bodies with every optional member present, absent and null.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters_test_util.hpp"
#include "billing/attest.hpp"
#include "core/jcs.hpp"
#include "crypto/sha256.hpp"

namespace verimeter::billing {
namespace {

using testing::read_fixture;

std::string direct_hash(const Json& v) {
  auto canon = jcs_canonicalize(v);
  EXPECT_TRUE(canon.ok());
  return canon.ok() ? crypto::sha256_hex(*canon) : std::string();
}

std::vector<Json> bodies() {
  const Json chat = Json::parse(read_fixture("openai/chat_cached.json"));
  const std::string stream = read_fixture("openai/chat_stream.txt");
  Json base = {{"event_id", "ev-1"}, {"provider", "openai"}, {"model", "gpt-4o"}};
  std::vector<Json> out;
  Json b = base;
  b["response_body"] = chat;
  out.push_back(b);
  b["tariff_id"] = "default";
  b["event_time"] = "2026-11-01T10:00:00.000Z";
  b["request"] = {{"messages", {{{"role", "user"}, {"content", "h\u00e9llo \"q\" \u2028"}}}}};
  out.push_back(b);
  b["tariff_id"] = nullptr;
  b["event_time"] = nullptr;
  b["request"] = nullptr;
  out.push_back(b);
  Json s = base;
  s["response_body"] = stream;  // raw text: hashed as given, canonicalized inside the body
  s["event_id"] = "z\u00e9\U0001F600";
  out.push_back(s);
  return out;
}

TEST(AttestRequest, DigestsMatchTheirDefinitions) {
  for (const Json& body : bodies()) {
    SCOPED_TRACE(body.dump().substr(0, 120));
    auto r = parse_attest_request(body);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->request_hash, direct_hash(body));
    const Json& rb = body["response_body"];
    EXPECT_EQ(r->response_sha256, rb.is_string()
                                      ? crypto::sha256_hex(rb.get_ref<const std::string&>())
                                      : direct_hash(rb));
    EXPECT_EQ(r->response_body, rb);  // moved out intact
    if (body.contains("request") && !body["request"].is_null()) {
      ASSERT_TRUE(r->request.has_value());
      EXPECT_EQ(*r->request, body["request"]);
    } else {
      EXPECT_FALSE(r->request.has_value());
    }
  }
}

// Bodies that differ only in whitespace or member order are the same request; any change of
// a value is a different one.
TEST(AttestRequest, HashIsCanonical) {
  const Json body = bodies()[1];
  auto a = parse_attest_request(Json::parse(body.dump(2)));
  auto b = parse_attest_request(body);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->request_hash, b->request_hash);
  Json changed = body;
  changed["response_body"]["usage"]["prompt_tokens"] =
      changed["response_body"]["usage"]["prompt_tokens"].get<std::int64_t>() + 1;
  auto c = parse_attest_request(changed);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(c->request_hash, b->request_hash);
  EXPECT_NE(c->response_sha256, b->response_sha256);
}

TEST(AttestRequest, InvalidUtf8InTheResponseTextIsRefused) {
  Json body = bodies()[3];
  body["response_body"] = std::string("data: \xff\n");
  auto r = parse_attest_request(body);
  ASSERT_FALSE(r.ok());
}

}  // namespace
}  // namespace verimeter::billing
