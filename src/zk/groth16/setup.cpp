#include "zk/groth16/setup.hpp"

#include <array>
#include <thread>
#include <vector>

#include "zk/format/binfile.hpp"
#include "zk/groth16/proving_key.hpp"
#include "zk/ntt/domain.hpp"

namespace verimeter::zk {
namespace {

// k·P for many k with one fixed P: windows of 8 bits, table[w][d] = d·2^(8w)·P (affine), so
// each product is at most 32 mixed additions.
template <class C>
class FixedBase {
 public:
  explicit FixedBase(const AffinePoint<C>& p) {
    std::vector<JacobianPoint<C>> jac;
    jac.reserve(kWindows * 256);
    JacobianPoint<C> base = JacobianPoint<C>::from_affine(p);
    for (unsigned w = 0; w < kWindows; ++w) {
      JacobianPoint<C> acc = JacobianPoint<C>::identity();
      for (unsigned d = 0; d < 256; ++d) {
        jac.push_back(acc);
        acc += base;
      }
      base = acc;  // 256·base
    }
    table_ = batch_to_affine<C>(jac);
  }
  JacobianPoint<C> mul(const Fr& k) const {
    const Limbs v = k.to_limbs();
    JacobianPoint<C> r = JacobianPoint<C>::identity();
    for (unsigned w = 0; w < kWindows; ++w) {
      const unsigned d = (v[w / 8] >> (8 * (w % 8))) & 0xff;
      if (d) r = r.add_mixed(table_[w * 256 + d]);
    }
    return r;
  }
  std::vector<AffinePoint<C>> mul_all(const std::vector<Fr>& ks) const {
    std::vector<JacobianPoint<C>> out(ks.size());
    for (std::size_t i = 0; i < ks.size(); ++i) out[i] = mul(ks[i]);
    return batch_to_affine<C>(std::span<const JacobianPoint<C>>(out));
  }

