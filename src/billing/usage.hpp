// Normalized usage: every provider's usage report mapped into disjoint token buckets
// (DESIGN §3, research/metering.md §2.7) plus counted per-request fees. Buckets never overlap,
// so a tariff prices each token exactly once. Adapters (src/billing/adapters/) fill this in
// after checking the provider's own sum invariants; missing or inconsistent usage is an error,
// never a zero.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"

namespace verimeter::billing {

struct UsageBuckets {
  std::uint64_t input_uncached = 0;
  std::uint64_t input_cache_read = 0;
  std::uint64_t input_cache_write_5m = 0;
  std::uint64_t input_cache_write_1h = 0;
  std::uint64_t output_visible = 0;
  std::uint64_t output_reasoning = 0;
  std::uint64_t audio_in = 0;
  std::uint64_t audio_out = 0;

  bool operator==(const UsageBuckets&) const = default;
};

// Bucket names in their canonical order (as they appear in receipts and tariffs).
inline constexpr const char* kBucketNames[] = {
    "input_uncached", "input_cache_read", "input_cache_write_5m", "input_cache_write_1h",
    "output_visible", "output_reasoning", "audio_in",             "audio_out"};

// A counted per-request fee, e.g. {"web_search_requests", 3}. Names are lower_snake_case.
struct RequestCount {
  std::string name;
  std::uint64_t count = 0;
  bool operator==(const RequestCount&) const = default;
};

struct NormalizedUsage {
  std::string provider;      // "openai", "anthropic", "gemini", "openai_compatible", "ollama"
  std::string api;           // e.g. "chat_completions", "responses", "messages", "generate_content"
  std::string usage_source;  // "provider" | "provider_stream_final"
  UsageBuckets buckets;
  std::vector<RequestCount> requests;  // sorted by name, zero counts omitted
  Json raw_usage;                      // the provider's usage object exactly as parsed
  // The provider's own totals, kept for re-tokenization checks.
  std::uint64_t reported_input_total = 0;
  std::uint64_t reported_output_total = 0;
  // Text the model generated (visible part), when the response carries it.
  std::optional<std::string> completion_text;
  std::optional<std::string> response_model;  // model name the provider reported
  std::optional<std::string> response_id;     // e.g. chatcmpl-…, msg_…, responseId
};

Json buckets_to_json(const UsageBuckets& b);  // {"audio_in":…, …} every bucket present

}  // namespace verimeter::billing
