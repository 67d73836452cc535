// Character classes of the tiktoken split patterns, looked up per code point from a generated
// two-stage table (unicode_table.inc, see tests/tokenize/js/gen_unicode_table.mjs). The table
// follows the reference tokenizer's Unicode version and its `\s` (Unicode White_Space).
#pragma once

#include <cstdint>

namespace verimeter::tokenize {

enum CharClass : std::uint8_t {
  kLetter = 1,    // \p{L}
  kUpperSet = 2,  // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]   (o200k)
  kLowerSet = 4,  // [\p{Ll}\p{Lm}\p{Lo}\p{M}]         (o200k)
  kNumber = 8,    // \p{N}
  kSpace = 16,    // \s
};

namespace detail {
extern const unsigned short kUnicodeStage1[0x1100];
extern const unsigned char kUnicodeStage2[];
}  // namespace detail

inline std::uint8_t char_class(char32_t cp) {
  if (cp >= 0x110000) return 0;
  return detail::kUnicodeStage2[detail::kUnicodeStage1[cp >> 8] * 256u + (cp & 0xFF)];
}

}  // namespace verimeter::tokenize
