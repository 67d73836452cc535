#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "billing/charge.hpp"
#include "billing/default_tariff.hpp"
#include "tariff_test_fixture.hpp"

namespace verimeter::billing {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(DefaultTariff, ParsesAndMatchesTheExampleFile) {
  auto parsed = parse_tariff_json(default_tariff_json());
  ASSERT_TRUE(parsed.ok()) << parsed.error().code << ": " << parsed.error().message;
  EXPECT_EQ(default_tariff(), *parsed);
  EXPECT_EQ(read_file(testing::source_path("examples/tariffs/default-usd.json")),
            default_tariff_json());
  const TariffSnapshot t = default_tariff();
  EXPECT_EQ(t.currency, "USD");
  EXPECT_EQ(t.exponent, 6u);
  EXPECT_EQ(t.models.back().match, "*");  // catch-all for OpenAI-compatible and Ollama
}

std::string entry(std::string_view model) {
  static const TariffSnapshot tariff = default_tariff();
  const ModelPrice* m = find_model_price(tariff, model);
  return m ? m->match : "(none)";
}

TEST(DefaultTariff, SpecificEntriesWinOverFamilies) {
  EXPECT_EQ(entry("gpt-4o-mini-2024-07-18"), "gpt-4o-mini*");
  EXPECT_EQ(entry("gpt-4o-2024-08-06"), "gpt-4o*");
  EXPECT_EQ(entry("gpt-5-mini"), "gpt-5-mini*");
  EXPECT_EQ(entry("gpt-5"), "gpt-5*");
  EXPECT_EQ(entry("o3-mini"), "o3-mini*");
  EXPECT_EQ(entry("o3"), "o3*");
  EXPECT_EQ(entry("claude-opus-4-5-20251101"), "claude-opus-4-5*");
  EXPECT_EQ(entry("claude-opus-4-1-20250805"), "claude-opus-4*");
  EXPECT_EQ(entry("claude-sonnet-4-5-20250929"), "claude-sonnet-4*");
  EXPECT_EQ(entry("gemini-2.5-flash-lite"), "gemini-2.5-flash-lite*");
  EXPECT_EQ(entry("gemini-2.5-flash"), "gemini-2.5-flash*");
  EXPECT_EQ(entry("llama3.2:3b"), "*");
}

TEST(DefaultTariff, ListPricesInMicros) {
  // claude-sonnet-4-5: 1,000 uncached input ($3/M), 2,000 cache reads ($0.30/M), 500 5-minute
  // writes ($3.75/M), 100 1-hour writes ($6/M), 400 output ($15/M), one web search ($0.01).
  UsageBuckets b;
  b.input_uncached = 1000;
  b.input_cache_read = 2000;
  b.input_cache_write_5m = 500;
  b.input_cache_write_1h = 100;
  b.output_visible = 400;
  const RequestCount fees[] = {{"web_search_requests", 1}};
  auto c = compute_charge(default_tariff(), "claude-sonnet-4-5-20250929", b, fees);
  ASSERT_TRUE(c.ok()) << c.error().message;
  // 3000 + 600 + 1875 + 600 + 6000 = 12075 micro-USD of tokens, + 10000 for the search.
  EXPECT_EQ(c->rounded_subtotal, 12075u);
  EXPECT_EQ(c->amount, 22075u);
  // gpt-4o-mini: 1,000,000 input tokens cost $0.15, 1,000,000 output tokens $0.60.
  UsageBuckets o;
  o.input_uncached = 1'000'000;
  o.output_visible = 1'000'000;
  EXPECT_EQ(compute_charge(default_tariff(), "gpt-4o-mini", o, {})->amount, 750'000u);
}

TEST(DefaultTariff, PricesTheFeesTheAdaptersCount) {
  // Gemini 2.5 grounding: $35 per 1,000 grounded prompts, queries carry no extra fee.
  const RequestCount gemini[] = {{"grounded_prompts", 1}, {"web_search_queries", 3}};
  EXPECT_EQ(compute_charge(default_tariff(), "gemini-2.5-flash", UsageBuckets{}, gemini)->amount,
            35'000u);
  const RequestCount anthropic[] = {{"web_fetch_requests", 2}, {"web_search_requests", 3}};
  EXPECT_EQ(compute_charge(default_tariff(), "claude-haiku-4-5", UsageBuckets{}, anthropic)->amount,
            30'000u);
  const RequestCount openai[] = {{"file_search_requests", 4}, {"web_search_requests", 1}};
  EXPECT_EQ(compute_charge(default_tariff(), "gpt-4.1", UsageBuckets{}, openai)->amount, 20'000u);
  EXPECT_EQ(compute_charge(default_tariff(), "some-new-model", UsageBuckets{}, openai)->amount,
            20'000u);
}

}  // namespace
}  // namespace verimeter::billing
