// OpenAI-compatible servers (vLLM, Ollama's /v1) and Ollama's native API.
#include <gtest/gtest.h>

#include "adapters_test_util.hpp"

namespace verimeter::billing::testing {
namespace {

TEST(VllmChat, AbsentCachedCountMeansAllUncached) {
  const auto u = normalize_fixture("openai_compatible", "openai_compatible/vllm_chat.json");
  EXPECT_EQ(u.provider, "openai_compatible");
  EXPECT_EQ(u.buckets, buckets(48, 0, 0, 0, 16, 0));
  EXPECT_EQ(u.response_model, "meta-llama/Llama-3.1-8B-Instruct");
}

TEST(VllmChat, CachedCountAndReasoningContentNotInText) {
  const auto u = normalize_fixture("openai_compatible", "openai_compatible/vllm_chat_cached.json");
  EXPECT_EQ(u.buckets, buckets(1250 - 1024, 1024, 0, 0, 61, 0));
  EXPECT_EQ(u.completion_text, "Yes: the leaf hash is H(0x00 || data).");
}

TEST(VllmChat, ContinuousUsageStatsKeepTheLast) {
  const auto u =
      normalize_fixture("openai_compatible", "openai_compatible/vllm_stream_continuous.txt");
  EXPECT_EQ(u.usage_source, "provider_stream_final");
  EXPECT_EQ(u.buckets, buckets(30, 0, 0, 0, 7, 0));
  EXPECT_EQ(u.completion_text, "Append-only logs only grow.");
}

TEST(VllmChat, ZeroPromptFromKvCacheIsMissingField) {
  auto r = normalize_usage_text("openai_compatible",
                                read_fixture("openai_compatible/ollama_openai_cached.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_missing_field");
  EXPECT_NE(r.error().message.find("KV cache"), std::string::npos);
}

TEST(VllmChat, ResponsesShapeIsNotOpenAiCompatible) {
  EXPECT_EQ(fixture_error("openai_compatible", "openai/responses_reasoning.json"),
            "usage_unknown_format");
}

TEST(OllamaNative, Chat) {
  const auto u = normalize_fixture("ollama", "ollama/chat.json");
  EXPECT_EQ(u.provider, "ollama");
  EXPECT_EQ(u.api, "chat");
  EXPECT_EQ(u.buckets, buckets(31, 0, 0, 0, 17, 0));
  EXPECT_FALSE(u.response_id.has_value());
  EXPECT_EQ(u.response_model, "llama3.2:3b");
  EXPECT_EQ(u.raw_usage["prompt_eval_count"], 31);
  EXPECT_EQ(u.raw_usage["eval_duration"], 1702874208);
  EXPECT_FALSE(u.raw_usage.contains("prompt_eval_cached_count"));
}

TEST(OllamaNative, Generate) {
  const auto u = normalize_fixture("ollama", "ollama/generate.json");
  EXPECT_EQ(u.api, "generate");
  EXPECT_EQ(u.buckets, buckets(35, 0, 0, 0, 9, 0));
  EXPECT_EQ(u.completion_text, "Ed25519 signatures are 64 bytes.");
}

TEST(OllamaNative, KvCachedPromptWithoutCountIsMissingField) {
  auto r = normalize_usage_text("ollama", read_fixture("ollama/chat_kv_cached.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_missing_field");
  EXPECT_NE(r.error().message.find("prompt_eval_count"), std::string::npos);
}

TEST(OllamaNative, CachedCountIsASubsetOfPromptEvalCount) {
  const auto u = normalize_fixture("ollama", "ollama/chat_cached_count.json");
  EXPECT_EQ(u.buckets, buckets(2048 - 1984, 1984, 0, 0, 17, 0));
}

TEST(OllamaNative, NdjsonStream) {
  const auto u = normalize_fixture("ollama", "ollama/chat_stream.ndjson");
  EXPECT_EQ(u.usage_source, "provider_stream_final");
  EXPECT_EQ(u.buckets, buckets(26, 0, 0, 0, 6, 0));
  EXPECT_EQ(u.completion_text, "Logs grow by appending.");
}

TEST(OllamaNative, InterruptedStreamAndPartialChunkAreMissing) {
  EXPECT_EQ(fixture_error("ollama", "ollama/chat_stream_interrupted.ndjson"), "usage_missing");
  EXPECT_EQ(
      normalize_usage_text("ollama", R"({"model":"m","message":{"content":"x"},"done":false})")
          .error()
          .code,
      "usage_missing");
}

}  // namespace
}  // namespace verimeter::billing::testing

namespace verimeter::billing::testing {
namespace {

TEST(DeepSeekChat, HitAndMissCountsPartitionThePrompt) {
  const auto u = normalize_fixture("openai_compatible", "openai_compatible/deepseek_reasoner.json");
  EXPECT_EQ(u.buckets, buckets(132, 1280, 0, 0, 398 - 352, 352));
  EXPECT_EQ(u.completion_text, "The Merkle root changes whenever any leaf changes.");
}

TEST(DeepSeekChat, HitAndMissMustAddUpAndAgreeWithCachedTokens) {
  const auto body = [](const std::string& extra) {
    return R"({"object":"chat.completion","choices":[],"usage":{"prompt_tokens":100,)"
           R"("completion_tokens":1,"total_tokens":101,)" +
           extra + "}}";
  };
  auto r = normalize_usage_text(
      "openai_compatible", body(R"("prompt_cache_hit_tokens":60,"prompt_cache_miss_tokens":30)"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_inconsistent");
  EXPECT_NE(r.error().message.find("100 != 90"), std::string::npos);
  EXPECT_EQ(
      normalize_usage_text("openai_compatible",
                           body(R"("prompt_tokens_details":{"cached_tokens":50},)"
                                R"("prompt_cache_hit_tokens":60,"prompt_cache_miss_tokens":40)"))
          .error()
          .code,
      "usage_inconsistent");
  EXPECT_EQ(normalize_usage_text("openai_compatible", body(R"("prompt_cache_hit_tokens":60)"))
                .error()
                .code,
            "usage_missing_field");
}

TEST(OpenRouterChat, CacheWritesAreASubsetPricedAtFiveMinutes) {
  const auto u = normalize_fixture("openai_compatible", "openai_compatible/openrouter_claude.json");
  EXPECT_EQ(u.buckets, buckets(5230 - 4096 - 1024, 4096, 1024, 0, 12, 0));
  EXPECT_EQ(u.response_id, "gen-1748434120-Xq7mV2bR9nL4kT1wZ8cY");
  const auto over = R"({"object":"chat.completion","choices":[],"usage":{"prompt_tokens":100,
    "completion_tokens":1,"total_tokens":101,
    "prompt_tokens_details":{"cached_tokens":60,"cache_write_tokens":41}}})";
  EXPECT_EQ(normalize_usage_text("openai_compatible", over).error().code, "usage_inconsistent");
}

}  // namespace
}  // namespace verimeter::billing::testing
