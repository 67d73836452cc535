// SQLite-specific behaviour of the store: files, WAL, schema versions, corruption detection,
// rollback of a batch failing half-way, checkpoints. The backend-neutral contract is in
// store_contract_test.cpp.
#include "store/sqlite_store.hpp"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "attest_fixtures.hpp"
#include "store/sqlite_schema.hpp"
#include "temp_dir.hpp"

namespace verimeter::store {
namespace {

using testing::make_attest;
using testing::TempDir;

std::unique_ptr<Store> open_ok(const std::string& path) {
  auto s = open_sqlite_store(path);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().code + ": " + s.error().message);
  return s.ok() ? std::move(s).value() : nullptr;
}

// Runs SQL on the database file through an independent connection (not the store's code).
void raw_exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

std::string raw_text(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK);
  std::string out;
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != nullptr) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

std::vector<PutResult> put_ok(Store& s, const std::vector<AttestRecord>& records) {
  auto r = s.put_attests(records);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().code + ": " + r.error().message);
  return r.ok() ? std::move(r).value() : std::vector<PutResult>{};
}

// ---- schema ----

TEST(SqliteStore, CreatesSchemaInWalModeAndReopens) {
  TempDir dir;
  const std::string db = dir.file("v.db");
  {
    auto s = open_ok(db);
    ASSERT_TRUE(s);
    auto v = s->get_setting("schema_version");
    ASSERT_TRUE(v.ok());
    ASSERT_TRUE(v->has_value());
    EXPECT_EQ(**v, std::to_string(current_schema_version()));
    ASSERT_TRUE(s->put_setting("log_origin", "example.com/log").ok());
  }
  EXPECT_EQ(raw_text(db, "PRAGMA journal_mode"), "wal");
  for (const char* table : {"settings", "tenants", "tariffs", "attests"}) {
    EXPECT_EQ(
        raw_text(db, std::string("SELECT name FROM sqlite_master WHERE name='") + table + "'"),
        table);
  }
  auto s = open_ok(db);
  ASSERT_TRUE(s);
  auto origin = s->get_setting("log_origin");
  ASSERT_TRUE(origin.ok() && origin->has_value());
  EXPECT_EQ(**origin, "example.com/log");
  EXPECT_EQ(**s->get_setting("schema_version"), std::to_string(current_schema_version()));
}

// Rows that were published or acknowledged cannot be changed even by SQL from outside.
TEST(SqliteStore, DatabaseRefusesRewritingTariffsAttestsAndLog) {
  TempDir dir;
  const std::string db = dir.file("v.db");
  {
    auto s = open_ok(db);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->put_tariff(TariffRecord{"std", 1, "h", "{}", 0, 0}).ok());
    ASSERT_EQ(put_ok(*s, {make_attest("t", "e")}).size(), 1u);
  }
  for (const char* sql : {"UPDATE tariffs SET snapshot_json = '{\"cheap\":1}'",
                          "DELETE FROM tariffs", "UPDATE attests SET leaf = x'00'",
                          "UPDATE attests SET request_hash = 'x'", "DELETE FROM attests"}) {
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(h, sql, nullptr, nullptr, nullptr) & 0xff, SQLITE_CONSTRAINT) << sql;
    sqlite3_close(h);
  }
  auto s = open_ok(db);
  ASSERT_TRUE(s);
  EXPECT_EQ((*s->tariff("std", 1))->snapshot_json, "{}");
  EXPECT_EQ(*s->log_size(), 1u);
}

