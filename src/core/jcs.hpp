// RFC 8785 JSON Canonicalization Scheme: the one writer of signed and hashed JSON bytes.
// Object members are sorted by their UTF-16 code units, strings use the minimal ECMAScript
// escaping, numbers use ECMAScript Number-to-String. Integers beyond ±(2^53 − 1) are rejected
// (they cannot round-trip through an IEEE double); invalid UTF-8 and NaN/Infinity are rejected.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"

namespace verimeter {

// Errors: jcs_invalid_utf8, jcs_number_out_of_range, jcs_not_finite.
Result<std::string> jcs_canonicalize(const Json& value);

// One canonical object written member by member, for a caller that builds signed bytes from
// values it holds (no JSON tree in between). Keys must be ASCII and come in ascending byte order,
// which is JCS order for ASCII keys; values are strings, integers, booleans, null, or canonical
// text the caller already has (another JcsObject's, or jcs_canonicalize()'s). A key out of
// order, a non-ASCII key, invalid UTF-8 or an integer beyond ±(2^53 − 1) is reported by finish()
// with the codes of jcs_canonicalize() (jcs_key_order for the order).
class JcsObject {
 public:
  // capacity: the expected length of the text, to spare the regrowth of a long object.
  explicit JcsObject(std::size_t capacity = 64) { out_.reserve(capacity); }
  JcsObject& string(std::string_view key, std::string_view value);
  JcsObject& integer(std::string_view key, std::int64_t value);
  JcsObject& integer(std::string_view key, std::uint64_t value);
  JcsObject& boolean(std::string_view key, bool value);
  JcsObject& null(std::string_view key);
  JcsObject& raw(std::string_view key, std::string_view canonical_json);
  Result<std::string> finish();  // once: the text is moved out

 private:
  bool key(std::string_view k);  // false once an error is recorded
  void fail(Error e);

  std::string out_ = "{";
  std::string last_key_;
  bool first_ = true;
  std::optional<Error> error_;
};

// A canonical array of items, each written canonically by `one` (a JcsObject's finish(), say).
template <typename Range, typename F>
Result<std::string> jcs_array(const Range& items, F&& one) {
  std::string out = "[";
  for (const auto& item : items) {
    VM_TRY(text, one(item));
    if (out.size() > 1) out += ',';
    out += text;
  }
  out += ']';
  return out;
}

// True when the value contains no floating-point number anywhere (DESIGN invariant 1: signed
// objects carry integers only).
bool json_has_no_floats(const Json& value);

}  // namespace verimeter
