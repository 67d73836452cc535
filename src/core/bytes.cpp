#include "core/bytes.hpp"

#include <sodium.h>

namespace verimeter {

std::string to_hex(ByteView b) {
  std::string out(b.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), b.data(), b.size());
  out.pop_back();
  return out;
}

Result<Bytes> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return make_error("bad_hex", "hex string has odd length");
  Bytes out(hex.size() / 2);
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0 ||
      len != out.size() || end != hex.data() + hex.size()) {
    return make_error("bad_hex", "not a hex string");
  }
  return out;
}

std::string to_base64(ByteView b) {
  const size_t n = sodium_base64_ENCODED_LEN(b.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(n, '\0');
  sodium_bin2base64(out.data(), n, b.data(), b.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(n - 1);
  return out;
}

Result<Bytes> from_base64(std::string_view b64) {
  if (b64.size() % 4 != 0) return make_error("bad_base64", "base64 length is not a multiple of 4");
  Bytes out(b64.size() / 4 * 3);
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), b64.data(), b64.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != b64.data() + b64.size()) {
    return make_error("bad_base64", "not standard padded base64");
  }
  out.resize(len);
  // Canonical form: re-encoding must give the same text (rejects non-zero padding bits).
  if (to_base64(out) != b64) return make_error("bad_base64", "non-canonical base64");
  return out;
}

bool constant_time_equal(ByteView a, ByteView b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace verimeter
