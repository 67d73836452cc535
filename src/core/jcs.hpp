// RFC 8785 JSON Canonicalization Scheme: the one writer of signed and hashed JSON bytes.
// Object members are sorted by their UTF-16 code units, strings use the minimal ECMAScript
// escaping, numbers use ECMAScript Number-to-String. Integers beyond ±(2^53 − 1) are rejected
// (they cannot round-trip through an IEEE double); invalid UTF-8 and NaN/Infinity are rejected.
#pragma once

#include <string>

#include "core/json.hpp"
#include "core/result.hpp"

namespace verimeter {

// Errors: jcs_invalid_utf8, jcs_number_out_of_range, jcs_not_finite.
Result<std::string> jcs_canonicalize(const Json& value);

// True when the value contains no floating-point number anywhere (DESIGN invariant 1: signed
// objects carry integers only).
bool json_has_no_floats(const Json& value);

}  // namespace verimeter
