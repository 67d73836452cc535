#include "tokenize/utf8.hpp"

namespace verimeter::tokenize {
namespace {

// Length of the valid sequence at `i`, or 0 if invalid; `subpart` receives the length of the
// maximal subpart (bytes that are replaced by one U+FFFD), at least 1.
std::size_t sequence_at(std::string_view s, std::size_t i, std::size_t& subpart) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  subpart = 1;
  if (b0 < 0x80) return 1;
  std::size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  for (std::size_t k = 1; k <= need; ++k) {
    if (i + k >= s.size()) return 0;
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < lo || b > hi) return 0;
    lo = 0x80;
    hi = 0xBF;
    subpart = k + 1;
  }
  return need + 1;
}

}  // namespace

std::size_t valid_utf8_prefix(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    while (i + 8 <= n) {
      unsigned long long w;
      __builtin_memcpy(&w, text.data() + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    std::size_t subpart;
    const std::size_t len = sequence_at(text, i, subpart);
    if (len == 0) return i;
    i += len;
  }
  return n;
}

std::string replace_invalid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t good = valid_utf8_prefix(text.substr(i));
    out.append(text.substr(i, good));
    i += good;
    if (i >= text.size()) break;
    std::size_t subpart;
    (void)sequence_at(text, i, subpart);
    out.append("\xEF\xBF\xBD");
    i += subpart;
  }
  return out;
}

}  // namespace verimeter::tokenize
