// The one entry point the server and the CLI call to turn a provider's response into
// NormalizedUsage (disjoint buckets + per-request counts, DESIGN §3). It picks the adapter from the
// provider name and the response's own shape, and accepts either a parsed response body or the
// raw bytes a client captured (a JSON document, an SSE transcript, or Ollama NDJSON).
//
// Error codes (stable): unknown_provider, usage_unknown_format, usage_missing (no usage at all:
// error bodies, interrupted streams), usage_missing_field, usage_bad_field (negative, fractional,
// non-numeric, or ≥ 2^53), usage_inconsistent (a provider sum invariant fails; the message gives
// the equation and both numbers), usage_too_large, and the json_* codes of parse_json.
// docs/spec/receipt.md "Usage normalization" specifies the mapping of every provider.
#pragma once

#include <span>
#include <string_view>

#include "billing/usage.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

namespace verimeter::billing {

// "anthropic", "gemini", "ollama", "openai", "openai_compatible".
std::span<const std::string_view> known_providers();
bool is_known_provider(std::string_view provider);

Result<NormalizedUsage> normalize_usage(std::string_view provider, const Json& response_body);
Result<NormalizedUsage> normalize_usage_text(std::string_view provider, std::string_view raw_text);

}  // namespace verimeter::billing
