// Signed-note keys (c2sp.org/signed-note): key ids, verifier keys and private keys in the text
// forms used by Go's golang.org/x/mod/sumdb/note:
//   verifier key: <name>+<hex8 key id>+<base64(type ‖ public key)>
//   private key:  PRIVATE+KEY+<name>+<hex8 key id>+<base64(type ‖ seed)>
// key id = first 4 bytes (big-endian) of SHA-256(name ‖ "\n" ‖ type ‖ public key).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "crypto/ed25519.hpp"

namespace verimeter::crypto {

enum class NoteKeyType : std::uint8_t {
  kEd25519 = 0x01,  // signs the note text
  kEd25519Cosignature =
      0x04,  // c2sp.org/tlog-cosignature v1: signs "cosignature/v1\ntime T\n" ‖ text
};

struct NoteVerifierKey {
  std::string name;
  std::uint32_t key_id = 0;
  NoteKeyType type = NoteKeyType::kEd25519;
  PublicKey public_key{};

  std::string to_string() const;
  std::string key_id_hex() const;
};

struct NoteSigner {
  std::string name;
  std::uint32_t key_id = 0;
  NoteKeyType type = NoteKeyType::kEd25519;
  SigningKey key;

  NoteVerifierKey verifier() const;
  std::string to_private_string() const;  // PRIVATE+KEY+... (a secret: never log it)
};

bool valid_key_name(std::string_view name);
std::uint32_t compute_key_id(std::string_view name, NoteKeyType type, const PublicKey& pk);
std::string key_id_hex(std::uint32_t id);

// Errors: bad_key_name, bad_verifier_key, bad_private_key, key_id_mismatch.
Result<NoteVerifierKey> parse_verifier_key(std::string_view text);
Result<NoteSigner> parse_private_key(std::string_view text);
Result<NoteSigner> make_signer(std::string name, NoteKeyType type, const Seed& seed);
Result<NoteSigner> generate_signer(std::string name, NoteKeyType type = NoteKeyType::kEd25519);

}  // namespace verimeter::crypto
