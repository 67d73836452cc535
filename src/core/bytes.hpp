// Byte strings and their text encodings (hex, standard base64 with padding).
// Decoders are strict: they reject whitespace, wrong padding and non-canonical input.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace verimeter {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline ByteView as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline std::string_view as_string(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

std::string to_hex(ByteView b);                   // lowercase
Result<Bytes> from_hex(std::string_view hex);     // even length, [0-9a-fA-F] only
std::string to_base64(ByteView b);                // RFC 4648 standard alphabet, padded
Result<Bytes> from_base64(std::string_view b64);  // strict, canonical

// Constant-time equality for secrets and MACs (lengths are not secret).
bool constant_time_equal(ByteView a, ByteView b);

}  // namespace verimeter
