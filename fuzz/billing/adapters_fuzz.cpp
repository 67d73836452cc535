// libFuzzer target for the provider usage adapters (JSON bodies, SSE transcripts, NDJSON).
// The first input byte picks the provider, the rest is the raw response text. Beyond "no crash,
// no exception, no sanitizer report", every accepted result must satisfy the properties a receipt
// relies on: the disjoint buckets partition the provider's reported totals, every count is below
// 2^53, and request counts are sorted by name, unique and non-zero.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "billing/adapters/normalize_usage.hpp"

namespace {

constexpr std::uint64_t kMax = (std::uint64_t{1} << 53) - 1;

void check(bool ok) {
  if (!ok) std::abort();
}

void check_properties(const verimeter::billing::NormalizedUsage& u) {
  const auto& b = u.buckets;
  const std::uint64_t parts[] = {b.input_uncached,       b.input_cache_read, b.input_cache_write_5m,
                                 b.input_cache_write_1h, b.output_visible,   b.output_reasoning,
                                 b.audio_in,             b.audio_out};
  std::uint64_t sum = 0;
  for (const auto v : parts) {
    check(v <= kMax);
    sum += v;
  }
  check(u.reported_input_total <= kMax && u.reported_output_total <= kMax);
  check(sum == u.reported_input_total + u.reported_output_total);
  for (std::size_t i = 0; i < u.requests.size(); ++i) {
    check(u.requests[i].count > 0 && u.requests[i].count <= kMax);
    if (i > 0) check(u.requests[i - 1].name < u.requests[i].name);
  }
  check(!u.provider.empty() && !u.api.empty() && !u.usage_source.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto providers = verimeter::billing::known_providers();
  const auto provider = providers[data[0] % providers.size()];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto result = verimeter::billing::normalize_usage_text(provider, text);
  if (result.ok()) {
    check_properties(*result);
  } else {
    check(!result.error().code.empty());
  }
  return 0;
}
