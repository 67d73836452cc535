// Gemini generateContent: cached subset, thoughts, tool-use prompt, modalities, grounding, streams.
#include <gtest/gtest.h>

#include "adapters_test_util.hpp"

namespace verimeter::billing::testing {
namespace {

TEST(Gemini, Basic) {
  const auto u = normalize_fixture("gemini", "gemini/generate_basic.json");
  EXPECT_EQ(u.provider, "gemini");
  EXPECT_EQ(u.api, "generate_content");
  EXPECT_EQ(u.buckets, buckets(9, 0, 0, 0, 14, 0));
  EXPECT_EQ(u.completion_text,
            "Photosynthesis turns light, water and CO2 into sugar and oxygen.\n");
  EXPECT_EQ(u.response_id, "mHs2aO7kKvLYz7IPqYvQ4Qk");
  EXPECT_EQ(u.response_model, "gemini-2.0-flash");
  EXPECT_TRUE(u.requests.empty());
}

TEST(Gemini, CachedSubsetAndThoughtsExcludedFromText) {
  const auto u = normalize_fixture("gemini", "gemini/generate_thinking_cached.json");
  EXPECT_EQ(u.buckets, buckets(18432 - 16384, 16384, 0, 0, 211, 904));
  EXPECT_EQ(u.completion_text, "The indemnity clause survives termination.");
  EXPECT_EQ(u.reported_output_total, 211u + 904u);
}

TEST(Gemini, ToolUsePromptIsUncachedInputAndGroundingIsCounted) {
  const auto u = normalize_fixture("gemini", "gemini/generate_grounding.json");
  EXPECT_EQ(u.buckets, buckets(12 + 318, 0, 0, 0, 19, 53));
  EXPECT_EQ(u.reported_input_total, 330u);
  ASSERT_EQ(u.requests.size(), 2u);
  EXPECT_EQ(u.requests[0], (RequestCount{"grounded_prompts", 1}));
  EXPECT_EQ(u.requests[1], (RequestCount{"web_search_queries", 2}));
}

TEST(Gemini, AudioPromptTokens) {
  const auto u = normalize_fixture("gemini", "gemini/generate_audio.json");
  EXPECT_EQ(u.buckets, buckets(13, 0, 0, 0, 11, 0, 800, 0));
}

TEST(Gemini, TotalMismatchIsInconsistent) {
  // A gateway that forgot thoughtsTokenCount: total no longer adds up.
  const auto body = R"({"candidates":[],"usageMetadata":{"promptTokenCount":10,
    "candidatesTokenCount":5,"totalTokenCount":120}})";
  auto r = normalize_usage_text("gemini", body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_inconsistent");
  EXPECT_NE(r.error().message.find("120 != 15"), std::string::npos) << r.error().message;
}

TEST(Gemini, CachedBeyondPromptIsInconsistent) {
  const auto body = R"({"usageMetadata":{"promptTokenCount":10,"cachedContentTokenCount":11,
    "candidatesTokenCount":5,"totalTokenCount":15}})";
  EXPECT_EQ(normalize_usage_text("gemini", body).error().code, "usage_inconsistent");
}

TEST(Gemini, ModalityDetailsBeyondParentAreInconsistent) {
  const auto body = R"({"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":5,
    "totalTokenCount":15,"promptTokensDetails":[{"modality":"AUDIO","tokenCount":11}]}})";
  EXPECT_EQ(normalize_usage_text("gemini", body).error().code, "usage_inconsistent");
}

TEST(Gemini, MissingPromptCountIsAnError) {
  const auto body = R"({"usageMetadata":{"candidatesTokenCount":5,"totalTokenCount":5}})";
  EXPECT_EQ(normalize_usage_text("gemini", body).error().code, "usage_missing_field");
  EXPECT_EQ(normalize_usage_text("gemini", R"({"candidates":[]})").error().code, "usage_missing");
}

// receipt.md: a real call never has 0 promptTokenCount or totalTokenCount. proto3 JSON writes a
// 0 counter by omitting it, so an explicit 0 is a lost count, refused like an absent one.
TEST(Gemini, ZeroPromptOrTotalCountIsMissingField) {
  const std::string head =
      R"({"candidates":[{"content":{"parts":[{"text":"a"}]},"finishReason":"STOP"}],)";
  auto r = normalize_usage_text(
      "gemini", head + R"("usageMetadata":{"promptTokenCount":0,"totalTokenCount":0}})");
  ASSERT_FALSE(r.ok()) << "billed as all-zero usage";
  EXPECT_EQ(r.error().code, "usage_missing_field");
  EXPECT_NE(r.error().message.find("usageMetadata.promptTokenCount"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(
      normalize_usage_text("gemini", head + R"("usageMetadata":{"promptTokenCount":0,)"
                                            R"("candidatesTokenCount":5,"totalTokenCount":5}})")
          .error()
          .code,
      "usage_missing_field");
  const std::string stream =
      "data: " + head + R"("usageMetadata":{"promptTokenCount":0,"totalTokenCount":0}})" + "\n\n";
  EXPECT_EQ(normalize_usage_text("gemini", stream).error().code, "usage_missing_field");
}

TEST(Gemini, ErrorBodyIsMissing) {
  EXPECT_EQ(fixture_error("gemini", "gemini/error_quota.json"), "usage_missing");
}

TEST(GeminiStream, SseLastCumulativeUsageCounts) {
  const auto u = normalize_fixture("gemini", "gemini/stream.txt");
  EXPECT_EQ(u.usage_source, "provider_stream_final");
  EXPECT_EQ(u.buckets, buckets(11, 0, 0, 0, 7, 102));
  EXPECT_EQ(u.completion_text, "Integer money avoids rounding drift.");
  EXPECT_EQ(u.response_id, "tXs2aN1eGvIPz7IP4uM1ySu");
}

TEST(GeminiStream, JsonArrayFormSameResult) {
  const auto a = normalize_fixture("gemini", "gemini/stream_array.json");
  const auto b = normalize_fixture("gemini", "gemini/stream.txt");
  EXPECT_EQ(a.buckets, b.buckets);
  EXPECT_EQ(a.completion_text, b.completion_text);
  EXPECT_EQ(a.raw_usage, b.raw_usage);
}

TEST(GeminiStream, InterruptedStreamIsMissing) {
  auto r = normalize_usage_text("gemini", read_fixture("gemini/stream_interrupted.txt"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_missing");
  EXPECT_NE(r.error().message.find("finishReason"), std::string::npos);
}

}  // namespace
}  // namespace verimeter::billing::testing
