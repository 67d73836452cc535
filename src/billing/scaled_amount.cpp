#include "billing/scaled_amount.hpp"
#include "core/utf8.hpp"

#include <algorithm>

namespace verimeter::billing {

std::string u128_to_decimal(U128 v) {
  if (v == 0) return "0";
  std::string out;
  while (v != 0) {
    out.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

Result<U128> u128_from_decimal(std::string_view s) {
  auto bad = [&](const char* why) {
    return make_error("bad_decimal", "\"" + std::string(utf8_prefix(s, 48)) + "\": " + why);
  };
  if (s.empty()) return bad("empty");
  if (s.size() > 39) return bad("too long");
  if (s.size() > 1 && s[0] == '0') return bad("leading zero");
  const U128 max = ~U128{0};
  U128 v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return bad("not a decimal digit");
    const auto d = static_cast<unsigned>(c - '0');
    if (v > (max - d) / 10) return bad("exceeds 2^128 - 1");
    v = v * 10 + d;
  }
  return v;
}

}  // namespace verimeter::billing
