// Bounded, strict JSON parsing for every input that crosses a trust boundary.
// Limits the byte size and nesting depth, rejects duplicate object keys (nlohmann would
// silently keep the last one) and reports failures as Result errors instead of exceptions.
// Text is read through simdjson when it can be, the strict nlohmann reader deciding the rest
// (core/simdjson_reader.hpp); both give the same nlohmann tree.
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

namespace json_detail {
inline void emplace_pairs(Json::object_t&) {}
template <typename V, typename... Rest>
void emplace_pairs(Json::object_t& obj, std::string_view key, V&& value, Rest&&... rest) {
  obj.emplace(std::string(key), Json(std::forward<V>(value)));
  emplace_pairs(obj, std::forward<Rest>(rest)...);
}
}  // namespace json_detail

// json_object("a", 1, "b", std::move(tree)): an object built from key, value pairs with rvalue
// values moved in. A braced initializer list copies every nested value once per level, which
// made building receipts cost more than signing them.
template <typename... KeyValues>
Json json_object(KeyValues&&... kv) {
  static_assert(sizeof...(KeyValues) % 2 == 0, "json_object takes key, value pairs");
  Json j = Json::object();
  json_detail::emplace_pairs(j.get_ref<Json::object_t&>(), std::forward<KeyValues>(kv)...);
  return j;
}

}  // namespace verimeter
