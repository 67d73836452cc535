// The embedded default tariff (examples/tariffs/default-usd.json holds the same bytes; a test
// keeps the two identical).
//
// Its tariff_id is "default" (what the server prices an attest with when the request names no
// tariff) and it is effective from 1970 on, i.e. for every event time; an operator changes
// prices by publishing a new version or another tariff.
//
// Prices are list prices as of 2025-12-01, taken from the providers' public pricing pages, in
// micro-USD per million tokens (exponent 6): EXAMPLES that an operator replaces with their own
// tariff. Conventions used for them:
// - OpenAI and Gemini have no cache-write premium: both cache-write buckets cost the input
//   price. Reasoning tokens cost the output price. Text-only models price the audio buckets at
//   their text rates (a placeholder; audio models have entries of their own).
// - Anthropic: 5-minute cache writes cost 1.25x input, 1-hour writes 2x, cache reads 0.1x; web
//   search is $10 per 1,000 requests, web fetch has no fee beyond its tokens.
// - Gemini 2.5/2.0 grounding with Google Search is $35 per 1,000 grounded prompts (the
//   individual search queries carry no extra fee on these models).
// - Long-context surcharges that re-price a whole request above 200k prompt tokens (Gemini 2.5
//   Pro, Claude Sonnet 4 1M context) are not graduated tiers; these entries carry the <= 200k
//   rates.
// - "*" is the catch-all for OpenAI-compatible servers (vLLM) and Ollama: an example flat rate
//   for self-hosted models (set it to 0 to meter without charging), with OpenAI's tool fees.
#include "billing/default_tariff.hpp"

