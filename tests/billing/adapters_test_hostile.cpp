// Cross-provider properties of usage normalization: hostile numbers, dispatch errors, the
// partition property of the disjoint buckets, and robustness against truncated or corrupted input.
#include <gtest/gtest.h>

#include <set>

#include "adapters_test_util.hpp"
#include "billing/adapters/sse_transcript.hpp"
#include "core/jcs.hpp"

namespace verimeter::billing::testing {
namespace {

std::string chat_with(const std::string& usage) {
  return R"({"id":"chatcmpl-x","object":"chat.completion","created":1,"model":"gpt-4o",)"
         R"("choices":[],"usage":)" +
         usage + "}";
}

std::string code_of(const std::string& provider, const std::string& text) {
  auto r = normalize_usage_text(provider, text);
  return r.ok() ? std::string("ok") : r.error().code;
}

TEST(HostileCounts, NegativeFractionalAndNonNumericAreBadFields) {
  EXPECT_EQ(code_of("openai",
                    chat_with(R"({"prompt_tokens":-1,"completion_tokens":1,"total_tokens":0})")),
            "usage_bad_field");
  EXPECT_EQ(code_of("openai",
                    chat_with(R"({"prompt_tokens":10.0,"completion_tokens":1,"total_tokens":11})")),
            "usage_bad_field");
  EXPECT_EQ(code_of("openai",
                    chat_with(R"({"prompt_tokens":1e1,"completion_tokens":1,"total_tokens":11})")),
            "usage_bad_field");
  EXPECT_EQ(code_of("openai",
                    chat_with(R"({"prompt_tokens":"10","completion_tokens":1,"total_tokens":11})")),
            "usage_bad_field");
  EXPECT_EQ(code_of("openai",
                    chat_with(R"({"prompt_tokens":true,"completion_tokens":1,"total_tokens":2})")),
            "usage_bad_field");
  EXPECT_EQ(
      code_of("openai", chat_with(R"({"prompt_tokens":10,"completion_tokens":1,"total_tokens":11,
      "prompt_tokens_details":{"cached_tokens":2.5}})")),
      "usage_bad_field");
  EXPECT_EQ(
      code_of("openai", chat_with(R"({"prompt_tokens":10,"completion_tokens":1,"total_tokens":11,
      "prompt_tokens_details":[1]})")),
      "usage_bad_field");
}

TEST(HostileCounts, TwoToThe53IsRejectedJustBelowIsAccepted) {
  const std::string max = "9007199254740991";   // 2^53 - 1
  const std::string over = "9007199254740992";  // 2^53
  EXPECT_EQ(code_of("openai", chat_with(R"({"prompt_tokens":)" + max +
                                        R"(,"completion_tokens":0,"total_tokens":)" + max + "}")),
            "ok");
  auto r = normalize_usage_text(
      "openai", chat_with(R"({"prompt_tokens":)" + over +
                          R"(,"completion_tokens":0,"total_tokens":)" + over + "}"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_bad_field");
  EXPECT_NE(r.error().message.find("usage.prompt_tokens"), std::string::npos);
  EXPECT_EQ(code_of("openai", chat_with(R"({"prompt_tokens":18446744073709551615,
      "completion_tokens":1,"total_tokens":0})")),
            "usage_bad_field");
  EXPECT_EQ(code_of("openai", chat_with(R"({"prompt_tokens":100000000000000000000000,
      "completion_tokens":1,"total_tokens":0})")),
            "usage_bad_field");
}

TEST(HostileCounts, SumOfInRangeCountersBeyond2To53IsRejected) {
  const auto body = R"({"type":"message","content":[],"usage":{"input_tokens":9007199254740991,
    "cache_read_input_tokens":9007199254740991,"output_tokens":1}})";
  auto r = normalize_usage_text("anthropic", body);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "usage_bad_field");
  EXPECT_NE(r.error().message.find("reported input total"), std::string::npos);
}

