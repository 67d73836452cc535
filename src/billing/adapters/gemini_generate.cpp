#include "billing/adapters/gemini_generate.hpp"

#include <map>

#include "billing/adapters/finalize_usage.hpp"
#include "billing/adapters/sse_transcript.hpp"
#include "billing/adapters/usage_fields.hpp"

namespace verimeter::billing::adapters {

namespace {

struct ModalityCounts {
  std::uint64_t audio = 0;
  std::uint64_t sum = 0;
};

// Sums a per-modality list [{modality, tokenCount}], checking it fits inside `parent`. The sum
// is checked as it grows (usage_bad_field at 2^53), so a long list cannot wrap around 64 bits.
Result<ModalityCounts> modality_counts(const Json& usage, const char* key, std::uint64_t parent,
                                       const char* parent_name) {
  ModalityCounts m;
  const auto it = usage.find(key);
  if (it == usage.end() || it->is_null()) return m;
  const std::string path = std::string("usageMetadata.") + key + "[]";
  if (!it->is_array()) return make_error("usage_bad_field", path + " is not an array");
  const std::string sum_name = "the sum of " + path + ".tokenCount";
  for (const auto& entry : *it) {
    VM_TRY(n, count_or_zero(entry, "tokenCount", path));
    VM_TRY(sum, checked_add(m.sum, n, sum_name));
    m.sum = sum;
    if (opt_text(entry, "modality") == "AUDIO") m.audio += n;  // audio <= sum: cannot wrap
  }
  VM_CHECK(checked_sub(parent, m.sum, std::string("usageMetadata.") + parent_name, sum_name));
  return m;
}

struct GeminiCounts {
  std::uint64_t prompt, total, candidates, cached, thoughts, tool_prompt;
};

// promptTokenCount and totalTokenCount are never 0 for a real call, and proto3 JSON writes a 0 by
// omitting the field: an explicit 0 is a lost count, refused like an absent one.
Result<std::uint64_t> positive_count(const Json& u, const char* key) {
  VM_TRY(n, req_count(u, key, "usageMetadata"));
  if (n > 0) return n;
  return make_error("usage_missing_field",
                    std::string("usageMetadata.") + key +
                        " is 0, which a real call never reports: the count was lost");
}

Result<GeminiCounts> read_counts(const Json& u) {
  const char* p = "usageMetadata";
  VM_TRY(prompt, positive_count(u, "promptTokenCount"));
  VM_TRY(total, positive_count(u, "totalTokenCount"));
  VM_TRY(candidates, count_or_zero(u, "candidatesTokenCount", p));
  VM_TRY(cached, count_or_zero(u, "cachedContentTokenCount", p));
  VM_TRY(thoughts, count_or_zero(u, "thoughtsTokenCount", p));
  VM_TRY(tool_prompt, count_or_zero(u, "toolUsePromptTokenCount", p));
  return GeminiCounts{prompt, total, candidates, cached, thoughts, tool_prompt};
}

std::optional<std::string> candidate_text(const Json& candidate) {
  const auto content = candidate.find("content");
  if (content == candidate.end() || !content->is_object()) return std::nullopt;
  const auto parts = content->find("parts");
  if (parts == content->end() || !parts->is_array()) return std::nullopt;
  std::optional<std::string> text;
  for (const auto& part : *parts) {
    if (!part.is_object()) continue;
    const auto thought = part.find("thought");
    if (thought != part.end() && thought->is_boolean() && thought->get<bool>()) continue;
    if (auto t = opt_text(part, "text")) text = text.value_or("") + *t;
  }
  return text;
}

std::uint64_t candidate_index(const Json& candidate) {
  const auto it = candidate.find("index");
  return it != candidate.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
}

bool has_string(const Json& obj, const char* key) {
  const auto it = obj.find(key);
  return it != obj.end() && it->is_string();
}

// Accumulates text per candidate index, and the grounding fees, over one or more chunks.
// `finished`: the response has ended — a candidate carries a finishReason, or the prompt was
// blocked (promptFeedback.blockReason, no candidates).
struct CandidateReader {
  std::map<std::uint64_t, std::string> text;
  bool any_text = false, grounded = false, finished = false;
  std::uint64_t queries = 0;

  void read(const Json& body) {
    const auto feedback = body.find("promptFeedback");
    if (feedback != body.end() && feedback->is_object() && has_string(*feedback, "blockReason")) {
      finished = true;
    }
    const auto cands = body.find("candidates");
    if (cands == body.end() || !cands->is_array()) return;
    for (const auto& c : *cands) {
      if (!c.is_object()) continue;
      if (auto t = candidate_text(c)) {
        text[candidate_index(c)] += *t;
        any_text = true;
      }
      if (has_string(c, "finishReason")) finished = true;
      const auto g = c.find("groundingMetadata");
      if (g == c.end() || !g->is_object()) continue;
      grounded = true;
      const auto q = g->find("webSearchQueries");
      if (q != g->end() && q->is_array()) queries += q->size();
    }
  }

