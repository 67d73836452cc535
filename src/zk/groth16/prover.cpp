#include "zk/groth16/prover.hpp"

#include <fstream>
#include <thread>

#include "zk/ec/msm.hpp"
#include "zk/format/wtns_file.hpp"
#include "zk/groth16/json.hpp"
#include "zk/ntt/domain.hpp"

namespace verimeter::zk {
namespace {

Result<std::vector<Fr>> witness_to_fr(const ProvingKey& key, std::span<const Limbs> witness) {
  if (witness.size() != key.n_vars) {
    return make_error("zk_witness_mismatch", "witness has " + std::to_string(witness.size()) +
                                                 " values, the key expects " +
                                                 std::to_string(key.n_vars));
  }
  std::vector<Fr> w;
  w.reserve(witness.size());
  for (const Limbs& v : witness) {
    auto f = Fr::from_limbs(v);
    if (!f) return make_error("zk_witness_invalid", "witness value not below r");
    w.push_back(*f);
  }
  if (!w[0].is_one()) return make_error("zk_witness_mismatch", "witness[0] must be 1");
  return w;
}

std::vector<Fr> evaluate_rows(const std::vector<ProvingKey::Coef>& coefs, std::span<const Fr> w,
                              std::size_t n) {
  std::vector<Fr> out(n, Fr::zero());
  for (const ProvingKey::Coef& k : coefs) out[k.constraint] += k.value * w[k.signal];
  return out;
}

// h on the odd coset: (a·b − c) there, from a, b on the n-domain.
std::vector<Fr> compute_h(const ProvingKey& key, std::span<const Fr> w) {
  const ntt::Domain domain(key.log_domain);
  std::vector<Fr> a = evaluate_rows(key.a_coefs, w, domain.size());
  std::vector<Fr> b = evaluate_rows(key.b_coefs, w, domain.size());
  std::vector<Fr> c(domain.size());
  for (std::size_t i = 0; i < c.size(); ++i) c[i] = a[i] * b[i];
  std::thread ta([&] { domain.odd_coset_from_evaluations(a); });
  std::thread tb([&] { domain.odd_coset_from_evaluations(b); });
  domain.odd_coset_from_evaluations(c);
  ta.join();
  tb.join();
  for (std::size_t i = 0; i < c.size(); ++i) a[i] = a[i] * b[i] - c[i];
  return a;
}

Status write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  if (!out) return make_error("zk_file_unwritable", "cannot create " + path);
  out << text;
  out.flush();
  if (!out) return make_error("zk_file_unwritable", "write failed on " + path);
  return {};
}

}  // namespace

Result<ProverOutput> prove(const ProvingKey& key, std::span<const Limbs> witness,
                           const std::optional<ProverBlinding>& blinding) {
  VM_TRY(w, witness_to_fr(key, witness));
  const Fr r = blinding ? blinding->r : Fr::random();
  const Fr s = blinding ? blinding->s : Fr::random();
  const std::vector<Fr> h = compute_h(key, w);
  const std::span<const Fr> ws(w);

  const G1 a = msm(key.a, ws) + G1::from_affine(key.alpha1) + G1::from_affine(key.delta1).mul(r);
  const G2 b = msm(key.b2, ws) + G2::from_affine(key.beta2) + G2::from_affine(key.delta2).mul(s);
  const G1 b1 = msm(key.b1, ws) + G1::from_affine(key.beta1) + G1::from_affine(key.delta1).mul(s);
  const G1 c = msm(key.c, ws.subspan(key.n_public + 1)) + msm(key.h, std::span<const Fr>(h)) +
               a.mul(s) + b1.mul(r) - G1::from_affine(key.delta1).mul(r * s);

  ProverOutput out;
  out.proof = {a.to_affine(), b.to_affine(), c.to_affine()};
  out.public_signals.assign(w.begin() + 1, w.begin() + 1 + key.n_public);
  return out;
}

std::string proof_to_json(const Proof& proof) {
  return proof_to_json_value(proof).dump(1) + "\n";
}

std::string public_to_json(std::span<const Fr> signals) {
  return public_to_json_value(signals).dump(1) + "\n";
}

Status prove_files(const std::string& zkey_path, const std::string& wtns_path,
                   const std::string& proof_path, const std::string& public_path) {
  VM_TRY(key, read_proving_key(zkey_path));
  VM_TRY(witness, format::read_wtns_file(wtns_path));
  VM_TRY(out, prove(key, witness));
  VM_CHECK(write_text(proof_path, proof_to_json(out.proof)));
  return write_text(public_path, public_to_json(out.public_signals));
}

}  // namespace verimeter::zk
