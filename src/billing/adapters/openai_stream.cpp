#include "billing/adapters/openai_stream.hpp"

#include <map>
#include <vector>

#include "billing/adapters/finalize_usage.hpp"
#include "billing/adapters/openai_responses.hpp"
#include "billing/adapters/sse_transcript.hpp"
#include "billing/adapters/usage_fields.hpp"
#include "core/utf8.hpp"

namespace verimeter::billing::adapters {

namespace {

struct ChatStreamState {
  std::map<std::uint64_t, std::string> text_by_choice;
  std::map<std::uint64_t, bool> finished;  // every choice index seen → a finish_reason came
  std::optional<std::string> id, model;
  bool any_usage = false;
};

void absorb_choice(const Json& choice, std::uint64_t index, ChatStreamState& st) {
  bool& finished = st.finished[index];
  const auto reason = choice.find("finish_reason");
  if (reason != choice.end() && reason->is_string()) finished = true;
  const auto delta = choice.find("delta");
  if (delta == choice.end() || !delta->is_object()) return;
  if (auto text = opt_text(*delta, "content")) st.text_by_choice[index] += *text;
}

void absorb_chunk(const Json& chunk, ChatStreamState& st) {
  if (!st.id) st.id = opt_text(chunk, "id");
  if (!st.model) st.model = opt_text(chunk, "model");
  if (const auto u = chunk.find("usage"); u != chunk.end() && !u->is_null()) st.any_usage = true;
  const auto choices = chunk.find("choices");
  if (choices == chunk.end() || !choices->is_array()) return;
  for (std::size_t i = 0; i < choices->size(); ++i) {
    const Json& choice = (*choices)[i];
    if (!choice.is_object()) continue;
    std::uint64_t index = i;
    if (choice.contains("index") && choice["index"].is_number_unsigned()) {
      index = choice["index"].get<std::uint64_t>();
    }
    absorb_choice(choice, index, st);
  }
}

// The last chunk before data: [DONE] carries the final usage: OpenAI and vLLM send it as a chunk
// of its own (`choices: []`, stream_options.include_usage); some servers put it on the chunk that
// carries the last finish_reason.
bool carries_usage(const Json& chunk) {
  const auto usage = chunk.find("usage");
  return usage != chunk.end() && !usage->is_null();
}

// receipt.md §Streams: a chat stream completed when it ends with data: [DONE], the chunk just
// before it carries the usage, and every choice got a finish_reason. Anything less was cut short
// (or streamed without include_usage), so no usage in it is known to be final.
Status check_complete(const ChatStreamState& st, const Json& last, bool done) {
  if (!done) return usage_missing("the chat stream was interrupted: it ended before data: [DONE]");
  if (!st.any_usage) {
    return usage_missing(
        "the chat stream ended with [DONE] but no chunk carried usage (the request needs "
        "stream_options.include_usage)");
  }
  if (!carries_usage(last)) {
    return usage_missing(
        "the chunk before data: [DONE] carries no usage; usage on an earlier chunk is not final");
  }
  for (const auto& [index, finished] : st.finished) {
    if (finished) continue;
    return usage_missing("choice " + std::to_string(index) +
                         " of the chat stream never got a finish_reason: it did not complete");
  }
  return {};
}

Result<NormalizedUsage> finish_chat(const ChatStreamState& st, const Json& usage,
                                    ChatDialect dialect) {
  NormalizedUsage out;
  out.provider = dialect == ChatDialect::openai ? "openai" : "openai_compatible";
  out.api = "chat_completions";
  out.usage_source = "provider_stream_final";
  VM_CHECK(fill_from_chat_usage(usage, dialect, out));
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
  for (const Json& chunk : chunks) {
    if (auto err = provider_error(chunk)) return *err;
    const auto object = opt_text(chunk, "object").value_or("");
    if (object != "chat.completion.chunk") {
      return unknown_format("chat stream event is not a chat.completion.chunk (object \"" + object +
                            "\")");
    }
    absorb_chunk(chunk, st);
  }
  VM_CHECK(check_complete(st, chunks.back(), done));
  return finish_chat(st, chunks.back().at("usage"), dialect);
}

bool is_terminal(const std::string& type) {
  return type == "response.completed" || type == "response.incomplete" || type == "response.failed";
}

Result<NormalizedUsage> responses_stream(const std::vector<Json>& events) {
  std::string deltas;
  for (const Json& ev : events) {
    const auto type = opt_text(ev, "type").value_or("");
    if (type == "error") {
      return usage_missing(
          "the response stream reported an error: " +
          opt_text(ev, "message").value_or(std::string(utf8_prefix(ev.dump(), 200))));
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
    if (done) return unknown_format("a data event follows data: [DONE], which ends the stream");
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
