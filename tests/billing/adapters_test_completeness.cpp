// A response that did not complete is refused (usage_missing), never billed: the completeness
// rules of docs/spec/receipt.md §Streams for OpenAI chat and Responses streams, and the finish
// check of a single Gemini GenerateContentResponse (a lone stream chunk is not a response).
#include <gtest/gtest.h>

#include "adapters_test_util.hpp"
#include "core/json.hpp"

namespace verimeter::billing::testing {
namespace {

std::string code_of(const std::string& provider, const std::string& text) {
  auto r = normalize_usage_text(provider, text);
  return r.ok() ? std::string("ok") : r.error().code;
}

const std::string kHead = R"({"id":"chatcmpl-c","object":"chat.completion.chunk","model":"m",)";
const std::string kStart =
    kHead +
    R"("choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}],"usage":null})";
const std::string kFinish =
    kHead + R"("choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null})";
const std::string kUsage =
    kHead + R"("choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}})";

TEST(ChatStreamCompleteness, CompleteStreamIsAccepted) {
  const auto r = normalize_usage_text("openai", sse({kStart, kFinish, kUsage, "[DONE]"}));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->buckets, buckets(9, 0, 0, 0, 2, 0));
  // A repeated [DONE] (some proxies send two) still ends the same complete stream.
  EXPECT_EQ(code_of("openai", sse({kStart, kFinish, kUsage, "[DONE]", "[DONE]"})), "ok");
}

TEST(ChatStreamCompleteness, VllmContinuousUsageCutAfterTwoChunksIsMissing) {
  // Usage on every chunk (continuous_usage_stats); cut with no finish_reason and no [DONE].
  auto r = normalize_usage_text(
      "openai_compatible",
      read_fixture("openai_compatible/vllm_stream_continuous_interrupted.txt"));
  ASSERT_FALSE(r.ok()) << "billed " << r->reported_output_total << " output tokens";
  EXPECT_EQ(r.error().code, "usage_missing");
  EXPECT_NE(r.error().message.find("interrupted"), std::string::npos) << r.error().message;
}

TEST(ChatStreamCompleteness, UsageOnFirstChunkThenContentWithoutDoneIsMissing) {
  EXPECT_EQ(fixture_error("openai", "openai/chat_stream_usage_first_interrupted.txt"),
            "usage_missing");
}

TEST(ChatStreamCompleteness, UsageChunkWithoutDoneIsMissing) {
  std::string text = read_fixture("openai/chat_stream.txt");
  const auto done = text.find("data: [DONE]");
  ASSERT_NE(done, std::string::npos);
  text.erase(done);
  EXPECT_EQ(code_of("openai", text), "usage_missing");
  EXPECT_EQ(code_of("openai_compatible", text), "usage_missing");
}

TEST(ChatStreamCompleteness, UsageFollowedByMoreContentIsNotFinal) {
  const auto r = normalize_usage_text("openai", sse({kStart, kUsage, kFinish, "[DONE]"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_missing");
  EXPECT_NE(r.error().message.find("carries no usage"), std::string::npos) << r.error().message;
}

TEST(ChatStreamCompleteness, ChoiceWithoutFinishReasonIsMissing) {
  const std::string second =
      kHead + R"("choices":[{"index":1,"delta":{"content":"B"},"finish_reason":null}]})";
  const auto r = normalize_usage_text("openai", sse({kStart, second, kFinish, kUsage, "[DONE]"}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_missing");
  EXPECT_NE(r.error().message.find("choice 1"), std::string::npos) << r.error().message;
  EXPECT_EQ(code_of("openai", sse({kStart, kUsage, "[DONE]"})), "usage_missing");
}

// Servers that put the usage on the chunk carrying the last finish_reason (instead of a
// separate `choices: []` chunk) send a complete stream too: that usage is the final one.
TEST(ChatStreamCompleteness, UsageOnTheFinishChunkBeforeDoneIsFinal) {
  const std::string finish_with_usage =
      kHead + R"("choices":[{"index":0,"delta":{},"finish_reason":"stop"}],)"
              R"("usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}})";
  EXPECT_EQ(code_of("openai_compatible", sse({kStart, finish_with_usage, "[DONE]"})), "ok");
  // ... but not when a choice is still open, nor when more content follows it.
  EXPECT_EQ(code_of("openai_compatible", sse({finish_with_usage, kStart, "[DONE]"})),
            "usage_missing");
}

TEST(ChatStreamCompleteness, DataAfterDoneIsUnknownFormat) {
  EXPECT_EQ(code_of("openai", sse({kStart, kFinish, kUsage, "[DONE]", kStart})),
            "usage_unknown_format");
}

// The Responses path already reads usage only from a terminal event; a running usage on an
// earlier event must not be billed when the stream is cut.
TEST(ResponsesStreamCompleteness, UsageOnlyOnNonTerminalEventsIsMissing) {
  const std::string usage = R"("usage":{"input_tokens":5,"output_tokens":1,"total_tokens":6})";
  const auto text =
      sse({R"({"type":"response.created","response":{"object":"response","status":"in_progress",)" +
               usage + "}}",
           R"({"type":"response.in_progress","response":{"object":"response",)"
           R"("status":"in_progress",)" +
               usage + "}}",
           R"({"type":"response.output_text.delta","delta":"Hi"})"});
  EXPECT_EQ(code_of("openai", text), "usage_missing");
  EXPECT_EQ(code_of("openai", text + "data: [DONE]\n\n"), "usage_missing");
}

TEST(GeminiCompleteness, SinglePartialChunkIsMissing) {
  const std::string body = R"({"candidates":[{"content":{"parts":[{"text":"a"}]}}],)"
                           R"("usageMetadata":{"promptTokenCount":11,"totalTokenCount":11}})";
  auto r = normalize_usage_text("gemini", body);
  ASSERT_FALSE(r.ok()) << "a partial chunk was billed";
  EXPECT_EQ(r.error().code, "usage_missing");
  EXPECT_NE(r.error().message.find("finishReason"), std::string::npos) << r.error().message;
  // The same through the parsed-body entry point (a response_body sent as a JSON object).
  EXPECT_EQ(normalize_usage("gemini", *parse_json(body)).error().code, "usage_missing");
  EXPECT_EQ(fixture_error("gemini", "gemini/generate_partial_chunk.json"), "usage_missing");
}

TEST(GeminiCompleteness, BlockedPromptIsACompleteResponse) {
  const auto r = normalize_usage_text(
      "gemini", R"({"promptFeedback":{"blockReason":"SAFETY"},)"
                R"("usageMetadata":{"promptTokenCount":17,"totalTokenCount":17}})");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->buckets, buckets(17, 0, 0, 0, 0, 0));
}

}  // namespace
}  // namespace verimeter::billing::testing
