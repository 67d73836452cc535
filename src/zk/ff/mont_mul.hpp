// Montgomery multiplication r = a*b*2^-256 mod p on four 64-bit limbs.
// mont_mul_portable: CIOS with unsigned __int128 and the "no-carry" shortcut (needs the top limb
// of p below 2^62, true for both BN254 primes). mont_mul_adx (mont_mul_adx.cpp) is the same
// algorithm on mulx/adcx/adox; mont_mul<P> picks it once at start-up when the CPU has ADX and
// BMI2, unless the environment variable VERIMETER_ZK_PORTABLE is set (used by benchmarks and
// tests to compare both paths).
#pragma once

#include "zk/ff/limbs.hpp"

namespace verimeter::zk {

template <class P>
inline void mont_mul_portable(Limbs& r, const Limbs& a, const Limbs& b) {
  constexpr Limbs p = P::kModulus;
  constexpr u64 inv = neg_inv_u64(P::kModulus[0]);
  Limbs t{};
  for (int i = 0; i < 4; ++i) {
    u128 s = static_cast<u128>(a[0]) * b[i] + t[0];
    u64 carry_a = static_cast<u64>(s >> 64);
    const u64 t0 = static_cast<u64>(s);
    const u64 m = t0 * inv;
    u128 c = static_cast<u128>(m) * p[0] + t0;
    u64 carry_m = static_cast<u64>(c >> 64);
    for (int j = 1; j < 4; ++j) {
      s = static_cast<u128>(a[j]) * b[i] + t[j] + carry_a;
      carry_a = static_cast<u64>(s >> 64);
      c = static_cast<u128>(m) * p[j] + static_cast<u64>(s) + carry_m;
      carry_m = static_cast<u64>(c >> 64);
      t[j - 1] = static_cast<u64>(c);
    }
    t[3] = carry_a + carry_m;
  }
  if (!less_limbs(t, p)) sub_limbs(t, t, p);
  r = t;
}

// Implemented in mont_mul_adx.cpp with the adx/bmi2 target attribute; only call when
// cpu_has_adx() is true.
void mont_mul_adx(Limbs& r, const Limbs& a, const Limbs& b, const Limbs& p, u64 inv);

// cpu_supports_adx: the CPU has ADX and BMI2. use_adx_detect: that, and VERIMETER_ZK_PORTABLE is
// not set in the environment. kUseAdx is decided once, at start-up.
bool cpu_supports_adx();
bool use_adx_detect();
inline const bool kUseAdx = use_adx_detect();

template <class P>
inline void mont_mul(Limbs& r, const Limbs& a, const Limbs& b) {
  if (kUseAdx) {
    mont_mul_adx(r, a, b, P::kModulus, neg_inv_u64(P::kModulus[0]));
  } else {
    mont_mul_portable<P>(r, a, b);
  }
}

}  // namespace verimeter::zk
