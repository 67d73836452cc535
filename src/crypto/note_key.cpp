#include "crypto/note_key.hpp"

#include <cstdio>

#include <sodium.h>

#include "core/bytes.hpp"
#include "crypto/sha256.hpp"

namespace verimeter::crypto {

namespace {

Bytes typed_key(NoteKeyType type, ByteView key) {
  Bytes out;
  out.reserve(1 + key.size());
  out.push_back(static_cast<std::uint8_t>(type));
  out.insert(out.end(), key.begin(), key.end());
  return out;
}

// Splits "a+b+rest" on the first two '+' (the base64 tail may itself contain '+').
bool split3(std::string_view s, std::string_view& a, std::string_view& b, std::string_view& c) {
  const auto p1 = s.find('+');
  if (p1 == std::string_view::npos) return false;
  const auto p2 = s.find('+', p1 + 1);
  if (p2 == std::string_view::npos) return false;
  a = s.substr(0, p1);
  b = s.substr(p1 + 1, p2 - p1 - 1);
  c = s.substr(p2 + 1);
  return true;
}

Result<std::uint32_t> parse_key_id(std::string_view hex8) {
  if (hex8.size() != 8) return make_error("bad_verifier_key", "key id must be 8 hex digits");
  std::uint32_t id = 0;
  for (const char c : hex8) {
    int v;
    if (c >= '0' && c <= '9')
      v = c - '0';
    else if (c >= 'a' && c <= 'f')
      v = c - 'a' + 10;
    else
      return make_error("bad_verifier_key", "key id must be lowercase hex");
    id = (id << 4) | static_cast<std::uint32_t>(v);
  }
  return id;
}

Result<NoteKeyType> parse_type(std::uint8_t t) {
  if (t == 0x01) return NoteKeyType::kEd25519;
  if (t == 0x04) return NoteKeyType::kEd25519Cosignature;
  return make_error("bad_verifier_key", "unsupported key type " + std::to_string(t));
}

}  // namespace

bool valid_key_name(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '+' || u <= 0x20 || u == 0x7f) return false;
  }
  // Reject the Unicode space separators that are multi-byte in UTF-8.
  for (std::string_view sp :
       {"\xc2\xa0", "\xe2\x80\x80", "\xe2\x80\x81", "\xe2\x80\x82", "\xe2\x80\x83", "\xe2\x80\x84",
        "\xe2\x80\x85", "\xe2\x80\x86", "\xe2\x80\x87", "\xe2\x80\x88", "\xe2\x80\x89",
        "\xe2\x80\x8a", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f",
        "\xe3\x80\x80", "\xc2\x85", "\xe1\x9a\x80"}) {
    if (name.find(sp) != std::string_view::npos) return false;
  }
  return true;
}

std::uint32_t compute_key_id(std::string_view name, NoteKeyType type, const PublicKey& pk) {
  Sha256 h;
  h.update(name).update("\n").update(typed_key(type, pk));
  const Digest d = h.finish();
  return (std::uint32_t{d[0]} << 24) | (std::uint32_t{d[1]} << 16) | (std::uint32_t{d[2]} << 8) |
         std::uint32_t{d[3]};
}

std::string key_id_hex(std::uint32_t id) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", id);
  return buf;
}

std::string NoteVerifierKey::key_id_hex() const {
  return crypto::key_id_hex(key_id);
}

std::string NoteVerifierKey::to_string() const {
  return name + "+" + key_id_hex() + "+" + to_base64(typed_key(type, public_key));
}

NoteVerifierKey NoteSigner::verifier() const {
  return NoteVerifierKey{name, key_id, type, key.public_key()};
}

std::string NoteSigner::to_private_string() const {
  return "PRIVATE+KEY+" + name + "+" + key_id_hex(key_id) + "+" +
         to_base64(typed_key(type, key.seed()));
}

Result<NoteVerifierKey> parse_verifier_key(std::string_view text) {
  std::string_view name, hex8, b64;
  if (!split3(text, name, hex8, b64))
    return make_error("bad_verifier_key", "expected <name>+<keyid>+<base64 key>");
  if (!valid_key_name(name)) return make_error("bad_key_name", "invalid key name");
  VM_TRY(id, parse_key_id(hex8));
  auto raw = from_base64(b64);
  if (!raw || raw->size() != 33) return make_error("bad_verifier_key", "key must be 33 bytes");
  VM_TRY(type, parse_type((*raw)[0]));
  NoteVerifierKey k{std::string(name), id, type, {}};
  std::copy(raw->begin() + 1, raw->end(), k.public_key.begin());
  if (compute_key_id(k.name, type, k.public_key) != id)
    return make_error("key_id_mismatch", "key id does not match the name and key");
  return k;
}

Result<NoteSigner> parse_private_key(std::string_view text) {
  constexpr std::string_view kPrefix = "PRIVATE+KEY+";
  if (text.substr(0, kPrefix.size()) != kPrefix)
    return make_error("bad_private_key", "expected PRIVATE+KEY+<name>+<keyid>+<base64 seed>");
  std::string_view name, hex8, b64;
  if (!split3(text.substr(kPrefix.size()), name, hex8, b64))
    return make_error("bad_private_key", "expected PRIVATE+KEY+<name>+<keyid>+<base64 seed>");
  if (!valid_key_name(name)) return make_error("bad_key_name", "invalid key name");
  auto id = parse_key_id(hex8);
  if (!id) return make_error("bad_private_key", id.error().message);
  auto raw = from_base64(b64);
  if (!raw || raw->size() != 33) return make_error("bad_private_key", "seed must be 33 bytes");
  auto type = parse_type((*raw)[0]);
  if (!type) return make_error("bad_private_key", type.error().message);
  Seed seed;
  std::copy(raw->begin() + 1, raw->end(), seed.begin());
  sodium_memzero(raw->data(), raw->size());
  VM_TRY(signer, make_signer(std::string(name), *type, seed));
  sodium_memzero(seed.data(), seed.size());
  if (signer.key_id != *id)
    return make_error("key_id_mismatch", "key id does not match the name and key");
  return signer;
}

Result<NoteSigner> make_signer(std::string name, NoteKeyType type, const Seed& seed) {
  if (!valid_key_name(name)) return make_error("bad_key_name", "invalid key name: " + name);
  SigningKey key = SigningKey::from_seed(seed);
  const std::uint32_t id = compute_key_id(name, type, key.public_key());
  return NoteSigner{std::move(name), id, type, std::move(key)};
}

Result<NoteSigner> generate_signer(std::string name, NoteKeyType type) {
  SigningKey key = SigningKey::generate();
  return make_signer(std::move(name), type, key.seed());
}

}  // namespace verimeter::crypto
