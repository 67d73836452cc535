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
  for (const char* table : {"settings", "tenants", "tariffs", "attests", "log_entries"}) {
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
  for (const char* sql :
       {"UPDATE tariffs SET snapshot_json = '{\"cheap\":1}'", "DELETE FROM tariffs",
        "UPDATE log_entries SET leaf = x'00'", "DELETE FROM log_entries",
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

// A version-1 database (no immutability triggers, no receipt_elided column) is upgraded in
// place on open, and its whole bundles still read back unchanged.
TEST(SqliteStore, MigratesVersionOneDatabase) {
  TempDir dir;
  const std::string db = dir.file("v.db");
  {
    auto s = open_ok(db);
    ASSERT_TRUE(s);
    ASSERT_EQ(put_ok(*s, {make_attest("t", "e")}).size(), 1u);
  }
  raw_exec(db,
           "DROP TRIGGER tariffs_no_update; DROP TRIGGER tariffs_no_delete; "
           "DROP TRIGGER log_entries_no_update; DROP TRIGGER log_entries_no_delete; "
           "DROP TRIGGER attests_no_update; DROP TRIGGER attests_no_delete; "
           "ALTER TABLE attests DROP COLUMN receipt_elided; "
           "UPDATE settings SET value = '1' WHERE key = 'schema_version';");
  EXPECT_EQ(raw_text(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"), "0");
  auto s = open_ok(db);
  ASSERT_TRUE(s);
  EXPECT_EQ(**s->get_setting("schema_version"), std::to_string(current_schema_version()));
  EXPECT_EQ(raw_text(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"), "6");
  EXPECT_EQ(*s->log_size(), 1u);
  const auto original = make_attest("t", "e");
  EXPECT_EQ(**s->get_bundle("t", original.receipt_id), original.bundle_json);
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
  // Tampering behind the store's back: drop the guards, then delete from the middle.
  raw_exec(db,
           "PRAGMA foreign_keys=OFF; DROP TRIGGER attests_no_delete; "
           "DROP TRIGGER log_entries_no_delete; DELETE FROM attests WHERE leaf_index = 1; "
           "DELETE FROM log_entries WHERE leaf_index = 1;");
  auto s = open_sqlite_store(db);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "store_corrupt");
}

TEST(SqliteStore, OpenDetectsLogEntryWithoutAttest) {
  TempDir dir;
  const std::string db = dir.file("v.db");
  {
    auto s = open_ok(db);
    ASSERT_TRUE(s);
    ASSERT_EQ(put_ok(*s, {make_attest("t", "1"), make_attest("t", "2")}).size(), 2u);
  }
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
  EXPECT_EQ(raw_text(db, "SELECT count(*) FROM log_entries"), "1");
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
