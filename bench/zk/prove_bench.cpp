// Groth16 prover, Poseidon and NTT figures beside the peers measured in the same run
// (snarkjs and circomlibjs, in-process through bench/zk/js/prove_peer.js) and the targets of
// research/zk-groth16.md §6.
//   prove_bench [depth=22] [runs=5]
// The circuit is the Poseidon-Merkle membership example (~245·depth + 550 constraints; depth 22
// ≈ 5.9k, the size of the RLN-like anchor), keyed with the development setup; snarkjs proves
// with the very same .zkey and .wtns. Set VERIMETER_ZK_PORTABLE=1 for the portable field path.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "zk/format/binfile.hpp"
#include "zk/format/wtns_file.hpp"
#include "zk/format/zkey_file.hpp"
#include "zk/groth16/prover.hpp"
#include "zk/groth16/setup.hpp"
#include "zk/ntt/domain.hpp"
#include "zk/poseidon/poseidon.hpp"
#include "zk/r1cs/membership_circuit.hpp"

namespace {

using namespace verimeter;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median_ms(int runs, const std::function<void()>& f) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    f();
    t.push_back(ms_since(t0));
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

double poseidon_us(unsigned n) {
  std::vector<zk::Fr> in;
  for (unsigned i = 1; i <= n; ++i) in.push_back(zk::Fr::from_u64(i));
  zk::Fr acc = zk::Fr::zero();
  const int iters = 20000;
  const auto t0 = Clock::now();
  for (int i = 0; i < iters; ++i) {
    in[0] += acc;
    acc = *zk::poseidon::hash(in);
  }
  const double us = ms_since(t0) * 1000.0 / iters;
  if (acc.is_zero()) std::printf("(unlikely zero)\n");
  return us;
}

nlohmann::json run_peer(const std::string& zkey, const std::string& wtns, int runs) {
  const std::string script = std::string(VERIMETER_SOURCE_DIR) + "/bench/zk/js/prove_peer.js";
  const std::string cmd = "node " + script + " " + zkey + " " + wtns + " " + std::to_string(runs);
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return nullptr;
  std::string out;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) out += buf;
  if (pclose(p) != 0) return nullptr;
  return nlohmann::json::parse(out, nullptr, false);
}

}  // namespace

int main(int argc, char** argv) {
  const unsigned depth = argc > 1 ? static_cast<unsigned>(std::atoi(argv[1])) : 22;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  const auto dir = std::filesystem::temp_directory_path() / "verimeter-prove-bench";
  std::filesystem::create_directories(dir);
  const std::string zkey_path = (dir / "membership.zkey").string();
  const std::string wtns_path = (dir / "membership.wtns").string();

  auto t0 = Clock::now();
  const zk::r1cs::Circuit circuit = zk::r1cs::sample_membership_circuit(depth, 1);
  const double build_ms = ms_since(t0);
  const auto r1cs = circuit.to_r1cs();
  t0 = Clock::now();
  auto zkey = zk::dev_setup(r1cs);
  const double setup_ms = ms_since(t0);
  if (!zkey.ok() || !zk::format::write_file(zkey_path, zk::format::serialize_zkey(*zkey)).ok() ||
      !zk::format::write_file(wtns_path, zk::format::serialize_wtns(circuit.witness_values()))
           .ok()) {
    std::fprintf(stderr, "setup failed\n");
    return 1;
  }
  t0 = Clock::now();
  auto key = zk::read_proving_key(zkey_path);
  const double load_ms = ms_since(t0);
  if (!key.ok()) return 1;
  const auto witness = circuit.witness_values();
  (void)zk::prove(*key, witness);  // warm-up
  const double prove_ms = median_ms(runs, [&] { (void)zk::prove(*key, witness); });

  const double p2 = poseidon_us(2), p8 = poseidon_us(8);
  std::vector<double> ntt;
  for (unsigned k : {13u, 16u}) {
    const zk::ntt::Domain d(k);
    std::vector<zk::Fr> v(d.size(), zk::Fr::from_u64(7));
    ntt.push_back(median_ms(5, [&] { d.fft(v); }));
  }

  const nlohmann::json peer = run_peer(zkey_path, wtns_path, runs);
  const bool have_peer = peer.is_object();
  const double sj = have_peer ? peer["snarkjs_prove_ms"].get<double>() : 0;
  std::printf("zk prove bench: membership depth %u, %zu constraints, %zu wires, domain %u\n",
              depth, circuit.num_constraints(), circuit.num_variables(), zkey->domain_size);
  std::printf("%-34s %12s %14s %22s\n", "operation", "verimeter", "peer", "target");
  std::printf("%-34s %10.1f ms %11.1f ms %22s\n", "Groth16 prove (warm, median)", prove_ms, sj,
              "<=440 ms, >=4x snarkjs");
  if (have_peer) std::printf("%-34s %11.1fx\n", "  speed-up vs snarkjs", sj / prove_ms);
  std::printf("%-34s %10.2f us %11.2f us %22s\n", "Poseidon(2) (t=3)", p2,
              have_peer ? peer["circomlibjs_poseidon2_us"].get<double>() : 0, "<=20 us");
  std::printf("%-34s %10.2f us %11.2f us %22s\n", "Poseidon(8) (t=9)", p8,
              have_peer ? peer["circomlibjs_poseidon8_us"].get<double>() : 0, "<=80 us");
  std::printf("%-34s %10.2f ms\n", "NTT 2^13 forward", ntt[0]);
  std::printf("%-34s %10.2f ms\n", "NTT 2^16 forward", ntt[1]);
  std::printf("%-34s %10.1f ms\n", "circuit build + witness", build_ms);
  std::printf("%-34s %10.1f ms\n", "dev setup (zkey)", setup_ms);
  std::printf("%-34s %10.1f ms\n", "zkey load + checks", load_ms);
  if (!have_peer) std::printf("peer figures missing: run npm ci in bench/zk/js\n");
  std::filesystem::remove_all(dir);
  return 0;
}
