#include "server/api_keys.hpp"

#include <array>

#include <sodium.h>

#include "core/bytes.hpp"
#include "core/time.hpp"
#include "crypto/sha256.hpp"

namespace verimeter::server {

std::string new_api_key(std::string_view prefix) {
  std::array<std::uint8_t, 32> b;
  randombytes_buf(b.data(), b.size());
  return std::string(prefix) + to_hex(b);
}

std::string api_key_hash(std::string_view key) {
  return crypto::sha256_hex(key);
}

std::string bearer_token(std::string_view h) {
  constexpr std::string_view kBearer = "Bearer ";
  if (h.size() <= kBearer.size() || h.substr(0, kBearer.size()) != kBearer) return {};
  std::string_view tok = h.substr(kBearer.size());
  if (tok.size() > 256 || tok.find_first_of(" \t") != std::string_view::npos) return {};
  return std::string(tok);
}

Status check_tenant_name(const std::string& name) {
  constexpr std::string_view kAllowed =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
  if (name.empty() || name.size() > 128 || name.find_first_not_of(kAllowed) != std::string::npos)
    return make_error("tenant_invalid", "tenant name must be 1..128 of [A-Za-z0-9._-]");
  return {};
}

Result<NewTenant> create_tenant(store::Store& store, const std::string& name) {
  VM_CHECK(check_tenant_name(name));
  std::array<std::uint8_t, 8> id;
  randombytes_buf(id.data(), id.size());
  NewTenant t;
  t.api_key = new_api_key("vmk_");
  t.record = store::TenantRecord{"t_" + to_hex(id), name, api_key_hash(t.api_key), now_millis()};
  VM_CHECK(store.add_tenant(t.record));
  return t;
}

}  // namespace verimeter::server