// 2048 AUDIO entries of 2^53 - 1 and one of 2058 add up to 2^64 + 10: a 64-bit sum would wrap to
// 10 and fit a promptTokenCount of 10. Every entry is in range (and in JCS range), so only the
// sum can catch it.
TEST(HostileCounts, GeminiModalitySumReaching2To53IsBadFieldNotWrapped) {
  std::string details;
  for (int i = 0; i < 2048; ++i)
    details += R"({"modality":"AUDIO","tokenCount":9007199254740991},)";
  details += R"({"modality":"AUDIO","tokenCount":2058})";
  const std::string body =
      R"({"candidates":[{"content":{"parts":[{"text":"a"}]},"finishReason":"STOP"}],)"
      R"("usageMetadata":{"promptTokenCount":10,"totalTokenCount":10,"promptTokensDetails":[)" +
      details + "]}}";
  auto r = normalize_usage_text("gemini", body);
  ASSERT_FALSE(r.ok()) << "the wrapped sum was accepted";
  EXPECT_EQ(r.error().code, "usage_bad_field");
  EXPECT_NE(r.error().message.find("promptTokensDetails"), std::string::npos) << r.error().message;
  EXPECT_TRUE(jcs_canonicalize(*parse_json(body)).ok());  // a JSON-object body reaches the adapter
}

TEST(Invariants, OpenAiSumsAreChecked) {
  auto total = normalize_usage_text(
      "openai", chat_with(R"({"prompt_tokens":100,"completion_tokens":40,"total_tokens":150})"));
  ASSERT_FALSE(total.ok());
  EXPECT_EQ(total.error().code, "usage_inconsistent");
  EXPECT_EQ(total.error().message,
            "usage.total_tokens == prompt_tokens + completion_tokens: 150 != 140");
  auto cached = normalize_usage_text(
      "openai", chat_with(R"({"prompt_tokens":100,"completion_tokens":40,"total_tokens":140,
        "prompt_tokens_details":{"cached_tokens":101}})"));
  ASSERT_FALSE(cached.ok());
  EXPECT_EQ(cached.error().code, "usage_inconsistent");
  EXPECT_NE(cached.error().message.find("(101) exceeds usage.prompt_tokens (100)"),
            std::string::npos)
      << cached.error().message;
  EXPECT_EQ(code_of("openai", chat_with(R"({"prompt_tokens":100,"completion_tokens":40,
      "total_tokens":140,"completion_tokens_details":{"reasoning_tokens":41}})")),
            "usage_inconsistent");
  EXPECT_EQ(code_of("openai", chat_with(R"({"prompt_tokens":100,"completion_tokens":40,
      "total_tokens":140,"completion_tokens_details":{"reasoning_tokens":30,"audio_tokens":11}})")),
            "usage_inconsistent");
  EXPECT_EQ(code_of("openai", chat_with(R"({"prompt_tokens":100,"completion_tokens":40,
      "total_tokens":140,"completion_tokens_details":{"rejected_prediction_tokens":41}})")),
            "usage_inconsistent");
}

TEST(Invariants, ResponsesSumsAreChecked) {
  const auto resp = [](const std::string& usage) {
    return R"({"id":"resp_1","object":"response","status":"completed","output":[],"usage":)" +
           usage + "}";
  };
  EXPECT_EQ(code_of("openai", resp(R"({"input_tokens":10,"output_tokens":5,"total_tokens":16})")),
            "usage_inconsistent");
  EXPECT_EQ(code_of("openai", resp(R"({"input_tokens":10,"output_tokens":5,"total_tokens":15,
      "output_tokens_details":{"reasoning_tokens":6}})")),
            "usage_inconsistent");
  EXPECT_EQ(code_of("openai", resp(R"({"input_tokens":10,"output_tokens":5,"total_tokens":15,
      "input_tokens_details":{"cached_tokens":11}})")),
            "usage_inconsistent");
  EXPECT_EQ(code_of("openai", resp(R"({"input_tokens":10,"output_tokens":5})")),
            "usage_missing_field");
}

