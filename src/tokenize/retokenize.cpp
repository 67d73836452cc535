#include "tokenize/retokenize.hpp"

#include "tokenize/model_encoding.hpp"

namespace verimeter::tokenize {
namespace {

constexpr std::uint64_t kTokensPerMessage = 3;
constexpr std::uint64_t kTokensPerName = 1;
constexpr std::uint64_t kReplyPriming = 3;

Error unverifiable(std::string why) {
  return make_error("retokenize_unverifiable", std::move(why));
}

Result<std::uint64_t> count_message(const Encoding& enc, const nlohmann::json& m) {
  if (!m.is_object()) return unverifiable("a message is not an object");
  const std::string role = m.value("role", "");
  if (role == "tool" || role == "function") return unverifiable("tool/function messages");
  std::uint64_t n = kTokensPerMessage;
  for (const auto& [key, value] : m.items()) {
    if (key == "tool_calls" || key == "function_call" || key == "audio")
      return unverifiable("message field '" + key + "' has unpublished framing");
    if (value.is_null()) continue;
    if (!value.is_string())
      return unverifiable("message field '" + key + "' is not text (content parts, images)");
    n += enc.count(value.get_ref<const std::string&>());
    if (key == "name") n += kTokensPerName;
  }
  return n;
}

void compare(SideCheck& side, std::uint64_t ours, std::optional<std::uint64_t> provider,
             std::uint64_t tolerance) {
  side.our_count = ours;
  side.provider_count = provider;
  if (!provider) {
    side.status = CheckStatus::unverifiable;
    side.reason = "provider reported no count";
    return;
  }
  const std::uint64_t diff = ours > *provider ? ours - *provider : *provider - ours;
  side.status = diff <= tolerance ? CheckStatus::match : CheckStatus::mismatch;
  if (side.status == CheckStatus::mismatch)
    side.reason = "ours " + std::to_string(ours) + ", provider " + std::to_string(*provider);
}

SideCheck check_completion(const Encoding& enc, const RetokenizeInput& in) {
  SideCheck side;
  side.encoding = std::string(enc.name());
  side.provider_count = in.provider_completion_visible_tokens;
  if (!in.completion_text) {
    side.reason = "no completion text in the attest";
    return side;
  }
  compare(side, enc.count(*in.completion_text), in.provider_completion_visible_tokens, 0);
  if (in.provider_reasoning_tokens && *in.provider_reasoning_tokens > 0) {
    const std::string note = "visible part only; " + std::to_string(*in.provider_reasoning_tokens) +
                             " hidden reasoning tokens are unverifiable";
    side.reason = side.reason.empty() ? note : side.reason + "; " + note;
  }
  return side;
}

SideCheck check_prompt(const Encoding& enc, const RetokenizeInput& in, std::uint64_t tolerance) {
  SideCheck side;
  side.encoding = std::string(enc.name());
  side.provider_count = in.provider_prompt_tokens;
  if (in.request == nullptr) {
    side.reason = "no request messages in the attest";
    return side;
  }
  auto n = count_chat_prompt(enc, *in.request);
  if (!n.ok()) {
    side.status = CheckStatus::unverifiable;
    side.reason = n.error().message;
    return side;
  }
  compare(side, *n, in.provider_prompt_tokens, tolerance);
  if (side.reason.empty()) side.reason = "chat framing heuristic (3/message, 1/name, 3 priming)";
  return side;
}

}  // namespace

std::string_view to_string(CheckStatus s) {
  switch (s) {
    case CheckStatus::match:
      return "match";
    case CheckStatus::mismatch:
      return "mismatch";
    case CheckStatus::unverifiable:
      return "unverifiable";
    case CheckStatus::not_provided:
      return "not_provided";
  }
  return "unverifiable";
}

Result<std::uint64_t> count_chat_prompt(const Encoding& enc, const nlohmann::json& request) {
  const nlohmann::json* messages = &request;
  if (request.is_object()) {
    for (const char* k : {"tools", "functions"})
      if (request.contains(k) && !request[k].is_null() && !request[k].empty())
        return unverifiable(std::string("request declares ") + k + " (schema framing unpublished)");
    if (!request.contains("messages")) return unverifiable("request has no messages");
    messages = &request["messages"];
  }
  if (!messages->is_array() || messages->empty())
    return unverifiable("messages is not a non-empty array");
  std::uint64_t total = kReplyPriming;
  for (const auto& m : *messages) {
    VM_TRY(n, count_message(enc, m));
    total += n;
  }
  return total;
}

RetokenizeResult retokenize(const EncodingRegistry& registry, const RetokenizeInput& input,
                            const RetokenizeOptions& options) {
  RetokenizeResult r;
  const auto enc_name = encoding_for_model(input.model);
  const auto enc = enc_name ? registry.get(*enc_name) : nullptr;
  if (!enc) {
    for (SideCheck* s : {&r.prompt, &r.completion}) {
      s->status = CheckStatus::unverifiable;
      s->reason = "model '" + std::string(input.model) + "' has no public tokenizer";
    }
    r.prompt.provider_count = input.provider_prompt_tokens;
    r.completion.provider_count = input.provider_completion_visible_tokens;
    return r;
  }
  r.prompt = check_prompt(*enc, input, options.prompt_tolerance);
  r.completion = check_completion(*enc, input);
  return r;
}

}  // namespace verimeter::tokenize
