#include <vector>

#include "billing/adapters/anthropic_messages.hpp"
#include "billing/adapters/finalize_usage.hpp"
#include "billing/adapters/sse_transcript.hpp"
#include "billing/adapters/usage_fields.hpp"

namespace verimeter::billing::adapters {

namespace {

struct AnthropicStreamState {
  Json usage = Json::object();
  bool started = false;
  bool final_usage = false;
  std::optional<std::string> text, id, model;
};

// Later cumulative values replace earlier ones; a null leaves the earlier value in place.
void merge_usage(Json& into, const Json& update) {
  for (const auto& [key, value] : update.items()) {
    if (!value.is_null()) into[key] = value;
  }
}

Status on_message_start(const Json& ev, AnthropicStreamState& st) {
  const auto message = ev.find("message");
  if (message == ev.end() || !message->is_object()) {
    return unknown_format("message_start event carries no message object");
  }
  st.started = true;
  st.id = opt_text(*message, "id");
  st.model = opt_text(*message, "model");
  const auto usage = message->find("usage");
  if (usage != message->end() && usage->is_object()) merge_usage(st.usage, *usage);
  return {};
}

void on_text(const Json& holder, const char* key, AnthropicStreamState& st) {
  const auto it = holder.find(key);
  if (it == holder.end() || !it->is_object() || opt_text(*it, "type") == std::nullopt) return;
  const auto type = *opt_text(*it, "type");
  if (type != "text_delta" && type != "text") return;
  if (auto t = opt_text(*it, "text")) st.text = st.text.value_or("") + *t;
}

Status on_event(const Json& ev, AnthropicStreamState& st) {
  const auto type = opt_text(ev, "type").value_or("");
  if (type == "error" || ev.contains("error")) {
    if (auto err = provider_error(ev)) return *err;
  }
  if (type == "message_start") return on_message_start(ev, st);
  if (!st.started && type != "ping") {
    return unknown_format("Messages stream event \"" + type + "\" before message_start");
  }
  if (type == "content_block_start") on_text(ev, "content_block", st);
  if (type == "content_block_delta") on_text(ev, "delta", st);
  if (type == "message_delta") {
    const auto usage = ev.find("usage");
    if (usage != ev.end() && usage->is_object()) {
      merge_usage(st.usage, *usage);
      st.final_usage = true;
    }
  }
  return {};
}

}  // namespace

Result<NormalizedUsage> normalize_anthropic_stream(std::string_view transcript) {
  VM_TRY(events, parse_sse(transcript));
  AnthropicStreamState st;
  for (const SseEvent& e : events) {
    VM_TRY(ev, parse_json(e.data));
    if (!ev.is_object()) return unknown_format("stream event data is not a JSON object");
    VM_CHECK(on_event(ev, st));
  }
  if (!st.started) return usage_missing("the Messages stream carried no message_start event");
  if (!st.final_usage) {
    return usage_missing("the Messages stream ended before a message_delta with final usage");
  }
  NormalizedUsage out;
  out.provider = "anthropic";
  out.api = "messages";
  out.usage_source = "provider_stream_final";
  VM_CHECK(fill_from_anthropic_usage(st.usage, out));
  out.completion_text = st.text;
  out.response_id = st.id;
  out.response_model = st.model;
  return finalize_usage(std::move(out));
}

}  // namespace verimeter::billing::adapters
