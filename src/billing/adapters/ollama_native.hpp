// Ollama native API (/api/chat and /api/generate), research/metering.md §2.6. There is no usage
// object: the final response (done: true) carries prompt_eval_count (input), eval_count (output)
// and, in later versions, prompt_eval_cached_count (the part of the prompt served from the KV
// cache, inside prompt_eval_count). When the prompt was KV-cached, older servers omit
// prompt_eval_count or report 0 (ollama #2068, #3427): the prompt size is then unknown, which is
// usage_missing_field — never read as zero input. raw_usage is an object holding the counters and
// durations (nanoseconds) the final response carried. Ollama responses have no id.
#pragma once

#include <string_view>

#include "billing/usage.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

namespace verimeter::billing::adapters {

// One non-streamed response (`done: true`).
Result<NormalizedUsage> normalize_ollama(const Json& body);

// A streamed response as NDJSON: text from every chunk, counts from the final done:true line.
Result<NormalizedUsage> normalize_ollama_stream(std::string_view ndjson);

}  // namespace verimeter::billing::adapters
