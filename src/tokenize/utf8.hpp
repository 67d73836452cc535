// UTF-8 validation with WHATWG/Unicode "maximal subpart" replacement. The tokenizer accepts
// arbitrary bytes; invalid sequences are replaced by U+FFFD exactly as a browser TextDecoder or
// Node's Buffer.toString("utf8") would, which is how the reference tokenizers (they take JS
// strings) see the same bytes. Valid input is passed through without copying.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace verimeter::tokenize {

// Length of the longest prefix of `text` that is valid UTF-8.
std::size_t valid_utf8_prefix(std::string_view text);

// `text` with every maximal invalid subpart replaced by U+FFFD (EF BF BD).
std::string replace_invalid_utf8(std::string_view text);

// Decodes one code point from valid UTF-8 at `p` (caller guarantees validity); sets `len`.
inline char32_t decode_utf8(const unsigned char* p, std::size_t& len) {
  const unsigned char b = p[0];
  if (b < 0x80) {
    len = 1;
    return b;
  }
  if (b < 0xE0) {
    len = 2;
    return (char32_t(b & 0x1F) << 6) | (p[1] & 0x3F);
  }
  if (b < 0xF0) {
    len = 3;
    return (char32_t(b & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  }
  len = 4;
  return (char32_t(b & 0x07) << 18) | (char32_t(p[1] & 0x3F) << 12) | (char32_t(p[2] & 0x3F) << 6) |
         (p[3] & 0x3F);
}

}  // namespace verimeter::tokenize
