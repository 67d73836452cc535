#include "core/json.hpp"

#include <set>
#include <vector>

namespace verimeter {

namespace {

struct ParseGuard {
  const JsonLimits& limits;
  std::vector<std::set<std::string>> keys;  // one key set per open object
  std::optional<Error> failure;

  bool on_event(int depth, Json::parse_event_t event, Json& parsed) {
    if (failure) return false;
    if (static_cast<std::size_t>(depth) > limits.max_depth) {
      failure = make_error("json_too_deep",
                           "JSON nesting exceeds " + std::to_string(limits.max_depth) + " levels");
      return false;
    }
    switch (event) {
      case Json::parse_event_t::object_start:
        keys.emplace_back();
        break;
      case Json::parse_event_t::object_end:
        if (!keys.empty()) keys.pop_back();
        break;
      case Json::parse_event_t::key:
        if (!keys.empty() && !keys.back().insert(parsed.get<std::string>()).second) {
          failure = make_error("json_duplicate_key",
                               "duplicate object key \"" + parsed.get<std::string>() + "\"");
          return false;
        }
        break;
      default:
        break;
    }
    return true;
  }
};

Error field_error(std::string_view what, std::string_view key, const char* problem) {
  return make_error(std::string(what) +
                        (std::string_view(problem) == "missing" ? "_missing_field" : "_bad_field"),
                    std::string(what) + "." + std::string(key) + ": " + problem);
}

}  // namespace

Result<Json> parse_json(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return make_error("json_too_large", "JSON document of " + std::to_string(text.size()) +
                                            " bytes exceeds the limit of " +
                                            std::to_string(limits.max_bytes));
  }
  ParseGuard guard{limits, {}, std::nullopt};
  Json::parser_callback_t cb = [&guard](int depth, Json::parse_event_t event, Json& parsed) {
    return guard.on_event(depth, event, parsed);
  };
  try {
    Json j = Json::parse(text.begin(), text.end(), cb, /*allow_exceptions=*/true,
                         /*ignore_comments=*/false);
    if (guard.failure) return *guard.failure;
    return j;
  } catch (const Json::exception& e) {
    if (guard.failure) return *guard.failure;
    return make_error("json_syntax", e.what());
  }
}

Result<std::uint64_t> json_uint(const Json& obj, std::string_view key, std::string_view what) {
  VM_TRY(v, json_opt_uint(obj, key, what));
  if (!v) return field_error(what, key, "missing");
  return *v;
}

Result<std::optional<std::uint64_t>> json_opt_uint(const Json& obj, std::string_view key,
                                                   std::string_view what) {
  if (!obj.is_object()) return field_error(what, key, "is not inside an object");
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::optional<std::uint64_t>{};
  if (it->is_number_unsigned()) return std::optional<std::uint64_t>{it->get<std::uint64_t>()};
  if (it->is_number_integer()) {
    const auto v = it->get<std::int64_t>();
    if (v >= 0) return std::optional<std::uint64_t>{static_cast<std::uint64_t>(v)};
    return field_error(what, key, "is negative");
  }
  return field_error(what, key, "is not a non-negative integer");
}

Result<std::string> json_string(const Json& obj, std::string_view key, std::string_view what) {
  VM_TRY(v, json_opt_string(obj, key, what));
  if (!v) return field_error(what, key, "missing");
  return *v;
}

Result<std::optional<std::string>> json_opt_string(const Json& obj, std::string_view key,
                                                   std::string_view what) {
  if (!obj.is_object()) return field_error(what, key, "is not inside an object");
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::optional<std::string>{};
  if (!it->is_string()) return field_error(what, key, "is not a string");
  return std::optional<std::string>{it->get<std::string>()};
}

}  // namespace verimeter
