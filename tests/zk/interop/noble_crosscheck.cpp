// Cross-check of BN254 arithmetic against @noble/curves on random inputs: runs
// tests/zk/js/noble_vectors.mjs (random values and noble's results), recomputes everything in
// C++ and fails on any difference. Exit 0 all equal, 1 mismatch, 2 the node side failed (for
// example node_modules missing: run `npm ci` in tests/zk/js) — never a silent pass.
// Usage: zk_noble_crosscheck JS_DIR [COUNT]
#include <cstdio>
#include <iostream>
#include <string>

#include "core/json.hpp"
#include "zk/ec/g1.hpp"
#include "zk/ec/g2.hpp"
#include "zk/pairing/pairing.hpp"

namespace zk = verimeter::zk;
using verimeter::Json;

namespace {

int g_checks = 0, g_failures = 0;

void expect(bool ok, const std::string& what) {
  ++g_checks;
  if (!ok) {
    ++g_failures;
    std::cerr << "MISMATCH: " << what << "\n";
  }
}

template <class F>
F num(const Json& j) {
  return F::from_decimal(j.get<std::string>()).value();
}
zk::Fp2 fp2(const Json& j, std::size_t at = 0) {
  return {num<zk::Fq>(j[at]), num<zk::Fq>(j[at + 1])};
}
zk::Fp12 fp12(const Json& j) {
  return {{fp2(j, 0), fp2(j, 2), fp2(j, 4)}, {fp2(j, 6), fp2(j, 8), fp2(j, 10)}};
}
zk::G1Affine g1(const Json& j) {
  return zk::G1Affine::from_xy(num<zk::Fq>(j[0]), num<zk::Fq>(j[1]));
}
zk::G2Affine g2(const Json& j) {
  return zk::G2Affine::from_xy(fp2(j, 0), fp2(j, 2));
}

std::string run_node(const std::string& js_dir, int count) {
  const std::string cmd = "cd '" + js_dir + "' && node noble_vectors.mjs " + std::to_string(count);
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string out;
  char buf[65536];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  if (pclose(pipe) != 0) return {};
  return out;
}

void check_fields(const Json& v) {
  for (const Json& c : v["fq"]) {
    const auto a = num<zk::Fq>(c["a"]), b = num<zk::Fq>(c["b"]);
    expect(a + b == num<zk::Fq>(c["add"]), "Fq add");
    expect(a - b == num<zk::Fq>(c["sub"]), "Fq sub");
    expect(a * b == num<zk::Fq>(c["mul"]), "Fq mul");
    expect(a.inverse() == num<zk::Fq>(c["inv"]), "Fq inv");
  }
  for (const Json& c : v["fr"]) {
    const auto a = num<zk::Fr>(c["a"]), b = num<zk::Fr>(c["b"]);
    expect(a * b == num<zk::Fr>(c["mul"]), "Fr mul");
    expect(a.inverse() == num<zk::Fr>(c["inv"]), "Fr inv");
  }
  for (const Json& c : v["fp2"]) {
    const auto a = fp2(c["a"]), b = fp2(c["b"]);
    expect(a * b == fp2(c["mul"]), "Fp2 mul");
    expect(a.square() == fp2(c["sqr"]), "Fp2 sqr");
    expect(a.inverse() == fp2(c["inv"]), "Fp2 inv");
  }
  for (const Json& c : v["fp12"]) {
    const auto a = fp12(c["a"]), b = fp12(c["b"]);
    expect(a * b == fp12(c["mul"]), "Fp12 mul");
    expect(a.inverse() == fp12(c["inv"]), "Fp12 inv");
  }
}

void check_groups(const Json& v) {
  for (const Json& c : v["g1"]) {
    const zk::G1 g = zk::G1::from_affine(zk::g1_generator());
    const zk::G1 p1 = g.mul(num<zk::Fr>(c["k1"])), p2 = g.mul(num<zk::Fr>(c["k2"]));
    expect(p1.to_affine() == g1(c["p1"]), "G1 scalar mul");
    expect((p1 + p2).to_affine() == g1(c["sum"]), "G1 add");
  }
  for (const Json& c : v["g2"]) {
    const zk::G2 q = zk::G2::from_affine(zk::g2_generator()).mul(num<zk::Fr>(c["k"]));
    expect(q.to_affine() == g2(c["q"]), "G2 scalar mul");
    expect(q.dbl().to_affine() == g2(c["dbl"]), "G2 double");
    expect(zk::g2_in_subgroup(g2(c["q"])), "G2 subgroup check accepts noble's point");
  }
  for (const Json& c : v["pairing"]) {
    const zk::G1Affine p =
        zk::G1::from_affine(zk::g1_generator()).mul(num<zk::Fr>(c["a"])).to_affine();
    const zk::G2Affine q =
        zk::G2::from_affine(zk::g2_generator()).mul(num<zk::Fr>(c["b"])).to_affine();
    // noble, like ffjavascript, returns the fixed power e^(2x(6x^2+3x+1)) of the pairing.
    expect(zk::to_snarkjs_gt(zk::pairing(p, q)) == fp12(c["gt"]), "pairing");
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: zk_noble_crosscheck JS_DIR [COUNT]\n";
    return 2;
  }
  const int count = argc > 2 ? std::stoi(argv[2]) : 16;
  const std::string text = run_node(argv[1], count);
  auto v = verimeter::parse_json(text, {64u << 20, 16});
  if (text.empty() || !v) {
    std::cerr << "noble_vectors.mjs failed or printed no JSON (is node_modules installed? "
                 "run npm ci in "
              << argv[1] << ")\n";
    return 2;
  }
  check_fields(*v);
  check_groups(*v);
  std::cout << g_checks << " checks against @noble/curves, " << g_failures << " mismatches\n";
  return (g_failures == 0 && g_checks > 0) ? 0 : 1;
}
