// Ed25519 (RFC 8032) signing keys and verification, via libsodium. A SigningKey owns its
// 32-byte seed and wipes it on destruction; keys are deterministic functions of the seed.
#pragma once

#include <array>
#include <cstdint>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace verimeter::crypto {

using PublicKey = std::array<std::uint8_t, 32>;
using Signature = std::array<std::uint8_t, 64>;
using Seed = std::array<std::uint8_t, 32>;

// Call once at start-up (idempotent); every entry point of the library does it.
void init_sodium();

class SigningKey {
 public:
  static SigningKey from_seed(const Seed& seed);
  static SigningKey generate();  // fresh seed from the OS CSPRNG

  SigningKey(const SigningKey& o);
  SigningKey& operator=(const SigningKey& o);
  ~SigningKey();

  const PublicKey& public_key() const { return pk_; }
  const Seed& seed() const { return seed_; }
  Signature sign(ByteView message) const;

 private:
  SigningKey() = default;
  Seed seed_{};
  std::array<std::uint8_t, 64> sk_{};
  PublicKey pk_{};
};

bool ed25519_verify(const PublicKey& pk, ByteView message, const Signature& sig);

}  // namespace verimeter::crypto
