// OpenAI Responses API usage, research/metering.md §2.2 and §2.7: input_tokens includes
// input_tokens_details.cached_tokens, output_tokens includes
// output_tokens_details.reasoning_tokens, total_tokens = input_tokens + output_tokens. Hosted tool
// calls that OpenAI bills per call appear as output items; each `web_search_call` item counts one
// "web_search_requests" and each `file_search_call` one "file_search_requests".
#pragma once

#include "billing/usage.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

namespace verimeter::billing::adapters {

// A full response object (`object: "response"`), from a plain response or a stream's terminal
// event. The text is every output_text part of every message output item, in order.
Result<NormalizedUsage> normalize_openai_responses(const Json& body);

}  // namespace verimeter::billing::adapters
