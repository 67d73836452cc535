// Which public tokenizer a provider model uses. Only OpenAI publishes its encodings
// (tiktoken); Anthropic and Google do not, so their models (and any unknown model) map to no
// encoding and their counts are `unverifiable`. The table is documented in docs/tokenization.md.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace verimeter::tokenize {

struct ModelEncodingRule {
  std::string_view model;  // exact model name, or a prefix when `prefix` is set
  bool prefix;
  std::string_view encoding;  // "o200k_base" or "cl100k_base"
};

// The rules in match order (exact names first, then the longest prefixes).
std::span<const ModelEncodingRule> model_encoding_rules();

// Encoding of `model` (e.g. "gpt-4o-2024-08-06" -> "o200k_base"); a leading "openai/" (router
// style) is ignored. nullopt for private or unknown tokenizers.
std::optional<std::string_view> encoding_for_model(std::string_view model);

}  // namespace verimeter::tokenize
