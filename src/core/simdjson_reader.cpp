#include "core/simdjson_reader.hpp"

#include <cstdint>
#include <string>

#include <simdjson.h>

namespace verimeter::detail {

namespace {

namespace dom = simdjson::dom;

// Builds `out` from `e`; false when the strict reader must decide (duplicate key, too deep).
// Numbers keep nlohmann's types: non-negative integers unsigned, negative ones signed (only
// "-0", which nlohmann reads as a signed zero, comes out as an unsigned one: the same value).
bool build(dom::element e, Json& out, std::size_t depth, std::size_t max_depth) {
  switch (e.type()) {
    case dom::element_type::OBJECT: {
      if (depth + 1 > max_depth) return false;
      out = Json::object();
      auto& members = out.get_ref<Json::object_t&>();
      const dom::object object = e.get_object().value_unsafe();
      for (const auto [key, value] : object) {
        auto [it, inserted] = members.emplace(std::string(key), Json());
        if (!inserted || !build(value, it->second, depth + 1, max_depth)) return false;
      }
      return true;
    }
    case dom::element_type::ARRAY: {
      if (depth + 1 > max_depth) return false;
      out = Json::array();
      auto& items = out.get_ref<Json::array_t&>();
      const dom::array array = e.get_array().value_unsafe();
      for (const dom::element value : array) {
        items.emplace_back();
        if (!build(value, items.back(), depth + 1, max_depth)) return false;
      }
      return true;
    }
    case dom::element_type::STRING:
      out = std::string(e.get_string().value_unsafe());
      return true;
    case dom::element_type::INT64: {
      const std::int64_t v = e.get_int64().value_unsafe();
      out = v >= 0 ? Json(static_cast<std::uint64_t>(v)) : Json(v);
      return true;
    }
    case dom::element_type::UINT64:
      out = e.get_uint64().value_unsafe();
      return true;
    case dom::element_type::DOUBLE:
      out = e.get_double().value_unsafe();
      return true;
    case dom::element_type::BOOL:
      out = e.get_bool().value_unsafe();
      return true;
    case dom::element_type::NULL_VALUE:
      out = nullptr;
      return true;
  }
  return false;
}

}  // namespace

std::optional<Json> read_with_simdjson(std::string_view text, std::size_t max_depth) {
  dom::parser parser;
  const auto doc = parser.parse(text.data(), text.size());  // copies into padded memory if needed
  if (doc.error()) return std::nullopt;
  Json out;
  if (!build(doc.value_unsafe(), out, 0, max_depth)) return std::nullopt;
  return out;
}

}  // namespace verimeter::detail
