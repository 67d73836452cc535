// OpenAI Chat Completions (and legacy Completions) usage, research/metering.md §2.1 and §2.7.
// OpenAI reports subsets, not disjoint counts: cached_tokens and audio_tokens are inside
// prompt_tokens; reasoning_tokens and audio_tokens are inside completion_tokens; accepted and
// rejected prediction tokens are inside completion_tokens and billed as output. The same shape is
// served by vLLM and other OpenAI-compatible servers, with two differences (ChatDialect):
// an absent cached_tokens means "unknown" there (vLLM omits it when prompt details are off or the
// count is 0), and a prompt_tokens of 0 is the KV-cache reporting bug of some servers.
// Gateway extensions of the same shape are read too: DeepSeek's prompt_cache_hit_tokens /
// prompt_cache_miss_tokens (which must sum to prompt_tokens) and OpenRouter's
// prompt_tokens_details.cache_write_tokens (a subset of prompt_tokens, priced as a 5-minute write).
#pragma once

#include "billing/usage.hpp"
#include "core/json.hpp"
#include "core/result.hpp"

namespace verimeter::billing::adapters {

enum class ChatDialect { openai, compatible };

// Buckets, totals and raw_usage from one usage object (a response's or a stream's final chunk).
Status fill_from_chat_usage(const Json& usage, ChatDialect dialect, NormalizedUsage& out);

// A full chat.completion or text_completion response body.
Result<NormalizedUsage> normalize_openai_chat(const Json& body, ChatDialect dialect);

// Visible text of the choices: the first choice's text when there is one choice, all choices'
// texts concatenated in `index` order otherwise. nullopt when no choice carries text.
std::optional<std::string> chat_choices_text(const Json& choices);

}  // namespace verimeter::billing::adapters
