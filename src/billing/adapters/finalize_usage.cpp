#include "billing/adapters/finalize_usage.hpp"

#include <algorithm>
#include <array>

#include "billing/adapters/usage_fields.hpp"

namespace verimeter::billing::adapters {

namespace {

Status check_range(std::uint64_t v, std::string_view name) {
  if (v <= kMaxCount) return {};
  return make_error("usage_bad_field", std::string(name) + " is " + std::to_string(v) +
                                           ", beyond 2^53 - 1 (receipts cannot carry it)");
}

}  // namespace

Result<NormalizedUsage> finalize_usage(NormalizedUsage usage) {
  const auto& b = usage.buckets;
  const std::array<std::uint64_t, 8> values = {b.input_uncached,
                                               b.input_cache_read,
                                               b.input_cache_write_5m,
                                               b.input_cache_write_1h,
                                               b.output_visible,
                                               b.output_reasoning,
                                               b.audio_in,
                                               b.audio_out};
  for (std::size_t i = 0; i < values.size(); ++i) {
    VM_CHECK(check_range(values[i], std::string("bucket ") + kBucketNames[i]));
  }
  VM_CHECK(check_range(usage.reported_input_total, "reported input total"));
  VM_CHECK(check_range(usage.reported_output_total, "reported output total"));
  auto& reqs = usage.requests;
  std::erase_if(reqs, [](const RequestCount& r) { return r.count == 0; });
  std::sort(reqs.begin(), reqs.end(),
            [](const RequestCount& x, const RequestCount& y) { return x.name < y.name; });
  for (std::size_t i = 0; i < reqs.size(); ++i) {
    VM_CHECK(check_range(reqs[i].count, "request count " + reqs[i].name));
    if (i > 0 && reqs[i].name == reqs[i - 1].name) {
      return make_error("usage_inconsistent", "request count " + reqs[i].name + " appears twice");
    }
  }
  return usage;
}

}  // namespace verimeter::billing::adapters
