#include "store/sqlite_store.hpp"

#include <algorithm>
#include <limits>
#include <mutex>
#include <utility>

#include "store/attest_check.hpp"
#include "store/receipt_elision.hpp"
#include "store/sqlite_checkpointer.hpp"
#include "store/sqlite_connection.hpp"
#include "store/sqlite_read_pool.hpp"
#include "store/sqlite_schema.hpp"
#include "store/sqlite_transaction.hpp"

namespace verimeter::store {
namespace {

constexpr auto kInt64Max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

bool is_constraint(const Error& e) {
  return e.code == "store_constraint";
}

TenantRecord read_tenant(const Query& q) {
  return TenantRecord{q.text(0), q.text(1), q.text(2), q.int64(3)};
}

TariffRecord read_tariff(const Query& q) {
  return TariffRecord{q.text(0),  static_cast<std::uint64_t>(q.int64(1)),
                      q.text(2),  q.text(3),
                      q.int64(4), q.int64(5)};
}

constexpr char kTariffColumns[] =
    "SELECT tariff_id, version, content_hash, snapshot_json, effective_from_ms, published_ms "
    "FROM tariffs ";

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Connection> writer, std::string path, std::size_t readers)
      : writer_(std::move(writer)), readers_(std::move(path), readers) {}

  Status start_checkpointer(const std::string& path, const CheckpointPolicy& policy) {
    VM_TRY(c, Checkpointer::start(path, *writer_, policy));
    checkpointer_ = std::move(c);
    return {};
  }

  Result<std::vector<PutResult>> put_attests(std::span<const AttestRecord> records) override;
  Result<std::optional<std::string>> get_bundle(const std::string& tenant_id,
                                                const std::string& receipt_id) override;
  Result<std::uint64_t> log_size() override;
  Result<std::vector<std::string>> log_leaves(std::uint64_t begin, std::uint64_t end) override;
  Result<std::uint64_t> attest_count(const std::string& tenant_id) override;

  Status add_tenant(const TenantRecord& t) override;
  Result<std::optional<TenantRecord>> tenant_by_key_hash(const std::string& key_hash) override;
  Result<std::vector<TenantRecord>> tenants() override;

  Status put_tariff(const TariffRecord& t) override;
  Result<std::optional<TariffRecord>> tariff(const std::string& tariff_id,
                                             std::uint64_t version) override;
  Result<std::vector<TariffRecord>> tariffs() override;

  Result<std::optional<std::string>> get_setting(const std::string& key) override;
  Status put_setting(const std::string& key, const std::string& value) override;

 private:
  Result<PutResult> put_one(const AttestRecord& r, std::uint64_t& next_leaf);
  Result<std::uint64_t> log_size_on(Connection& c);
  Result<std::optional<TariffRecord>> one_tariff(const std::string& sql, const std::string& id,
                                                 std::int64_t arg);

  std::mutex write_mu_;  // guards writer_ (the single writer)
  std::unique_ptr<Connection> writer_;
  ReadPool readers_;
  std::unique_ptr<Checkpointer> checkpointer_;  // declared last: stopped before writer_ closes
};

// ---- attests and log ----

namespace {

// The bundle as it was given, from a row's bundle_json, leaf and receipt_elided columns.
std::string stored_bundle(const Query& q, int bundle_col, int leaf_col, int elided_col) {
  std::string text = q.text(bundle_col);
  return q.int64(elided_col) ? restore_receipt(std::move(text), q.blob(leaf_col)) : text;
}

}  // namespace

Result<std::vector<PutResult>> SqliteStore::put_attests(std::span<const AttestRecord> records) {
  for (const AttestRecord& r : records) VM_CHECK(check_attest_record(r));
  std::lock_guard lock(write_mu_);
  VM_TRY(tx, Transaction::begin(*writer_));
  // Read inside the write transaction: the next index is exactly the committed size.
  VM_TRY(next_leaf, log_size_on(*writer_));
  std::vector<PutResult> out;
  out.reserve(records.size());
  for (const AttestRecord& r : records) {
    VM_TRY(result, put_one(r, next_leaf));
    out.push_back(std::move(result));
  }
  VM_CHECK(tx.commit());  // nothing is acknowledged before this returns
  return out;
}

