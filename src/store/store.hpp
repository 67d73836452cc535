// Store: the durable state of a verimeter server behind one interface, implemented by the
// embedded SQLite backend (sqlite_store.*) and later PostgreSQL. The attest path is the
// crash-safety core: put_attests() writes the replay key (tenant, event_id), the bundle and
// the log entry for each record in ONE transaction and returns only after it is durable.
// Every tenant-facing read is scoped by tenant.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace verimeter::store {

struct TenantRecord {
  std::string tenant_id;     // stable id, e.g. "t_3f9a…" (also the receipt's tenant field)
  std::string name;          // human label, unique
  std::string api_key_hash;  // hex SHA-256 of the API key; the key itself is never stored
  std::int64_t created_ms = 0;
};

struct TariffRecord {
  std::string tariff_id;
  std::uint64_t version = 0;
  std::string content_hash;   // hex SHA-256 of the canonical snapshot
  std::string snapshot_json;  // canonical (JCS) bytes of the snapshot
  std::int64_t effective_from_ms = 0;
  std::int64_t published_ms = 0;
};

struct AttestRecord {
  std::string tenant_id;
  std::string event_id;
  std::string request_hash;  // hex SHA-256 of the canonical request payload (conflict check)
  std::string receipt_id;
  std::string bundle_json;  // the full bundle returned to the caller
  std::string leaf;         // log leaf: the receipt's canonical bytes
  std::int64_t created_ms = 0;
};

enum class PutOutcome { kCreated, kReplayed, kConflict };

struct PutResult {
  PutOutcome outcome = PutOutcome::kCreated;
  std::string receipt_id;   // of the stored record (the original one on replay/conflict)
  std::string bundle_json;  // on replay, the original bundle; empty otherwise (the caller has it)
  std::uint64_t leaf_index = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Attests: one transaction for the whole span, committed durably before returning.
  // Records with the same (tenant, event_id) inside one call are handled in order (the second
  // is a replay or a conflict of the first).
  virtual Result<std::vector<PutResult>> put_attests(std::span<const AttestRecord> records) = 0;
  virtual Result<std::optional<std::string>> get_bundle(const std::string& tenant_id,
                                                        const std::string& receipt_id) = 0;
  virtual Result<std::uint64_t> log_size() = 0;
  // Leaves [begin, end) in index order.
  virtual Result<std::vector<std::string>> log_leaves(std::uint64_t begin, std::uint64_t end) = 0;
  // Count of distinct attests per tenant (for tests and metrics).
  virtual Result<std::uint64_t> attest_count(const std::string& tenant_id) = 0;

  // Tenants. Errors: tenant_exists.
  virtual Status add_tenant(const TenantRecord& t) = 0;
  virtual Result<std::optional<TenantRecord>> tenant_by_key_hash(const std::string& key_hash) = 0;
  virtual Result<std::vector<TenantRecord>> tenants() = 0;

  // Tariffs: immutable once published. Errors: tariff_version_exists.
  virtual Status put_tariff(const TariffRecord& t) = 0;
  virtual Result<std::optional<TariffRecord>> tariff(const std::string& tariff_id,
                                                     std::uint64_t version) = 0;
  virtual Result<std::vector<TariffRecord>> tariffs() = 0;

  // Small key/value settings (schema version, log origin, ...).
  virtual Result<std::optional<std::string>> get_setting(const std::string& key) = 0;
  virtual Status put_setting(const std::string& key, const std::string& value) = 0;
};

// Opens (creating if needed) the SQLite database at `path`: WAL, synchronous=FULL, foreign keys.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path);

}  // namespace verimeter::store