TEST(MissingUsage, NullOrAbsentUsageIsNeverZero) {
  EXPECT_EQ(code_of("openai", chat_with("null")), "usage_missing");
  EXPECT_EQ(code_of("openai", R"({"object":"chat.completion","choices":[]})"), "usage_missing");
  EXPECT_EQ(code_of("openai", chat_with(R"({"completion_tokens":1,"total_tokens":1})")),
            "usage_missing_field");
  EXPECT_EQ(code_of("openai", R"({"object":"response","status":"failed","output":[]})"),
            "usage_missing");
  EXPECT_EQ(code_of("anthropic", R"({"type":"message","content":[]})"), "usage_missing");
  EXPECT_EQ(code_of("anthropic", R"({"type":"message","usage":{"input_tokens":3}})"),
            "usage_missing_field");
  EXPECT_EQ(code_of("openai", chat_with("[]")), "usage_bad_field");
}

TEST(Dispatch, UnknownProviderAndShapes) {
  auto r = normalize_usage_text("mistral", read_fixture("samples/openai.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unknown_provider");
  EXPECT_NE(r.error().message.find("openai_compatible"), std::string::npos);
  EXPECT_EQ(code_of("openai", read_fixture("samples/anthropic.json")), "usage_unknown_format");
  EXPECT_EQ(code_of("anthropic", read_fixture("samples/openai.json")), "usage_unknown_format");
  EXPECT_EQ(code_of("gemini", read_fixture("samples/ollama.json")), "usage_unknown_format");
  EXPECT_EQ(code_of("ollama", read_fixture("samples/gemini.json")), "usage_unknown_format");
  EXPECT_EQ(code_of("openai", "[1,2]"), "usage_unknown_format");
  EXPECT_EQ(code_of("ollama", "data: {}\n\n"), "usage_unknown_format");
  EXPECT_EQ(code_of("openai", R"({"object":"chat.completion.chunk","choices":[]})"),
            "usage_unknown_format");
  EXPECT_EQ(code_of("openai", "{\"object\":"), "json_syntax");
  EXPECT_EQ(code_of("openai", chat_with(R"({"prompt_tokens":1,"prompt_tokens":2})")),
            "json_duplicate_key");
  EXPECT_EQ(code_of("openai", std::string(adapters::kMaxTranscriptBytes + 1, ' ')),
            "usage_too_large");
  EXPECT_FALSE(is_known_provider("OpenAI"));
  EXPECT_EQ(known_providers().size(), 5u);
}

TEST(Dispatch, ParsedBodyAndRawTextAgree) {
  for (const char* p : {"openai", "anthropic", "gemini", "openai_compatible", "ollama"}) {
    const std::string text = read_fixture(std::string("samples/") + p + ".json");
    auto from_text = normalize_usage_text(p, text);
    auto from_json = normalize_usage(p, *parse_json(text));
    ASSERT_TRUE(from_text.ok() && from_json.ok()) << p;
    EXPECT_EQ(from_text->buckets, from_json->buckets) << p;
    EXPECT_EQ(from_text->raw_usage, from_json->raw_usage) << p;
    EXPECT_EQ(from_text->provider, p);
  }
}

// Every accepted fixture: the disjoint buckets partition the provider's reported totals, every
// value is in JCS range and the raw usage canonicalizes.
TEST(Partition, BucketsSumToReportedTotalsForEveryAcceptedFixture) {
  const std::pair<const char*, const char*> cases[] = {
      {"openai", "openai/chat_basic.json"},
      {"openai", "openai/chat_cached.json"},
      {"openai", "openai/chat_reasoning.json"},
      {"openai", "openai/chat_audio.json"},
      {"openai", "openai/chat_prediction.json"},
      {"openai", "openai/completions_legacy.json"},
      {"openai", "openai/chat_stream.txt"},
      {"openai", "openai/responses_reasoning.json"},
      {"openai", "openai/responses_web_search.json"},
      {"openai", "openai/responses_stream.txt"},
      {"anthropic", "anthropic/message_cache_split.json"},
      {"anthropic", "anthropic/message_cache_no_split.json"},
      {"anthropic", "anthropic/message_web_search.json"},
      {"anthropic", "anthropic/stream.txt"},
      {"anthropic", "anthropic/stream_gateway_late_input.txt"},
      {"gemini", "gemini/generate_thinking_cached.json"},
      {"gemini", "gemini/generate_grounding.json"},
      {"gemini", "gemini/generate_audio.json"},
      {"gemini", "gemini/stream.txt"},
      {"openai_compatible", "openai_compatible/vllm_chat_cached.json"},
      {"openai_compatible", "openai_compatible/vllm_stream_continuous.txt"},
      {"openai_compatible", "openai_compatible/deepseek_reasoner.json"},
      {"openai_compatible", "openai_compatible/openrouter_claude.json"},
      {"ollama", "ollama/chat_cached_count.json"},
      {"ollama", "ollama/chat_stream.ndjson"},
  };
  for (const auto& [provider, rel] : cases) {
    const auto u = normalize_fixture(provider, rel);
    EXPECT_EQ(bucket_sum(u.buckets), u.reported_input_total + u.reported_output_total) << rel;
    EXPECT_GT(u.reported_input_total, 0u) << rel;
    EXPECT_TRUE(jcs_canonicalize(buckets_to_json(u.buckets)).ok()) << rel;
    EXPECT_TRUE(jcs_canonicalize(u.raw_usage).ok()) << rel;
  }
}

TEST(BucketsToJson, EveryBucketPresentInCanonicalNames) {
  const auto j = buckets_to_json(buckets(1, 2, 3, 4, 5, 6, 7, 8));
  ASSERT_EQ(j.size(), 8u);
  std::uint64_t expected = 1;
  for (const char* name : kBucketNames) EXPECT_EQ(j.at(name), expected++) << name;
  EXPECT_EQ(
      *jcs_canonicalize(buckets_to_json(UsageBuckets{})),
      R"({"audio_in":0,"audio_out":0,"input_cache_read":0,"input_cache_write_1h":0,)"
      R"("input_cache_write_5m":0,"input_uncached":0,"output_reasoning":0,"output_visible":0})");
}

// Truncating or corrupting any fixture yields a result or a named error — never a crash, an
// exception, or an unnamed failure.
TEST(Robustness, TruncatedAndCorruptedFixturesFailWithNamedErrors) {
  const std::set<std::string> allowed = {"ok",
                                         "usage_missing",
                                         "usage_missing_field",
                                         "usage_bad_field",
                                         "usage_inconsistent",
                                         "usage_unknown_format",
                                         "usage_too_large",
                                         "json_syntax",
                                         "json_too_deep",
                                         "json_duplicate_key",
                                         "json_too_large"};
  const std::pair<const char*, const char*> files[] = {
      {"openai", "openai/chat_stream.txt"},
      {"openai", "openai/responses_stream.txt"},
      {"openai", "openai/chat_audio.json"},
      {"anthropic", "anthropic/stream.txt"},
      {"anthropic", "anthropic/message_web_search.json"},
      {"gemini", "gemini/stream.txt"},
      {"gemini", "gemini/generate_grounding.json"},
      {"ollama", "ollama/chat_stream.ndjson"},
      {"openai_compatible", "openai_compatible/vllm_stream_continuous.txt"}};
  for (const auto& [provider, rel] : files) {
    const std::string text = read_fixture(rel);
    const std::size_t step = std::max<std::size_t>(1, text.size() / 97);
    for (std::size_t cut = 0; cut < text.size(); cut += step) {
      const auto code = code_of(provider, text.substr(0, cut));
      EXPECT_TRUE(allowed.count(code)) << rel << " cut at " << cut << ": " << code;
      std::string flipped = text;
      flipped[cut] = static_cast<char>(flipped[cut] ^ 0x01);
      const auto code2 = code_of(provider, flipped);
      EXPECT_TRUE(allowed.count(code2)) << rel << " flip at " << cut << ": " << code2;
    }
  }
}

}  // namespace
}  // namespace verimeter::billing::testing