// A database as versions 1 and 3 wrote it, by raw SQL (not by this build's code): the log in
// its own table beside the attests. v1 has no immutability triggers and no receipt_elided.
void make_split_database(const std::string& db, int version) {
  raw_exec(db, R"sql(
CREATE TABLE settings (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE tenants (tenant_id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL UNIQUE,
  api_key_hash TEXT NOT NULL UNIQUE, created_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE tariffs (tariff_id TEXT NOT NULL, version INTEGER NOT NULL CHECK (version >= 0),
  content_hash TEXT NOT NULL, snapshot_json TEXT NOT NULL, effective_from_ms INTEGER NOT NULL,
  published_ms INTEGER NOT NULL, PRIMARY KEY (tariff_id, version)) WITHOUT ROWID;
CREATE TABLE log_entries (leaf_index INTEGER PRIMARY KEY CHECK (leaf_index >= 0),
  receipt_id TEXT NOT NULL, leaf BLOB NOT NULL);
CREATE TABLE attests (tenant_id TEXT NOT NULL, event_id TEXT NOT NULL,
  request_hash TEXT NOT NULL, receipt_id TEXT NOT NULL, bundle_json TEXT NOT NULL,
  leaf_index INTEGER NOT NULL UNIQUE REFERENCES log_entries(leaf_index),
  created_ms INTEGER NOT NULL, PRIMARY KEY (tenant_id, event_id));
CREATE INDEX attests_by_receipt ON attests(tenant_id, receipt_id);
INSERT INTO log_entries VALUES (0, 'r0', x'7b2261223a317d'), (1, 'r1', x'7b2262223a327d');
INSERT INTO attests VALUES
  ('t', 'e0', 'h0', 'r0', '{"m":{},"receipt":{"a":1},"signature":{}}', 0, 1700000000000),
  ('t', 'e1', 'h1', 'r1', '{"m":{},"receipt":{"b":2},"signature":{}}', 1, 1700000000001);
)sql");
  if (version >= 3) {  // version 2's triggers, then version 3's column and one elided row
    for (const char* table : {"tariffs", "log_entries", "attests"}) {
      for (const char* op : {"update", "delete"}) {
        raw_exec(db, std::string("CREATE TRIGGER ") + table + "_no_" + op + " BEFORE " + op +
                         " ON " + table + " BEGIN SELECT RAISE(ABORT, 'immutable'); END;");
      }
    }
    raw_exec(db, R"sql(
ALTER TABLE attests ADD COLUMN receipt_elided INTEGER NOT NULL DEFAULT 0
  CHECK (receipt_elided IN (0, 1));
DROP TRIGGER attests_no_update;
UPDATE attests SET bundle_json = '{"m":{},"receipt":null,"signature":{}}', receipt_elided = 1
  WHERE leaf_index = 1;
CREATE TRIGGER attests_no_update BEFORE UPDATE ON attests
  BEGIN SELECT RAISE(ABORT, 'immutable'); END;
)sql");
  }
  raw_exec(db, "INSERT INTO settings VALUES ('schema_version', '" + std::to_string(version) +
                   "'), ('log_origin', 'example.com/log')");
}

// Databases written by versions 1 and 3 are upgraded in place on open: one table per attest
// (version 4), every bundle and leaf read back unchanged, the log the same length and order,
// the immutability triggers in place, and new attests continue the log.
TEST(SqliteStore, MigratesSplitLogDatabases) {
  for (int version : {1, 3}) {
    SCOPED_TRACE("from version " + std::to_string(version));
    TempDir dir;
    const std::string db = dir.file("v.db");
    make_split_database(db, version);
    auto s = open_ok(db);
    ASSERT_TRUE(s);
    EXPECT_EQ(**s->get_setting("schema_version"), std::to_string(current_schema_version()));
    EXPECT_EQ(raw_text(db, "SELECT count(*) FROM sqlite_master WHERE name = 'log_entries'"), "0");
    EXPECT_EQ(raw_text(db,
                       "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master "
                       "WHERE type = 'trigger' ORDER BY name)"),
              "attests_no_delete,attests_no_update,tariffs_no_delete,tariffs_no_update");
    EXPECT_EQ(**s->get_setting("log_origin"), "example.com/log");
    ASSERT_EQ(*s->log_size(), 2u);
    EXPECT_EQ(*s->log_leaves(0, 2), (std::vector<std::string>{R"({"a":1})", R"({"b":2})"}));
    EXPECT_EQ(**s->get_bundle("t", "r0"), R"({"m":{},"receipt":{"a":1},"signature":{}})");
    EXPECT_EQ(**s->get_bundle("t", "r1"), R"({"m":{},"receipt":{"b":2},"signature":{}})");
    if (version >= 3) {
      EXPECT_EQ(raw_text(db, "SELECT receipt_elided FROM attests WHERE leaf_index = 1"), "1");
    }
    auto replay = make_attest("t", "e0");
    replay.request_hash = "h0";
    const auto again = put_ok(*s, {replay, make_attest("t", "new")});
    ASSERT_EQ(again.size(), 2u);
    EXPECT_EQ(again[0].outcome, PutOutcome::kReplayed);
    EXPECT_EQ(again[0].leaf_index, 0u);
    EXPECT_EQ(again[1].outcome, PutOutcome::kCreated);
    EXPECT_EQ(again[1].leaf_index, 2u);
  }
}

// A split database whose attests and log entries do not pair up is refused, not merged (a
// join would silently drop the unpaired rows), and left as it was.
TEST(SqliteStore, RefusesToMigrateUnpairedSplitLog) {
  TempDir dir;
  const std::string db = dir.file("v.db");
  make_split_database(db, 3);
  raw_exec(db, "DROP TRIGGER attests_no_delete; DELETE FROM attests WHERE leaf_index = 1;");
  auto s = open_sqlite_store(db);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "store_corrupt") << s.error().message;
  EXPECT_EQ(raw_text(db, "SELECT value FROM settings WHERE key = 'schema_version'"), "3");
  EXPECT_EQ(raw_text(db, "SELECT count(*) FROM log_entries"), "2");
}

TEST(SqliteStore, RefusesNewerSchemaVersion) {
  TempDir dir;
  const std::string db = dir.file("v.db");
  ASSERT_TRUE(open_ok(db));
  raw_exec(db, "UPDATE settings SET value='99' WHERE key='schema_version'");
  auto s = open_sqlite_store(db);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "store_schema_too_new");
}

