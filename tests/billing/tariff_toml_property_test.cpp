// Random snapshots written as TOML (tariff_toml_writer.hpp) must parse to the very snapshot
// that their JSON gives: same fields, same canonical bytes, same content hash. The same random
// snapshots check the direct canonical writer against the generic JCS writer.
#include <gtest/gtest.h>

#include <random>

#include "billing/tariff.hpp"
#include "core/jcs.hpp"
#include "tariff_toml_writer.hpp"

namespace verimeter::billing {
namespace {

class TomlGen {
 public:
  explicit TomlGen(std::uint64_t seed) : rng_(seed) {}
  std::uint64_t below(std::uint64_t n) {
    return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng_);
  }
  std::uint64_t number() {
    return below(4) == 0 ? kMaxJsonInteger - below(10) : below(100'000'000);
  }
  ModelPrice model(std::string match) {
    ModelPrice m;
    m.match = std::move(match);
    for (auto& p : m.per_million) p = number();
    for (std::size_t b = 0; b < kBucketCount; ++b) {
      if (below(3) != 0) continue;
      std::vector<Tier> tiers{{std::nullopt, m.per_million[b]}};
      std::uint64_t up = 0;
      for (std::size_t k = below(4); k > 0; --k) {
        up += 1 + below(kMaxJsonInteger / 8);
        tiers.back().up_to = up;
        tiers.push_back({std::nullopt, number()});
      }
      m.tiers[kBucketNames[b]] = std::move(tiers);
    }
    for (std::size_t k = below(4); k > 0; --k) {
      m.request_fees["fee_" + std::to_string(below(100))] = number();
    }
    return m;
  }
  TariffSnapshot tariff() {
    TariffSnapshot t;
    t.tariff_id = "t" + std::to_string(below(1'000'000)) + (below(2) ? ".v_x-1" : "");
    t.version = 1 + below(kMaxJsonInteger);
    t.effective_from = static_cast<UnixMillis>(86'400'000 + below(253'300'000'000'000));
    t.currency = std::string(1, static_cast<char>('A' + below(26))) + "UR";
    t.exponent = static_cast<std::uint32_t>(below(19));
    t.rounding = kAllRoundingRules[below(5)];
    t.minimum_charge = below(2) ? number() / 2 : 0;
    if (below(2)) t.maximum_charge = t.minimum_charge + below(1000);
    for (std::size_t i = 0, n = 1 + below(6); i < n; ++i) {
      switch (below(3)) {
        case 0:
          t.models.push_back(model("e" + std::to_string(i) + "-x"));
          break;
        case 1:
          t.models.push_back(model("p" + std::to_string(i) + "-*"));
          break;
        default:
          t.models.push_back(model("q\"\\" + std::to_string(i) + "'#=[]"));
          break;
      }
    }
    if (below(2)) t.models.push_back(model("*"));
    return t;
  }
  std::optional<int> offset() {
    if (below(4) == 0) return std::nullopt;
    return static_cast<int>(below(15 * 4 + 12 * 4 + 1)) * 15 - 12 * 60;  // -12:00 .. +14:00
  }

 private:
  std::mt19937_64 rng_;
};

TEST(TariffTomlProperty, RandomSnapshotsGiveTheSameSnapshotAsJson) {
  TomlGen g(31337);
  for (int i = 0; i < 1500; ++i) {
    const TariffSnapshot t = g.tariff();
    ASSERT_TRUE(validate_tariff(t).ok()) << validate_tariff(t).error().message;
    // The direct canonical writer agrees with the generic JCS of the JSON tree.
    EXPECT_EQ(tariff_canonical_bytes(t), *jcs_canonicalize(tariff_to_json(t)));
    const std::string toml = testing::tariff_to_toml(t, g.offset());
    auto parsed = parse_tariff_toml(toml);
    ASSERT_TRUE(parsed.ok()) << parsed.error().code << ": " << parsed.error().message << "\n"
                             << toml;
    EXPECT_EQ(*parsed, t) << toml;
    EXPECT_EQ(tariff_content_hash(*parsed), tariff_content_hash(t));
    auto from_json = parse_tariff_json(tariff_canonical_bytes(t));
    ASSERT_TRUE(from_json.ok());
    EXPECT_EQ(*from_json, *parsed);
  }
}

}  // namespace
}  // namespace verimeter::billing
