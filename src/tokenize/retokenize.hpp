// Re-tokenization check for the attest path: count what verimeter can count itself and compare
// it with what the provider reported, per side.
//
// Rules (documented in docs/tokenization.md):
// - The encoding comes from encoding_for_model(); a model without a public tokenizer (Anthropic,
//   Google, unknown) makes both sides `unverifiable`.
// - Completion: our count of the completion text is compared with the provider's *visible*
//   completion tokens (completion minus reasoning minus audio: the caller passes the visible
//   figure). Hidden reasoning tokens cannot be re-counted; when present the check still covers
//   the visible part, and the reason says the reasoning part is unverified.
// - Prompt: chat messages are counted with the chat framing heuristic — 3 tokens per message,
//   the encoded text of every string field (role, content, name), +1 per `name`, +3 reply
//   priming. A request with tools/functions, non-text content parts (images, audio), tool calls or
//   tool/function messages is `unverifiable` (their framing is not published).
// - `match` when equal (or within `prompt_tolerance` for the prompt), `mismatch` otherwise (both
//   counts recorded); `not_provided` when no text was given for a side; `unverifiable` when the
//   provider reported no count for it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tokenize/encoding_registry.hpp"

namespace verimeter::tokenize {

enum class CheckStatus { match, mismatch, unverifiable, not_provided };

std::string_view to_string(CheckStatus s);  // "match", "mismatch", "unverifiable", "not_provided"

struct SideCheck {
  std::optional<std::string> encoding;
  std::optional<std::uint64_t> our_count;
  std::optional<std::uint64_t> provider_count;
  CheckStatus status = CheckStatus::not_provided;
  std::string reason;  // human-readable; empty for a plain match
};

struct RetokenizeInput {
  std::string_view model;
  std::optional<std::string_view> completion_text;  // visible generated text
  // Either the chat messages array [{role, content, name?}, ...] or the whole request object
  // holding "messages" (then "tools"/"functions" are noticed too). nullptr: no prompt given.
  const nlohmann::json* request = nullptr;
  std::optional<std::uint64_t> provider_prompt_tokens;
  std::optional<std::uint64_t> provider_completion_visible_tokens;
  std::optional<std::uint64_t> provider_reasoning_tokens;
};

struct RetokenizeResult {
  SideCheck prompt;
  SideCheck completion;
};

struct RetokenizeOptions {
  std::uint64_t prompt_tolerance = 0;  // allowed |ours - provider| on the prompt side
};

// Counts the prompt tokens of chat `messages` with the framing heuristic, or an error
// (code "retokenize_unverifiable") naming what cannot be counted.
Result<std::uint64_t> count_chat_prompt(const Encoding& enc, const nlohmann::json& request);

RetokenizeResult retokenize(const EncodingRegistry& registry, const RetokenizeInput& input,
                            const RetokenizeOptions& options = {});

}  // namespace verimeter::tokenize
