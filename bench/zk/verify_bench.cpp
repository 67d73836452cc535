// Groth16 verification, pairing, field and MSM figures beside snarkjs measured in the same run
// (in-process and warm, bench/zk/js/verify_peer.js) and the targets of research/zk-groth16.md §6.
//   zk_verify_bench [runs=200] [batch=16]
// Uses the snarkjs fixture tests/zk/fixtures/mixed (4 public signals). Single-threaded figures
// are medians of CPU time (CLOCK_THREAD_CPUTIME_ID; snarkjs: process.cpuUsage), so they stay
// meaningful on a shared, loaded machine; the multi-threaded MSM rows are wall time.
// Set VERIMETER_ZK_PORTABLE=1 for the portable (no ADX) field path.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/file.hpp"
#include "zk/ec/msm.hpp"
#include "zk/groth16/json.hpp"
#include "zk/groth16/verifier.hpp"

namespace {

using namespace verimeter;
using namespace verimeter::zk;
using Clock = std::chrono::steady_clock;

double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

// Median CPU time of f on this thread.
double median_us(int runs, const std::function<void()>& f) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    const double t0 = thread_cpu_us();
    f();
    t.push_back(thread_cpu_us() - t0);
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

// Median wall time of f (for multi-threaded work).
double median_wall_us(int runs, const std::function<void()>& f) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    f();
    t.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

nlohmann::json run_peer(const std::string& dir, int runs, int batch) {
  const std::string js = std::string(VERIMETER_SOURCE_DIR) + "/bench/zk/js/verify_peer.js";
  const std::string cmd = "node " + js + " " + dir + "verification_key.json " + dir +
                          "proof.json " + dir + "public.json " + std::to_string(runs) + " " +
                          std::to_string(batch);
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  std::size_t n;
  while (p != nullptr && (n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int rc = p != nullptr ? pclose(p) : -1;
  if (rc != 0 || out.empty()) return nullptr;
  return nlohmann::json::parse(out, nullptr, false);
}

void row(const char* what, double ours, const std::string& peer, const char* target) {
  std::printf("| %-38s | %12.1f | %-24s | %-22s |\n", what, ours, peer.c_str(), target);
}

std::string fmt(double v, const char* unit) {
  char b[64];
  std::snprintf(b, sizeof b, "%.1f %s", v, unit);
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::atoi(argv[1]) : 200;
  const int batch = argc > 2 ? std::atoi(argv[2]) : 16;
  const std::string dir = std::string(VERIMETER_SOURCE_DIR) + "/tests/zk/fixtures/mixed/";
  const auto vk = parse_verifying_key_json(read_file(dir + "verification_key.json").value());
  const auto proof = parse_proof_json(read_file(dir + "proof.json").value());
  const auto pub = parse_public_json(read_file(dir + "public.json").value());
  if (!vk || !proof || !pub) {
    std::fprintf(stderr, "cannot read the fixture in %s\n", dir.c_str());
    return 2;
  }
  const auto pvk = prepare_verifying_key(*vk).value();

  Fq a = Fq::random(), b = Fq::random();
  const double fq_mul_ns = median_us(5,
                                     [&] {
                                       for (int i = 0; i < 100000; ++i) a = a * b;
                                     }) /
                           100.0;
  const G1Affine p = g1_generator();
  const G2Affine q = g2_generator();
  const double pairing_us = median_us(runs, [&] { (void)pairing(p, q); });
  const G2Prepared qp = prepare_g2(q);
  const MillerPair mp{p, &qp};
  Fp12 f;
  const double miller_us = median_us(runs, [&] { f = multi_miller_loop({&mp, 1}); });
  const double fexp_us = median_us(runs, [&] { (void)final_exponentiation(f); });
  const double subgroup_us = median_us(runs, [&] { (void)g2_in_subgroup(q); });
  const double verify_us = median_us(runs, [&] {
    if (!verify(pvk, *proof, *pub).valid()) std::abort();
  });
  const double file_us = median_us(std::max(1, runs / 4), [&] {
    if (!verify_files(dir + "verification_key.json", dir + "proof.json", dir + "public.json")
             .valid())
      std::abort();
  });
  std::vector<BatchItem> items(batch, BatchItem{*proof, *pub});
  const double batch_us = median_us(std::max(3, runs / 20),
                                    [&] {
                                      if (!verify_batch(pvk, items).all_valid) std::abort();
                                    }) /
                          batch;

  std::vector<G1Affine> bases;
  std::vector<Fr> scalars;
  G1 g = G1::from_affine(p);
  for (int i = 0; i < (1 << 16); ++i) {
    bases.push_back(g.to_affine());
    g = g.dbl().add_mixed(p);
    scalars.push_back(Fr::random());
  }
  auto msm_ms = [&](std::size_t n, unsigned threads) {
    return median_wall_us(3,
                          [&] {
                            (void)msm(std::span<const G1Affine>(bases.data(), n),
                                      std::span<const Fr>(scalars.data(), n), threads);
                          }) /
           1000.0;
  };
  const double msm14_1 = msm_ms(1 << 14, 1), msm14 = msm_ms(1 << 14, 0), msm16 = msm_ms(1 << 16, 0);

  const auto peer = run_peer(dir, std::min(runs, 50), batch);
  auto peer_ms = [&](const char* key) {
    if (peer.is_null() || !peer.contains(key)) return std::string("n/a (npm ci in bench/zk/js)");
    return fmt(peer[key].get<double>() * 1000.0, "us");
  };

  double load[1] = {0};
  getloadavg(load, 1);
  std::printf("zk verify bench (%s field path, runs=%d, batch=%d, load average %.1f)\n\n",
              kUseAdx ? "ADX" : "portable", runs, batch, load[0]);
  std::printf("| %-38s | %12s | %-24s | %-22s |\n", "operation", "verimeter", "snarkjs (same run)",
              "target (§6)");
  std::printf("|%s|%s|%s|%s|\n", std::string(40, '-').c_str(), std::string(14, '-').c_str(),
              std::string(26, '-').c_str(), std::string(24, '-').c_str());
  row("Fq mul (ns)", fq_mul_ns, "", "<= 35 / <= 22 ns (ADX)");
  row("pairing (us)", pairing_us, "", "<= 1500 / <= 700 us");
  row("  Miller loop (us)", miller_us, "", "");
  row("  final exponentiation (us)", fexp_us, "", "");
  row("G2 subgroup check (us)", subgroup_us, "", "");
  row("Groth16 verify, 4 public (us)", verify_us, peer_ms("snarkjs_verify_ms"),
      "<= 3000 / <= 1300 us");
  row("  verify_files: JSON + key prep (us)", file_us, "", "");
  row("batch verify, per proof (us)", batch_us, peer_ms("snarkjs_verify_batch_per_proof_ms"),
      "<= 800 / <= 400 us");
  row("G1 MSM 2^14, 1 thread, wall (ms)", msm14_1, "", "");
  row("G1 MSM 2^14, all cores, wall (ms)", msm14, "", "");
  row("G1 MSM 2^16, all cores, wall (ms)", msm16, "", "");
  return 0;
}
