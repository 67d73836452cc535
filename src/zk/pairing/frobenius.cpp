// Frobenius constants and Fp12::frobenius; also fp2_sqrt (both are exponentiations in Fp2).
#include "zk/pairing/frobenius.hpp"

#include "zk/pairing/fp12.hpp"

namespace verimeter::zk {
namespace {

// (a - sub) / div for a small divisor, exact or floored.
Limbs div_small(Limbs a, u64 sub, u64 div) {
  sub_limbs(a, a, Limbs{sub, 0, 0, 0});
  u64 rem = 0;
  for (int i = 3; i >= 0; --i) {
    const u128 cur = (static_cast<u128>(rem) << 64) | a[i];
    a[i] = static_cast<u64>(cur / div);
    rem = static_cast<u64>(cur % div);
  }
  return a;
}

FrobeniusConstants compute() {
  FrobeniusConstants fc{};
  const Fp2 xi{Fq::from_u64(9), Fq::one()};
  const Fp2 g = xi.pow(div_small(Fq::kModulus, 1, 6));
  Fp2 acc = Fp2::one();
  for (int i = 0; i < 6; ++i) {
    fc.gamma[1][i] = acc;
    fc.gamma[2][i] = acc * acc.conjugate();
    fc.gamma[3][i] = fc.gamma[2][i] * acc;
    acc *= g;
  }
  return fc;
}

Fp2 conj_if(const Fp2& a, bool odd) {
  return odd ? a.conjugate() : a;
}

}  // namespace

const FrobeniusConstants& frobenius_constants() {
  static const FrobeniusConstants fc = compute();
  return fc;
}

Fp12 Fp12::frobenius(int k) const {
  const auto& g = frobenius_constants().gamma[k];
  const bool odd = (k % 2) == 1;
  return {{conj_if(c0.c0, odd), conj_if(c0.c1, odd) * g[2], conj_if(c0.c2, odd) * g[4]},
          {conj_if(c1.c0, odd) * g[1], conj_if(c1.c1, odd) * g[3], conj_if(c1.c2, odd) * g[5]}};
}

namespace {

// (x + y t)^2 in Fp4 = Fp2[t]/(t^2 - xi), returned as (x', y').
std::pair<Fp2, Fp2> fp4_square(const Fp2& x, const Fp2& y) {
  const Fp2 x2 = x.square(), y2 = y.square();
  return {x2 + y2.mul_by_xi(), (x + y).square() - x2 - y2};
}

}  // namespace

Fp12 Fp12::cyclotomic_square() const {
  const auto [a0, a1] = fp4_square(c0.c0, c1.c1);  // A = g0 + g3 t
  const auto [b0, b1] = fp4_square(c1.c0, c0.c2);  // B = g1 + g4 t
  const auto [e0, e1] = fp4_square(c0.c1, c1.c2);  // C = g2 + g5 t
  auto three = [](const Fp2& v) { return v.dbl() + v; };
  Fp12 r;
  r.c0.c0 = three(a0) - c0.c0.dbl();  // 3A^2 - 2 conj(A)
  r.c1.c1 = three(a1) + c1.c1.dbl();
  r.c1.c0 = three(e1.mul_by_xi()) + c1.c0.dbl();  // 3 t C^2 + 2 conj(B)
  r.c0.c2 = three(e0) - c0.c2.dbl();
  r.c0.c1 = three(b0) - c0.c1.dbl();  // 3B^2 - 2 conj(C)
  r.c1.c2 = three(b1) + c1.c2.dbl();
  return r;
}

std::optional<Fp2> fp2_sqrt(const Fp2& a) {
  if (a.is_zero()) return Fp2::zero();
  const Fp2 a1 = a.pow(div_small(Fq::kModulus, 3, 4));  // a^((p-3)/4)
  const Fp2 alpha = a1.square() * a;
  const Fp2 x0 = a1 * a;
  const Fp2 minus_one = -Fp2::one();
  if (alpha.conjugate() * alpha == minus_one) return std::nullopt;
  Fp2 x;
  if (alpha == minus_one) {
    x = Fp2{-x0.c1, x0.c0};  // u * x0
  } else {
    x = (Fp2::one() + alpha).pow(div_small(Fq::kModulus, 1, 2)) * x0;
  }
  if (x.square() != a) return std::nullopt;
  return x;
}

}  // namespace verimeter::zk
