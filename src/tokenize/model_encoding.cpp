#include "tokenize/model_encoding.hpp"

#include <array>

namespace verimeter::tokenize {
namespace {

// Follows tiktoken's model.py (MODEL_TO_ENCODING / MODEL_PREFIX_TO_ENCODING) for chat and
// embedding models, plus Azure's "gpt-35-turbo" spelling.
constexpr std::array<ModelEncodingRule, 24> kRules{{
    {"gpt-4o", false, "o200k_base"},
    {"gpt-4", false, "cl100k_base"},
    {"gpt-3.5-turbo", false, "cl100k_base"},
    {"gpt-35-turbo", false, "cl100k_base"},
    {"text-embedding-ada-002", false, "cl100k_base"},
    {"text-embedding-3-small", false, "cl100k_base"},
    {"text-embedding-3-large", false, "cl100k_base"},
    {"chatgpt-4o-", true, "o200k_base"},
    {"gpt-4o-", true, "o200k_base"},
    {"gpt-4.1", true, "o200k_base"},
    {"gpt-4.5", true, "o200k_base"},
    {"gpt-5", true, "o200k_base"},
    {"o1-", true, "o200k_base"},
    {"o1", false, "o200k_base"},
    {"o3-", true, "o200k_base"},
    {"o3", false, "o200k_base"},
    {"o4-mini", true, "o200k_base"},
    {"gpt-4-", true, "cl100k_base"},
    {"gpt-3.5-turbo-", true, "cl100k_base"},
    {"gpt-35-turbo-", true, "cl100k_base"},
    {"ft:gpt-4o", true, "o200k_base"},
    {"ft:gpt-3.5-turbo", true, "cl100k_base"},
    {"ft:gpt-4", true, "cl100k_base"},
    {"gpt-3.5", false, "cl100k_base"},
}};

}  // namespace

std::span<const ModelEncodingRule> model_encoding_rules() {
  return kRules;
}

std::optional<std::string_view> encoding_for_model(std::string_view model) {
  if (model.starts_with("openai/")) model.remove_prefix(7);
  for (const auto& r : kRules)
    if (!r.prefix && model == r.model) return r.encoding;
  const ModelEncodingRule* best = nullptr;
  for (const auto& r : kRules)
    if (r.prefix && model.starts_with(r.model) && (!best || r.model.size() > best->model.size()))
      best = &r;
  if (best) return best->encoding;
  return std::nullopt;
}

}  // namespace verimeter::tokenize
