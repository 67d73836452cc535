#include "store/sqlite_schema.hpp"

#include <string>
#include <vector>

#include "store/sqlite_transaction.hpp"

namespace verimeter::store {
namespace {

struct Migration {
  std::int64_t version;
  const char* sql;
  // Run first, inside the migration's transaction, on the schema being replaced.
  Status (*precheck)(Connection&) = nullptr;
};

// Leaf indices of `table` (a trusted name) are exactly 0..n-1: returns n, else store_corrupt.
Result<std::int64_t> dense_leaf_indices(Connection& c, const std::string& table) {
  VM_TRY(q, c.query("SELECT count(*), COALESCE(min(leaf_index), 0), COALESCE(max(leaf_index), -1) "
                    "FROM " +
                    table));
  VM_TRY(row, q.step());
  if (!row) return make_error("store_error", "no row from log count");
  const std::int64_t n = q.int64(0), lo = q.int64(1), hi = q.int64(2);
  if (n > 0 && (lo != 0 || hi != n - 1)) {
    return make_error("store_corrupt", "log entries are not contiguous from 0: count " +
                                           std::to_string(n) + ", max index " + std::to_string(hi));
  }
  return n;
}

// Before version 4 merges them: attests and log entries are one-to-one and the log is
// contiguous, so joining them loses no row.
Status check_split_tables(Connection& c) {
  VM_TRY(n, dense_leaf_indices(c, "log_entries"));
  VM_TRY(attests, c.query_int("SELECT count(*) FROM attests"));
  VM_TRY(joined, c.query_int("SELECT count(*) FROM attests JOIN log_entries USING (leaf_index)"));
  if (attests != n || joined != n) {
    return make_error("store_corrupt", "cannot upgrade to schema 4: " + std::to_string(attests) +
                                           " attests, " + std::to_string(n) + " log entries, " +
                                           std::to_string(joined) + " matched");
  }
  return {};
}

// Version 1. Notes on the choices:
// - attests: (tenant_id, event_id) is the replay key; leaf_index ties each attest to exactly
//   one log entry (UNIQUE + foreign key). There is no foreign key to tenants: the server
//   authenticates the tenant before attesting, and one record must never fail a whole batch.
// - log_entries: leaf_index is the rowid, so the log is ordered and dense by construction.
// - tariffs: (tariff_id, version) is immutable; published rows are never updated.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE tenants (
  tenant_id    TEXT PRIMARY KEY NOT NULL,
  name         TEXT NOT NULL UNIQUE,
  api_key_hash TEXT NOT NULL UNIQUE,
  created_ms   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE tariffs (
  tariff_id         TEXT NOT NULL,
  version           INTEGER NOT NULL CHECK (version >= 0),
  content_hash      TEXT NOT NULL,
  snapshot_json     TEXT NOT NULL,
  effective_from_ms INTEGER NOT NULL,
  published_ms      INTEGER NOT NULL,
  PRIMARY KEY (tariff_id, version)
) WITHOUT ROWID;
CREATE TABLE log_entries (
  leaf_index INTEGER PRIMARY KEY CHECK (leaf_index >= 0),
  receipt_id TEXT NOT NULL,
  leaf       BLOB NOT NULL
);
CREATE TABLE attests (
  tenant_id    TEXT NOT NULL,
  event_id     TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  receipt_id   TEXT NOT NULL,
  bundle_json  TEXT NOT NULL,
  leaf_index   INTEGER NOT NULL UNIQUE REFERENCES log_entries(leaf_index),
  created_ms   INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX attests_by_receipt ON attests(tenant_id, receipt_id);
)sql"},
      // Version 2: what is published or acknowledged is never rewritten, enforced by the
      // database itself (defence in depth beside the code, which never issues these).
      {2, R"sql(
CREATE TRIGGER tariffs_no_update BEFORE UPDATE ON tariffs
  BEGIN SELECT RAISE(ABORT, 'published tariffs are immutable'); END;
CREATE TRIGGER tariffs_no_delete BEFORE DELETE ON tariffs
  BEGIN SELECT RAISE(ABORT, 'published tariffs are immutable'); END;
CREATE TRIGGER log_entries_no_update BEFORE UPDATE ON log_entries
  BEGIN SELECT RAISE(ABORT, 'the log only grows'); END;
CREATE TRIGGER log_entries_no_delete BEFORE DELETE ON log_entries
  BEGIN SELECT RAISE(ABORT, 'the log only grows'); END;
CREATE TRIGGER attests_no_update BEFORE UPDATE ON attests
  BEGIN SELECT RAISE(ABORT, 'acknowledged attests are immutable'); END;
CREATE TRIGGER attests_no_delete BEFORE DELETE ON attests
  BEGIN SELECT RAISE(ABORT, 'acknowledged attests are immutable'); END;
)sql"},
      // Version 3: 1 when bundle_json holds "receipt":null in place of the log leaf, which
      // reads put back (store/receipt_elision.hpp). Rows written before stay whole (0).
      {3, R"sql(
ALTER TABLE attests ADD COLUMN receipt_elided INTEGER NOT NULL DEFAULT 0
  CHECK (receipt_elided IN (0, 1));
)sql"},
      // Version 4: one row per attest. The log leaf moves into the attest's row and the leaf
      // index becomes its rowid: three B-trees per attest instead of five (log_entries, and
      // attests with its primary key and leaf_index indexes), and a 2.3 KB leaf no longer
      // takes a 4 KB page to itself. About a quarter fewer bytes per commit.
      {4, R"sql(
CREATE TABLE attests_v4 (
  leaf_index     INTEGER PRIMARY KEY CHECK (leaf_index >= 0),
  tenant_id      TEXT NOT NULL,
  event_id       TEXT NOT NULL,
  request_hash   TEXT NOT NULL,
  receipt_id     TEXT NOT NULL,
  created_ms     INTEGER NOT NULL,
  receipt_elided INTEGER NOT NULL CHECK (receipt_elided IN (0, 1)),
  leaf           BLOB NOT NULL,
  bundle_json    TEXT NOT NULL,
  UNIQUE (tenant_id, event_id)
);
INSERT INTO attests_v4(leaf_index, tenant_id, event_id, request_hash, receipt_id, created_ms,
                       receipt_elided, leaf, bundle_json)
  SELECT a.leaf_index, a.tenant_id, a.event_id, a.request_hash, a.receipt_id, a.created_ms,
         a.receipt_elided, l.leaf, a.bundle_json
  FROM attests a JOIN log_entries l USING (leaf_index) ORDER BY a.leaf_index;
DROP TABLE attests;
DROP TABLE log_entries;
ALTER TABLE attests_v4 RENAME TO attests;
CREATE INDEX attests_by_receipt ON attests(tenant_id, receipt_id);
CREATE TRIGGER attests_no_update BEFORE UPDATE ON attests
  BEGIN SELECT RAISE(ABORT, 'acknowledged attests are immutable'); END;
CREATE TRIGGER attests_no_delete BEFORE DELETE ON attests
  BEGIN SELECT RAISE(ABORT, 'acknowledged attests are immutable'); END;
)sql",
       check_split_tables},
  };
  return kMigrations;
}

