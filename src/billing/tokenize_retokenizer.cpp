#include "billing/tokenize_retokenizer.hpp"

#include "tokenize/retokenize.hpp"

namespace verimeter::billing {

namespace {

RetokenizationSide side_of(const tokenize::SideCheck& s) {
  return RetokenizationSide{std::string(tokenize::to_string(s.status)), s.our_count,
                            s.provider_count, s.reason};
}

}  // namespace

Retokenization TokenizeRetokenizer::check(std::string_view model, const NormalizedUsage& usage,
                                          const std::optional<Json>& request) const {
  tokenize::RetokenizeInput in;
  in.model = model;
  if (usage.completion_text) in.completion_text = *usage.completion_text;
  in.request = request ? &*request : nullptr;
  const UsageBuckets& b = usage.buckets;
  in.provider_prompt_tokens = usage.reported_input_total;
  in.provider_completion_visible_tokens = b.output_visible;
  in.provider_reasoning_tokens = b.output_reasoning;
  const tokenize::RetokenizeResult r = tokenize::retokenize(*registry_, in);
  Retokenization out;
  out.encoding = r.completion.encoding ? r.completion.encoding : r.prompt.encoding;
  out.input = side_of(r.prompt);
  out.output = side_of(r.completion);
  return out;
}

}  // namespace verimeter::billing
