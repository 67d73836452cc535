// Stream edge cases not covered by the captured fixtures: several choices, thinking deltas,
// event order, blocked prompts, gateway quirks.
#include <gtest/gtest.h>

#include "adapters_test_util.hpp"

namespace verimeter::billing::testing {
namespace {

TEST(StreamEdges, OpenAiSeveralChoicesConcatenateInIndexOrder) {
  const std::string head = R"({"id":"chatcmpl-n2","object":"chat.completion.chunk","model":"m",)";
  const auto text = sse({head + R"("choices":[{"index":1,"delta":{"content":"B1"}}],"usage":null})",
                         head + R"("choices":[{"index":0,"delta":{"content":"A1"}}],"usage":null})",
                         head + R"("choices":[{"index":1,"delta":{"content":"B2"}}],"usage":null})",
                         head + R"("choices":[{"index":0,"delta":{"content":"A2"}}],"usage":null})",
                         head + R"("choices":[{"index":0,"delta":{},"finish_reason":"stop"},)"
                                R"({"index":1,"delta":{},"finish_reason":"stop"}],"usage":null})",
                         head + R"("choices":[],"usage":{"prompt_tokens":9,"completion_tokens":4,)"
                                R"("total_tokens":13}})",
                         "[DONE]"});
  const auto r = normalize_usage_text("openai", text);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->completion_text, "A1A2B1B2");
  EXPECT_EQ(r->buckets, buckets(9, 0, 0, 0, 4, 0));
}

TEST(StreamEdges, OpenAiStreamWithForeignEventIsUnknownFormat) {
  const auto text = sse({R"({"object":"chat.completion.chunk","choices":[]})",
                         R"({"type":"message_start","message":{}})"});
  EXPECT_EQ(normalize_usage_text("openai", text).error().code, "usage_unknown_format");
  EXPECT_EQ(normalize_usage_text("openai", "data: [DONE]\n\n").error().code, "usage_missing");
  EXPECT_EQ(normalize_usage_text("openai", "data: [1]\n\n").error().code, "usage_unknown_format");
  EXPECT_EQ(normalize_usage_text("openai", "data: {\"object\":\n\n").error().code, "json_syntax");
}

TEST(StreamEdges, AnthropicThinkingDeltasAreNotVisibleText) {
  const auto text = sse(
      {R"({"type":"message_start","message":{"id":"msg_t","model":"claude-sonnet-4-20250514",)"
       R"("usage":{"input_tokens":40,"output_tokens":1}}})",
       R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}})",
       R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}})",
       R"({"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}})",
       R"({"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Yes."}})",
       R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":57}})",
       R"({"type":"message_stop"})"});
  const auto r = normalize_usage_text("anthropic", text);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->completion_text, "Yes.");
  EXPECT_EQ(r->buckets, buckets(40, 0, 0, 0, 57, 0));  // thinking stays inside output_tokens
}

TEST(StreamEdges, AnthropicEventsBeforeMessageStartAreUnknownFormat) {
  const auto text =
      sse({R"({"type":"message_delta","delta":{},"usage":{"output_tokens":5}})",
           R"({"type":"message_start","message":{"usage":{"input_tokens":3,"output_tokens":1}}})"});
  EXPECT_EQ(normalize_usage_text("anthropic", text).error().code, "usage_unknown_format");
  EXPECT_EQ(normalize_usage_text("anthropic", sse({R"({"type":"ping"})"})).error().code,
            "usage_missing");
}

TEST(StreamEdges, AnthropicBadCountInDeltaIsRejected) {
  const auto text =
      sse({R"({"type":"message_start","message":{"usage":{"input_tokens":3,"output_tokens":1}}})",
           R"({"type":"message_delta","delta":{},"usage":{"output_tokens":-5}})"});
  EXPECT_EQ(normalize_usage_text("anthropic", text).error().code, "usage_bad_field");
}

TEST(StreamEdges, GeminiBlockedPromptEndsTheStream) {
  const auto text = sse({R"({"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":)"
                         R"({"promptTokenCount":17,"totalTokenCount":17},"modelVersion":"g"})"});
  const auto r = normalize_usage_text("gemini", text);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->buckets, buckets(17, 0, 0, 0, 0, 0));
  EXPECT_FALSE(r->completion_text.has_value());
}

TEST(StreamEdges, GeminiUsageBeforeFinishIsNotFinal) {
  // The final chunk (with finishReason) lost its usageMetadata: the earlier partial count must
  // not be billed as final.
  const auto text =
      sse({R"({"candidates":[{"content":{"parts":[{"text":"a"}]}}],)"
           R"("usageMetadata":{"promptTokenCount":5,"totalTokenCount":5}})",
           R"({"candidates":[{"content":{"parts":[{"text":"b"}]},"finishReason":"STOP"}]})"});
  EXPECT_EQ(normalize_usage_text("gemini", text).error().code, "usage_missing");
}

TEST(StreamEdges, OllamaTextFromGenerateStream) {
  const std::string text =
      "{\"model\":\"m\",\"response\":\"He\",\"done\":false}\n"
      "{\"model\":\"m\",\"response\":\"llo\",\"done\":false}\n"
      "{\"model\":\"m\",\"response\":\"\",\"done\":true,\"prompt_eval_count\":4,"
      "\"eval_count\":2}\n";
  const auto r = normalize_usage_text("ollama", text);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->api, "generate");
  EXPECT_EQ(r->completion_text, "Hello");
  EXPECT_EQ(r->buckets, buckets(4, 0, 0, 0, 2, 0));
  EXPECT_EQ(normalize_usage_text("ollama", "{\"done\":true}\n{\"done\":true}\n").error().code,
            "usage_unknown_format");
}

}  // namespace
}  // namespace verimeter::billing::testing