Result<std::int64_t> stored_version(Connection& c) {
  VM_TRY(has_settings,
         c.query_int("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='settings'"));
  if (has_settings == 0) return std::int64_t{0};
  VM_TRY(q, c.query("SELECT value FROM settings WHERE key = ?"));
  q.bind(1, std::string_view(kSchemaVersionKey));
  VM_TRY(row, q.step());
  if (!row) return make_error("store_corrupt", "settings table without schema_version");
  std::string text = q.text(0);
  std::int64_t v = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9' || text.size() > 9) {
      return make_error("store_corrupt", "schema_version is not a small integer: " + text);
    }
    v = v * 10 + (ch - '0');
  }
  if (text.empty()) return make_error("store_corrupt", "empty schema_version");
  return v;
}

Status apply(Connection& c, const Migration& m) {
  VM_TRY(tx, Transaction::begin(c));
  if (m.precheck) VM_CHECK(m.precheck(c));
  VM_CHECK(c.exec(m.sql));
  VM_TRY(q, c.query("INSERT INTO settings(key, value) VALUES(?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  std::string version = std::to_string(m.version);
  VM_CHECK(q.bind(1, std::string_view(kSchemaVersionKey)).bind(2, version).run());
  return tx.commit();
}

}  // namespace

std::int64_t current_schema_version() {
  return migrations().back().version;
}

Status migrate_schema(Connection& c) {
  VM_TRY(have, stored_version(c));
  if (have > current_schema_version()) {
    return make_error("store_schema_too_new", "database schema " + std::to_string(have) +
                                                  " is newer than this build's " +
                                                  std::to_string(current_schema_version()));
  }
  for (const Migration& m : migrations()) {
    if (m.version > have) VM_CHECK(apply(c, m));
  }
  return {};
}

Result<std::uint64_t> check_log_contiguity(Connection& c) {
  VM_TRY(n, dense_leaf_indices(c, "attests"));
  return static_cast<std::uint64_t>(n);
}

}  // namespace verimeter::store
