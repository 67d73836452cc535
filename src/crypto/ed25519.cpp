#include "crypto/ed25519.hpp"

#include <cstdlib>

#include <sodium.h>

namespace verimeter::crypto {

void init_sodium() {
  if (sodium_init() < 0) std::abort();  // no safe way to continue without a working CSPRNG
}

SigningKey SigningKey::from_seed(const Seed& seed) {
  init_sodium();
  SigningKey k;
  k.seed_ = seed;
  crypto_sign_seed_keypair(k.pk_.data(), k.sk_.data(), k.seed_.data());
  return k;
}

SigningKey SigningKey::generate() {
  init_sodium();
  Seed seed;
  randombytes_buf(seed.data(), seed.size());
  SigningKey k = from_seed(seed);
  sodium_memzero(seed.data(), seed.size());
  return k;
}

SigningKey::SigningKey(const SigningKey& o) = default;
SigningKey& SigningKey::operator=(const SigningKey& o) = default;

SigningKey::~SigningKey() {
  sodium_memzero(seed_.data(), seed_.size());
  sodium_memzero(sk_.data(), sk_.size());
}

Signature SigningKey::sign(ByteView message) const {
  Signature sig;
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), sk_.data());
  return sig;
}

bool ed25519_verify(const PublicKey& pk, ByteView message, const Signature& sig) {
  init_sodium();
  return crypto_sign_verify_detached(sig.data(), message.data(), message.size(), pk.data()) == 0;
}

}  // namespace verimeter::crypto
