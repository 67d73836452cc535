// parse_attest_request: the replay identity (request_hash) and the response digest are built
// from one canonicalization of the response body. These tests hold them to their definitions,
// SHA-256 of JCS(the whole body) and of JCS(response_body) (or its raw text), computed here
// the direct way, over bodies with every optional member present, absent and null.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters_test_util.hpp"
#include "billing/attest.hpp"
#include "billing/charge.hpp"
#include "billing/default_tariff.hpp"
#include "billing/receipt.hpp"
#include "billing/retokenize.hpp"
#include "core/jcs.hpp"
#include "crypto/note_key.hpp"
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

// docs/spec/receipt.md §Errors: a JSON-object response body is canonicalized before any adapter
// runs, so an integer >= 2^53 anywhere in it is jcs_number_out_of_range (a usage counter or not);
// the same response as raw text reaches the adapter, which refuses only a counter
// (usage_bad_field).
TEST(AttestRequest, IntegerBeyond2To53IsRefusedBeforeTheAdapterOnlyInAJsonObject) {
  const std::string big = "9007199254740992";  // 2^53
  const std::string counter = R"({"object":"chat.completion","model":"gpt-4o","choices":[],)"
                              R"("usage":{"prompt_tokens":)" +
                              big + R"(,"completion_tokens":0,"total_tokens":)" + big + "}}";
  const std::string other = R"({"object":"chat.completion","model":"gpt-4o","choices":[],)"
                            R"("seed":)" +
                            big +
                            R"(,"usage":{"prompt_tokens":5,"completion_tokens":1,)"
                            R"("total_tokens":6}})";
  Json body = {{"event_id", "ev-big"}, {"provider", "openai"}, {"model", "gpt-4o"}};
  for (const std::string& response : {counter, other}) {
    body["response_body"] = *parse_json(response);
    auto as_object = parse_attest_request(body);
    ASSERT_FALSE(as_object.ok()) << response;
    EXPECT_EQ(as_object.error().code, "jcs_number_out_of_range") << response;
    body["response_body"] = response;
    EXPECT_TRUE(parse_attest_request(body).ok()) << response;
  }
  EXPECT_EQ(normalize_usage_text("openai", counter).error().code, "usage_bad_field");
  EXPECT_TRUE(normalize_usage_text("openai", other).ok());
}

// The receipt is written canonically member by member (no tree): for every provider sample
// its bytes must be a fixed point of parse + JCS, carry exactly the receipt's members, and say
// what the inputs say.
TEST(AttestReceipt, LeafIsCanonicalAndCarriesTheInputs) {
  crypto::SigningKey key = crypto::SigningKey::generate();
  const std::string name = "test.verimeter.example";
  const crypto::NoteSigner signer{
      name, crypto::compute_key_id(name, crypto::NoteKeyType::kEd25519, key.public_key()),
      crypto::NoteKeyType::kEd25519, key};
  const PinnedTariff tariff = pin_tariff(default_tariff());
  const AttestContext ctx{"t_receipt", &signer, "log.example/x", 1000, 1767225600123, nullptr,
                          {},          false};
  const std::pair<const char*, const char*> samples[] = {{"openai", "model"},
                                                         {"anthropic", "model"},
                                                         {"gemini", "modelVersion"},
                                                         {"openai_compatible", "model"},
                                                         {"ollama", "model"}};
  for (const auto& [provider, model_field] : samples) {
    SCOPED_TRACE(provider);
    const Json response = Json::parse(read_fixture(std::string("samples/") + provider + ".json"));
    const Json body = {{"event_id", "ev-\"1\"\u00e9"},
                       {"provider", provider},
                       {"model", response[model_field]},
                       {"response_body", response}};
    auto req = parse_attest_request(body);
    ASSERT_TRUE(req.ok()) << req.error().message;
    auto out = attest(*req, tariff, ctx);
    ASSERT_TRUE(out.ok()) << out.error().message;
    auto receipt = parse_json(out->leaf);
    ASSERT_TRUE(receipt.ok());
    EXPECT_EQ(*jcs_canonicalize(*receipt), out->leaf);
    std::vector<std::string> keys;
    for (auto it = receipt->begin(); it != receipt->end(); ++it) keys.push_back(it.key());
    EXPECT_EQ(keys,
              std::vector<std::string>(std::begin(kReceiptV1Fields), std::end(kReceiptV1Fields)));
    const Json& r = *receipt;
    EXPECT_EQ(r["event_id"], body["event_id"]);
    EXPECT_EQ(r["model"], body["model"]);
    EXPECT_EQ(r["tenant"], "t_receipt");
    EXPECT_EQ(r["receipt_id"], out->receipt_id);
    EXPECT_EQ(r["issued_at"], "2026-01-01T00:00:00.123Z");
    EXPECT_EQ(r["response_sha256"], req->response_sha256);
    EXPECT_EQ(r["log"], (Json{{"origin", "log.example/x"}, {"max_merge_delay_ms", 1000}}));
    EXPECT_EQ(r["tariff"]["sha256"], tariff.content_hash);
    EXPECT_EQ(r["signer"]["key_name"], name);
    EXPECT_EQ(r["retokenization"], out->retokenization);
    EXPECT_TRUE(r["energy"].is_null());
    auto charge = charge_from_json(r["charge"]);
    ASSERT_TRUE(charge.ok()) << charge.error().message;
    EXPECT_EQ(charge_to_json(*charge), r["charge"]);
  }
}

}  // namespace
}  // namespace verimeter::billing
