#include "billing/adapters/normalize_usage.hpp"

#include <array>

#include "billing/adapters/anthropic_messages.hpp"
#include "billing/adapters/gemini_generate.hpp"
#include "billing/adapters/ollama_native.hpp"
#include "billing/adapters/openai_chat.hpp"
#include "billing/adapters/openai_responses.hpp"
#include "billing/adapters/openai_stream.hpp"
#include "billing/adapters/sse_transcript.hpp"
#include "billing/adapters/usage_fields.hpp"

namespace verimeter::billing {

namespace {

using namespace adapters;  // NOLINT(google-build-using-namespace): this file is the dispatcher

constexpr std::array<std::string_view, 5> kProviders = {"anthropic", "gemini", "ollama", "openai",
                                                        "openai_compatible"};

Error unknown_provider(std::string_view provider) {
  std::string list;
  for (const auto p : kProviders) list += (list.empty() ? "" : ", ") + std::string(p);
  return make_error("unknown_provider",
                    "unknown provider \"" + std::string(provider) + "\" (known: " + list + ")");
}

Result<NormalizedUsage> openai_body(const Json& body, ChatDialect dialect) {
  const auto object = opt_text(body, "object");
  if (object == "chat.completion" || object == "text_completion") {
    return normalize_openai_chat(body, dialect);
  }
  if (dialect == ChatDialect::compatible && !object && body.contains("choices")) {
    return normalize_openai_chat(body, dialect);
  }
  if (dialect == ChatDialect::openai && object == "response") {
    return normalize_openai_responses(body);
  }
  if (object == "chat.completion.chunk") {
    return unknown_format("a single stream chunk; pass the whole stream transcript as text");
  }
  return unknown_format("not an OpenAI " +
                        std::string(dialect == ChatDialect::openai
                                        ? "chat.completion, text_completion or response"
                                        : "chat.completion or text_completion") +
                        " object (object is \"" + object.value_or("") + "\")");
}

Result<NormalizedUsage> anthropic_body(const Json& body) {
  const auto type = opt_text(body, "type");
  if (type == "message") return normalize_anthropic_messages(body);
  return unknown_format("not an Anthropic message (type is \"" + type.value_or("") + "\")");
}

Result<NormalizedUsage> gemini_body(const Json& body) {
  if (body.is_array()) return normalize_gemini_stream(body.get_ref<const Json::array_t&>());
  if (body.contains("candidates") || body.contains("usageMetadata") ||
      body.contains("promptFeedback")) {
    return normalize_gemini(body);
  }
  return unknown_format("not a Gemini GenerateContentResponse");
}

Result<NormalizedUsage> stream_text(std::string_view provider, std::string_view text) {
  if (provider == "openai") return normalize_openai_stream(text, ChatDialect::openai);
  if (provider == "openai_compatible") {
    return normalize_openai_stream(text, ChatDialect::compatible);
  }
  if (provider == "anthropic") return normalize_anthropic_stream(text);
  if (provider == "gemini") return normalize_gemini_sse(text);
  return unknown_format("Ollama streams NDJSON, not server-sent events");
}

// NDJSON when there are several lines and the first is a JSON document on its own (a
// pretty-printed single document's first line is not).
bool looks_like_ndjson(std::string_view text) {
  const auto lines = ndjson_lines(text);
  if (lines.size() < 2) return false;
  std::string_view first = lines.front();
  const auto b = first.find_first_not_of(" \t");
  const auto e = first.find_last_not_of(" \t");
  // Cheap shape test first: a failed parse costs an exception inside nlohmann.
  if (first[b] != '{' || first[e] != '}') return false;
  return parse_json(first).ok();
}

}  // namespace

std::span<const std::string_view> known_providers() {
  return kProviders;
}

bool is_known_provider(std::string_view provider) {
  for (const auto p : kProviders) {
    if (p == provider) return true;
  }
  return false;
}

Result<NormalizedUsage> normalize_usage(std::string_view provider, const Json& body) {
  if (!is_known_provider(provider)) return unknown_provider(provider);
  if (!body.is_object() && !(provider == "gemini" && body.is_array())) {
    return unknown_format("the response body is not a JSON object");
  }
  if (auto err = provider_error(body)) return *err;
  if (provider == "openai") return openai_body(body, ChatDialect::openai);
  if (provider == "openai_compatible") return openai_body(body, ChatDialect::compatible);
  if (provider == "anthropic") return anthropic_body(body);
  if (provider == "gemini") return gemini_body(body);
  return normalize_ollama(body);
}

Result<NormalizedUsage> normalize_usage_text(std::string_view provider, std::string_view text) {
  if (!is_known_provider(provider)) return unknown_provider(provider);
  if (text.size() > kMaxTranscriptBytes) {
    return make_error("usage_too_large", "response of " + std::to_string(text.size()) +
                                             " bytes exceeds the limit of " +
                                             std::to_string(kMaxTranscriptBytes));
  }
  if (looks_like_sse(text)) return stream_text(provider, text);
  if (provider == "ollama" && looks_like_ndjson(text)) return normalize_ollama_stream(text);
  VM_TRY(body, parse_json(text));
  return normalize_usage(provider, body);
}

}  // namespace verimeter::billing
