// Tariff and charge costs on the attest path, with the npm peer measured in the same run:
//   charge   compute_charge on the default tariff (5 buckets + a fee), alone and with the
//            canonical JSON of the charge object that the receipt embeds;
//   hash     parse the default tariff + JCS + SHA-256 (content hash), against `canonicalize`
//            (RFC 8785, npm) + node:crypto on the same JSON text.
// There is no independent charge calculator to compare with: the node figure for the charge is
// the BigInt reference of tests/billing/js (docs/spec/tariff.md §4), shown for scale only.
// Usage: bench_billing_tariff [NODE] [ITERATIONS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "billing/charge.hpp"
#include "billing/default_tariff.hpp"
#include "core/jcs.hpp"

namespace {

using namespace verimeter;
using namespace verimeter::billing;
using Clock = std::chrono::steady_clock;

template <class F>
double per_second(long iterations, F&& body) {
  const auto start = Clock::now();
  for (long i = 0; i < iterations; ++i) body(i);
  const double s = std::chrono::duration<double>(Clock::now() - start).count();
  return static_cast<double>(iterations) / s;
}

std::string run_node(const std::string& node, long iterations) {
  const std::string cmd = node + " " + VERIMETER_BENCH_DIR + "/js/tariff_peer.mjs " +
                          VERIMETER_SOURCE_DIR + " " + std::to_string(iterations);
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    if (pclose(p) != 0) out = "node peer failed: " + out;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string node = argc > 1 ? argv[1] : "node";
  const long n = argc > 2 ? std::atol(argv[2]) : 200000;
  const TariffSnapshot tariff = default_tariff();
  UsageBuckets b{1000, 2000, 500, 100, 400, 0, 0, 0};
  const RequestCount fees[] = {{"web_search_requests", 1}};
  std::uint64_t sink = 0;

  const double charge = per_second(n, [&](long i) {
    b.output_visible = 400 + static_cast<std::uint64_t>(i % 7);
    sink += compute_charge(tariff, "claude-sonnet-4-5-20250929", b, fees)->amount;
  });
  const double charge_jcs = per_second(n / 4, [&](long i) {
    b.output_visible = 400 + static_cast<std::uint64_t>(i % 7);
    auto c = compute_charge(tariff, "claude-sonnet-4-5-20250929", b, fees);
    sink += jcs_canonicalize(charge_to_json(*c))->size();
  });
  const double hash = per_second(n / 200, [&](long) {
    auto t = parse_tariff_json(default_tariff_json());
    sink += tariff_content_hash(*t).size();
  });
  const double rehash = per_second(n / 200, [&](long) {
    sink += tariff_to_json(tariff).size() + tariff_content_hash(tariff).size();
  });
  const double hash_only =
      per_second(n / 50, [&](long) { sink += tariff_content_hash(tariff).size(); });
  std::printf("verimeter (C++, 1 thread)\n");
  std::printf("  compute_charge                    %12.0f /s  (%.2f us)\n", charge, 1e6 / charge);
  std::printf("  compute_charge + charge JCS bytes %12.0f /s  (%.2f us)\n", charge_jcs,
              1e6 / charge_jcs);
  std::printf("  parse default tariff + hash       %12.0f /s  (%.1f us, %zu bytes)\n", hash,
              1e6 / hash, default_tariff_json().size());
  std::printf("  content hash of a parsed tariff   %12.0f /s  (%.1f us)\n", hash_only,
              1e6 / hash_only);
  std::printf(
      "  tariff_to_json + content hash     %12.0f /s  (%.1f us; avoid per attest: "
      "pin_tariff)\n",
      rehash, 1e6 / rehash);
  std::printf("peer (node, same run)\n%s", run_node(node, n).c_str());
  std::printf(
      "target: the charge must not matter beside Ed25519 signing (~45 us per receipt "
      "per core; DESIGN §6)\n(sink %llu)\n",
      static_cast<unsigned long long>(sink));
  return 0;
}
