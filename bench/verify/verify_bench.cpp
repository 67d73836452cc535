// Offline bundle verification throughput (DESIGN §6: ≥ 5k bundles/s per core, signature-bound),
// beside the anchor measured in the same run: libsodium Ed25519 verification of the same
// receipt message. Reproduce: ninja -C build bench_verify && build/bench/verify/bench_verify
#include <benchmark/benchmark.h>

#include "billing/receipt.hpp"
#include "core/file.hpp"
#include "crypto/ed25519.hpp"
#include "verify/bundle_verifier.hpp"

namespace {

const std::string kDir = std::string(VERIMETER_SOURCE_DIR) + "/tests/verify/vectors/";

void BM_VerifyBundle(benchmark::State& state) {
  const auto trust = *verimeter::verify::parse_trust(*verimeter::read_file(kDir + "trust.json"));
  const auto bundle = *verimeter::parse_json(*verimeter::read_file(kDir + "bundle-openai-v1.json"));
  for (auto _ : state) {
    auto report = verimeter::verify::verify_bundle(bundle, trust);
    if (!report.ok) state.SkipWithError("bundle did not verify");
    benchmark::DoNotOptimize(report);
  }
  state.counters["bundles/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VerifyBundle);

// Many bundles under a few tariff versions (an auditor's batch): the checked snapshot is reused.
void BM_VerifyBundleWithTariffCache(benchmark::State& state) {
  const auto trust = *verimeter::verify::parse_trust(*verimeter::read_file(kDir + "trust.json"));
  const auto bundle = *verimeter::parse_json(*verimeter::read_file(kDir + "bundle-openai-v1.json"));
  verimeter::verify::TariffCache cache;
  for (auto _ : state) {
    auto report = verimeter::verify::verify_bundle(bundle, trust, &cache);
    if (!report.ok) state.SkipWithError("bundle did not verify");
    benchmark::DoNotOptimize(report);
  }
  state.counters["bundles/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VerifyBundleWithTariffCache);

void BM_VerifyBundleFromText(benchmark::State& state) {
  const auto trust = *verimeter::verify::parse_trust(*verimeter::read_file(kDir + "trust.json"));
  const std::string text = *verimeter::read_file(kDir + "bundle-openai-v1.json");
  for (auto _ : state) {
    auto bundle = verimeter::parse_json(text);
    auto report = verimeter::verify::verify_bundle(*bundle, trust);
    benchmark::DoNotOptimize(report);
  }
  state.counters["bundles/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VerifyBundleFromText);

// Anchor: the Ed25519 verification every bundle needs, on the same bytes.
void BM_Ed25519VerifyAnchor(benchmark::State& state) {
  const auto bundle = *verimeter::parse_json(*verimeter::read_file(kDir + "bundle-openai-v1.json"));
  const auto trust = *verimeter::verify::parse_trust(*verimeter::read_file(kDir + "trust.json"));
  const std::string msg = *verimeter::billing::receipt_signing_message(bundle["receipt"]);
  auto raw = *verimeter::from_base64(bundle["signature"]["sig"].get<std::string>());
  verimeter::crypto::Signature sig;
  std::copy(raw.begin(), raw.end(), sig.begin());
  for (auto _ : state) {
    benchmark::DoNotOptimize(verimeter::crypto::ed25519_verify(trust.operator_keys[0].public_key,
                                                               verimeter::as_bytes(msg), sig));
  }
  state.counters["verifies/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Ed25519VerifyAnchor);

}  // namespace

BENCHMARK_MAIN();
