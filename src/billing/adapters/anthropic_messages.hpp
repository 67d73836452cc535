// Anthropic Messages usage, research/metering.md §2.4 and §2.7. Unlike OpenAI the counters are
// disjoint: input_tokens are only the tokens neither read from nor written to the cache, beside
// cache_read_input_tokens and cache_creation_input_tokens. The cache write is split by TTL in
// cache_creation{ephemeral_5m_input_tokens, ephemeral_1h_input_tokens}, which must sum to
// cache_creation_input_tokens; when the split is absent the whole write is taken at the 5-minute
// rate (the only TTL that existed before the split was reported). output_tokens includes
// extended-thinking tokens, which usage alone cannot separate: they stay in output_visible.
// Every integer in server_tool_use (web_search_requests, web_fetch_requests, …) becomes a
// per-request count of the same name.
#pragma once

#include <string_view>

#include "billing/usage.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

namespace verimeter::billing::adapters {

Status fill_from_anthropic_usage(const Json& usage, NormalizedUsage& out);

// A full Messages response (`type: "message"`); text = its text content blocks, in order.
Result<NormalizedUsage> normalize_anthropic_messages(const Json& body);

// A streamed Messages response as its SSE transcript. message_start carries the input counts;
// each message_delta usage is cumulative, so every field it carries replaces the earlier value
// (never summed). A stream without a message_delta usage has no final output count: usage_missing.
Result<NormalizedUsage> normalize_anthropic_stream(std::string_view transcript);

}  // namespace verimeter::billing::adapters
