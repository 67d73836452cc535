// Anthropic Messages: disjoint cache counters, the 5m/1h split, server tool fees, streaming.
#include <gtest/gtest.h>

#include "adapters_test_util.hpp"

namespace verimeter::billing::testing {
namespace {

TEST(AnthropicMessages, Basic) {
  const auto u = normalize_fixture("anthropic", "anthropic/message_basic.json");
  EXPECT_EQ(u.provider, "anthropic");
  EXPECT_EQ(u.api, "messages");
  EXPECT_EQ(u.buckets, buckets(12, 0, 0, 0, 14, 0));
  EXPECT_EQ(u.completion_text, "Hello! I'm Claude, an AI assistant.");
  EXPECT_EQ(u.response_id, "msg_01XFDUDYJgAACzvnptvVoYEL");
  EXPECT_EQ(u.response_model, "claude-sonnet-4-20250514");
}

TEST(AnthropicMessages, CacheWriteSplitByTtl) {
  const auto u = normalize_fixture("anthropic", "anthropic/message_cache_split.json");
  EXPECT_EQ(u.buckets, buckets(21, 12288, 1024, 3072, 187, 0));
  EXPECT_EQ(u.reported_input_total, 21u + 12288u + 4096u);  // disjoint counters add up
  EXPECT_EQ(u.completion_text, "Clause 7 lets either party terminate with 30 days' notice.");
}

TEST(AnthropicMessages, CacheWriteWithoutSplitIsPricedAtFiveMinutes) {
  const auto u = normalize_fixture("anthropic", "anthropic/message_cache_no_split.json");
  EXPECT_EQ(u.buckets, buckets(9, 0, 2048, 0, 15, 0));
}

TEST(AnthropicMessages, SplitThatDoesNotSumIsInconsistent) {
  const auto body = R"({"type":"message","id":"msg_1","content":[],"usage":{"input_tokens":5,
    "cache_creation_input_tokens":100,"cache_read_input_tokens":0,
    "cache_creation":{"ephemeral_5m_input_tokens":60,"ephemeral_1h_input_tokens":30},
    "output_tokens":1}})";
  auto r = normalize_usage_text("anthropic", body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_inconsistent");
  EXPECT_NE(r.error().message.find("100 != 90"), std::string::npos) << r.error().message;
}

TEST(AnthropicMessages, WebSearchRequestsBecomeARequestCount) {
  const auto u = normalize_fixture("anthropic", "anthropic/message_web_search.json");
  EXPECT_EQ(u.buckets, buckets(6039, 0, 0, 0, 931, 0));
  ASSERT_EQ(u.requests.size(), 1u);  // web_fetch_requests 0 is omitted
  EXPECT_EQ(u.requests[0], (RequestCount{"web_search_requests", 3}));
  EXPECT_EQ(u.completion_text,
            "I'll search for the latest rate.The deposit facility rate is 2.00%.");
}

TEST(AnthropicMessages, BadServerToolCountIsRejected) {
  const auto body = R"({"type":"message","content":[],"usage":{"input_tokens":5,
    "output_tokens":1,"server_tool_use":{"web_search_requests":-2}}})";
  EXPECT_EQ(normalize_usage_text("anthropic", body).error().code, "usage_bad_field");
  const auto body2 = R"({"type":"message","content":[],"usage":{"input_tokens":5,
    "output_tokens":1,"server_tool_use":{"Web Search":2}}})";
  EXPECT_EQ(normalize_usage_text("anthropic", body2).error().code, "usage_bad_field");
}

TEST(AnthropicMessages, ErrorBodyIsMissing) {
  auto r = normalize_usage_text("anthropic", read_fixture("anthropic/error_overloaded.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_missing");
  EXPECT_NE(r.error().message.find("Overloaded"), std::string::npos);
}

TEST(AnthropicStream, StartAndFinalDelta) {
  const auto u = normalize_fixture("anthropic", "anthropic/stream.txt");
  EXPECT_EQ(u.usage_source, "provider_stream_final");
  EXPECT_EQ(u.buckets, buckets(472, 2560, 0, 0, 9, 0));
  EXPECT_EQ(u.completion_text, "Receipts are signed with Ed25519.");
  EXPECT_EQ(u.response_id, "msg_01Qw3eRt5yUi7oPa9sDf2gHj");
  EXPECT_EQ(u.raw_usage["output_tokens"], 9);
}

TEST(AnthropicStream, CumulativeDeltasKeepTheLatestNeverSum) {
  const auto u = normalize_fixture("anthropic", "anthropic/stream_cumulative.txt");
  EXPECT_EQ(u.buckets.output_visible, 9u);  // not 1 + 5 + 9
  ASSERT_EQ(u.requests.size(), 1u);
  EXPECT_EQ(u.requests[0], (RequestCount{"web_search_requests", 2}));  // not 1 + 2
}

TEST(AnthropicStream, GatewayThatSendsInputCountsLate) {
  const auto u = normalize_fixture("anthropic", "anthropic/stream_gateway_late_input.txt");
  EXPECT_EQ(u.buckets, buckets(1893, 0, 0, 0, 9, 0));
}

TEST(AnthropicStream, InterruptedBeforeMessageDeltaIsMissing) {
  EXPECT_EQ(fixture_error("anthropic", "anthropic/stream_interrupted.txt"), "usage_missing");
}

TEST(AnthropicStream, ErrorEventIsMissing) {
  auto r = normalize_usage_text("anthropic", read_fixture("anthropic/stream_error.txt"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_missing");
  EXPECT_NE(r.error().message.find("Overloaded"), std::string::npos);
}

}  // namespace
}  // namespace verimeter::billing::testing
