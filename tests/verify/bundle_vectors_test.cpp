// Bundle test vectors (docs/spec/bundle.md §Test vectors): a bundle built from fixed inputs must
// be reproduced byte for byte, and must verify offline. Set VERIMETER_WRITE_VECTORS=1 to
// regenerate the files after an intended format change.
#include <cstdlib>

#include <gtest/gtest.h>

#include "billing/attest.hpp"
#include "billing/bundle.hpp"
#include "billing/default_tariff.hpp"
#include "core/file.hpp"
#include "crypto/note_key.hpp"
#include "verify/bundle_verifier.hpp"
#include "verify/trust.hpp"

namespace verimeter::verify {
namespace {

const std::string kDir = std::string(VERIMETER_SOURCE_DIR) + "/tests/verify/vectors/";

crypto::NoteSigner vector_signer() {
  crypto::Seed seed;
  for (int i = 0; i < 32; ++i) seed[i] = static_cast<std::uint8_t>(0x20 + i);
  return *crypto::make_signer("vectors.verimeter.test/log", crypto::NoteKeyType::kEd25519, seed);
}

Trust vector_trust() {
  Trust t;
  t.operator_keys = {vector_signer().verifier()};
  t.log_origin = "vectors.verimeter.test/log";
  t.checkpoint_keys = t.operator_keys;
  return t;
}

Json make_vector_bundle() {
  const auto response = *parse_json(*read_file(std::string(VERIMETER_SOURCE_DIR) +
                                               "/tests/billing/fixtures/samples/openai.json"));
  const Json body = {{"event_id", "evt-vector-0001"},
                     {"provider", "openai"},
                     {"model", "gpt-4o"},
                     {"event_time", "2026-11-01T12:00:00.000Z"},
                     {"response_body", response}};
  auto req = billing::parse_attest_request(body);
  EXPECT_TRUE(req.ok());
  const auto signer = vector_signer();
  billing::AttestContext ctx{"t_00000000000000aa",
                             &signer,
                             "vectors.verimeter.test/log",
                             60000,
                             1793534400000 /* 2026-11-01T12:00:00Z */,
                             nullptr,
                             "rcpt_000102030405060708090a0b0c0d0e0f",
                             /*embed_tariff=*/true};
  auto out = billing::attest(*req, billing::default_tariff(), ctx);
  EXPECT_TRUE(out.ok()) << (out.ok() ? "" : out.error().message);
  if (!out.ok()) return Json();
  auto parsed = parse_json(out->bundle);
  EXPECT_TRUE(parsed.ok());
  return parsed.ok() ? *parsed : Json();
}

TEST(BundleVectors, RegeneratesByteForByte) {
  const std::string bundle = make_vector_bundle().dump(2) + "\n";
  const std::string trust = trust_to_json(vector_trust()).dump(2) + "\n";
  if (std::getenv("VERIMETER_WRITE_VECTORS")) {
    ASSERT_TRUE(write_file_durable(kDir + "bundle-openai-v1.json", bundle).ok());
    ASSERT_TRUE(write_file_durable(kDir + "trust.json", trust).ok());
  }
  EXPECT_EQ(*read_file(kDir + "bundle-openai-v1.json"), bundle);
  EXPECT_EQ(*read_file(kDir + "trust.json"), trust);
}

TEST(BundleVectors, VerifiesOffline) {
  const auto trust = parse_trust(*read_file(kDir + "trust.json"));
  ASSERT_TRUE(trust.ok());
  const auto bundle = parse_json(*read_file(kDir + "bundle-openai-v1.json"));
  ASSERT_TRUE(bundle.ok());
  const auto report = verify_bundle(*bundle, *trust);
  EXPECT_TRUE(report.ok) << report.to_json().dump(2);
  for (const auto& c : report.checks) {
    if (c.check == "inclusion_proof" || c.check == "zk_proof") {
      EXPECT_EQ(c.result, CheckResult::kNotRequired);
    } else {
      EXPECT_EQ(c.result, CheckResult::kPass) << c.check;
    }
  }
}

TEST(BundleVectors, OtherKeyOrOriginOrPolicyFails) {
  const auto bundle = *parse_json(*read_file(kDir + "bundle-openai-v1.json"));
  Trust other = vector_trust();
  other.operator_keys = {crypto::generate_signer("vectors.verimeter.test/log")->verifier()};
  EXPECT_EQ(verify_bundle(bundle, other).first_failure()->code, "unknown_key");
  Trust rotated = vector_trust();
  rotated.operator_keys.insert(rotated.operator_keys.begin(),
                               crypto::generate_signer("vectors.verimeter.test/log2")->verifier());
  EXPECT_TRUE(verify_bundle(bundle, rotated).ok);  // old keys stay verifiable after rotation
  Trust origin = vector_trust();
  origin.log_origin = "elsewhere.example/log";
  EXPECT_EQ(verify_bundle(bundle, origin).first_failure()->code, "log_origin_mismatch");
  Trust strict = vector_trust();
  strict.require_inclusion_proof = true;
  EXPECT_EQ(verify_bundle(bundle, strict).first_failure()->code, "inclusion_proof_missing");
}

// A malformed field whose value is long and non-ASCII fails with a report that is itself valid
// JSON text: the message quotes whole characters only (a quote cut inside "é" once made the
// report writer throw, aborting `verimeter verify` and answering 500 on /v1/verify).
TEST(BundleVectors, AReportQuotingALongNonAsciiValueIsWritable) {
  Json bundle = make_vector_bundle();
  std::string value = "a";
  for (int i = 0; i < 60; ++i) value += "\xC3\xA9";  // é
  bundle["tariff"]["effective_from"] = value;
  const auto report = verify_bundle(bundle, vector_trust());
  EXPECT_FALSE(report.ok);
  std::string text;
  EXPECT_NO_THROW(text = report.to_json().dump());
  EXPECT_TRUE(parse_json(text).ok());
}

TEST(BundleVectors, DeterministicChargeAndFingerprint) {
  const Json a = make_vector_bundle();
  const Json b = make_vector_bundle();
  EXPECT_EQ(a["receipt"]["charge"], b["receipt"]["charge"]);
  EXPECT_EQ(a["billing_fingerprint"], b["billing_fingerprint"]);
  EXPECT_EQ(a.dump(), b.dump());  // Ed25519 is deterministic, every input is fixed
}

}  // namespace
}  // namespace verimeter::verify

