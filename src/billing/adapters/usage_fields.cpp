#include "billing/adapters/usage_fields.hpp"
#include "core/utf8.hpp"

namespace verimeter::billing::adapters {

namespace {

std::string join(std::string_view path, std::string_view key) {
  return std::string(path) + "." + std::string(key);
}

Error bad_field(std::string_view path, std::string_view key, std::string_view problem) {
  return make_error("usage_bad_field", join(path, key) + " " + std::string(problem));
}

}  // namespace

Result<std::optional<std::uint64_t>> opt_count(const Json& obj, std::string_view key,
                                               std::string_view path) {
  if (!obj.is_object()) {
    return make_error("usage_bad_field", std::string(path) + " is not a JSON object");
  }
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::optional<std::uint64_t>{};
  std::uint64_t v = 0;
  if (it->is_number_unsigned()) {
    v = it->get<std::uint64_t>();
  } else if (it->is_number_integer()) {
    return bad_field(path, key, "is negative (" + std::to_string(it->get<std::int64_t>()) + ")");
  } else if (it->is_number_float()) {
    return bad_field(path, key, "is not an integer (" + it->dump() + ")");
  } else {
    return bad_field(path, key, "is not a number (JSON " + std::string(it->type_name()) + ")");
  }
  if (v > kMaxCount) {
    return bad_field(path, key,
                     "is " + std::to_string(v) + ", beyond 2^53 - 1 (receipts cannot carry it)");
  }
  return std::optional<std::uint64_t>{v};
}

Result<std::uint64_t> req_count(const Json& obj, std::string_view key, std::string_view path) {
  VM_TRY(v, opt_count(obj, key, path));
  if (!v) return make_error("usage_missing_field", join(path, key) + " is missing");
  return *v;
}

Result<std::uint64_t> count_or_zero(const Json& obj, std::string_view key, std::string_view path) {
  VM_TRY(v, opt_count(obj, key, path));
  return v.value_or(0);
}

Result<const Json*> opt_object(const Json& obj, std::string_view key, std::string_view path) {
  if (!obj.is_object()) {
    return make_error("usage_bad_field", std::string(path) + " is not a JSON object");
  }
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return static_cast<const Json*>(nullptr);
  if (!it->is_object()) return bad_field(path, key, "is not a JSON object");
  return &*it;
}

std::optional<std::string> opt_text(const Json& obj, std::string_view key) {
  if (!obj.is_object()) return std::nullopt;
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

Result<std::uint64_t> checked_sub(std::uint64_t a, std::uint64_t b, std::string_view a_name,
                                  std::string_view b_name) {
  if (b > a) {
    return make_error("usage_inconsistent", std::string(b_name) + " (" + std::to_string(b) +
                                                ") exceeds " + std::string(a_name) + " (" +
                                                std::to_string(a) +
                                                ") although it is a part of it");
  }
  return a - b;
}

Result<std::uint64_t> checked_add(std::uint64_t a, std::uint64_t b, std::string_view sum_name) {
  if (a > kMaxCount || b > kMaxCount - a) {
    return make_error("usage_bad_field", std::string(sum_name) + " reaches 2^53 (" +
                                             std::to_string(a) + " + " + std::to_string(b) +
                                             "), beyond 2^53 - 1 (receipts cannot carry it)");
  }
  return a + b;
}

Status check_equal(std::uint64_t lhs, std::uint64_t rhs, std::string_view equation) {
  if (lhs == rhs) return {};
  return make_error("usage_inconsistent", std::string(equation) + ": " + std::to_string(lhs) +
                                              " != " + std::to_string(rhs));
}

Error usage_missing(std::string message) {
  return make_error("usage_missing", std::move(message));
}

Error unknown_format(std::string message) {
  return make_error("usage_unknown_format", std::move(message));
}

}  // namespace verimeter::billing::adapters

namespace verimeter::billing::adapters {

std::optional<Error> provider_error(const Json& body) {
  if (!body.is_object()) return std::nullopt;
  const auto it = body.find("error");
  if (it == body.end() || it->is_null()) return std::nullopt;
  std::string detail = it->is_object() ? opt_text(*it, "message").value_or("") : "";
  if (detail.empty()) detail = std::string(utf8_prefix(it->dump(), 200));
  return usage_missing("the provider returned an error instead of a result: " + detail);
}

}  // namespace verimeter::billing::adapters