  void store(NormalizedUsage& out) const {
    if (any_text) {
      std::string all;
      for (const auto& [index, t] : text) all += t;
      out.completion_text = std::move(all);
    }
    out.requests.push_back({"grounded_prompts", grounded ? 1u : 0u});
    out.requests.push_back({"web_search_queries", queries});
  }
};

NormalizedUsage gemini_base(const char* source) {
  NormalizedUsage out;
  out.provider = "gemini";
  out.api = "generate_content";
  out.usage_source = source;
  return out;
}

}  // namespace

Status fill_from_gemini_usage(const Json& u, NormalizedUsage& out) {
  if (!u.is_object()) return make_error("usage_bad_field", "usageMetadata is not a JSON object");
  VM_TRY(c, read_counts(u));
  VM_CHECK(check_equal(c.total, c.prompt + c.candidates + c.thoughts + c.tool_prompt,
                       "usageMetadata.totalTokenCount == promptTokenCount + candidatesTokenCount "
                       "+ thoughtsTokenCount + toolUsePromptTokenCount"));
  VM_TRY(fresh, checked_sub(c.prompt, c.cached, "usageMetadata.promptTokenCount",
                            "usageMetadata.cachedContentTokenCount"));
  VM_TRY(in_m, modality_counts(u, "promptTokensDetails", c.prompt, "promptTokenCount"));
  VM_TRY(cache_m, modality_counts(u, "cacheTokensDetails", c.cached, "cachedContentTokenCount"));
  VM_TRY(out_m,
         modality_counts(u, "candidatesTokensDetails", c.candidates, "candidatesTokenCount"));
  VM_TRY(audio_in, checked_sub(in_m.audio, cache_m.audio, "AUDIO promptTokensDetails",
                               "AUDIO cacheTokensDetails"));
  VM_TRY(text_in,
         checked_sub(fresh, audio_in, "uncached prompt tokens", "uncached AUDIO prompt tokens"));
  auto& b = out.buckets;
  b.input_uncached = text_in + c.tool_prompt;
  b.input_cache_read = c.cached;
  b.audio_in = audio_in;
  b.output_visible = c.candidates - out_m.audio;
  b.output_reasoning = c.thoughts;
  b.audio_out = out_m.audio;
  out.reported_input_total = c.prompt + c.tool_prompt;
  out.reported_output_total = c.candidates + c.thoughts;
  out.raw_usage = u;
  return {};
}

Result<NormalizedUsage> normalize_gemini(const Json& body) {
  NormalizedUsage out = gemini_base("provider");
  const auto it = body.find("usageMetadata");
  if (it == body.end() || it->is_null()) {
    return usage_missing("the generateContent response carries no usageMetadata");
  }
  VM_CHECK(fill_from_gemini_usage(*it, out));
  CandidateReader reader;
  reader.read(body);
  if (!reader.finished) {
    return usage_missing(
        "the generateContent response has no finishReason (nor a prompt blockReason): it is a "
        "partial stream chunk, whose usage is not final");
  }
  reader.store(out);
  out.response_model = opt_text(body, "modelVersion");
  out.response_id = opt_text(body, "responseId");
  return finalize_usage(std::move(out));
}

Result<NormalizedUsage> normalize_gemini_stream(const std::vector<Json>& chunks) {
  NormalizedUsage out = gemini_base("provider_stream_final");
  CandidateReader reader;
  const Json* usage = nullptr;
  bool usage_after_end = false;
  for (const Json& chunk : chunks) {
    if (!chunk.is_object()) return unknown_format("a Gemini stream chunk is not a JSON object");
    if (auto err = provider_error(chunk)) return *err;
    reader.read(chunk);
    const auto u = chunk.find("usageMetadata");
    if (u != chunk.end() && !u->is_null()) {
      usage = &*u;
      usage_after_end = reader.finished;
    }
    if (!out.response_model) out.response_model = opt_text(chunk, "modelVersion");
    if (!out.response_id) out.response_id = opt_text(chunk, "responseId");
  }
  if (!usage) return usage_missing("no chunk of the Gemini stream carried usageMetadata");
  if (!usage_after_end) {
    return usage_missing("the Gemini stream ended before its final chunk (no finishReason)");
  }
  VM_CHECK(fill_from_gemini_usage(*usage, out));
  reader.store(out);
  return finalize_usage(std::move(out));
}

Result<NormalizedUsage> normalize_gemini_sse(std::string_view transcript) {
  VM_TRY(events, parse_sse(transcript));
  std::vector<Json> chunks;
  for (const SseEvent& e : events) {
    VM_TRY(j, parse_json(e.data));
    chunks.push_back(std::move(j));
  }
  if (chunks.empty()) return usage_missing("the Gemini stream carried no data events");
  return normalize_gemini_stream(chunks);
}

}  // namespace verimeter::billing::adapters
