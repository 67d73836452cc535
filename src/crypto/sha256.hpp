// SHA-256: one-shot and incremental.
//
// Backed by OpenSSL's libcrypto rather than libsodium (which still does Ed25519 and randomness):
// libcrypto uses the CPU's SHA extensions where present, about 8x faster on the 12 KB billing
// fingerprint input that every attest and every verification hashes (docs/BENCHMARKS.md).
// tests/crypto/sha256_test.cpp checks it against the FIPS 180-4 examples and against libsodium.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "core/bytes.hpp"

struct evp_md_ctx_st;

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

// Incremental hashing; move-only (it owns a libcrypto context).
class Sha256 {
 public:
  Sha256();
  Sha256& update(ByteView data);
  Sha256& update(std::string_view s) { return update(as_bytes(s)); }
  Digest finish();  // the object may not be updated afterwards

 private:
  struct CtxFree {
    void operator()(evp_md_ctx_st* c) const;
  };
  std::unique_ptr<evp_md_ctx_st, CtxFree> ctx_;
};

}  // namespace verimeter::crypto
