// Bounded, strict JSON parsing for every input that crosses a trust boundary.
// Limits the byte size and nesting depth, rejects duplicate object keys (nlohmann would
// silently keep the last one) and reports failures as Result errors instead of exceptions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace verimeter {

using Json = nlohmann::json;

struct JsonLimits {
  std::size_t max_bytes = 4 * 1024 * 1024;
  std::size_t max_depth = 64;
};

// Errors: json_too_large, json_too_deep, json_duplicate_key, json_syntax.
Result<Json> parse_json(std::string_view text, const JsonLimits& limits = {});

// Typed field access with named errors (code: "<prefix>_missing_field" / "_bad_field").
// `what` names the object in the message, e.g. "usage".
Result<std::uint64_t> json_uint(const Json& obj, std::string_view key, std::string_view what);
Result<std::optional<std::uint64_t>> json_opt_uint(const Json& obj, std::string_view key,
                                                   std::string_view what);
Result<std::string> json_string(const Json& obj, std::string_view key, std::string_view what);
Result<std::optional<std::string>> json_opt_string(const Json& obj, std::string_view key,
                                                   std::string_view what);

}  // namespace verimeter