namespace verimeter::verify {
namespace {

// The tariff cache never lets a changed snapshot through: a tampered tariff under a cached hash
// still fails, and the cached path gives the same report as the uncached one.
TEST(BundleVectors, TariffCacheIsTransparent) {
  const auto trust = *parse_trust(*read_file(kDir + "trust.json"));
  const auto bundle = *parse_json(*read_file(kDir + "bundle-openai-v1.json"));
  TariffCache cache;
  EXPECT_TRUE(verify_bundle(bundle, trust, &cache).ok);
  EXPECT_TRUE(verify_bundle(bundle, trust, &cache).ok);  // served from the cache
  Json tampered = bundle;
  tampered["tariff"]["minimum_charge"] =
      tampered["tariff"]["minimum_charge"].get<std::uint64_t>() + 1;
  const auto cached = verify_bundle(tampered, trust, &cache);
  const auto uncached = verify_bundle(tampered, trust);
  ASSERT_FALSE(cached.ok);
  EXPECT_EQ(cached.to_json(), uncached.to_json());
  Json renamed = bundle;
  renamed["receipt"]["tariff"]["version"] = 2;
  EXPECT_FALSE(verify_bundle(renamed, trust, &cache).ok);
}

}  // namespace
}  // namespace verimeter::verify

namespace verimeter::verify {
namespace {

// The server stores bundles with "tariff": null and splices the pinned tariff text back in;
// the result is the same bundle, even when the provider's usage object mimics the slot.
TEST(BundleVectors, SplicedTariffGivesTheSameBundle) {
  const Json full = make_vector_bundle();
  Json compact = full;
  compact["tariff"] = nullptr;
  compact["provider_usage"]["tariff"] = nullptr;  // a hostile look-alike of the slot
  compact["provider_usage"]["zk_proof"] = 1;
  const auto pinned = billing::pin_tariff(billing::default_tariff());
  auto spliced = billing::splice_tariff(compact.dump(), pinned.canonical);
  ASSERT_TRUE(spliced.ok());
  Json expected = full;
  expected["provider_usage"]["tariff"] = nullptr;
  expected["provider_usage"]["zk_proof"] = 1;
  EXPECT_EQ(*parse_json(*spliced), expected);
  EXPECT_EQ(billing::splice_tariff(full.dump(), pinned.canonical).error().code, "bundle_malformed");
}

}  // namespace
}  // namespace verimeter::verify
