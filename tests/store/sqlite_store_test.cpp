#include "store/sqlite_store.hpp"

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "attest_fixtures.hpp"
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
    EXPECT_EQ(**v, "1");
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
  EXPECT_EQ(**s->get_setting("schema_version"), "1");
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

TEST(SqliteStore, SettingsUpsertAndReservedKey) {
  TempDir dir;
  auto s = open_ok(dir.file("v.db"));
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->get_setting("k")->has_value());
  ASSERT_TRUE(s->put_setting("k", "1").ok());
  ASSERT_TRUE(s->put_setting("k", "2").ok());
  EXPECT_EQ(**s->get_setting("k"), "2");
  auto reserved = s->put_setting("schema_version", "7");
  ASSERT_FALSE(reserved.ok());
  EXPECT_EQ(reserved.error().code, "setting_reserved");
  EXPECT_EQ(**s->get_setting("schema_version"), "1");
}

// ---- tenants ----

TEST(SqliteStore, TenantAddLookupAndDuplicates) {
  TempDir dir;
  auto s = open_ok(dir.file("v.db"));
  ASSERT_TRUE(s);
  TenantRecord a{"t_a", "Alpha", std::string(64, 'a'), 1};
  TenantRecord b{"t_b", "Beta", std::string(64, 'b'), 2};
  ASSERT_TRUE(s->add_tenant(a).ok());
  ASSERT_TRUE(s->add_tenant(b).ok());

  auto found = s->tenant_by_key_hash(std::string(64, 'b'));
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->tenant_id, "t_b");
  EXPECT_EQ((*found)->name, "Beta");
  EXPECT_EQ((*found)->created_ms, 2);
  EXPECT_FALSE(s->tenant_by_key_hash(std::string(64, 'c'))->has_value());

  const TenantRecord dups[] = {{"t_a", "Other", std::string(64, 'c'), 3},
                               {"t_c", "Alpha", std::string(64, 'c'), 3},
                               {"t_c", "Gamma", std::string(64, 'a'), 3}};
  for (const auto& d : dups) {
    auto st = s->add_tenant(d);
    ASSERT_FALSE(st.ok()) << d.tenant_id << " " << d.name;
    EXPECT_EQ(st.error().code, "tenant_exists");
  }
  auto empty = s->add_tenant(TenantRecord{"", "x", "y", 0});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, "tenant_invalid");

  auto all = s->tenants();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].tenant_id, "t_a");
  EXPECT_EQ((*all)[1].api_key_hash, std::string(64, 'b'));
}

// ---- tariffs ----

TariffRecord tariff(const std::string& id, std::uint64_t version, std::int64_t effective) {
  return TariffRecord{
      id,        version, "h" + std::to_string(version), R"({"v":)" + std::to_string(version) + "}",
      effective, 10};
}

TEST(SqliteStore, TariffsAreImmutable) {
  TempDir dir;
  auto s = open_ok(dir.file("v.db"));
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->put_tariff(tariff("std", 1, 1000)).ok());
  for (const auto& again : {tariff("std", 1, 1000), tariff("std", 1, 5)}) {
    auto st = s->put_tariff(again);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "tariff_version_exists");
  }
  auto stored = s->tariff("std", 1);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->effective_from_ms, 1000);
  EXPECT_EQ((*stored)->snapshot_json, R"({"v":1})");
  EXPECT_EQ((*stored)->content_hash, "h1");
  EXPECT_FALSE(s->tariff("std", 2)->has_value());
  EXPECT_FALSE(s->tariff("other", 1)->has_value());
  EXPECT_FALSE(s->tariff("std", ~std::uint64_t{0})->has_value());
  EXPECT_EQ(s->put_tariff(tariff("std", ~std::uint64_t{0}, 0)).error().code, "tariff_invalid");
}

