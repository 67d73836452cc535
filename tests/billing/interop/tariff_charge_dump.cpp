// Emits seeded random tariffs, usages and their charges as JSON lines for the node cross-check
// (tests/billing/js/tariff_interop.mjs), which recomputes the canonical bytes and content hash
// with `canonicalize` (RFC 8785) and node:crypto, reads each tariff's TOML form with
// `smol-toml`, and recomputes the charge with BigInt arithmetic.
// Usage: billing_tariff_dump COUNT SEED
#include <cstdio>
#include <random>
#include <string>

#include "../tariff_toml_writer.hpp"
#include "billing/charge.hpp"
#include "core/jcs.hpp"

namespace {

using namespace verimeter;
using namespace verimeter::billing;

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}
  std::uint64_t below(std::uint64_t n) {
    return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng_);
  }
  std::uint64_t price() {
    switch (below(16)) {
      case 0:
        return kMaxJsonInteger - below(3);
      case 1:
        return 0;
      default:
        return below(30'000'000);
    }
  }
  std::uint64_t tokens() {
    switch (below(40)) {
      case 0:
        return kMaxJsonInteger - below(3);
      case 1:
        return kMaxJsonInteger + 1 + below(3);
      case 2:
        return 0;
      default:
        return below(3'000'000);
    }
  }
  ModelPrice model(std::string match) {
    ModelPrice m;
    m.match = std::move(match);
    for (auto& p : m.per_million) p = price();
    for (std::size_t b = 0; b < kBucketCount; ++b) {
      if (below(4) != 0) continue;
      std::vector<Tier> tiers{{std::nullopt, m.per_million[b]}};
      std::uint64_t up = 0;
      for (std::size_t k = 1 + below(3); k > 0; --k) {
        up += 1 + below(1'000'000);
        tiers.back().up_to = up;
        tiers.push_back({std::nullopt, price()});
      }
      m.tiers[kBucketNames[b]] = std::move(tiers);
    }
    if (below(2) == 0) m.request_fees["web_search_requests"] = below(50'000);
    if (below(3) == 0) m.request_fees["file_search_requests"] = below(5'000);
    return m;
  }
  TariffSnapshot tariff() {
    TariffSnapshot t;
    t.tariff_id = "interop-" + std::to_string(below(1000));
    t.version = 1 + below(kMaxJsonInteger);
    t.effective_from = static_cast<UnixMillis>(86'400'000 + below(253'300'000'000'000));
    t.currency = below(2) == 0 ? "USD" : "EUR";
    t.exponent = static_cast<std::uint32_t>(below(19));
    t.rounding = kAllRoundingRules[below(5)];
    t.minimum_charge = below(2) == 0 ? below(1000) : 0;
    if (below(2) == 0) t.maximum_charge = t.minimum_charge + below(100'000'000);
    for (const char* match : {"m-a", "m-b*", "m-*", "*"}) {
      if (below(3) != 0) t.models.push_back(model(match));
    }
    if (t.models.empty()) t.models.push_back(model("m-a"));
    return t;
  }
  UsageBuckets usage() {
    UsageBuckets u;
    std::uint64_t* f[] = {&u.input_uncached,
                          &u.input_cache_read,
                          &u.input_cache_write_5m,
                          &u.input_cache_write_1h,
                          &u.output_visible,
                          &u.output_reasoning,
                          &u.audio_in,
                          &u.audio_out};
    for (auto* p : f) *p = below(2) == 0 ? tokens() : 0;
    return u;
  }
  std::vector<RequestCount> requests() {
    std::vector<RequestCount> r;
    if (below(3) == 0) r.push_back({"file_search_requests", 1 + below(5)});
    if (below(2) == 0) r.push_back({"web_search_requests", 1 + below(5)});
    return r;
  }

 private:
  std::mt19937_64 rng_;
};

Json requests_json(const std::vector<RequestCount>& requests) {
  Json out = Json::array();
  for (const auto& r : requests) out.push_back({{"name", r.name}, {"count", r.count}});
  return out;
}

// Bucket counts may exceed 2^53 (hostile input): they travel as decimal strings here.
Json buckets_json(const UsageBuckets& u) {
  const std::uint64_t v[] = {u.input_uncached,
                             u.input_cache_read,
                             u.input_cache_write_5m,
                             u.input_cache_write_1h,
                             u.output_visible,
                             u.output_reasoning,
                             u.audio_in,
                             u.audio_out};
  Json out = Json::object();
  for (std::size_t i = 0; i < kBucketCount; ++i) out[kBucketNames[i]] = std::to_string(v[i]);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s COUNT SEED\n", argv[0]);
    return 2;
  }
  const long count = std::stol(argv[1]);
  Gen g(std::stoull(argv[2]));
  const char* models[] = {"m-a", "m-b", "m-b7", "m-c", "x"};
  for (long i = 0; i < count; ++i) {
    const TariffSnapshot t = g.tariff();
    if (!validate_tariff(t).ok()) {
      std::fprintf(stderr, "generated an invalid tariff: %s\n",
                   validate_tariff(t).error().message.c_str());
      return 1;
    }
    std::optional<int> offset;
    if (g.below(3) != 0) offset = static_cast<int>(g.below(105)) * 15 - 720;
    const std::string toml = testing::tariff_to_toml(t, offset);
    auto from_toml = parse_tariff_toml(toml);
    if (!from_toml.ok() || !(*from_toml == t)) {
      std::fprintf(stderr, "TOML form does not parse back:\n%s\n", toml.c_str());
      return 1;
    }
    const char* model = models[g.below(5)];
    const UsageBuckets u = g.usage();
    const auto req = g.requests();
    auto c = compute_charge(t, model, u, req);
    Json line{{"tariff", tariff_to_json(t)},
              {"canonical", tariff_canonical_bytes(t)},
              {"content_hash", tariff_content_hash(t)},
              {"toml", toml},
              {"model", model},
              {"buckets", buckets_json(u)},
              {"requests", requests_json(req)}};
    if (c.ok()) {
      line["charge"] = charge_to_json(*c);
      line["charge_jcs"] = *jcs_canonicalize(charge_to_json(*c));
    } else {
      line["error"] = c.error().code;
    }
    std::printf("%s\n", line.dump().c_str());
  }
  return 0;
}
