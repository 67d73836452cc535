#include "billing/adapters/openai_chat.hpp"

#include <map>

#include "billing/adapters/finalize_usage.hpp"
#include "billing/adapters/usage_fields.hpp"

namespace verimeter::billing::adapters {

namespace {

struct ChatCounts {
  std::uint64_t prompt = 0, completion = 0, total = 0;
  std::uint64_t cached = 0, audio_in = 0, cache_write = 0;
  std::uint64_t reasoning = 0, audio_out = 0, accepted = 0, rejected = 0;
};

// DeepSeek reports prompt_tokens = prompt_cache_hit_tokens + prompt_cache_miss_tokens beside (or
// instead of) prompt_tokens_details.cached_tokens. Returns the hit count when reported.
Result<std::optional<std::uint64_t>> read_deepseek_cache(const Json& usage, std::uint64_t prompt,
                                                         std::optional<std::uint64_t> cached) {
  VM_TRY(hit, opt_count(usage, "prompt_cache_hit_tokens", "usage"));
  VM_TRY(miss, opt_count(usage, "prompt_cache_miss_tokens", "usage"));
  if (!hit && !miss) return std::optional<std::uint64_t>{};
  if (!hit || !miss) {
    return make_error("usage_missing_field",
                      "usage.prompt_cache_hit_tokens and prompt_cache_miss_tokens come together");
  }
  VM_CHECK(
      check_equal(prompt, *hit + *miss,
                  "usage.prompt_tokens == prompt_cache_hit_tokens + prompt_cache_miss_tokens"));
  if (cached) {
    VM_CHECK(check_equal(*cached, *hit,
                         "prompt_tokens_details.cached_tokens == usage.prompt_cache_hit_tokens"));
  }
  return hit;
}

Result<ChatCounts> read_counts(const Json& usage) {
  ChatCounts c;
  VM_TRY(prompt, req_count(usage, "prompt_tokens", "usage"));
  VM_TRY(completion, req_count(usage, "completion_tokens", "usage"));
  VM_TRY(total, req_count(usage, "total_tokens", "usage"));
  c.prompt = prompt;
  c.completion = completion;
  c.total = total;
  std::optional<std::uint64_t> cached;
  VM_TRY(pd, opt_object(usage, "prompt_tokens_details", "usage"));
  if (pd) {
    const char* path = "usage.prompt_tokens_details";
    VM_TRY(cached_tokens, opt_count(*pd, "cached_tokens", path));
    VM_TRY(audio, count_or_zero(*pd, "audio_tokens", path));
    VM_TRY(cache_write, count_or_zero(*pd, "cache_write_tokens", path));
    cached = cached_tokens;
    c.audio_in = audio;
    c.cache_write = cache_write;
  }
  VM_TRY(hit, read_deepseek_cache(usage, prompt, cached));
  c.cached = hit.value_or(cached.value_or(0));
  VM_TRY(cd, opt_object(usage, "completion_tokens_details", "usage"));
  if (cd) {
    const char* path = "usage.completion_tokens_details";
    VM_TRY(reasoning, count_or_zero(*cd, "reasoning_tokens", path));
    VM_TRY(audio, count_or_zero(*cd, "audio_tokens", path));
    VM_TRY(accepted, count_or_zero(*cd, "accepted_prediction_tokens", path));
    VM_TRY(rejected, count_or_zero(*cd, "rejected_prediction_tokens", path));
    c.reasoning = reasoning;
    c.audio_out = audio;
    c.accepted = accepted;
    c.rejected = rejected;
  }
  return c;
}

// The disjoint buckets; each subtraction checks the provider's subset relation first.
Result<UsageBuckets> chat_buckets(const ChatCounts& c, ChatDialect dialect) {
  if (dialect == ChatDialect::compatible && c.prompt == 0) {
    return make_error("usage_missing_field",
                      "usage.prompt_tokens is 0, which OpenAI-compatible servers report when the "
                      "prompt was served from their KV cache; the real prompt size is unknown");
  }
  VM_CHECK(check_equal(c.total, c.prompt + c.completion,
                       "usage.total_tokens == prompt_tokens + completion_tokens"));
  VM_CHECK(checked_sub(c.completion, c.accepted, "usage.completion_tokens",
                       "completion_tokens_details.accepted_prediction_tokens"));
  VM_CHECK(checked_sub(c.completion, c.rejected, "usage.completion_tokens",
                       "completion_tokens_details.rejected_prediction_tokens"));
  UsageBuckets b;
  VM_TRY(uncached, checked_sub(c.prompt, c.cached, "usage.prompt_tokens",
                               "prompt_tokens_details.cached_tokens"));
  VM_TRY(unwritten, checked_sub(uncached, c.cache_write, "usage.prompt_tokens minus cached_tokens",
                                "prompt_tokens_details.cache_write_tokens"));
  VM_TRY(text_in, checked_sub(unwritten, c.audio_in,
                              "usage.prompt_tokens minus cached_tokens and cache_write_tokens",
                              "prompt_tokens_details.audio_tokens"));
  VM_TRY(no_reasoning, checked_sub(c.completion, c.reasoning, "usage.completion_tokens",
                                   "completion_tokens_details.reasoning_tokens"));
  VM_TRY(text_out,
         checked_sub(no_reasoning, c.audio_out, "usage.completion_tokens minus reasoning_tokens",
                     "completion_tokens_details.audio_tokens"));
  b.input_uncached = text_in;
  b.input_cache_read = c.cached;
  b.input_cache_write_5m = c.cache_write;
  b.audio_in = c.audio_in;
  b.output_visible = text_out;
  b.output_reasoning = c.reasoning;
  b.audio_out = c.audio_out;
  return b;
}

std::optional<std::string> choice_text(const Json& choice) {
  if (!choice.is_object()) return std::nullopt;
  if (auto text = opt_text(choice, "text")) return text;  // legacy Completions
  for (const char* holder : {"message", "delta"}) {
    const auto it = choice.find(holder);
    if (it != choice.end() && it->is_object()) return opt_text(*it, "content");
  }
  return std::nullopt;
}

}  // namespace

Status fill_from_chat_usage(const Json& usage, ChatDialect dialect, NormalizedUsage& out) {
  if (!usage.is_object()) return make_error("usage_bad_field", "usage is not a JSON object");
  VM_TRY(c, read_counts(usage));
  VM_TRY(buckets, chat_buckets(c, dialect));
  out.buckets = buckets;
  out.reported_input_total = c.prompt;
  out.reported_output_total = c.completion;
  out.raw_usage = usage;
  return {};
}

std::optional<std::string> chat_choices_text(const Json& choices) {
  if (!choices.is_array()) return std::nullopt;
  std::map<std::uint64_t, std::string> by_index;
  bool any = false;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    const auto text = choice_text(choices[i]);
    if (!text) continue;
    std::uint64_t index = i;
    if (choices[i].contains("index") && choices[i]["index"].is_number_unsigned()) {
      index = choices[i]["index"].get<std::uint64_t>();
    }
    by_index[index] += *text;
    any = true;
  }
  if (!any) return std::nullopt;
  std::string all;
  for (const auto& [index, text] : by_index) all += text;
  return all;
}

Result<NormalizedUsage> normalize_openai_chat(const Json& body, ChatDialect dialect) {
  NormalizedUsage out;
  out.provider = dialect == ChatDialect::openai ? "openai" : "openai_compatible";
  const auto object = opt_text(body, "object").value_or("");
  out.api = object == "text_completion" ? "completions" : "chat_completions";
  out.usage_source = "provider";
  const auto it = body.find("usage");
  if (it == body.end() || it->is_null()) {
    return usage_missing("the " + object + " response carries no usage object");
  }
  VM_CHECK(fill_from_chat_usage(*it, dialect, out));
  if (const auto choices = body.find("choices"); choices != body.end()) {
    out.completion_text = chat_choices_text(*choices);
  }
  out.response_model = opt_text(body, "model");
  out.response_id = opt_text(body, "id");
  return finalize_usage(std::move(out));
}

}  // namespace verimeter::billing::adapters
