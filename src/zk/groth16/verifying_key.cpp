// Validation and precomputation of a verification key.
#include "zk/groth16/verifying_key.hpp"

namespace verimeter::zk {
namespace {

Error invalid(const std::string& what) {
  return make_error("zk_vkey_invalid", what);
}

Status check_g2(const G2Affine& q, const char* name) {
  if (q.infinity) return invalid(std::string(name) + " is the point at infinity");
  if (!q.on_curve()) return invalid(std::string(name) + " is not on the twist curve");
  if (!g2_in_subgroup(q)) return invalid(std::string(name) + " is not in the G2 subgroup");
  return {};
}

}  // namespace

Result<PreparedVerifyingKey> prepare_verifying_key(const VerifyingKey& vk) {
  if (vk.alpha1.infinity || !vk.alpha1.on_curve()) {
    return invalid("vk_alpha_1 is not a finite point on the curve");
  }
  VM_CHECK(check_g2(vk.beta2, "vk_beta_2"));
  VM_CHECK(check_g2(vk.gamma2, "vk_gamma_2"));
  VM_CHECK(check_g2(vk.delta2, "vk_delta_2"));
  if (vk.ic.empty()) return invalid("IC must hold n_public + 1 points");
  for (const G1Affine& p : vk.ic) {
    if (!p.on_curve()) return invalid("an IC point is not on the curve");
  }
  PreparedVerifyingKey pvk{vk, prepare_g2(vk.beta2), prepare_g2(vk.gamma2), prepare_g2(vk.delta2),
                           Fp12::one()};
  const MillerPair ab{vk.alpha1, &pvk.beta_lines};
  pvk.alphabeta = final_exponentiation(multi_miller_loop({&ab, 1}));
  if (vk.alphabeta && *vk.alphabeta != to_snarkjs_gt(pvk.alphabeta)) {
    return invalid("vk_alphabeta_12 does not equal e(vk_alpha_1, vk_beta_2)");
  }
  return pvk;
}

}  // namespace verimeter::zk
