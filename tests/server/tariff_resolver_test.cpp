// TariffResolver on a real SQLite store: which version prices an attest, when a version
// published behind its back becomes visible (at the refresh, or at once after invalidate()),
// and that a stored snapshot that does not hash to its recorded hash is refused.
#include "server/tariff_resolver.hpp"

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "billing/default_tariff.hpp"
#include "store/sqlite_store.hpp"
#include "store/temp_dir.hpp"

namespace verimeter::server {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kT0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

class TariffResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open_sqlite_store(dir_.file("v.db"));
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
  }

  // Publishes `id` version `v`, effective from `from_ms`; returns its content hash.
  std::string publish(const std::string& id, std::uint64_t v, std::int64_t from_ms) {
    billing::TariffSnapshot t = billing::default_tariff();
    t.tariff_id = id;
    t.version = v;
    t.effective_from = from_ms;
    const std::string hash = billing::tariff_content_hash(t);
    EXPECT_TRUE(
        store_->put_tariff({id, v, hash, billing::tariff_canonical_bytes(t), from_ms, from_ms})
            .ok());
    return hash;
  }

  store::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(TariffResolverTest, PicksTheHighestVersionEffectiveAtTheEventTime) {
  const std::string v1 = publish("std", 1, kT0);
  const std::string v2 = publish("std", 2, kT0 + 10 * kDay);
  TariffResolver r(*store_, 1h);
  EXPECT_EQ(r.resolve("std", kT0)->get()->content_hash, v1);
  EXPECT_EQ(r.resolve("std", kT0 + 10 * kDay - 1)->get()->content_hash, v1);
  EXPECT_EQ(r.resolve("std", kT0 + 10 * kDay)->get()->content_hash, v2);
  EXPECT_EQ(r.resolve("std", kT0 + 400 * kDay)->get()->content_hash, v2);
  auto before = r.resolve("std", kT0 - 1);
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().code, "tariff_not_found");
  EXPECT_EQ(r.resolve("nope", kT0).error().code, "tariff_not_found");
  // Pinned once per content hash: the same object every time.
  EXPECT_EQ(r.resolve("std", kT0)->get(), r.resolve("std", kT0 + 1)->get());
}

// A newer version of a known tariff, published by another process, is not seen while the index
// is fresh (the resolver reads no database per attest), and is seen at once after invalidate().
TEST_F(TariffResolverTest, InvalidateMakesANewVersionVisibleAtOnce) {
  const std::string v1 = publish("std", 1, kT0);
  TariffResolver r(*store_, 1h);
  ASSERT_EQ(r.resolve("std", kT0 + kDay)->get()->content_hash, v1);
  const std::string v2 = publish("std", 2, kT0 + kDay);
  EXPECT_EQ(r.resolve("std", kT0 + kDay)->get()->content_hash, v1);  // cached index
  r.invalidate();
  EXPECT_EQ(r.resolve("std", kT0 + kDay)->get()->content_hash, v2);
}

// With a short refresh the same newer version appears without invalidate().
TEST_F(TariffResolverTest, RefreshIntervalBoundsStaleness) {
  const std::string v1 = publish("std", 1, kT0);
  TariffResolver r(*store_, 50ms);
  ASSERT_EQ(r.resolve("std", kT0 + kDay)->get()->content_hash, v1);
  const std::string v2 = publish("std", 2, kT0 + kDay);
  std::this_thread::sleep_for(80ms);
  EXPECT_EQ(r.resolve("std", kT0 + kDay)->get()->content_hash, v2);
}

// An id the index does not know is looked up again (at most every 100 ms), so a tariff
// published by another process can be named before the next refresh.
TEST_F(TariffResolverTest, UnknownIdIsLookedUpAgainAfterAShortDelay) {
  publish("std", 1, kT0);
  TariffResolver r(*store_, 1h);
  ASSERT_TRUE(r.resolve("std", kT0).ok());
  const std::string other = publish("other", 1, kT0);
  std::this_thread::sleep_for(150ms);
  auto found = r.resolve("other", kT0);
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found->get()->content_hash, other);
}

TEST_F(TariffResolverTest, SnapshotThatDoesNotMatchItsHashIsRefused) {
  billing::TariffSnapshot t = billing::default_tariff();
  t.tariff_id = "bad";
  t.version = 1;
  t.effective_from = kT0;
  const std::string wrong(64, 'a');
  ASSERT_TRUE(
      store_->put_tariff({"bad", 1, wrong, billing::tariff_canonical_bytes(t), kT0, kT0}).ok());
  TariffResolver r(*store_, 1h);
  auto res = r.resolve("bad", kT0);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, "store_corrupt");
}

}  // namespace
}  // namespace verimeter::server