TEST(SqliteStore, TariffEffectiveSelectsNewestVersionInForce) {
  TempDir dir;
  auto s = open_ok(dir.file("v.db"));
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->put_tariff(tariff("std", 1, 1000)).ok());
  ASSERT_TRUE(s->put_tariff(tariff("std", 2, 2000)).ok());
  ASSERT_TRUE(s->put_tariff(tariff("std", 3, 3000)).ok());
  ASSERT_TRUE(s->put_tariff(tariff("pro", 1, 0)).ok());

  auto version_at = [&](std::int64_t at) -> std::int64_t {
    auto t = s->tariff_effective("std", at);
    EXPECT_TRUE(t.ok());
    return t.ok() && t->has_value() ? static_cast<std::int64_t>((*t)->version) : -1;
  };
  EXPECT_EQ(version_at(999), -1);
  EXPECT_EQ(version_at(1000), 1);
  EXPECT_EQ(version_at(1999), 1);
  EXPECT_EQ(version_at(2000), 2);
  EXPECT_EQ(version_at(2999), 2);
  EXPECT_EQ(version_at(1'000'000), 3);
  EXPECT_FALSE(s->tariff_effective("none", 5000)->has_value());

  auto all = s->tariffs();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].tariff_id, "pro");
  EXPECT_EQ((*all)[3].version, 3u);
}

// ---- attests ----

TEST(SqliteStore, AttestCreateReplayConflict) {
  TempDir dir;
  auto s = open_ok(dir.file("v.db"));
  ASSERT_TRUE(s);
  auto original = make_attest("t_a", "e1", "p1");
  auto created = put_ok(*s, {original});
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(created[0].outcome, PutOutcome::kCreated);
  EXPECT_EQ(created[0].leaf_index, 0u);
  EXPECT_EQ(created[0].receipt_id, original.receipt_id);

  // Identical retry, even with a freshly signed receipt: the original comes back.
  auto retry = make_attest("t_a", "e1", "p1");
  retry.receipt_id = "rcpt:fresh";
  retry.bundle_json = R"({"fresh":1})";
  auto replayed = put_ok(*s, {retry});
  ASSERT_EQ(replayed.size(), 1u);
  EXPECT_EQ(replayed[0].outcome, PutOutcome::kReplayed);
  EXPECT_EQ(replayed[0].receipt_id, original.receipt_id);
  EXPECT_EQ(replayed[0].bundle_json, original.bundle_json);
  EXPECT_EQ(replayed[0].leaf_index, 0u);

  auto conflict = put_ok(*s, {make_attest("t_a", "e1", "p2")});
  ASSERT_EQ(conflict.size(), 1u);
  EXPECT_EQ(conflict[0].outcome, PutOutcome::kConflict);
  EXPECT_EQ(conflict[0].receipt_id, original.receipt_id);
  EXPECT_TRUE(conflict[0].bundle_json.empty());

  EXPECT_EQ(*s->log_size(), 1u);
  EXPECT_EQ(*s->attest_count("t_a"), 1u);
  auto bundle = s->get_bundle("t_a", original.receipt_id);
  ASSERT_TRUE(bundle.ok() && bundle->has_value());
  EXPECT_EQ(**bundle, original.bundle_json);
  EXPECT_FALSE(s->get_bundle("t_a", "rcpt:fresh")->has_value());
}

TEST(SqliteStore, BatchWithInternalDuplicatesIsHandledInOrder) {
  TempDir dir;
  auto s = open_ok(dir.file("v.db"));
  ASSERT_TRUE(s);
  auto results =
      put_ok(*s, {make_attest("t", "a"), make_attest("t", "a"), make_attest("t", "a", "other"),
                  make_attest("t", "b"), make_attest("t", "b", "other"), make_attest("t", "c")});
  ASSERT_EQ(results.size(), 6u);
  const PutOutcome expected[] = {PutOutcome::kCreated, PutOutcome::kReplayed, PutOutcome::kConflict,
                                 PutOutcome::kCreated, PutOutcome::kConflict, PutOutcome::kCreated};
  const std::uint64_t leaves[] = {0, 0, 0, 1, 1, 2};
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(results[i].outcome, expected[i]) << i;
    EXPECT_EQ(results[i].leaf_index, leaves[i]) << i;
  }
  EXPECT_EQ(*s->log_size(), 3u);
  EXPECT_EQ(*s->attest_count("t"), 3u);
}

