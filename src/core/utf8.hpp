// Strict UTF-8 (RFC 3629): no overlong forms, no surrogate code points, nothing above U+10FFFF.
// The one validator for JSON strings (JCS), attest fields and signed-note text. (The tokenizer
// decodes differently on purpose: it replaces invalid bytes, as tiktoken does.)
#pragma once

#include <string>
#include <string_view>

namespace verimeter {

bool is_valid_utf8(std::string_view s);

// At most `max_bytes` of `s`, cut back to a character boundary (a UTF-8 lead byte or ASCII), so
// that quoting the start of a client's string in a message never splits a character.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

// UTF-16 code units of strict UTF-8 `s` (JCS orders object keys by them); false if invalid.
bool utf8_to_utf16(std::string_view s, std::u16string& out);

}  // namespace verimeter
