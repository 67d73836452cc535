#include "tokenize/retokenize.hpp"

#include <gtest/gtest.h>

#include "tokenize/model_encoding.hpp"

namespace verimeter::tokenize {
namespace {

TEST(ModelEncoding, Table) {
  EXPECT_EQ(encoding_for_model("gpt-4o-2024-08-06"), "o200k_base");
  EXPECT_EQ(encoding_for_model("gpt-4o"), "o200k_base");
  EXPECT_EQ(encoding_for_model("gpt-4o-mini"), "o200k_base");
  EXPECT_EQ(encoding_for_model("chatgpt-4o-latest"), "o200k_base");
  EXPECT_EQ(encoding_for_model("gpt-4.1-nano"), "o200k_base");
  EXPECT_EQ(encoding_for_model("gpt-5"), "o200k_base");
  EXPECT_EQ(encoding_for_model("o1"), "o200k_base");
  EXPECT_EQ(encoding_for_model("o3-mini-2025-01-31"), "o200k_base");
  EXPECT_EQ(encoding_for_model("o4-mini"), "o200k_base");
  EXPECT_EQ(encoding_for_model("openai/gpt-4o"), "o200k_base");
  EXPECT_EQ(encoding_for_model("ft:gpt-4o-mini:org::id"), "o200k_base");
  EXPECT_EQ(encoding_for_model("gpt-4"), "cl100k_base");
  EXPECT_EQ(encoding_for_model("gpt-4-turbo-2024-04-09"), "cl100k_base");
  EXPECT_EQ(encoding_for_model("gpt-3.5-turbo-0125"), "cl100k_base");
  EXPECT_EQ(encoding_for_model("gpt-35-turbo"), "cl100k_base");
  EXPECT_EQ(encoding_for_model("text-embedding-3-small"), "cl100k_base");
  EXPECT_EQ(encoding_for_model("claude-sonnet-4-20250514"), std::nullopt);
  EXPECT_EQ(encoding_for_model("gemini-2.5-pro"), std::nullopt);
  EXPECT_EQ(encoding_for_model("llama3.1:8b"), std::nullopt);
  EXPECT_EQ(encoding_for_model("o10"), std::nullopt);
  EXPECT_EQ(encoding_for_model(""), std::nullopt);
}

class Retokenize : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto r = EncodingRegistry::load();
    ASSERT_TRUE(r.ok()) << r.error().message;
    registry_ = *r;
  }
  static std::shared_ptr<const EncodingRegistry> registry_;
};
std::shared_ptr<const EncodingRegistry> Retokenize::registry_;

TEST_F(Retokenize, CompletionMatchAndMismatch) {
  const auto enc = registry_->get("o200k_base");
  const std::string text = "The capital of France is Paris.";
  const std::uint64_t n = enc->count(text);
  RetokenizeInput in{"gpt-4o-2024-08-06", text, nullptr, std::nullopt, n, 0};
  auto r = retokenize(*registry_, in);
  EXPECT_EQ(r.completion.status, CheckStatus::match);
  EXPECT_EQ(r.completion.our_count, n);
  EXPECT_EQ(r.completion.encoding, "o200k_base");
  EXPECT_EQ(r.prompt.status, CheckStatus::not_provided);

  in.provider_completion_visible_tokens = n + 2;
  r = retokenize(*registry_, in);
  EXPECT_EQ(r.completion.status, CheckStatus::mismatch);
  EXPECT_EQ(r.completion.provider_count, n + 2);
  EXPECT_EQ(r.completion.our_count, n);

  in.provider_completion_visible_tokens = std::nullopt;
  EXPECT_EQ(retokenize(*registry_, in).completion.status, CheckStatus::unverifiable);
}

TEST_F(Retokenize, ReasoningTokensLeaveTheVisiblePartComparable) {
  const std::string text = "42";
  const std::uint64_t n = registry_->get("o200k_base")->count(text);
  RetokenizeInput in{"o3-mini", text, nullptr, std::nullopt, n, 512};
  const auto r = retokenize(*registry_, in);
  EXPECT_EQ(r.completion.status, CheckStatus::match);
  EXPECT_NE(r.completion.reason.find("512 hidden reasoning"), std::string::npos);
}

TEST_F(Retokenize, PrivateTokenizersAreUnverifiable) {
  for (const char* model : {"claude-3-5-sonnet-20241022", "gemini-1.5-pro", "mystery"}) {
    RetokenizeInput in{model, std::string_view("hi"), nullptr, 10, 1, 0};
    const auto r = retokenize(*registry_, in);
    EXPECT_EQ(r.completion.status, CheckStatus::unverifiable) << model;
    EXPECT_EQ(r.prompt.status, CheckStatus::unverifiable) << model;
    EXPECT_FALSE(r.completion.our_count.has_value());
    EXPECT_EQ(r.prompt.provider_count, 10u);
  }
}

TEST_F(Retokenize, ChatFramingHeuristic) {
  const auto enc = registry_->get("cl100k_base");
  const nlohmann::json messages = nlohmann::json::parse(R"([
    {"role": "system", "content": "You are terse."},
    {"role": "user", "name": "alice", "content": "Hello there"}
  ])");
  // 3 per message + encoded role/content/name + 1 per name + 3 reply priming.
  const std::uint64_t expected = 3 + enc->count("system") + enc->count("You are terse.") + 3 +
                                 enc->count("user") + enc->count("alice") + 1 +
                                 enc->count("Hello there") + 3;
  auto n = count_chat_prompt(*enc, messages);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, expected);
  const nlohmann::json request = {{"model", "gpt-4"}, {"messages", messages}};
  EXPECT_EQ(*count_chat_prompt(*enc, request), expected);

  RetokenizeInput in{"gpt-4", std::nullopt, &request, expected, std::nullopt, std::nullopt};
  auto r = retokenize(*registry_, in);
  EXPECT_EQ(r.prompt.status, CheckStatus::match);
  in.provider_prompt_tokens = expected + 1;
  EXPECT_EQ(retokenize(*registry_, in).prompt.status, CheckStatus::mismatch);
  EXPECT_EQ(retokenize(*registry_, in, RetokenizeOptions{1}).prompt.status, CheckStatus::match);
}

TEST_F(Retokenize, ToolsAndImagesAreUnverifiable) {
  const auto enc = registry_->get("o200k_base");
  const auto tools = nlohmann::json::parse(
      R"({"messages":[{"role":"user","content":"x"}],"tools":[{"type":"function"}]})");
  EXPECT_FALSE(count_chat_prompt(*enc, tools).ok());
  const auto image = nlohmann::json::parse(
      R"([{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:"}}]}])");
  EXPECT_FALSE(count_chat_prompt(*enc, image).ok());
  const auto tool_msg = nlohmann::json::parse(R"([{"role":"tool","content":"{}"}])");
  EXPECT_FALSE(count_chat_prompt(*enc, tool_msg).ok());
  RetokenizeInput in{"gpt-4o", std::nullopt, &tools, 50, std::nullopt, std::nullopt};
  const auto r = retokenize(*registry_, in);
  EXPECT_EQ(r.prompt.status, CheckStatus::unverifiable);
  EXPECT_NE(r.prompt.reason.find("tools"), std::string::npos);
}

}  // namespace
}  // namespace verimeter::tokenize