 private:
  static constexpr unsigned kWindows = 32;
  std::vector<AffinePoint<C>> table_;
};

// u, v, w of every variable at τ, i.e. Σ_rows coefficient·L_row(τ).
struct QapAtTau {
  std::vector<Fr> u, v, w;
};

std::vector<Fr> lagrange_at(const Fr& tau, unsigned log_n) {
  const std::size_t n = std::size_t{1} << log_n;
  const Fr omega = fr_root_of_unity(log_n);
  // L_j(τ) = (τⁿ − 1)·ωʲ / (n·(τ − ωʲ))
  std::vector<Fr> denom(n);
  Fr wj = Fr::one();
  for (std::size_t j = 0; j < n; ++j) {
    denom[j] = tau - wj;
    wj *= omega;
  }
  batch_inverse(std::span<Fr>(denom));
  const Fr z_over_n = (tau.pow(n) - Fr::one()) * Fr::from_u64(n).inverse();
  std::vector<Fr> out(n);
  wj = Fr::one();
  for (std::size_t j = 0; j < n; ++j) {
    out[j] = z_over_n * wj * denom[j];
    wj *= omega;
  }
  return out;
}

void accumulate(std::vector<Fr>& dst, const format::R1csLc& lc, const Fr& l) {
  for (const format::R1csTerm& t : lc) dst[t.wire] += *Fr::from_limbs(t.coeff) * l;
}

QapAtTau qap_at(const format::R1csFile& r1cs, const std::vector<Fr>& lagrange) {
  QapAtTau q{std::vector<Fr>(r1cs.n_wires), std::vector<Fr>(r1cs.n_wires),
             std::vector<Fr>(r1cs.n_wires)};
  const std::size_t m = r1cs.constraints.size();
  for (std::size_t i = 0; i < m; ++i) {
    accumulate(q.u, r1cs.constraints[i].a, lagrange[i]);
    accumulate(q.v, r1cs.constraints[i].b, lagrange[i]);
    accumulate(q.w, r1cs.constraints[i].c, lagrange[i]);
  }
  for (std::uint32_t s = 0; s <= r1cs.n_public(); ++s) q.u[s] += lagrange[m + s];
  return q;
}

std::vector<format::ZkeyCoef> coefficient_section(const format::R1csFile& r1cs) {
  std::vector<format::ZkeyCoef> out;
  const auto m = static_cast<std::uint32_t>(r1cs.constraints.size());
  for (std::uint32_t i = 0; i < m; ++i) {
    for (const auto& t : r1cs.constraints[i].a) {
      out.push_back({0, i, t.wire, fr_to_zkey_coef(*Fr::from_limbs(t.coeff))});
    }
  }
  for (std::uint32_t s = 0; s <= r1cs.n_public(); ++s) {
    out.push_back({0, m + s, s, fr_to_zkey_coef(Fr::one())});
  }
  for (std::uint32_t i = 0; i < m; ++i) {
    for (const auto& t : r1cs.constraints[i].b) {
      out.push_back({1, i, t.wire, fr_to_zkey_coef(*Fr::from_limbs(t.coeff))});
    }
  }
  return out;
}

// H_j = L'_{2j+1}(τ)/δ over the doubled domain (size 2n, generator ω₂ₙ).
std::vector<Fr> h_scalars(const Fr& tau, unsigned log_n, const Fr& delta_inv) {
  const std::vector<Fr> l2 = lagrange_at(tau, log_n + 1);
  std::vector<Fr> out(l2.size() / 2);
  for (std::size_t j = 0; j < out.size(); ++j) out[j] = l2[2 * j + 1] * delta_inv;
  return out;
}

template <class P>
std::vector<format::ZkeyG1> encode_g1(const std::vector<P>& pts) {
  std::vector<format::ZkeyG1> out;
  out.reserve(pts.size());
  for (const P& p : pts) out.push_back(g1_to_zkey(p));
  return out;
}

}  // namespace

Result<format::Zkey> dev_setup(const format::R1csFile& r1cs,
                               const std::optional<SetupSecrets>& secrets) {
  const std::uint64_t rows = r1cs.constraints.size() + r1cs.n_public() + 1;
  unsigned log_n = 0;
  while ((std::uint64_t{1} << log_n) < rows) ++log_n;
  if (log_n > 27) return make_error("zk_setup_too_large", "circuit needs a domain above 2^27");
  const SetupSecrets k =
      secrets ? *secrets : SetupSecrets{Fr::random(), Fr::random(), Fr::random(), Fr::random()};
  const Fr delta_inv = k.delta.inverse();
  const QapAtTau q = qap_at(r1cs, lagrange_at(k.tau, log_n));

  format::Zkey z;
  z.n_vars = r1cs.n_wires;
  z.n_public = r1cs.n_public();
  z.domain_size = 1u << log_n;
  const FixedBase<G1Curve> g1(g1_generator());
  const FixedBase<G2Curve> g2(g2_generator());
  z.alpha1 = g1_to_zkey(g1.mul(k.alpha).to_affine());
  z.beta1 = g1_to_zkey(g1.mul(k.beta).to_affine());
  z.delta1 = g1_to_zkey(g1.mul(k.delta).to_affine());
  z.beta2 = g2_to_zkey(g2.mul(k.beta).to_affine());
  z.gamma2 = g2_to_zkey(g2_generator());
  z.delta2 = g2_to_zkey(g2.mul(k.delta).to_affine());

  std::vector<Fr> ic, priv;
  for (std::uint32_t i = 0; i < r1cs.n_wires; ++i) {
    const Fr lin = k.beta * q.u[i] + k.alpha * q.v[i] + q.w[i];
    if (i <= z.n_public) {
      ic.push_back(lin);  // γ = 1
    } else {
      priv.push_back(lin * delta_inv);
    }
  }
  std::vector<G2Affine> b2;
  std::thread g2_worker([&] { b2 = g2.mul_all(q.v); });
  z.ic = encode_g1(g1.mul_all(ic));
  z.a = encode_g1(g1.mul_all(q.u));
  z.b1 = encode_g1(g1.mul_all(q.v));
  z.c = encode_g1(g1.mul_all(priv));
  z.h = encode_g1(g1.mul_all(h_scalars(k.tau, log_n, delta_inv)));
  z.coefs = coefficient_section(r1cs);
  g2_worker.join();
  for (const G2Affine& p : b2) z.b2.push_back(g2_to_zkey(p));
  return z;
}

Status dev_setup_files(const std::string& r1cs_path, const std::string& zkey_path) {
  VM_TRY(r1cs, format::read_r1cs_file(r1cs_path));
  VM_TRY(zkey, dev_setup(r1cs));
  return format::write_file(zkey_path, format::serialize_zkey(zkey));
}

}  // namespace verimeter::zk
