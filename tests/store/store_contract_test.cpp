// The Store contract (store.hpp), written against the interface only so that every backend
// runs the same suite: the SQLite backend now, PostgreSQL when it lands (add a Backend to the
// instantiation at the bottom). Backend-specific behaviour (files, WAL, corruption detection)
// is tested beside each backend, e.g. sqlite_store_test.cpp.
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "attest_fixtures.hpp"
#include "store/sqlite_store.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

namespace verimeter::store {
namespace {

using testing::make_attest;
using testing::TempDir;

struct Backend {
  std::string name;
  // Opens (or reopens) the backend's store whose state lives under `dir`.
  std::function<Result<std::unique_ptr<Store>>(const TempDir& dir)> open;
};

class StoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  std::unique_ptr<Store> open_store() {
    auto s = GetParam().open(dir_);
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().code + ": " + s.error().message);
    return s.ok() ? std::move(s).value() : nullptr;
  }

 private:
  TempDir dir_;
};

std::vector<PutResult> put_ok(Store& s, const std::vector<AttestRecord>& records) {
  auto r = s.put_attests(records);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().code + ": " + r.error().message);
  return r.ok() ? std::move(r).value() : std::vector<PutResult>{};
}

TariffRecord tariff(const std::string& id, std::uint64_t version, std::int64_t effective) {
  return TariffRecord{
      id,        version, "h" + std::to_string(version), R"({"v":)" + std::to_string(version) + "}",
      effective, 10};
}

TEST_P(StoreContract, SettingsUpsertAndReservedKey) {
  auto s = open_store();
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->get_setting("k")->has_value());
  auto version = s->get_setting("schema_version");
  ASSERT_TRUE(version.ok() && version->has_value());
  ASSERT_TRUE(s->put_setting("k", "1").ok());
  ASSERT_TRUE(s->put_setting("k", "2").ok());
  EXPECT_EQ(**s->get_setting("k"), "2");
  auto reserved = s->put_setting("schema_version", "7");
  ASSERT_FALSE(reserved.ok());
  EXPECT_EQ(reserved.error().code, "setting_reserved");
  EXPECT_EQ(**s->get_setting("schema_version"), **version);
}

TEST_P(StoreContract, TenantAddLookupAndDuplicates) {
  auto s = open_store();
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

TEST_P(StoreContract, TariffsAreImmutable) {
  auto s = open_store();
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

// Which version is in force at a time is the server's TariffResolver's rule (tested there), over
// this listing.
TEST_P(StoreContract, TariffsListsEveryVersionInOrder) {
  auto s = open_store();
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->put_tariff(tariff("std", 1, 1000)).ok());
  ASSERT_TRUE(s->put_tariff(tariff("std", 2, 2000)).ok());
  ASSERT_TRUE(s->put_tariff(tariff("std", 3, 3000)).ok());
  ASSERT_TRUE(s->put_tariff(tariff("pro", 1, 0)).ok());

  auto all = s->tariffs();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].tariff_id, "pro");
  for (std::size_t i = 1; i < 4; ++i) {
    EXPECT_EQ((*all)[i].tariff_id, "std");
    EXPECT_EQ((*all)[i].version, i);
    EXPECT_EQ((*all)[i].effective_from_ms, static_cast<std::int64_t>(1000 * i));
  }
}

TEST_P(StoreContract, AttestCreateReplayConflict) {
  auto s = open_store();
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

// A bundle that holds its leaf verbatim (as every real bundle does) comes back byte for byte,
// whether read, replayed or read after a reopen, however the backend stores it.
TEST_P(StoreContract, BundleHoldingItsLeafRoundTrips) {
  auto s = open_store();
  ASSERT_TRUE(s);
  auto r = make_attest("t_a", "e-leaf");
  r.leaf = R"({"receipt_id":"rcpt:leaf","tenant":"t_a"})";
  r.bundle_json = R"({"meter":{"receipt":null},"provider_usage":{},"receipt":)" + r.leaf +
                  R"(,"signature":{"sig":"AA=="},"tariff":null,"zk_proof":null})";
  ASSERT_EQ(put_ok(*s, {r})[0].outcome, PutOutcome::kCreated);
  EXPECT_EQ(**s->get_bundle("t_a", r.receipt_id), r.bundle_json);
  auto replayed = put_ok(*s, {r});
  EXPECT_EQ(replayed[0].outcome, PutOutcome::kReplayed);
  EXPECT_EQ(replayed[0].bundle_json, r.bundle_json);

  // A bundle that already shows the elided form is stored and returned exactly as given.
  auto odd = make_attest("t_a", "e-odd");
  odd.leaf = R"({"x":1})";
  odd.bundle_json = R"({"a":{"b":1,"receipt":null,"signature":2},"receipt":{"x":1},"signature":3})";
  ASSERT_EQ(put_ok(*s, {odd})[0].outcome, PutOutcome::kCreated);
  EXPECT_EQ(**s->get_bundle("t_a", odd.receipt_id), odd.bundle_json);
}

TEST_P(StoreContract, BatchWithInternalDuplicatesIsHandledInOrder) {
  auto s = open_store();
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

TEST_P(StoreContract, LeafIndicesAreContiguousAndStableAcrossReopen) {
  std::vector<std::string> expected;
  {
    auto s = open_store();
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
  auto s = open_store();
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

TEST_P(StoreContract, TenantScoping) {
  auto s = open_store();
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

TEST_P(StoreContract, InvalidRecordRejectsBatchBeforeWriting) {
  auto s = open_store();
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

TEST_P(StoreContract, ConcurrentReadersDuringWrites) {
  auto s = open_store();
  ASSERT_TRUE(s);
  std::atomic<bool> done{false};
  std::atomic<int> read_errors{0};
  std::atomic<std::uint64_t> reads{0};
  std::mutex first_error_mu;
  std::string first_error;
  auto fail = [&](const std::string& why) {
    ++read_errors;
    std::lock_guard lock(first_error_mu);
    if (first_error.empty()) first_error = why;
  };
  std::vector<std::thread> readers;
  for (int t = 0; t < 6; ++t) {  // more threads than pooled connections
    readers.emplace_back([&] {
      std::uint64_t last = 0;
      while (!done.load()) {
        auto n = s->log_size();
        if (!n.ok()) fail("log_size: " + n.error().code + ": " + n.error().message);
        if (n.ok() && *n < last) fail("log size went backwards");
        if (n.ok()) last = *n;
        if (n.ok() && *n > 0) {
          auto leaves = s->log_leaves(*n - 1, *n);
          if (!leaves.ok())
            fail("log_leaves: " + leaves.error().code + ": " + leaves.error().message);
          else if (leaves->size() != 1)
            fail("log_leaves returned " + std::to_string(leaves->size()));
        }
        ++reads;
      }
    });
  }
  // Writes start once the readers run (on a loaded machine threads may start late).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (reads.load() < 6 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  for (int b = 0; b < 40; ++b) {
    ASSERT_EQ(put_ok(*s, {make_attest("t", std::to_string(b))}).size(), 1u);
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(read_errors.load(), 0) << first_error;
  EXPECT_GT(reads.load(), 0u);
  EXPECT_EQ(*s->log_size(), 40u);
}
INSTANTIATE_TEST_SUITE_P(
    Backends, StoreContract,
    ::testing::Values(Backend{
        "sqlite", [](const TempDir& dir) { return open_sqlite_store(dir.file("store.db")); }}),
    [](const ::testing::TestParamInfo<Backend>& info) { return info.param.name; });

}  // namespace
}  // namespace verimeter::store