TEST(SqliteStore, RefusesNonFilePathsAndGarbageFiles) {
  for (const char* p : {"", ":memory:", "file:x.db?mode=memory"}) {
    auto s = open_sqlite_store(p);
    ASSERT_FALSE(s.ok()) << p;
    EXPECT_EQ(s.error().code, "store_open_failed");
  }
  TempDir dir;
  const std::string db = dir.file("garbage.db");
  FILE* f = fopen(db.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::string junk(8192, 'x');
  fwrite(junk.data(), 1, junk.size(), f);
  fclose(f);
  auto s = open_sqlite_store(db);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "store_corrupt") << s.error().message;
}

TEST(SqliteStore, FailedBatchWritesNothing) {
  TempDir dir;
  const std::string db = dir.file("v.db");
  auto s = open_ok(db);
  ASSERT_TRUE(s);
  ASSERT_EQ(put_ok(*s, {make_attest("t", "before")}).size(), 1u);
  // A trigger (added behind the store's back) makes the third insert of the batch fail.
  raw_exec(db,
           "CREATE TRIGGER poison BEFORE INSERT ON attests WHEN NEW.event_id = 'poison' "
           "BEGIN SELECT RAISE(ABORT, 'poisoned'); END;");
  auto failed = s->put_attests(std::vector<AttestRecord>{
      make_attest("t", "x1"), make_attest("t", "x2"), make_attest("t", "poison")});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "store_constraint") << failed.error().message;
  EXPECT_EQ(*s->log_size(), 1u);
  EXPECT_EQ(*s->attest_count("t"), 1u);
  // The next batch continues at the next index as if the failed one never happened.
  auto next = put_ok(*s, {make_attest("t", "x1")});
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].outcome, PutOutcome::kCreated);
  EXPECT_EQ(next[0].leaf_index, 1u);
}

TEST(SqliteStore, OpenDetectsGapInLog) {
  TempDir dir;
  const std::string db = dir.file("v.db");
  {
    auto s = open_ok(db);
    ASSERT_TRUE(s);
    ASSERT_EQ(
        put_ok(*s, {make_attest("t", "1"), make_attest("t", "2"), make_attest("t", "3")}).size(),
        3u);
  }
  // Tampering behind the store's back: drop the guard, then delete from the middle.
  raw_exec(db, "DROP TRIGGER attests_no_delete; DELETE FROM attests WHERE leaf_index = 1;");
  auto s = open_sqlite_store(db);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "store_corrupt");
}

TEST(SqliteStore, CommittedDataIsVisibleToAnIndependentConnection) {
  TempDir dir;
  const std::string db = dir.file("v.db");
  auto s = open_ok(db);
  ASSERT_TRUE(s);
  ASSERT_EQ(put_ok(*s, {make_attest("t", "visible")}).size(), 1u);
  EXPECT_EQ(raw_text(db, "SELECT event_id FROM attests"), "visible");
  EXPECT_EQ(raw_text(db, "SELECT leaf_index FROM attests WHERE event_id = 'visible'"), "0");
}

