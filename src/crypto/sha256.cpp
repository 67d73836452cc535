#include "crypto/sha256.hpp"

namespace verimeter::crypto {

Digest sha256(ByteView data) {
  Digest d;
  crypto_hash_sha256(d.data(), data.data(), data.size());
  return d;
}

std::string sha256_hex(ByteView data) {
  return to_hex(sha256(data));
}

Sha256::Sha256() {
  crypto_hash_sha256_init(&st_);
}

Sha256& Sha256::update(ByteView data) {
  crypto_hash_sha256_update(&st_, data.data(), data.size());
  return *this;
}

Digest Sha256::finish() {
  Digest d;
  crypto_hash_sha256_final(&st_, d.data());
  return d;
}

}  // namespace verimeter::crypto