namespace verimeter::billing {

namespace {

constexpr std::string_view kDefaultTariff = R"json({
  "schema": "verimeter.tariff.v1",
  "tariff_id": "default",
  "version": 1,
  "effective_from": "1970-01-01T00:00:00.000Z",
  "currency": "USD",
  "exponent": 6,
  "rounding": "half_up",
  "minimum_charge": 0,
  "maximum_charge": null,
  "models": [
    {"match": "gpt-5-nano*",
     "per_million": {
       "input_uncached": 50000,
       "input_cache_read": 5000,
       "input_cache_write_5m": 50000,
       "input_cache_write_1h": 50000,
       "output_visible": 400000,
       "output_reasoning": 400000,
       "audio_in": 50000,
       "audio_out": 400000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "gpt-5-mini*",
     "per_million": {
       "input_uncached": 250000,
       "input_cache_read": 25000,
       "input_cache_write_5m": 250000,
       "input_cache_write_1h": 250000,
       "output_visible": 2000000,
       "output_reasoning": 2000000,
       "audio_in": 250000,
       "audio_out": 2000000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "gpt-5-pro*",
     "per_million": {
       "input_uncached": 15000000,
       "input_cache_read": 15000000,
       "input_cache_write_5m": 15000000,
       "input_cache_write_1h": 15000000,
       "output_visible": 120000000,
       "output_reasoning": 120000000,
       "audio_in": 15000000,
       "audio_out": 120000000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "gpt-5*",
     "per_million": {
       "input_uncached": 1250000,
       "input_cache_read": 125000,
       "input_cache_write_5m": 1250000,
       "input_cache_write_1h": 1250000,
       "output_visible": 10000000,
       "output_reasoning": 10000000,
       "audio_in": 1250000,
       "audio_out": 10000000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "gpt-4.1-nano*",
     "per_million": {
       "input_uncached": 100000,
       "input_cache_read": 25000,
       "input_cache_write_5m": 100000,
       "input_cache_write_1h": 100000,
       "output_visible": 400000,
       "output_reasoning": 400000,
       "audio_in": 100000,
       "audio_out": 400000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "gpt-4.1-mini*",
     "per_million": {
       "input_uncached": 400000,
       "input_cache_read": 100000,
       "input_cache_write_5m": 400000,
       "input_cache_write_1h": 400000,
       "output_visible": 1600000,
       "output_reasoning": 1600000,
       "audio_in": 400000,
       "audio_out": 1600000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "gpt-4.1*",
     "per_million": {
       "input_uncached": 2000000,
       "input_cache_read": 500000,
       "input_cache_write_5m": 2000000,
       "input_cache_write_1h": 2000000,
       "output_visible": 8000000,
       "output_reasoning": 8000000,
       "audio_in": 2000000,
       "audio_out": 8000000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "gpt-4o-mini*",
     "per_million": {
       "input_uncached": 150000,
       "input_cache_read": 75000,
       "input_cache_write_5m": 150000,
       "input_cache_write_1h": 150000,
       "output_visible": 600000,
       "output_reasoning": 600000,
       "audio_in": 150000,
       "audio_out": 600000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "gpt-4o-audio-preview*",
     "per_million": {
       "input_uncached": 2500000,
       "input_cache_read": 2500000,
       "input_cache_write_5m": 2500000,
       "input_cache_write_1h": 2500000,
       "output_visible": 10000000,
       "output_reasoning": 10000000,
       "audio_in": 40000000,
       "audio_out": 80000000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "gpt-4o*",
     "per_million": {
       "input_uncached": 2500000,
       "input_cache_read": 1250000,
       "input_cache_write_5m": 2500000,
       "input_cache_write_1h": 2500000,
       "output_visible": 10000000,
       "output_reasoning": 10000000,
       "audio_in": 2500000,
       "audio_out": 10000000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "o4-mini*",
     "per_million": {
       "input_uncached": 1100000,
       "input_cache_read": 275000,
       "input_cache_write_5m": 1100000,
       "input_cache_write_1h": 1100000,
       "output_visible": 4400000,
       "output_reasoning": 4400000,
       "audio_in": 1100000,
       "audio_out": 4400000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "o3-mini*",
     "per_million": {
       "input_uncached": 1100000,
       "input_cache_read": 550000,
       "input_cache_write_5m": 1100000,
       "input_cache_write_1h": 1100000,
       "output_visible": 4400000,
       "output_reasoning": 4400000,
       "audio_in": 1100000,
       "audio_out": 4400000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "o3*",
     "per_million": {
       "input_uncached": 2000000,
       "input_cache_read": 500000,
       "input_cache_write_5m": 2000000,
       "input_cache_write_1h": 2000000,
       "output_visible": 8000000,
       "output_reasoning": 8000000,
       "audio_in": 2000000,
       "audio_out": 8000000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "o1-mini*",
     "per_million": {
       "input_uncached": 1100000,
       "input_cache_read": 550000,
       "input_cache_write_5m": 1100000,
       "input_cache_write_1h": 1100000,
       "output_visible": 4400000,
       "output_reasoning": 4400000,
       "audio_in": 1100000,
       "audio_out": 4400000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "o1-pro*",
     "per_million": {
       "input_uncached": 150000000,
       "input_cache_read": 150000000,
       "input_cache_write_5m": 150000000,
       "input_cache_write_1h": 150000000,
       "output_visible": 600000000,
       "output_reasoning": 600000000,
       "audio_in": 150000000,
       "audio_out": 600000000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "o1*",
     "per_million": {
       "input_uncached": 15000000,
       "input_cache_read": 7500000,
       "input_cache_write_5m": 15000000,
       "input_cache_write_1h": 15000000,
       "output_visible": 60000000,
       "output_reasoning": 60000000,
       "audio_in": 15000000,
       "audio_out": 60000000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}},
    {"match": "claude-opus-4-5*",
     "per_million": {
       "input_uncached": 5000000,
       "input_cache_read": 500000,
       "input_cache_write_5m": 6250000,
       "input_cache_write_1h": 10000000,
       "output_visible": 25000000,
       "output_reasoning": 25000000,
       "audio_in": 5000000,
       "audio_out": 25000000},
     "tiers": {}, "request_fees": {"web_fetch_requests": 0, "web_search_requests": 10000}},
    {"match": "claude-opus-4*",
     "per_million": {
       "input_uncached": 15000000,
       "input_cache_read": 1500000,
       "input_cache_write_5m": 18750000,
       "input_cache_write_1h": 30000000,
       "output_visible": 75000000,
       "output_reasoning": 75000000,
       "audio_in": 15000000,
       "audio_out": 75000000},
     "tiers": {}, "request_fees": {"web_fetch_requests": 0, "web_search_requests": 10000}},
    {"match": "claude-sonnet-4*",
     "per_million": {
       "input_uncached": 3000000,
       "input_cache_read": 300000,
       "input_cache_write_5m": 3750000,
       "input_cache_write_1h": 6000000,
       "output_visible": 15000000,
       "output_reasoning": 15000000,
       "audio_in": 3000000,
       "audio_out": 15000000},
     "tiers": {}, "request_fees": {"web_fetch_requests": 0, "web_search_requests": 10000}},
    {"match": "claude-3-7-sonnet*",
     "per_million": {
       "input_uncached": 3000000,
       "input_cache_read": 300000,
       "input_cache_write_5m": 3750000,
       "input_cache_write_1h": 6000000,
       "output_visible": 15000000,
       "output_reasoning": 15000000,
       "audio_in": 3000000,
       "audio_out": 15000000},
     "tiers": {}, "request_fees": {"web_fetch_requests": 0, "web_search_requests": 10000}},
    {"match": "claude-haiku-4-5*",
     "per_million": {
       "input_uncached": 1000000,
       "input_cache_read": 100000,
       "input_cache_write_5m": 1250000,
       "input_cache_write_1h": 2000000,
       "output_visible": 5000000,
       "output_reasoning": 5000000,
       "audio_in": 1000000,
       "audio_out": 5000000},
     "tiers": {}, "request_fees": {"web_fetch_requests": 0, "web_search_requests": 10000}},
    {"match": "claude-3-5-haiku*",
     "per_million": {
       "input_uncached": 800000,
       "input_cache_read": 80000,
       "input_cache_write_5m": 1000000,
       "input_cache_write_1h": 1600000,
       "output_visible": 4000000,
       "output_reasoning": 4000000,
       "audio_in": 800000,
       "audio_out": 4000000},
     "tiers": {}, "request_fees": {"web_fetch_requests": 0, "web_search_requests": 10000}},
    {"match": "gemini-2.5-pro*",
     "per_million": {
       "input_uncached": 1250000,
       "input_cache_read": 125000,
       "input_cache_write_5m": 1250000,
       "input_cache_write_1h": 1250000,
       "output_visible": 10000000,
       "output_reasoning": 10000000,
       "audio_in": 1250000,
       "audio_out": 10000000},
     "tiers": {}, "request_fees": {"grounded_prompts": 35000, "web_search_queries": 0}},
    {"match": "gemini-2.5-flash-lite*",
     "per_million": {
       "input_uncached": 100000,
       "input_cache_read": 10000,
       "input_cache_write_5m": 100000,
       "input_cache_write_1h": 100000,
       "output_visible": 400000,
       "output_reasoning": 400000,
       "audio_in": 300000,
       "audio_out": 400000},
     "tiers": {}, "request_fees": {"grounded_prompts": 35000, "web_search_queries": 0}},
    {"match": "gemini-2.5-flash*",
     "per_million": {
       "input_uncached": 300000,
       "input_cache_read": 30000,
       "input_cache_write_5m": 300000,
       "input_cache_write_1h": 300000,
       "output_visible": 2500000,
       "output_reasoning": 2500000,
       "audio_in": 1000000,
       "audio_out": 2500000},
     "tiers": {}, "request_fees": {"grounded_prompts": 35000, "web_search_queries": 0}},
    {"match": "gemini-2.0-flash*",
     "per_million": {
       "input_uncached": 100000,
       "input_cache_read": 25000,
       "input_cache_write_5m": 100000,
       "input_cache_write_1h": 100000,
       "output_visible": 400000,
       "output_reasoning": 400000,
       "audio_in": 700000,
       "audio_out": 400000},
     "tiers": {}, "request_fees": {"grounded_prompts": 35000, "web_search_queries": 0}},
    {"match": "*",
     "per_million": {
       "input_uncached": 100000,
       "input_cache_read": 50000,
       "input_cache_write_5m": 100000,
       "input_cache_write_1h": 100000,
       "output_visible": 400000,
       "output_reasoning": 400000,
       "audio_in": 100000,
       "audio_out": 400000},
     "tiers": {}, "request_fees": {"file_search_requests": 2500, "web_search_requests": 10000}}
  ]
}
)json";

}  // namespace

std::string_view default_tariff_json() {
  return kDefaultTariff;
}

TariffSnapshot default_tariff() {
  auto parsed = parse_tariff_json(kDefaultTariff);
  // The embedded text is fixed at build time and default_tariff_test parses it, so this cannot
  // fail in a tested build; an empty snapshot (no models: every charge fails) is the safe fallback.
  return parsed.ok() ? std::move(parsed).value() : TariffSnapshot{};
}

}  // namespace verimeter::billing
