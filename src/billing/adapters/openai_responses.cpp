#include "billing/adapters/openai_responses.hpp"

#include "billing/adapters/finalize_usage.hpp"
#include "billing/adapters/usage_fields.hpp"

namespace verimeter::billing::adapters {

namespace {

Status fill_buckets(const Json& usage, NormalizedUsage& out) {
  if (!usage.is_object()) return make_error("usage_bad_field", "usage is not a JSON object");
  VM_TRY(input, req_count(usage, "input_tokens", "usage"));
  VM_TRY(output, req_count(usage, "output_tokens", "usage"));
  VM_TRY(total, req_count(usage, "total_tokens", "usage"));
  std::uint64_t cached = 0, reasoning = 0;
  VM_TRY(in_d, opt_object(usage, "input_tokens_details", "usage"));
  if (in_d) {
    VM_TRY(c, count_or_zero(*in_d, "cached_tokens", "usage.input_tokens_details"));
    cached = c;
  }
  VM_TRY(out_d, opt_object(usage, "output_tokens_details", "usage"));
  if (out_d) {
    VM_TRY(r, count_or_zero(*out_d, "reasoning_tokens", "usage.output_tokens_details"));
    reasoning = r;
  }
  VM_CHECK(
      check_equal(total, input + output, "usage.total_tokens == input_tokens + output_tokens"));
  VM_TRY(uncached,
         checked_sub(input, cached, "usage.input_tokens", "input_tokens_details.cached_tokens"));
  VM_TRY(visible, checked_sub(output, reasoning, "usage.output_tokens",
                              "output_tokens_details.reasoning_tokens"));
  out.buckets.input_uncached = uncached;
  out.buckets.input_cache_read = cached;
  out.buckets.output_visible = visible;
  out.buckets.output_reasoning = reasoning;
  out.reported_input_total = input;
  out.reported_output_total = output;
  out.raw_usage = usage;
  return {};
}

void append_message_text(const Json& item, std::optional<std::string>& text) {
  const auto content = item.find("content");
  if (content == item.end() || !content->is_array()) return;
  for (const auto& part : *content) {
    if (opt_text(part, "type") != "output_text") continue;
    if (auto t = opt_text(part, "text")) text = text.value_or("") + *t;
  }
}

// Text and per-call tool fees from the output items.
void read_output(const Json& body, NormalizedUsage& out) {
  const auto output = body.find("output");
  if (output == body.end() || !output->is_array()) return;
  std::uint64_t web = 0, file = 0;
  for (const auto& item : *output) {
    const auto type = opt_text(item, "type").value_or("");
    if (type == "message") append_message_text(item, out.completion_text);
    if (type == "web_search_call") ++web;
    if (type == "file_search_call") ++file;
  }
  out.requests.push_back({"file_search_requests", file});
  out.requests.push_back({"web_search_requests", web});
}

}  // namespace

Result<NormalizedUsage> normalize_openai_responses(const Json& body) {
  NormalizedUsage out;
  out.provider = "openai";
  out.api = "responses";
  out.usage_source = "provider";
  const auto it = body.find("usage");
  if (it == body.end() || it->is_null()) {
    const auto status = opt_text(body, "status").value_or("unknown");
    return usage_missing("the response (status " + status + ") carries no usage object");
  }
  VM_CHECK(fill_buckets(*it, out));
  read_output(body, out);
  out.response_model = opt_text(body, "model");
  out.response_id = opt_text(body, "id");
  return finalize_usage(std::move(out));
}

}  // namespace verimeter::billing::adapters
