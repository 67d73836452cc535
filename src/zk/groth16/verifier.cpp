// Single and batch Groth16 verification (see verifier.hpp).
#include "zk/groth16/verifier.hpp"

#include <sodium.h>

#include "core/file.hpp"
#include "zk/ec/msm.hpp"
#include "zk/groth16/json.hpp"

namespace verimeter::zk {
namespace {

// Structural checks on one proof and its public inputs; empty reason when fine.
VerifyOutcome check_structure(const PreparedVerifyingKey& pvk, const Proof& proof,
                              std::size_t n_public) {
  if (n_public != pvk.vk.n_public()) {
    return VerifyOutcome::invalid("public_count_mismatch",
                                  "the key expects " + std::to_string(pvk.vk.n_public()) +
                                      " public signals, got " + std::to_string(n_public));
  }
  if (proof.a.infinity || proof.b.infinity || proof.c.infinity) {
    return VerifyOutcome::invalid("proof_point_at_infinity", "a proof point is at infinity");
  }
  if (!proof.a.on_curve() || !proof.c.on_curve()) {
    return VerifyOutcome::invalid("proof_point_not_on_curve", "pi_a or pi_c is not on G1");
  }
  if (!proof.b.on_curve()) {
    return VerifyOutcome::invalid("proof_point_not_on_curve", "pi_b is not on the twist curve");
  }
  if (!g2_in_subgroup(proof.b)) {
    return VerifyOutcome::invalid("proof_g2_not_in_subgroup", "pi_b is not in the G2 subgroup");
  }
  return VerifyOutcome::ok();
}

// IC_0 * w0 + sum_i s_i IC_{i+1}
G1 linear_combination_ic(const VerifyingKey& vk, const Fr& w0, std::span<const Fr> s) {
  const std::span<const G1Affine> bases(vk.ic.data() + 1, vk.ic.size() - 1);
  G1 acc = msm(bases, s, 1);
  return acc + G1::from_affine(vk.ic[0]).mul(w0);
}

Fr random_weight() {
  Limbs v{};
  randombytes_buf(v.data(), 16);  // 128 bits, always below r
  if (is_zero_limbs(v)) v[0] = 1;
  return *Fr::from_limbs(v);
}

// Whether the random linear combination of the items in `idx` satisfies the batch equation.
// Σ zⱼCⱼ is one MSM; the -zⱼAⱼ (one per Miller pair) are normalised with a single inversion.
bool batch_equation_holds(const PreparedVerifyingKey& pvk, std::span<const BatchItem> items,
                          std::span<const std::size_t> idx) {
  const std::size_t n_pub = pvk.vk.n_public();
  std::vector<Fr> ic_weights(n_pub, Fr::zero());
  Fr z_sum = Fr::zero();
  std::vector<Fr> z(idx.size());
  std::vector<G1Affine> c_points(idx.size());
  std::vector<G1> neg_za(idx.size());
  std::vector<G2Prepared> b_lines;
  b_lines.reserve(idx.size());
  for (std::size_t j = 0; j < idx.size(); ++j) {
    const BatchItem& it = items[idx[j]];
    z[j] = random_weight();
    z_sum += z[j];
    for (std::size_t i = 0; i < n_pub; ++i) ic_weights[i] += z[j] * it.public_signals[i];
    c_points[j] = it.proof.c;
    neg_za[j] = -G1::from_affine(it.proof.a).mul(z[j]);
    b_lines.push_back(prepare_g2(it.proof.b));
  }
  const std::vector<G1Affine> neg_za_affine = batch_to_affine<G1Curve>(neg_za);
  std::vector<MillerPair> pairs;
  pairs.reserve(idx.size() + 3);
  for (std::size_t j = 0; j < idx.size(); ++j) pairs.push_back({neg_za_affine[j], &b_lines[j]});
  const G1Affine vk_x = linear_combination_ic(pvk.vk, z_sum, ic_weights).to_affine();
  const G1Affine alpha = G1::from_affine(pvk.vk.alpha1).mul(z_sum).to_affine();
  const G1Affine c_sum = msm(c_points, z, 1).to_affine();
  pairs.push_back({vk_x, &pvk.gamma_lines});
  pairs.push_back({c_sum, &pvk.delta_lines});
  pairs.push_back({alpha, &pvk.beta_lines});
  return final_exponentiation(multi_miller_loop(pairs)).is_one();
}

void bisect(const PreparedVerifyingKey& pvk, std::span<const BatchItem> items,
            std::span<const std::size_t> idx, std::vector<VerifyOutcome>& out) {
  if (idx.empty() || batch_equation_holds(pvk, items, idx)) return;
  if (idx.size() == 1) {
    out[idx[0]] = VerifyOutcome::invalid("pairing_check_failed", "the pairing equation fails");
    return;
  }
  const std::size_t half = idx.size() / 2;
  bisect(pvk, items, idx.first(half), out);
  bisect(pvk, items, idx.subspan(half), out);
}

}  // namespace

VerifyOutcome verify(const PreparedVerifyingKey& pvk, const Proof& proof,
                     std::span<const Fr> public_signals) {
  VerifyOutcome s = check_structure(pvk, proof, public_signals.size());
  if (!s.valid()) return s;
  const G1Affine vk_x = linear_combination_ic(pvk.vk, Fr::one(), public_signals).to_affine();
  const G2Prepared b_lines = prepare_g2(proof.b);
  const MillerPair pairs[] = {
      {-proof.a, &b_lines}, {vk_x, &pvk.gamma_lines}, {proof.c, &pvk.delta_lines}};
  // e(-A,B) e(vk_x,gamma) e(C,delta) must equal e(alpha,beta)^-1 (conjugate in GT).
  if (final_exponentiation(multi_miller_loop(pairs)) != pvk.alphabeta.conjugate()) {
    return VerifyOutcome::invalid("pairing_check_failed", "the pairing equation fails");
  }
  return VerifyOutcome::ok();
}

BatchOutcome verify_batch(const PreparedVerifyingKey& pvk, std::span<const BatchItem> items) {
  BatchOutcome result;
  result.outcomes.assign(items.size(), VerifyOutcome::ok());
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < items.size(); ++i) {
    result.outcomes[i] = check_structure(pvk, items[i].proof, items[i].public_signals.size());
    if (result.outcomes[i].valid()) candidates.push_back(i);
  }
  bisect(pvk, items, candidates, result.outcomes);
  result.all_valid = true;
  for (const auto& o : result.outcomes) result.all_valid = result.all_valid && o.valid();
  return result;
}

Result<PreparedVerifyingKey> read_verifying_key(const std::string& vkey_path) {
  VM_TRY(text, read_file(vkey_path, 64u << 20));
  VM_TRY(vk, parse_verifying_key_json(text));
  return prepare_verifying_key(vk);
}

VerifyOutcome verify_files(const std::string& vkey_path, const std::string& proof_path,
                           const std::string& public_path) {
  auto pvk = read_verifying_key(vkey_path);
  if (!pvk) return VerifyOutcome::malformed(pvk.error());
  auto proof_text = read_file(proof_path, 64u << 10);
  if (!proof_text) return VerifyOutcome::malformed(proof_text.error());
  auto public_text = read_file(public_path, 128u << 20);
  if (!public_text) return VerifyOutcome::malformed(public_text.error());
  auto proof = parse_proof_json(*proof_text);
  if (!proof) return VerifyOutcome::malformed(proof.error());
  auto signals = parse_public_json(*public_text);
  if (!signals) return VerifyOutcome::malformed(signals.error());
  return verify(*pvk, *proof, *signals);
}

}  // namespace verimeter::zk