Result<PutResult> SqliteStore::put_one(const AttestRecord& r, std::uint64_t& next_leaf) {
  {
    VM_TRY(q, writer_->query("SELECT request_hash, receipt_id, bundle_json, leaf_index, "
                             "receipt_elided, leaf FROM attests "
                             "WHERE tenant_id = ? AND event_id = ?"));
    q.bind(1, r.tenant_id).bind(2, r.event_id);
    VM_TRY(found, q.step());
    if (found) {
      bool same = q.text(0) == r.request_hash;
      return PutResult{same ? PutOutcome::kReplayed : PutOutcome::kConflict, q.text(1),
                       same ? stored_bundle(q, 2, 5, 4) : std::string(),
                       static_cast<std::uint64_t>(q.int64(3))};
    }
  }
  if (next_leaf >= kInt64Max) return make_error("store_full", "log index space exhausted");
  const auto leaf_index = static_cast<std::int64_t>(next_leaf);
  {
    const ElidedBundle stored = elide_receipt(r.bundle_json, r.leaf);  // bound, not copied
    VM_TRY(q, writer_->query("INSERT INTO attests(leaf_index, tenant_id, event_id, request_hash, "
                             "receipt_id, created_ms, receipt_elided, leaf, bundle_json) "
                             "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    VM_CHECK(q.bind(1, leaf_index)
                 .bind(2, r.tenant_id)
                 .bind(3, r.event_id)
                 .bind(4, r.request_hash)
                 .bind(5, r.receipt_id)
                 .bind(6, r.created_ms)
                 .bind(7, std::int64_t{stored.elided ? 1 : 0})
                 .bind_blob(8, r.leaf)
                 .bind(9, stored.text)
                 .run());
  }
  ++next_leaf;
  return PutResult{PutOutcome::kCreated, r.receipt_id, {}, static_cast<std::uint64_t>(leaf_index)};
}

Result<std::uint64_t> SqliteStore::log_size_on(Connection& c) {
  VM_TRY(max_index, c.query_int("SELECT COALESCE(max(leaf_index), -1) FROM attests"));
  return static_cast<std::uint64_t>(max_index + 1);
}

Result<std::optional<std::string>> SqliteStore::get_bundle(const std::string& tenant_id,
                                                           const std::string& receipt_id) {
  VM_TRY(c, readers_.acquire());
  VM_TRY(q, c->query("SELECT bundle_json, receipt_elided, leaf FROM attests "
                     "WHERE tenant_id = ? AND receipt_id = ? LIMIT 1"));
  q.bind(1, tenant_id).bind(2, receipt_id);
  VM_TRY(row, q.step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(stored_bundle(q, 0, 2, 1));
}

Result<std::uint64_t> SqliteStore::log_size() {
  VM_TRY(c, readers_.acquire());
  return log_size_on(*c);
}

Result<std::vector<std::string>> SqliteStore::log_leaves(std::uint64_t begin, std::uint64_t end) {
  if (begin > end || end > kInt64Max) {
    return make_error("log_range", "invalid leaf range [" + std::to_string(begin) + ", " +
                                       std::to_string(end) + ")");
  }
  VM_TRY(c, readers_.acquire());
  VM_TRY(q, c->query("SELECT leaf_index, leaf FROM attests "
                     "WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index"));
  q.bind(1, static_cast<std::int64_t>(begin)).bind(2, static_cast<std::int64_t>(end));
  std::vector<std::string> leaves;
  leaves.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(end - begin, 1u << 16)));
  for (;;) {
    VM_TRY(row, q.step());
    if (!row) break;
    if (static_cast<std::uint64_t>(q.int64(0)) != begin + leaves.size()) {
      return make_error("store_corrupt",
                        "gap in the log at " + std::to_string(begin + leaves.size()));
    }
    leaves.push_back(q.blob(1));
  }
  if (leaves.size() != end - begin) {
    return make_error("log_range", "leaf range [" + std::to_string(begin) + ", " +
                                       std::to_string(end) + ") is beyond the log size");
  }
  return leaves;
}

Result<std::uint64_t> SqliteStore::attest_count(const std::string& tenant_id) {
  VM_TRY(c, readers_.acquire());
  VM_TRY(q, c->query("SELECT count(*) FROM attests WHERE tenant_id = ?"));
  q.bind(1, tenant_id);
  VM_TRY(row, q.step());
  if (!row) return make_error("store_error", "no row from count");
  return static_cast<std::uint64_t>(q.int64(0));
}

// ---- tenants ----

Status SqliteStore::add_tenant(const TenantRecord& t) {
  if (t.tenant_id.empty() || t.name.empty() || t.api_key_hash.empty()) {
    return make_error("tenant_invalid", "tenant_id, name and api_key_hash are required");
  }
  std::lock_guard lock(write_mu_);
  VM_TRY(q, writer_->query("INSERT INTO tenants(tenant_id, name, api_key_hash, created_ms) "
                           "VALUES(?, ?, ?, ?)"));
  Status s =
      q.bind(1, t.tenant_id).bind(2, t.name).bind(3, t.api_key_hash).bind(4, t.created_ms).run();
  if (!s.ok() && is_constraint(s.error())) {
    return make_error("tenant_exists",
                      "a tenant with this id, name or API key exists (" + s.error().message + ")");
  }
  return s;
}

Result<std::optional<TenantRecord>> SqliteStore::tenant_by_key_hash(const std::string& key_hash) {
  VM_TRY(c, readers_.acquire());
  VM_TRY(q, c->query("SELECT tenant_id, name, api_key_hash, created_ms FROM tenants "
                     "WHERE api_key_hash = ?"));
  q.bind(1, key_hash);
  VM_TRY(row, q.step());
  if (!row) return std::optional<TenantRecord>();
  return std::optional<TenantRecord>(read_tenant(q));
}

