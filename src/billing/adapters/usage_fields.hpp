// Strict readers for provider usage counters, shared by every adapter. A token count must be a
// JSON integer in [0, 2^53): receipts are signed JCS objects whose numbers must round-trip through
// an IEEE double (DESIGN invariant 2), so a larger count cannot be carried and is rejected rather
// than clamped. Floats, strings, booleans and negative numbers are usage_bad_field; a required
// counter that is absent or null is usage_missing_field. Messages name the full JSON path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"

namespace verimeter::billing::adapters {

inline constexpr std::uint64_t kMaxCount = (std::uint64_t{1} << 53) - 1;

// Absent or null → nullopt. `path` names the object holding `key`, e.g.
// "usage.prompt_tokens_details".
Result<std::optional<std::uint64_t>> opt_count(const Json& obj, std::string_view key,
                                               std::string_view path);
Result<std::uint64_t> req_count(const Json& obj, std::string_view key, std::string_view path);
// Absent or null → 0. Only for counters whose absence the provider documents as zero.
Result<std::uint64_t> count_or_zero(const Json& obj, std::string_view key, std::string_view path);

// The member `key` of `obj` when it is an object; nullptr when absent or null; usage_bad_field
// when present with another type.
Result<const Json*> opt_object(const Json& obj, std::string_view key, std::string_view path);

// Optional string member: absent/null → nullopt, non-string → nullopt (descriptive only).
std::optional<std::string> opt_text(const Json& obj, std::string_view key);

// a − b for a provider subset relation (b ⊂ a); usage_inconsistent when b > a.
Result<std::uint64_t> checked_sub(std::uint64_t a, std::uint64_t b, std::string_view a_name,
                                  std::string_view b_name);

// a + b for a sum the adapter computes from in-range counters; usage_bad_field when it reaches
// 2^53 (receipts cannot carry it). Summing a list through it cannot wrap around 64 bits.
Result<std::uint64_t> checked_add(std::uint64_t a, std::uint64_t b, std::string_view sum_name);

// Fails with usage_inconsistent "<equation>: <lhs> != <rhs>" unless lhs == rhs.
Status check_equal(std::uint64_t lhs, std::uint64_t rhs, std::string_view equation);

Error usage_missing(std::string message);
Error unknown_format(std::string message);

}  // namespace verimeter::billing::adapters

namespace verimeter::billing::adapters {

// A provider error body ({"error": …} or {"type":"error", …}) carries no usage; it is reported as
// usage_missing quoting the provider's message, so an error is never billed as zero tokens.
std::optional<Error> provider_error(const Json& body);

}  // namespace verimeter::billing::adapters
