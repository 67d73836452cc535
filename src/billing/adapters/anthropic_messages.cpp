#include "billing/adapters/anthropic_messages.hpp"

#include "billing/adapters/finalize_usage.hpp"
#include "billing/adapters/usage_fields.hpp"

namespace verimeter::billing::adapters {

namespace {

bool is_snake_case(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

Status read_server_tools(const Json& usage, NormalizedUsage& out) {
  VM_TRY(tools, opt_object(usage, "server_tool_use", "usage"));
  if (!tools) return {};
  for (const auto& [name, value] : tools->items()) {
    if (!is_snake_case(name)) {
      return make_error("usage_bad_field",
                        "usage.server_tool_use has a key that is not lower_snake_case");
    }
    VM_TRY(count, count_or_zero(*tools, name, "usage.server_tool_use"));
    out.requests.push_back({name, count});
  }
  return {};
}

// Fills input_cache_write_5m / _1h from the TTL split, or all at 5m when there is none.
Status read_cache_writes(const Json& usage, UsageBuckets& b, std::uint64_t& creation_total) {
  VM_TRY(creation, opt_count(usage, "cache_creation_input_tokens", "usage"));
  VM_TRY(split, opt_object(usage, "cache_creation", "usage"));
  if (!split) {
    b.input_cache_write_5m = creation.value_or(0);
    creation_total = b.input_cache_write_5m;
    return {};
  }
  const char* path = "usage.cache_creation";
  VM_TRY(w5m, count_or_zero(*split, "ephemeral_5m_input_tokens", path));
  VM_TRY(w1h, count_or_zero(*split, "ephemeral_1h_input_tokens", path));
  if (creation) {
    VM_CHECK(check_equal(*creation, w5m + w1h,
                         "usage.cache_creation_input_tokens == cache_creation."
                         "ephemeral_5m_input_tokens + ephemeral_1h_input_tokens"));
  }
  b.input_cache_write_5m = w5m;
  b.input_cache_write_1h = w1h;
  creation_total = w5m + w1h;
  return {};
}

}  // namespace

Status fill_from_anthropic_usage(const Json& usage, NormalizedUsage& out) {
  if (!usage.is_object()) return make_error("usage_bad_field", "usage is not a JSON object");
  VM_TRY(input, req_count(usage, "input_tokens", "usage"));
  VM_TRY(output, req_count(usage, "output_tokens", "usage"));
  VM_TRY(read, count_or_zero(usage, "cache_read_input_tokens", "usage"));
  std::uint64_t creation = 0;
  VM_CHECK(read_cache_writes(usage, out.buckets, creation));
  VM_CHECK(read_server_tools(usage, out));
  out.buckets.input_uncached = input;
  out.buckets.input_cache_read = read;
  out.buckets.output_visible = output;
  out.reported_input_total = input + read + creation;
  out.reported_output_total = output;
  out.raw_usage = usage;
  return {};
}

Result<NormalizedUsage> normalize_anthropic_messages(const Json& body) {
  NormalizedUsage out;
  out.provider = "anthropic";
  out.api = "messages";
  out.usage_source = "provider";
  const auto it = body.find("usage");
  if (it == body.end() || it->is_null()) {
    return usage_missing("the message response carries no usage object");
  }
  VM_CHECK(fill_from_anthropic_usage(*it, out));
  if (const auto content = body.find("content"); content != body.end() && content->is_array()) {
    for (const auto& block : *content) {
      if (opt_text(block, "type") != "text") continue;
      if (auto t = opt_text(block, "text"))
        out.completion_text = out.completion_text.value_or("") + *t;
    }
  }
  out.response_model = opt_text(body, "model");
  out.response_id = opt_text(body, "id");
  return finalize_usage(std::move(out));
}

}  // namespace verimeter::billing::adapters