Result<std::vector<TenantRecord>> SqliteStore::tenants() {
  VM_TRY(c, readers_.acquire());
  VM_TRY(q, c->query("SELECT tenant_id, name, api_key_hash, created_ms FROM tenants "
                     "ORDER BY tenant_id"));
  std::vector<TenantRecord> out;
  for (;;) {
    VM_TRY(row, q.step());
    if (!row) return out;
    out.push_back(read_tenant(q));
  }
}

// ---- tariffs ----

Status SqliteStore::put_tariff(const TariffRecord& t) {
  if (t.tariff_id.empty() || t.content_hash.empty() || t.snapshot_json.empty()) {
    return make_error("tariff_invalid", "tariff_id, content_hash and snapshot_json are required");
  }
  if (t.version > kInt64Max) return make_error("tariff_invalid", "version out of range");
  std::lock_guard lock(write_mu_);
  VM_TRY(q, writer_->query("INSERT INTO tariffs(tariff_id, version, content_hash, snapshot_json, "
                           "effective_from_ms, published_ms) VALUES(?, ?, ?, ?, ?, ?)"));
  Status s = q.bind(1, t.tariff_id)
                 .bind(2, static_cast<std::int64_t>(t.version))
                 .bind(3, t.content_hash)
                 .bind(4, t.snapshot_json)
                 .bind(5, t.effective_from_ms)
                 .bind(6, t.published_ms)
                 .run();
  if (!s.ok() && is_constraint(s.error())) {
    return make_error("tariff_version_exists", "tariff " + t.tariff_id + " version " +
                                                   std::to_string(t.version) +
                                                   " is already published and immutable");
  }
  return s;
}

Result<std::optional<TariffRecord>> SqliteStore::one_tariff(const std::string& sql,
                                                            const std::string& id,
                                                            std::int64_t arg) {
  VM_TRY(c, readers_.acquire());
  VM_TRY(q, c->query(sql));
  q.bind(1, id).bind(2, arg);
  VM_TRY(row, q.step());
  if (!row) return std::optional<TariffRecord>();
  return std::optional<TariffRecord>(read_tariff(q));
}

Result<std::optional<TariffRecord>> SqliteStore::tariff(const std::string& tariff_id,
                                                        std::uint64_t version) {
  if (version > kInt64Max) return std::optional<TariffRecord>();
  return one_tariff(std::string(kTariffColumns) + "WHERE tariff_id = ? AND version = ?", tariff_id,
                    static_cast<std::int64_t>(version));
}

Result<std::vector<TariffRecord>> SqliteStore::tariffs() {
  VM_TRY(c, readers_.acquire());
  VM_TRY(q, c->query(std::string(kTariffColumns) + "ORDER BY tariff_id, version"));
  std::vector<TariffRecord> out;
  for (;;) {
    VM_TRY(row, q.step());
    if (!row) return out;
    out.push_back(read_tariff(q));
  }
}

// ---- settings ----

Result<std::optional<std::string>> SqliteStore::get_setting(const std::string& key) {
  VM_TRY(c, readers_.acquire());
  VM_TRY(q, c->query("SELECT value FROM settings WHERE key = ?"));
  q.bind(1, key);
  VM_TRY(row, q.step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(q.text(0));
}

Status SqliteStore::put_setting(const std::string& key, const std::string& value) {
  if (key.empty()) return make_error("setting_invalid", "empty setting key");
  if (key == kSchemaVersionKey) {
    return make_error("setting_reserved", "schema_version is managed by migrations");
  }
  std::lock_guard lock(write_mu_);
  VM_TRY(q, writer_->query("INSERT INTO settings(key, value) VALUES(?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  return q.bind(1, key).bind(2, value).run();
}

// ---- open ----

Status enable_wal(Connection& c) {
  VM_TRY(q, c.query("PRAGMA journal_mode=WAL"));
  VM_TRY(row, q.step());
  if (!row || q.text(0) != "wal") {
    return make_error("store_open_failed", "the database refused WAL journal mode");
  }
  // After a burst, a reset WAL is truncated back to this size instead of keeping its peak.
  return c.exec("PRAGMA journal_size_limit=67108864");
}

bool is_file_path(const std::string& path) {
  return !path.empty() && path != ":memory:" && path.rfind("file:", 0) != 0;
}

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 const SqliteStoreOptions& options) {
  if (!is_file_path(path)) {
    return make_error("store_open_failed", "a database file path is required, got '" + path + "'");
  }
  if (options.read_connections == 0) {
    return make_error("store_open_failed", "read_connections must be at least 1");
  }
  VM_TRY(writer, Connection::open(path, Connection::Mode::kReadWrite));
  VM_CHECK(enable_wal(*writer));
  VM_CHECK(migrate_schema(*writer));
  VM_TRY(size, check_log_contiguity(*writer));
  (void)size;
  auto store = std::make_unique<SqliteStore>(std::move(writer), path, options.read_connections);
  if (options.background_checkpoint) VM_CHECK(store->start_checkpointer(path, options.checkpoint));
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  return open_sqlite_store(path, SqliteStoreOptions{});
}

}  // namespace verimeter::store
