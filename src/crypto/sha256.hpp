// SHA-256 (libsodium): one-shot and incremental.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include <sodium.h>

#include "core/bytes.hpp"

namespace verimeter::crypto {

using Digest = std::array<std::uint8_t, 32>;

Digest sha256(ByteView data);
inline Digest sha256(std::string_view s) {
  return sha256(as_bytes(s));
}
std::string sha256_hex(ByteView data);
inline std::string sha256_hex(std::string_view s) {
  return sha256_hex(as_bytes(s));
}

class Sha256 {
 public:
  Sha256();
  Sha256& update(ByteView data);
  Sha256& update(std::string_view s) { return update(as_bytes(s)); }
  Digest finish();

 private:
  crypto_hash_sha256_state st_;
};

}  // namespace verimeter::crypto
