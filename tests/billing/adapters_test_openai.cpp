// OpenAI Chat Completions, legacy Completions and Responses, plain and streamed.
#include <gtest/gtest.h>

#include "adapters_test_util.hpp"

namespace verimeter::billing::testing {
namespace {

TEST(OpenAiChat, BasicResponse) {
  const auto u = normalize_fixture("openai", "openai/chat_basic.json");
  EXPECT_EQ(u.provider, "openai");
  EXPECT_EQ(u.api, "chat_completions");
  EXPECT_EQ(u.usage_source, "provider");
  EXPECT_EQ(u.buckets, buckets(24, 0, 0, 0, 8, 0));
  EXPECT_EQ(u.completion_text, "The capital of France is Paris.");
  EXPECT_EQ(u.response_id, "chatcmpl-BcV2rS8xQm1nT4kL9aPz0eWdYf3Hj");
  EXPECT_EQ(u.response_model, "gpt-4o-mini-2024-07-18");
  EXPECT_EQ(u.reported_input_total, 24u);
  EXPECT_EQ(u.reported_output_total, 8u);
  EXPECT_TRUE(u.requests.empty());
}

TEST(OpenAiChat, CachedTokensAreASubsetOfThePrompt) {
  const auto u = normalize_fixture("openai", "openai/chat_cached.json");
  EXPECT_EQ(u.buckets, buckets(2006 - 1920, 1920, 0, 0, 27, 0));
  EXPECT_EQ(u.reported_input_total, 2006u);
  EXPECT_EQ(u.raw_usage["prompt_tokens_details"]["cached_tokens"], 1920);
}

TEST(OpenAiChat, ReasoningTokensAreASubsetOfTheCompletion) {
  const auto u = normalize_fixture("openai", "openai/chat_reasoning.json");
  EXPECT_EQ(u.buckets, buckets(75, 0, 0, 0, 1186 - 1152, 1152));
  EXPECT_EQ(u.reported_output_total, 1186u);
}

TEST(OpenAiChat, AudioTokensGoToTheAudioBuckets) {
  const auto u = normalize_fixture("openai", "openai/chat_audio.json");
  EXPECT_EQ(u.buckets, buckets(118 - 96, 0, 0, 0, 342 - 284, 0, 96, 284));
  EXPECT_FALSE(u.completion_text.has_value());  // audio reply: content is null
}

TEST(OpenAiChat, SeveralChoicesConcatenateInIndexOrder) {
  const auto u = normalize_fixture("openai", "openai/chat_n2.json");
  EXPECT_EQ(u.completion_text, "First answer. Second answer.");
}

TEST(OpenAiChat, PredictionTokensStayInsideTheBilledOutput) {
  const auto u = normalize_fixture("openai", "openai/chat_prediction.json");
  EXPECT_EQ(u.buckets, buckets(322, 0, 0, 0, 96, 0));
}

TEST(OpenAiChat, ToolCallHasNoText) {
  const auto u = normalize_fixture("openai", "openai/chat_tool_call.json");
  EXPECT_EQ(u.buckets, buckets(82, 0, 0, 0, 17, 0));
  EXPECT_FALSE(u.completion_text.has_value());
}

TEST(OpenAiChat, LegacyCompletions) {
  const auto u = normalize_fixture("openai", "openai/completions_legacy.json");
  EXPECT_EQ(u.api, "completions");
  EXPECT_EQ(u.buckets, buckets(5, 0, 0, 0, 7, 0));
  EXPECT_EQ(u.completion_text, "\n\nThis is indeed a test");
}

TEST(OpenAiChat, ErrorBodyIsMissingUsageNotZero) {
  auto r = normalize_usage_text("openai", read_fixture("openai/error_rate_limit.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_missing");
  EXPECT_NE(r.error().message.find("Rate limit reached"), std::string::npos);
}

TEST(OpenAiChatStream, FinalChunkCarriesUsage) {
  const auto u = normalize_fixture("openai", "openai/chat_stream.txt");
  EXPECT_EQ(u.usage_source, "provider_stream_final");
  EXPECT_EQ(u.api, "chat_completions");
  EXPECT_EQ(u.buckets, buckets(1342 - 1280, 1280, 0, 0, 7, 0));
  EXPECT_EQ(u.completion_text, "Metered billing needs exact integer arithmetic.");
  EXPECT_EQ(u.response_id, "chatcmpl-BcVAsD4fG7hJ0kL3zX6cV9bN2mQ5w");
  EXPECT_EQ(u.response_model, "gpt-4o-2024-08-06");
  EXPECT_EQ(u.raw_usage["prompt_tokens"], 1342);
}

TEST(OpenAiChatStream, StreamWithoutUsageChunkIsMissing) {
  auto r = normalize_usage_text("openai", read_fixture("openai/chat_stream_no_usage.txt"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_missing");
  EXPECT_NE(r.error().message.find("include_usage"), std::string::npos);
}

TEST(OpenAiChatStream, InterruptedStreamIsMissing) {
  auto r = normalize_usage_text("openai", read_fixture("openai/chat_stream_interrupted.txt"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_missing");
  EXPECT_NE(r.error().message.find("interrupted"), std::string::npos);
}

TEST(OpenAiChatStream, CrlfLineEndingsAndCommentsAreAccepted) {
  std::string text = read_fixture("openai/chat_stream.txt");
  std::string crlf = ": keep-alive\r\n\r\n";
  for (char ch : text) crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
  const auto r = normalize_usage_text("openai", crlf);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->buckets, buckets(62, 1280, 0, 0, 7, 0));
}

TEST(OpenAiResponses, CachedAndReasoning) {
  const auto u = normalize_fixture("openai", "openai/responses_reasoning.json");
  EXPECT_EQ(u.api, "responses");
  EXPECT_EQ(u.buckets, buckets(1536 - 1024, 1024, 0, 0, 412 - 320, 320));
  EXPECT_EQ(u.completion_text, "The invoice total is 1,234.56 EUR.");
  EXPECT_EQ(u.response_id, "resp_6836f4a1b2c48190a3d5e7f9c1b3d5e70b2d4f6a8c1e3a5b");
  EXPECT_EQ(u.response_model, "o4-mini-2025-04-16");
}

TEST(OpenAiResponses, WebSearchCallsAreCountedAsRequests) {
  const auto u = normalize_fixture("openai", "openai/responses_web_search.json");
  EXPECT_EQ(u.buckets, buckets(8841, 0, 0, 0, 96, 0));
  ASSERT_EQ(u.requests.size(), 1u);  // file_search_requests 0 is omitted
  EXPECT_EQ(u.requests[0], (RequestCount{"web_search_requests", 2}));
}

TEST(OpenAiResponsesStream, UsageFromResponseCompleted) {
  const auto u = normalize_fixture("openai", "openai/responses_stream.txt");
  EXPECT_EQ(u.api, "responses");
  EXPECT_EQ(u.usage_source, "provider_stream_final");
  EXPECT_EQ(u.buckets, buckets(37, 0, 0, 0, 8, 0));
  EXPECT_EQ(u.completion_text, "Hello! How can I help?");
  EXPECT_EQ(u.response_id, "resp_6836f6c4d5e68190b0d2f4a6c8e0b2d45c9d1f3b5e7a9c1d");
}

TEST(OpenAiResponsesStream, InterruptedStreamIsMissing) {
  EXPECT_EQ(fixture_error("openai", "openai/responses_stream_interrupted.txt"), "usage_missing");
}

TEST(OpenAiResponsesStream, ErrorEventIsMissing) {
  const std::string text =
      "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{}}\n\n"
      "event: error\ndata: {\"type\":\"error\",\"code\":\"server_error\",\"message\":\"boom\"}\n\n";
  auto r = normalize_usage_text("openai", text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_missing");
  EXPECT_NE(r.error().message.find("boom"), std::string::npos);
}

}  // namespace
}  // namespace verimeter::billing::testing
