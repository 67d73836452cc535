// A Groth16 proving key in working form, converted from a snarkjs .zkey (format/zkey_file.hpp):
// points as affine curve points (out of the file's Montgomery encoding, infinity decoded,
// every point checked to be on its curve, since points off the curve could leak witness bits
// through the proof, and every G2 point checked to be in the order-r subgroup), and the
// section-4 coefficients as plain Fr values (the file stores v·R²).
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.hpp"
#include "zk/ec/g1.hpp"
#include "zk/ec/g2.hpp"
#include "zk/format/zkey_file.hpp"

namespace verimeter::zk {

struct ProvingKey {
  struct Coef {
    std::uint32_t constraint;
    std::uint32_t signal;
    Fr value;
  };
  std::uint32_t n_vars = 0;
  std::uint32_t n_public = 0;
  unsigned log_domain = 0;
  G1Affine alpha1, beta1, delta1;
  G2Affine beta2, gamma2, delta2;
  std::vector<G1Affine> ic;
  std::vector<Coef> a_coefs, b_coefs;
  std::vector<G1Affine> a, b1, c, h;
  std::vector<G2Affine> b2;
};

// Error codes: "zk_format_invalid" (encoding), "zk_key_not_on_curve" (a point off its curve),
// "zk_key_not_in_subgroup" (beta2, gamma2, delta2 or a B2 point outside the order-r subgroup).
Result<ProvingKey> load_proving_key(const format::Zkey& zkey);
Result<ProvingKey> read_proving_key(const std::string& zkey_path);

// Conversions between the zkey encoding and curve points (also used by the dev setup).
Result<G1Affine> g1_from_zkey(const format::ZkeyG1& p);
Result<G2Affine> g2_from_zkey(const format::ZkeyG2& p);
format::ZkeyG1 g1_to_zkey(const G1Affine& p);
format::ZkeyG2 g2_to_zkey(const G2Affine& p);
// Section-4 coefficient encoding: v·R² mod r.
Fr zkey_coef_to_fr(const Limbs& raw);
Limbs fr_to_zkey_coef(const Fr& v);

}  // namespace verimeter::zk
