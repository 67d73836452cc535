// Shared helpers for the usage adapter tests: fixture loading and bucket expectations.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>

#include "billing/adapters/normalize_usage.hpp"
#include "billing/usage.hpp"

namespace verimeter::billing::testing {

inline std::string fixture_path(const std::string& rel) {
  return std::string(VERIMETER_SOURCE_DIR) + "/tests/billing/fixtures/" + rel;
}

inline std::string read_fixture(const std::string& rel) {
  std::ifstream in(fixture_path(rel), std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << rel;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Normalizes a fixture through the raw-text entry point and fails the test on error.
inline NormalizedUsage normalize_fixture(const std::string& provider, const std::string& rel) {
  auto r = normalize_usage_text(provider, read_fixture(rel));
  EXPECT_TRUE(r.ok()) << rel << ": " << (r.ok() ? "" : r.error().code + ": " + r.error().message);
  return r.ok() ? std::move(r).value() : NormalizedUsage{};
}

inline std::string fixture_error(const std::string& provider, const std::string& rel) {
  auto r = normalize_usage_text(provider, read_fixture(rel));
  EXPECT_FALSE(r.ok()) << rel << " was accepted";
  return r.ok() ? std::string("ok") : r.error().code;
}

// Buckets spelled in canonical order, for compact expectations.
inline UsageBuckets buckets(std::uint64_t uncached, std::uint64_t cache_read, std::uint64_t w5m,
                            std::uint64_t w1h, std::uint64_t visible, std::uint64_t reasoning,
                            std::uint64_t audio_in = 0, std::uint64_t audio_out = 0) {
  return UsageBuckets{uncached, cache_read, w5m, w1h, visible, reasoning, audio_in, audio_out};
}

inline std::uint64_t bucket_sum(const UsageBuckets& b) {
  return b.input_uncached + b.input_cache_read + b.input_cache_write_5m + b.input_cache_write_1h +
         b.output_visible + b.output_reasoning + b.audio_in + b.audio_out;
}

// An SSE transcript of `data:` events, one per payload (a JSON chunk or "[DONE]").
inline std::string sse(std::initializer_list<std::string> payloads) {
  std::string out;
  for (const auto& p : payloads) out += "data: " + p + "\n\n";
  return out;
}

}  // namespace verimeter::billing::testing
