// Miller loop, line functions and final exponentiation (see pairing.hpp).
#include "zk/pairing/pairing.hpp"

#include <array>

#include "zk/pairing/frobenius.hpp"

namespace verimeter::zk {
namespace {

constexpr u64 kBnX = 4965661367192848881ULL;

// Signed binary (NAF) digits of 6x + 2, least significant first.
struct AteLoop {
  std::array<int, 70> digits{};
  int length = 0;
};

constexpr AteLoop ate_loop() {
  AteLoop l;
  u128 n = static_cast<u128>(kBnX) * 6 + 2;
  while (n != 0) {
    int d = 0;
    if (n & 1) {
      d = 2 - static_cast<int>(n & 3);  // 1 if n = 1 mod 4, -1 if n = 3 mod 4
      n = d == 1 ? n - 1 : n + 1;
    }
    l.digits[l.length++] = d;
    n >>= 1;
  }
  return l;
}
constexpr AteLoop kAteLoop = ate_loop();

struct TwistPoint {  // homogeneous projective: x = X/Z, y = Y/Z
  Fp2 x, y, z;
};

const Fq& inv_two() {
  static const Fq v = Fq::from_u64(2).inverse();
  return v;
}

LineCoeffs double_step(TwistPoint& t) {
  const Fp2 a = (t.x * t.y) * inv_two();
  const Fp2 b = t.y.square(), c = t.z.square();
  const Fp2 e = (c.dbl() + c) * G2Curve::b();
  const Fp2 f = e.dbl() + e;
  const Fp2 g = (b + f) * inv_two();
  const Fp2 h = (t.y + t.z).square() - (b + c);
  const Fp2 j = t.x.square();
  const Fp2 e2 = e.square();
  t = {a * (b - f), g.square() - (e2.dbl() + e2), b * h};
  return {-h, j.dbl() + j, e - b};
}

LineCoeffs add_step(TwistPoint& t, const G2Affine& q) {
  const Fp2 theta = t.y - q.y * t.z, lambda = t.x - q.x * t.z;
  const Fp2 c = theta.square(), d = lambda.square();
  const Fp2 e = lambda * d, f = t.z * c, g = t.x * d;
  const Fp2 h = e + f - g.dbl();
  t = {lambda * h, theta * (g - h) - t.y * e, t.z * e};
  return {lambda, -theta, theta * q.x - lambda * q.y};
}

Fp12 mul_line(const Fp12& f, const LineCoeffs& l, const G1Affine& p) {
  return f.mul_by_line(l.a * p.y, l.b * p.x, l.c);
}

// Signed binary digits of x, least significant first (fewer multiplications than binary).
struct XNaf {
  std::array<int, 66> digits{};
  int length = 0;
};
constexpr XNaf x_naf() {
  XNaf l;
  u128 n = kBnX;
  while (n != 0) {
    int d = 0;
    if (n & 1) {
      d = 2 - static_cast<int>(n & 3);
      n = d == 1 ? n - 1 : n + 1;
    }
    l.digits[l.length++] = d;
    n >>= 1;
  }
  return l;
}
constexpr XNaf kXNaf = x_naf();

// f^x for f in the cyclotomic subgroup, where inversion is conjugation.
Fp12 exp_by_x(const Fp12& f) {
  const Fp12 f_inv = f.conjugate();
  Fp12 r = f;
  for (int i = kXNaf.length - 2; i >= 0; --i) {
    r = r.cyclotomic_square();
    if (kXNaf.digits[i] == 1) r *= f;
    if (kXNaf.digits[i] == -1) r *= f_inv;
  }
  return r;
}

}  // namespace

G2Prepared prepare_g2(const G2Affine& q) {
  G2Prepared out;
  if (q.infinity) return out;
  out.lines.reserve(2 * kAteLoop.length + 2);
  TwistPoint t{q.x, q.y, Fp2::one()};
  const G2Affine neg_q = -q;
  for (int i = kAteLoop.length - 2; i >= 0; --i) {
    out.lines.push_back(double_step(t));
    const int d = kAteLoop.digits[i];
    if (d != 0) out.lines.push_back(add_step(t, d > 0 ? q : neg_q));
  }
  const G2Affine q1 = g2_psi(q);
  const G2Affine q2 = g2_psi(q1);
  out.lines.push_back(add_step(t, q1));
  out.lines.push_back(add_step(t, -q2));
  return out;
}

Fp12 multi_miller_loop(std::span<const MillerPair> pairs) {
  Fp12 f = Fp12::one();
  std::size_t j = 0;
  auto apply = [&] {
    for (const MillerPair& mp : pairs) {
      if (!mp.p.infinity && !mp.q->infinity()) f = mul_line(f, mp.q->lines[j], mp.p);
    }
    ++j;
  };
  for (int i = kAteLoop.length - 2; i >= 0; --i) {
    if (i != kAteLoop.length - 2) f = f.square();
    apply();
    if (kAteLoop.digits[i] != 0) apply();
  }
  apply();
  apply();
  return f;
}

Fp12 final_exponentiation(const Fp12& in) {
  // Easy part: f^((p^6 - 1)(p^2 + 1)); the result is in the cyclotomic subgroup.
  Fp12 f = in.conjugate() * in.inverse();
  f = f.frobenius(2) * f;
  // Hard part: f^((p^4 - p^2 + 1)/r) = y0 * y1^2 * y2^6 * y3^12 * y4^18 * y5^30 * y6^36.
  const Fp12 fx = exp_by_x(f), fx2 = exp_by_x(fx), fx3 = exp_by_x(fx2);
  const Fp12 y0 = f.frobenius(1) * f.frobenius(2) * f.frobenius(3);
  const Fp12 y1 = f.conjugate();
  const Fp12 y2 = fx2.frobenius(2);
  const Fp12 y3 = fx.frobenius(1).conjugate();
  const Fp12 y4 = (fx * fx2.frobenius(1)).conjugate();
  const Fp12 y5 = fx2.conjugate();
  const Fp12 y6 = (fx3 * fx3.frobenius(1)).conjugate();
  Fp12 t0 = y6.square() * y4 * y5;
  Fp12 t1 = y3 * y5 * t0;
  t0 = t0 * y2;
  t1 = (t1.square() * t0).square();
  t0 = t1 * y1;
  t1 = t1 * y0;
  return t0.square() * t1;
}

Fp12 to_snarkjs_gt(const Fp12& e) {
  const Fr x = Fr::from_u64(kBnX);
  const Fr m = x.dbl() * (Fr::from_u64(6) * x.square() + Fr::from_u64(3) * x + Fr::one());
  const Limbs k = m.to_limbs();
  Fp12 r = Fp12::one();
  for (int i = static_cast<int>(limb_bit_length(k)) - 1; i >= 0; --i) {
    r = r.square();
    if (limb_bit(k, static_cast<unsigned>(i))) r *= e;
  }
  return r;
}

Fp12 pairing(const G1Affine& p, const G2Affine& q) {
  const G2Prepared qp = prepare_g2(q);
  const MillerPair mp{p, &qp};
  return final_exponentiation(multi_miller_loop({&mp, 1}));
}

bool pairing_check(std::span<const std::pair<G1Affine, G2Affine>> pairs) {
  std::vector<G2Prepared> prepared;
  prepared.reserve(pairs.size());
  std::vector<MillerPair> mps;
  mps.reserve(pairs.size());
  for (const auto& [p, q] : pairs) prepared.push_back(prepare_g2(q));
  for (std::size_t i = 0; i < pairs.size(); ++i) mps.push_back({pairs[i].first, &prepared[i]});
  return final_exponentiation(multi_miller_loop(mps)).is_one();
}

}  // namespace verimeter::zk
