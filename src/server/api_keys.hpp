// API keys for tenants and the admin: 256-bit random secrets shown once, stored only as their
// SHA-256 (hex). Keys look like "vmk_<64 hex>" (tenant) and "vma_<64 hex>" (admin).
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/store.hpp"

namespace verimeter::server {

std::string new_api_key(std::string_view prefix);
std::string api_key_hash(std::string_view key);
// Extracts the token of "Authorization: Bearer <token>"; empty if absent or malformed.
std::string bearer_token(std::string_view authorization_header);

struct NewTenant {
  store::TenantRecord record;
  std::string api_key;  // the only copy; print it once
};
// Tenant names are 1..128 of [A-Za-z0-9._-] (docs/api/openapi.yaml). The admin API and
// `verimeter tenant add` check a name before anything else. Errors: tenant_invalid.
Status check_tenant_name(const std::string& name);
// Errors: tenant_invalid (bad name), tenant_exists.
Result<NewTenant> create_tenant(store::Store& store, const std::string& name);

}  // namespace verimeter::server
