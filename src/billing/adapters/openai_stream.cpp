#include "billing/adapters/openai_stream.hpp"

#include <map>
#include <vector>

#include "billing/adapters/finalize_usage.hpp"
#include "billing/adapters/openai_responses.hpp"
#include "billing/adapters/sse_transcript.hpp"
#include "billing/adapters/usage_fields.hpp"

namespace verimeter::billing::adapters {

namespace {

struct ChatStreamState {
  std::map<std::uint64_t, std::string> text_by_choice;
  std::optional<std::string> id, model;
  std::optional<Json> usage;
  bool done = false;
};

void absorb_chunk(const Json& chunk, ChatStreamState& st) {
  if (!st.id) st.id = opt_text(chunk, "id");
  if (!st.model) st.model = opt_text(chunk, "model");
  if (const auto u = chunk.find("usage"); u != chunk.end() && !u->is_null()) st.usage = *u;
  const auto choices = chunk.find("choices");
  if (choices == chunk.end() || !choices->is_array()) return;
  for (std::size_t i = 0; i < choices->size(); ++i) {
    const Json& choice = (*choices)[i];
    std::uint64_t index = i;
    if (choice.contains("index") && choice["index"].is_number_unsigned()) {
      index = choice["index"].get<std::uint64_t>();
    }
    const auto delta = choice.find("delta");
    if (delta == choice.end() || !delta->is_object()) continue;
    if (auto text = opt_text(*delta, "content")) st.text_by_choice[index] += *text;
  }
}

Result<NormalizedUsage> finish_chat(ChatStreamState st, ChatDialect dialect) {
  if (!st.usage) {
    return usage_missing(st.done ? "the chat stream ended with [DONE] but no chunk carried usage "
                                   "(the request needs stream_options.include_usage)"
                                 : "the chat stream was interrupted before its usage chunk");
  }
  NormalizedUsage out;
  out.provider = dialect == ChatDialect::openai ? "openai" : "openai_compatible";
  out.api = "chat_completions";
  out.usage_source = "provider_stream_final";
  VM_CHECK(fill_from_chat_usage(*st.usage, dialect, out));
  if (!st.text_by_choice.empty()) {
    std::string all;
    for (const auto& [index, text] : st.text_by_choice) all += text;
    out.completion_text = std::move(all);
  }
  out.response_id = st.id;
  out.response_model = st.model;
  return finalize_usage(std::move(out));
}

Result<NormalizedUsage> chat_stream(const std::vector<Json>& chunks, bool done,
                                    ChatDialect dialect) {
  ChatStreamState st;
  st.done = done;
  for (const Json& chunk : chunks) {
    if (auto err = provider_error(chunk)) return *err;
    const auto object = opt_text(chunk, "object").value_or("");
    if (object != "chat.completion.chunk") {
      return unknown_format("chat stream event is not a chat.completion.chunk (object \"" + object +
                            "\")");
    }
    absorb_chunk(chunk, st);
  }
  return finish_chat(std::move(st), dialect);
}

bool is_terminal(const std::string& type) {
  return type == "response.completed" || type == "response.incomplete" || type == "response.failed";
}

Result<NormalizedUsage> responses_stream(const std::vector<Json>& events) {
  std::string deltas;
  for (const Json& ev : events) {
    const auto type = opt_text(ev, "type").value_or("");
    if (type == "error") {
      return usage_missing("the response stream reported an error: " +
                           opt_text(ev, "message").value_or(ev.dump().substr(0, 200)));
    }
    if (type == "response.output_text.delta") deltas += opt_text(ev, "delta").value_or("");
    if (!is_terminal(type)) continue;
    const auto response = ev.find("response");
    if (response == ev.end() || !response->is_object()) {
      return unknown_format(type + " event carries no response object");
    }
    VM_TRY(out, normalize_openai_responses(*response));
    out.usage_source = "provider_stream_final";
    if (!out.completion_text && !deltas.empty()) out.completion_text = deltas;
    return out;
  }
  return usage_missing("the response stream ended before response.completed (no usage)");
}

}  // namespace

Result<NormalizedUsage> normalize_openai_stream(std::string_view transcript, ChatDialect dialect) {
  VM_TRY(events, parse_sse(transcript));
  std::vector<Json> payloads;
  bool done = false;
  for (const SseEvent& ev : events) {
    if (ev.data == "[DONE]") {
      done = true;
      continue;
    }
    VM_TRY(j, parse_json(ev.data));
    if (!j.is_object()) return unknown_format("stream event data is not a JSON object");
    payloads.push_back(std::move(j));
  }
  if (payloads.empty()) return usage_missing("the stream carried no data events");
  const auto first_type = opt_text(payloads.front(), "type").value_or("");
  if (dialect == ChatDialect::openai && first_type.starts_with("response.")) {
    return responses_stream(payloads);
  }
  return chat_stream(payloads, done, dialect);
}

}  // namespace verimeter::billing::adapters
