// Gemini generateContent usageMetadata, research/metering.md §2.5 and §2.7. promptTokenCount
// includes cachedContentTokenCount; candidatesTokenCount excludes thoughtsTokenCount;
// toolUsePromptTokenCount (tool results fed back to the model, e.g. search results) is input that
// promptTokenCount does not include: it goes to input_uncached. The invariant is
// totalTokenCount == promptTokenCount + candidatesTokenCount + thoughtsTokenCount +
// toolUsePromptTokenCount. Gemini encodes usage as proto3 JSON, which omits counters whose value is
// 0, so an absent sub-counter is 0; promptTokenCount and totalTokenCount are never 0 for a real
// call, so they are required and an explicit 0 is refused like an absent field
// (usage_missing_field); the total invariant catches a dropped counter. Per-modality details:
// AUDIO prompt tokens not served from the cache go to audio_in, AUDIO candidate tokens to
// audio_out; a list whose sum reaches 2^53 is usage_bad_field. Grounding with Google Search:
// "grounded_prompts" is 1 when any candidate carries groundingMetadata, "web_search_queries" counts
// its webSearchQueries.
#pragma once

#include <string_view>

#include "billing/usage.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

namespace verimeter::billing::adapters {

Status fill_from_gemini_usage(const Json& usage_metadata, NormalizedUsage& out);

// One complete GenerateContentResponse: a candidate carries a finishReason, or the prompt was
// blocked (promptFeedback.blockReason). Without either it is a partial stream chunk whose usage
// is not final: usage_missing, as for a stream cut before finishReason (a malformed usageMetadata
// is reported first). Text: the non-thought text parts of the candidates (first candidate alone,
// or all concatenated in index order).
Result<NormalizedUsage> normalize_gemini(const Json& body);

// streamGenerateContent output: an SSE transcript (alt=sse) or a JSON array of responses. Every
// chunk's usageMetadata is cumulative: the last one counts, and it must come with or after the
// chunk that carries a finishReason (or a prompt blockReason); otherwise the stream was cut short.
Result<NormalizedUsage> normalize_gemini_stream(const std::vector<Json>& chunks);
Result<NormalizedUsage> normalize_gemini_sse(std::string_view transcript);

}  // namespace verimeter::billing::adapters