// A bundle that holds its leaf is stored with "receipt":null in its place (the leaf is in the
// log already), flagged, and whole again when read.
TEST(SqliteStore, StoresTheReceiptOnceAndRestoresItOnRead) {
  TempDir dir;
  const std::string db = dir.file("e.db");
  auto s = open_ok(db);
  ASSERT_TRUE(s);
  auto r = make_attest("t", "elided");
  r.leaf = R"({"receipt_id":"rcpt:e","padding":")" + std::string(2000, 'x') + R"("})";
  r.bundle_json = R"({"meter":{},"receipt":)" + r.leaf + R"(,"signature":{},"zk_proof":null})";
  ASSERT_EQ(put_ok(*s, {r}).size(), 1u);
  EXPECT_EQ(raw_text(db, "SELECT bundle_json FROM attests"),
            R"({"meter":{},"receipt":null,"signature":{},"zk_proof":null})");
  EXPECT_EQ(raw_text(db, "SELECT receipt_elided FROM attests"), "1");
  EXPECT_EQ(**s->get_bundle("t", r.receipt_id), r.bundle_json);

  auto plain = make_attest("t", "plain");  // its leaf is not in its bundle: stored whole
  ASSERT_EQ(put_ok(*s, {plain}).size(), 1u);
  EXPECT_EQ(raw_text(db, "SELECT receipt_elided FROM attests WHERE event_id = 'plain'"), "0");
  EXPECT_EQ(**s->get_bundle("t", plain.receipt_id), plain.bundle_json);
}

// With background checkpointing, WAL content reaches the main database file while the store
// is open and busy, without any commit doing the checkpoint itself.
TEST(SqliteStore, BackgroundCheckpointMovesWalIntoDatabase) {
  TempDir dir;
  const std::string db = dir.file("v.db");
  auto s = open_ok(db);
  ASSERT_TRUE(s);
  const auto initial = std::filesystem::file_size(db);
  for (int b = 0; b < 30; ++b) {
    std::vector<AttestRecord> batch;
    for (int i = 0; i < 100; ++i) {
      auto r = make_attest("t", std::to_string(b) + "-" + std::to_string(i));
      r.bundle_json.append(2000, 'x');
      batch.push_back(r);
    }
    ASSERT_EQ(put_ok(*s, batch).size(), 100u);
  }
  // 3000 records of > 2 KB: well past the 1000-frame wake-up threshold.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::filesystem::file_size(db) < initial + (4u << 20) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_GE(std::filesystem::file_size(db), initial + (4u << 20));
  EXPECT_EQ(*s->log_size(), 3000u);
}

// If the background checkpoint never runs (here: a wake-up threshold it never reaches), the
// writer checkpoints inline at the hard limit, so the WAL file stays bounded.
TEST(SqliteStore, InlineCheckpointBoundsTheWal) {
  TempDir dir;
  const std::string db = dir.file("v.db");
  SqliteStoreOptions options;
  options.checkpoint = CheckpointPolicy{.wake_frames = 1 << 30, .inline_frames = 500};
  auto opened = open_sqlite_store(db, options);
  ASSERT_TRUE(opened.ok());
  Store& s = **opened;
  for (int b = 0; b < 40; ++b) {
    std::vector<AttestRecord> batch;
    for (int i = 0; i < 100; ++i) {
      auto r = make_attest("t", std::to_string(b) + "-" + std::to_string(i));
      r.bundle_json.append(4000, 'x');
      batch.push_back(r);
    }
    ASSERT_EQ(put_ok(s, batch).size(), 100u);
  }
  // ~20 MB written; a WAL of 500 frames plus one batch (~100 records of > 4 KB) is ~3.5 MB.
  EXPECT_LT(std::filesystem::file_size(db + "-wal"), 6u << 20);
  EXPECT_GT(std::filesystem::file_size(db), 12u << 20);
  EXPECT_EQ(*s.log_size(), 4000u);
}

}  // namespace
}  // namespace verimeter::store
