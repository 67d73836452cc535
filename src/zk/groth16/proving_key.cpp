#include "zk/groth16/proving_key.hpp"

#include <string>

#include "zk/ec/g2_subgroup_scan.hpp"
#include "zk/format/binfile.hpp"

namespace verimeter::zk {
namespace {

Result<Fq> fq_from_mont(const Limbs& m) {
  auto f = Fq::from_montgomery_limbs(m);
  if (!f) return format::format_error("zkey coordinate not below q");
  return *f;
}

// R = 2^256 mod r as an Fr element; the file's coefficients carry a factor R over Montgomery.
const Fr& fr_r() {
  static const Fr r = *Fr::from_limbs(Fr::kR);
  return r;
}
const Fr& fr_r_inv() {
  static const Fr inv = fr_r().inverse();
  return inv;
}

template <class P>
Result<std::vector<P>> convert_all(const auto& raw, auto convert) {
  std::vector<P> out;
  out.reserve(raw.size());
  for (const auto& p : raw) {
    VM_TRY(q, convert(p));
    out.push_back(q);
  }
  return out;
}

Error not_in_g2(const std::string& what) {
  return Error{"zk_key_not_in_subgroup", "zkey " + what + " is not in the G2 subgroup"};
}

// beta2, gamma2, delta2 and every B2 query point must lie in the order-r subgroup: a point with
// a cofactor component would make the proof's B (and the verifier's prepared key) leave G2.
Status check_g2_subgroup(const ProvingKey& k) {
  if (!g2_in_subgroup(k.beta2)) return not_in_g2("beta2");
  if (!g2_in_subgroup(k.gamma2)) return not_in_g2("gamma2");
  if (!g2_in_subgroup(k.delta2)) return not_in_g2("delta2");
  if (auto bad = first_outside_g2(k.b2)) return not_in_g2("B2 point " + std::to_string(*bad));
  return {};
}

}  // namespace

Result<G1Affine> g1_from_zkey(const format::ZkeyG1& p) {
  if (p.is_infinity()) return G1Affine::identity();
  VM_TRY(x, fq_from_mont(p.x));
  VM_TRY(y, fq_from_mont(p.y));
  const G1Affine q = G1Affine::from_xy(x, y);
  if (!q.on_curve()) return make_error("zk_key_not_on_curve", "zkey G1 point not on the curve");
  return q;
}

Result<G2Affine> g2_from_zkey(const format::ZkeyG2& p) {
  if (p.is_infinity()) return G2Affine::identity();
  VM_TRY(x0, fq_from_mont(p.x0));
  VM_TRY(x1, fq_from_mont(p.x1));
  VM_TRY(y0, fq_from_mont(p.y0));
  VM_TRY(y1, fq_from_mont(p.y1));
  const G2Affine q = G2Affine::from_xy(Fp2{x0, x1}, Fp2{y0, y1});
  if (!q.on_curve()) return make_error("zk_key_not_on_curve", "zkey G2 point not on the twist");
  return q;
}

format::ZkeyG1 g1_to_zkey(const G1Affine& p) {
  if (p.infinity) return {};
  return {p.x.montgomery_limbs(), p.y.montgomery_limbs()};
}

format::ZkeyG2 g2_to_zkey(const G2Affine& p) {
  if (p.infinity) return {};
  return {p.x.c0.montgomery_limbs(), p.x.c1.montgomery_limbs(), p.y.c0.montgomery_limbs(),
          p.y.c1.montgomery_limbs()};
}

Fr zkey_coef_to_fr(const Limbs& raw) {
  // raw = v·R² read as a Montgomery form denotes v·R; strip the extra R.
  return Fr::from_montgomery_unchecked(raw) * fr_r_inv();
}

Limbs fr_to_zkey_coef(const Fr& v) {
  return (v * fr_r()).montgomery_limbs();
}

Result<ProvingKey> load_proving_key(const format::Zkey& z) {
  ProvingKey k;
  k.n_vars = z.n_vars;
  k.n_public = z.n_public;
  while ((1u << k.log_domain) < z.domain_size) ++k.log_domain;
  if (k.log_domain + 1 > kFrTwoAdicity) return format::format_error("zkey domain too large");
  VM_TRY(alpha1, g1_from_zkey(z.alpha1));
  VM_TRY(beta1, g1_from_zkey(z.beta1));
  VM_TRY(delta1, g1_from_zkey(z.delta1));
  VM_TRY(beta2, g2_from_zkey(z.beta2));
  VM_TRY(gamma2, g2_from_zkey(z.gamma2));
  VM_TRY(delta2, g2_from_zkey(z.delta2));
  k.alpha1 = alpha1;
  k.beta1 = beta1;
  k.delta1 = delta1;
  k.beta2 = beta2;
  k.gamma2 = gamma2;
  k.delta2 = delta2;
  for (const format::ZkeyCoef& c : z.coefs) {
    auto& dst = c.matrix == 0 ? k.a_coefs : k.b_coefs;
    dst.push_back({c.constraint, c.signal, zkey_coef_to_fr(c.value)});
  }
  VM_TRY(ic, convert_all<G1Affine>(z.ic, g1_from_zkey));
  VM_TRY(a, convert_all<G1Affine>(z.a, g1_from_zkey));
  VM_TRY(b1, convert_all<G1Affine>(z.b1, g1_from_zkey));
  VM_TRY(b2, convert_all<G2Affine>(z.b2, g2_from_zkey));
  VM_TRY(c, convert_all<G1Affine>(z.c, g1_from_zkey));
  VM_TRY(h, convert_all<G1Affine>(z.h, g1_from_zkey));
  k.ic = std::move(ic);
  k.a = std::move(a);
  k.b1 = std::move(b1);
  k.b2 = std::move(b2);
  k.c = std::move(c);
  k.h = std::move(h);
  VM_CHECK(check_g2_subgroup(k));
  return k;
}

Result<ProvingKey> read_proving_key(const std::string& zkey_path) {
  VM_TRY(z, format::read_zkey_file(zkey_path));
  return load_proving_key(z);
}

}  // namespace verimeter::zk
