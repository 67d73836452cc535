#include "billing/adapters/ollama_native.hpp"

#include "billing/adapters/finalize_usage.hpp"
#include "billing/adapters/sse_transcript.hpp"
#include "billing/adapters/usage_fields.hpp"

namespace verimeter::billing::adapters {

namespace {

constexpr const char* kCounterKeys[] = {
    "prompt_eval_count", "prompt_eval_cached_count", "eval_count",   "total_duration",
    "load_duration",     "prompt_eval_duration",     "eval_duration"};

Result<Json> raw_counters(const Json& body) {
  Json raw = Json::object();
  for (const char* key : kCounterKeys) {
    VM_TRY(v, opt_count(body, key, "response"));
    if (v) raw[key] = *v;
  }
  return raw;
}

Status fill_counts(const Json& body, NormalizedUsage& out) {
  VM_TRY(raw, raw_counters(body));
  VM_TRY(output, req_count(body, "eval_count", "response"));
  VM_TRY(prompt, opt_count(body, "prompt_eval_count", "response"));
  VM_TRY(cached, count_or_zero(body, "prompt_eval_cached_count", "response"));
  if (!prompt || *prompt == 0) {
    return make_error("usage_missing_field",
                      "response.prompt_eval_count is " + std::string(prompt ? "0" : "missing") +
                          ", which Ollama reports when the prompt was served from its KV cache; "
                          "the prompt size is unknown");
  }
  VM_TRY(uncached, checked_sub(*prompt, cached, "response.prompt_eval_count",
                               "response.prompt_eval_cached_count"));
  out.buckets.input_uncached = uncached;
  out.buckets.input_cache_read = cached;
  out.buckets.output_visible = output;
  out.reported_input_total = *prompt;
  out.reported_output_total = output;
  out.raw_usage = std::move(raw);
  return {};
}

// The api is named after the field that holds the text: message (chat) or response (generate).
Result<std::string> detect_api(const Json& body) {
  if (body.contains("message")) return std::string("chat");
  if (body.contains("response")) return std::string("generate");
  return unknown_format("an Ollama response has neither message nor response");
}

std::optional<std::string> chunk_text(const Json& body) {
  const auto m = body.find("message");
  if (m != body.end() && m->is_object()) return opt_text(*m, "content");
  return opt_text(body, "response");
}

bool is_done(const Json& body) {
  const auto d = body.find("done");
  return d != body.end() && d->is_boolean() && d->get<bool>();
}

Result<NormalizedUsage> finish(const Json& last, std::string api, const char* source,
                               std::optional<std::string> text) {
  NormalizedUsage out;
  out.provider = "ollama";
  out.api = std::move(api);
  out.usage_source = source;
  VM_CHECK(fill_counts(last, out));
  out.completion_text = std::move(text);
  out.response_model = opt_text(last, "model");
  return finalize_usage(std::move(out));
}

}  // namespace

Result<NormalizedUsage> normalize_ollama(const Json& body) {
  if (!body.is_object()) return unknown_format("an Ollama response is not a JSON object");
  if (auto err = provider_error(body)) return *err;
  VM_TRY(api, detect_api(body));
  if (!is_done(body)) {
    return usage_missing("the Ollama response is a partial chunk (done is not true)");
  }
  return finish(body, std::move(api), "provider", chunk_text(body));
}

Result<NormalizedUsage> normalize_ollama_stream(std::string_view ndjson) {
  if (ndjson.size() > kMaxTranscriptBytes) {
    return make_error("usage_too_large", "stream transcript exceeds the size limit");
  }
  std::optional<std::string> text;
  for (const std::string_view line : ndjson_lines(ndjson)) {
    VM_TRY(chunk, parse_json(line));
    if (!chunk.is_object()) return unknown_format("an Ollama stream line is not a JSON object");
    if (auto err = provider_error(chunk)) return *err;
    VM_TRY(api, detect_api(chunk));
    if (auto t = chunk_text(chunk)) text = text.value_or("") + *t;
    if (is_done(chunk)) return finish(chunk, std::move(api), "provider_stream_final", text);
  }
  return usage_missing("the Ollama stream ended before its done:true line (no counts)");
}

}  // namespace verimeter::billing::adapters
