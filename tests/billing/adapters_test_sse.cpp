// SSE transcript splitting and stream detection used by the streaming adapters, and the test
// vectors published in docs/spec/receipt.md.
#include <gtest/gtest.h>

#include "adapters_test_util.hpp"
#include "billing/adapters/sse_transcript.hpp"

namespace verimeter::billing::testing {
namespace {

using adapters::SseEvent;

TEST(SseTranscript, FieldsCommentsAndMultilineData) {
  const auto ev = adapters::parse_sse(read_fixture("sse/fields.txt"));
  ASSERT_TRUE(ev.ok());
  const std::vector<SseEvent> expected = {{"first", "line one\nline two"},
                                          {"", "no space\n"},
                                          {"  spaced", " two spaces"},
                                          {"", "{\"a\":1}"}};
  EXPECT_EQ(*ev, expected);
}

TEST(SseTranscript, CrLfAndCrLineEndings) {
  const auto ev = adapters::parse_sse(read_fixture("sse/line_endings.txt"));
  ASSERT_TRUE(ev.ok());
  const std::vector<SseEvent> expected = {{"", "cr only"}, {"x", "y"}, {"", "crlf\nmixed"}};
  EXPECT_EQ(*ev, expected);
}

TEST(SseTranscript, LastEventWithoutBlankLineIsDispatched) {
  const auto ev = adapters::parse_sse("data: a\n\ndata: b");
  ASSERT_TRUE(ev.ok());
  ASSERT_EQ(ev->size(), 2u);
  EXPECT_EQ((*ev)[1].data, "b");
  EXPECT_TRUE(adapters::parse_sse("")->empty());
  EXPECT_TRUE(adapters::parse_sse("event: x\n\n: only comments\n\n")->empty());
}

TEST(SseTranscript, StreamDetection) {
  EXPECT_TRUE(adapters::looks_like_sse("\n\ndata: {}\n\n"));
  EXPECT_TRUE(adapters::looks_like_sse("event: message_start\ndata: {}\n\n"));
  EXPECT_TRUE(adapters::looks_like_sse(": ping\n\n"));
  EXPECT_FALSE(adapters::looks_like_sse("{\"data\": 1}"));
  EXPECT_FALSE(adapters::looks_like_sse("  \n [1]"));
  EXPECT_FALSE(adapters::looks_like_sse(""));
  EXPECT_EQ(adapters::ndjson_lines("{}\r\n\n  \n{\"a\":1}").size(), 2u);
}

TEST(SseTranscript, SizeLimit) {
  const std::string big(adapters::kMaxTranscriptBytes + 1, 'x');
  EXPECT_EQ(adapters::parse_sse(big).error().code, "usage_too_large");
  EXPECT_EQ(normalize_usage_text("ollama", big).error().code, "usage_too_large");
}

// The table "Test vectors" of docs/spec/receipt.md, checked so the spec cannot drift.
TEST(SpecVectors, ReceiptSpecTableMatches) {
  struct Row {
    const char* provider;
    const char* file;
    UsageBuckets b;
    std::vector<RequestCount> requests;
  };
  const Row rows[] = {
      {"openai", "samples/openai.json", buckets(86, 1920, 0, 0, 27, 0), {}},
      {"anthropic", "samples/anthropic.json", buckets(21, 12288, 1024, 3072, 187, 0), {}},
      {"gemini", "samples/gemini.json", buckets(2048, 16384, 0, 0, 211, 904), {}},
      {"openai_compatible", "samples/openai_compatible.json", buckets(48, 0, 0, 0, 16, 0), {}},
      {"ollama", "samples/ollama.json", buckets(31, 0, 0, 0, 17, 0), {}},
      {"openai", "openai/chat_audio.json", buckets(22, 0, 0, 0, 58, 0, 96, 284), {}},
      {"openai",
       "openai/responses_web_search.json",
       buckets(8841, 0, 0, 0, 96, 0),
       {{"web_search_requests", 2}}},
      {"anthropic",
       "anthropic/message_web_search.json",
       buckets(6039, 0, 0, 0, 931, 0),
       {{"web_search_requests", 3}}},
      {"anthropic",
       "anthropic/stream_cumulative.txt",
       buckets(472, 2560, 0, 0, 9, 0),
       {{"web_search_requests", 2}}},
      {"gemini",
       "gemini/generate_grounding.json",
       buckets(330, 0, 0, 0, 19, 53),
       {{"grounded_prompts", 1}, {"web_search_queries", 2}}},
      {"gemini", "gemini/stream.txt", buckets(11, 0, 0, 0, 7, 102), {}},
  };
  for (const auto& row : rows) {
    const auto u = normalize_fixture(row.provider, row.file);
    EXPECT_EQ(u.buckets, row.b) << row.file;
    EXPECT_EQ(u.requests, row.requests) << row.file;
  }
}

}  // namespace
}  // namespace verimeter::billing::testing