TEST(SqliteStore, LeafIndicesAreContiguousAndStableAcrossReopen) {
  TempDir dir;
  const std::string db = dir.file("v.db");
  std::vector<std::string> expected;
  {
    auto s = open_ok(db);
    ASSERT_TRUE(s);
    for (int batch = 0; batch < 5; ++batch) {
      std::vector<AttestRecord> records;
      for (int i = 0; i < 7; ++i) {
        records.push_back(make_attest("t" + std::to_string(i % 2), std::to_string(batch * 7 + i)));
        expected.push_back(records.back().leaf);
      }
      auto results = put_ok(*s, records);
      for (int i = 0; i < 7; ++i) EXPECT_EQ(results[i].leaf_index, std::uint64_t(batch * 7 + i));
    }
  }
  auto s = open_ok(db);
  ASSERT_TRUE(s);
  EXPECT_EQ(*s->log_size(), 35u);
  auto leaves = s->log_leaves(0, 35);
  ASSERT_TRUE(leaves.ok());
  EXPECT_EQ(*leaves, expected);
  auto middle = s->log_leaves(10, 12);
  ASSERT_TRUE(middle.ok());
  EXPECT_EQ(*middle, (std::vector<std::string>{expected[10], expected[11]}));
  EXPECT_TRUE(s->log_leaves(35, 35)->empty());
  EXPECT_EQ(s->log_leaves(30, 36).error().code, "log_range");
  EXPECT_EQ(s->log_leaves(5, 4).error().code, "log_range");
  EXPECT_EQ(s->log_leaves(0, ~std::uint64_t{0}).error().code, "log_range");

  auto next = put_ok(*s, {make_attest("t0", "after-reopen")});
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].leaf_index, 35u);
}

TEST(SqliteStore, TenantScoping) {
  TempDir dir;
  auto s = open_ok(dir.file("v.db"));
  ASSERT_TRUE(s);
  auto a = make_attest("t_a", "same-event");
  auto b = make_attest("t_b", "same-event", "different");
  auto results = put_ok(*s, {a, b});
  ASSERT_EQ(results.size(), 2u);
  // The replay key is per tenant: the same event id in two tenants is two events.
  EXPECT_EQ(results[0].outcome, PutOutcome::kCreated);
  EXPECT_EQ(results[1].outcome, PutOutcome::kCreated);
  EXPECT_TRUE(s->get_bundle("t_a", a.receipt_id)->has_value());
  EXPECT_FALSE(s->get_bundle("t_b", a.receipt_id)->has_value());
  EXPECT_FALSE(s->get_bundle("t_a", b.receipt_id)->has_value());
  EXPECT_EQ(**s->get_bundle("t_b", b.receipt_id), b.bundle_json);
  EXPECT_EQ(*s->attest_count("t_a"), 1u);
  EXPECT_EQ(*s->attest_count("t_b"), 1u);
  EXPECT_EQ(*s->attest_count("t_c"), 0u);
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

TEST(SqliteStore, InvalidRecordRejectsBatchBeforeWriting) {
  TempDir dir;
  auto s = open_ok(dir.file("v.db"));
  ASSERT_TRUE(s);
  auto bad = make_attest("t", "e2");
  bad.request_hash.clear();
  auto r = s->put_attests(std::vector<AttestRecord>{make_attest("t", "e1"), bad});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "attest_invalid");
  EXPECT_EQ(*s->log_size(), 0u);
  auto huge = make_attest("t", std::string(257, 'e'));
  EXPECT_EQ(s->put_attests(std::vector<AttestRecord>{huge}).error().code, "attest_invalid");
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
  raw_exec(db,
           "PRAGMA foreign_keys=OFF; DELETE FROM attests WHERE leaf_index = 1; "
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
  raw_exec(db, "DELETE FROM attests WHERE leaf_index = 1;");
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

TEST(SqliteStore, ConcurrentReadersDuringWrites) {
  TempDir dir;
  auto s = open_ok(dir.file("v.db"));
  ASSERT_TRUE(s);
  std::atomic<bool> done{false};
  std::atomic<int> read_errors{0};
  std::atomic<std::uint64_t> reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 6; ++t) {  // more threads than pooled connections
    readers.emplace_back([&] {
      std::uint64_t last = 0;
      while (!done.load()) {
        auto n = s->log_size();
        if (!n.ok() || *n < last) ++read_errors;
        if (n.ok()) last = *n;
        if (n.ok() && *n > 0) {
          auto leaves = s->log_leaves(*n - 1, *n);
          if (!leaves.ok() || leaves->size() != 1) ++read_errors;
        }
        ++reads;
      }
    });
  }
  for (int b = 0; b < 40; ++b) {
    ASSERT_EQ(put_ok(*s, {make_attest("t", std::to_string(b))}).size(), 1u);
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(read_errors.load(), 0);
  EXPECT_GT(reads.load(), 0u);
  EXPECT_EQ(*s->log_size(), 40u);
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
