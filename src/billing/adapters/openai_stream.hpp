// Streamed OpenAI responses given as their raw SSE transcript (research/metering.md §2.2, §2.3).
// Chat Completions: with stream_options.include_usage the last chunk before `data: [DONE]` has
// `choices: []` and the usage totals; every other chunk has `usage: null`. When several chunks
// carry usage (vLLM continuous_usage_stats) the counts are cumulative and the last one wins.
// Responses: usage arrives with the full response object on the terminal event
// (response.completed, response.incomplete or response.failed). A stream that ends without usage
// — interrupted, or streamed without include_usage — is usage_missing, never zero.
#pragma once

#include <string_view>

#include "billing/adapters/openai_chat.hpp"
#include "billing/usage.hpp"
#include "core/result.hpp"

namespace verimeter::billing::adapters {

// Detects chat-completion chunks vs Responses events from the first data event.
Result<NormalizedUsage> normalize_openai_stream(std::string_view transcript, ChatDialect dialect);

}  // namespace verimeter::billing::adapters
