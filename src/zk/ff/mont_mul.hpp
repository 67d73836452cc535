// Montgomery multiplication r = a*b*2^-256 mod p on four 64-bit limbs.
// mont_mul_portable: CIOS with unsigned __int128 and the "no-carry" shortcut (needs the top limb
// of p below 2^62, true for both BN254 primes). mont_mul_adx: x86-64 inline assembly with
// mulx/adcx/adox; mont_mul<P> picks it once at start-up when the CPU has ADX and BMI2, unless the
// environment variable VERIMETER_ZK_PORTABLE is set (used by benchmarks and tests to compare both
// paths).
#pragma once

#include "zk/ff/limbs.hpp"

namespace verimeter::zk {

template <class P>
VM_ZK_INLINE void mont_mul_portable(Limbs& r, const Limbs& a, const Limbs& b) {
  constexpr Limbs p = P::kModulus;
  constexpr u64 inv = neg_inv_u64(P::kModulus[0]);
  Limbs t{};
#pragma GCC unroll 4
  for (int i = 0; i < 4; ++i) {
    u128 s = static_cast<u128>(a[0]) * b[i] + t[0];
    u64 carry_a = static_cast<u64>(s >> 64);
    const u64 t0 = static_cast<u64>(s);
    const u64 m = t0 * inv;
    u128 c = static_cast<u128>(m) * p[0] + t0;
    u64 carry_m = static_cast<u64>(c >> 64);
#pragma GCC unroll 3
    for (int j = 1; j < 4; ++j) {
      s = static_cast<u128>(a[j]) * b[i] + t[j] + carry_a;
      carry_a = static_cast<u64>(s >> 64);
      c = static_cast<u128>(m) * p[j] + static_cast<u64>(s) + carry_m;
      carry_m = static_cast<u64>(c >> 64);
      t[j - 1] = static_cast<u64>(c);
    }
    t[3] = carry_a + carry_m;
  }
  reduce_once(r, t, p);
}

template <class P>
struct MontConstants {
  static constexpr u64 kInv = neg_inv_u64(P::kModulus[0]);
};

// ADX/BMI2 path: CIOS in x86-64 assembly, mulx for the products and the two independent carry
// chains of adcx (CF) and adox (OF); five rotating accumulators keep register pressure low. In
// optimised builds a is passed in registers where the compiler can spare them ("rm") and b as
// named memory operands, with no "memory" clobber, so values stay in registers around the
// product and a chained product needs no round trip through memory; the product is always inlined
// (a call per product cost about a quarter of its time). Unoptimised builds cannot allocate that
// many operands and read a and b through two pointer registers instead. Only call when kUseAdx
// is true.
#if defined(__OPTIMIZE__)
#define VM_ZK_ADX_A0 "%[a0]"
#define VM_ZK_ADX_A1 "%[a1]"
#define VM_ZK_ADX_A2 "%[a2]"
#define VM_ZK_ADX_A3 "%[a3]"
#define VM_ZK_ADX_B0 "%[b0]"
#define VM_ZK_ADX_B1 "%[b1]"
#define VM_ZK_ADX_B2 "%[b2]"
#define VM_ZK_ADX_B3 "%[b3]"
#define VM_ZK_ADX_T5 "%[t5]"
#define VM_ZK_ADX_OUTPUTS [t5] "=&r"(t5)
#define VM_ZK_ADX_INPUTS                                                              \
  [a0] "rm"(a[0]), [a1] "rm"(a[1]), [a2] "rm"(a[2]), [a3] "rm"(a[3]), [b0] "m"(b[0]), \
      [b1] "m"(b[1]), [b2] "m"(b[2]), [b3] "m"(b[3]),
#define VM_ZK_ADX_CLOBBERS "rdx", "cc"
#else
#define VM_ZK_ADX_A0 "0(%[ap])"
#define VM_ZK_ADX_A1 "8(%[ap])"
#define VM_ZK_ADX_A2 "16(%[ap])"
#define VM_ZK_ADX_A3 "24(%[ap])"
#define VM_ZK_ADX_B0 "0(%[bp])"
#define VM_ZK_ADX_B1 "8(%[bp])"
#define VM_ZK_ADX_B2 "16(%[bp])"
#define VM_ZK_ADX_B3 "24(%[bp])"
#define VM_ZK_ADX_T5 "%[ap]"  // the pointer to a doubles as the last scratch register
#define VM_ZK_ADX_OUTPUTS [ap] "+r"(ap), [bp] "+r"(bp)
#define VM_ZK_ADX_INPUTS
#define VM_ZK_ADX_CLOBBERS "rdx", "cc", "memory"  // reads a and b through ap/bp
#endif

template <class P>
VM_ZK_INLINE void mont_mul_adx(Limbs& out, const Limbs& a, const Limbs& b) {
  u64 t0, t1, t2, t3, t4, lo, hi;
#if defined(__OPTIMIZE__)
  u64 t5;
#else
  const u64* ap = a.data();
  const u64* bp = b.data();
#endif
  asm("movq " VM_ZK_ADX_B0
      ", %%rdx\n\t"
      "mulxq " VM_ZK_ADX_A0
      ", %[t0], %[t1]\n\t"
      "mulxq " VM_ZK_ADX_A1
      ", %[lo], %[t2]\n\t"
      "addq %[lo], %[t1]\n\t"
      "mulxq " VM_ZK_ADX_A2
      ", %[lo], %[t3]\n\t"
      "adcq %[lo], %[t2]\n\t"
      "mulxq " VM_ZK_ADX_A3
      ", %[lo], %[t4]\n\t"
      "adcq %[lo], %[t3]\n\t"
      "adcq $0, %[t4]\n\t"
      "movq %[t0], %%rdx\n\t"
      "imulq %[inv], %%rdx\n\t"
      "xorq %[hi], %[hi]\n\t"
      "mulxq %[p0], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t0]\n\t"
      "adoxq %[hi], %[t1]\n\t"
      "mulxq %[p1], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t1]\n\t"
      "adoxq %[hi], %[t2]\n\t"
      "mulxq %[p2], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t2]\n\t"
      "adoxq %[hi], %[t3]\n\t"
      "mulxq %[p3], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t3]\n\t"
      "adoxq %[hi], %[t4]\n\t"
      "adcq $0, %[t4]\n\t"
      "movq " VM_ZK_ADX_B1
      ", %%rdx\n\t"
      "xorq %[t0], %[t0]\n\t"
      "mulxq " VM_ZK_ADX_A0
      ", %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t1]\n\t"
      "adoxq %[hi], %[t2]\n\t"
      "mulxq " VM_ZK_ADX_A1
      ", %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t2]\n\t"
      "adoxq %[hi], %[t3]\n\t"
      "mulxq " VM_ZK_ADX_A2
      ", %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t3]\n\t"
      "adoxq %[hi], %[t4]\n\t"
      "mulxq " VM_ZK_ADX_A3
      ", %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t4]\n\t"
      "adoxq %[hi], %[t0]\n\t"
      "adcq $0, %[t0]\n\t"
      "movq %[t1], %%rdx\n\t"
      "imulq %[inv], %%rdx\n\t"
      "xorq %[hi], %[hi]\n\t"
      "mulxq %[p0], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t1]\n\t"
      "adoxq %[hi], %[t2]\n\t"
      "mulxq %[p1], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t2]\n\t"
      "adoxq %[hi], %[t3]\n\t"
      "mulxq %[p2], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t3]\n\t"
      "adoxq %[hi], %[t4]\n\t"
      "mulxq %[p3], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t4]\n\t"
      "adoxq %[hi], %[t0]\n\t"
      "adcq $0, %[t0]\n\t"
      "movq " VM_ZK_ADX_B2
      ", %%rdx\n\t"
      "xorq %[t1], %[t1]\n\t"
      "mulxq " VM_ZK_ADX_A0
      ", %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t2]\n\t"
      "adoxq %[hi], %[t3]\n\t"
      "mulxq " VM_ZK_ADX_A1
      ", %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t3]\n\t"
      "adoxq %[hi], %[t4]\n\t"
      "mulxq " VM_ZK_ADX_A2
      ", %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t4]\n\t"
      "adoxq %[hi], %[t0]\n\t"
      "mulxq " VM_ZK_ADX_A3
      ", %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t0]\n\t"
      "adoxq %[hi], %[t1]\n\t"
      "adcq $0, %[t1]\n\t"
      "movq %[t2], %%rdx\n\t"
      "imulq %[inv], %%rdx\n\t"
      "xorq %[hi], %[hi]\n\t"
      "mulxq %[p0], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t2]\n\t"
      "adoxq %[hi], %[t3]\n\t"
      "mulxq %[p1], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t3]\n\t"
      "adoxq %[hi], %[t4]\n\t"
      "mulxq %[p2], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t4]\n\t"
      "adoxq %[hi], %[t0]\n\t"
      "mulxq %[p3], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t0]\n\t"
      "adoxq %[hi], %[t1]\n\t"
      "adcq $0, %[t1]\n\t"
      "movq " VM_ZK_ADX_B3
      ", %%rdx\n\t"
      "xorq %[t2], %[t2]\n\t"
      "mulxq " VM_ZK_ADX_A0
      ", %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t3]\n\t"
      "adoxq %[hi], %[t4]\n\t"
      "mulxq " VM_ZK_ADX_A1
      ", %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t4]\n\t"
      "adoxq %[hi], %[t0]\n\t"
      "mulxq " VM_ZK_ADX_A2
      ", %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t0]\n\t"
      "adoxq %[hi], %[t1]\n\t"
      "mulxq " VM_ZK_ADX_A3
      ", %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t1]\n\t"
      "adoxq %[hi], %[t2]\n\t"
      "adcq $0, %[t2]\n\t"
      "movq %[t3], %%rdx\n\t"
      "imulq %[inv], %%rdx\n\t"
      "xorq %[hi], %[hi]\n\t"
      "mulxq %[p0], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t3]\n\t"
      "adoxq %[hi], %[t4]\n\t"
      "mulxq %[p1], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t4]\n\t"
      "adoxq %[hi], %[t0]\n\t"
      "mulxq %[p2], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t0]\n\t"
      "adoxq %[hi], %[t1]\n\t"
      "mulxq %[p3], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[t1]\n\t"
      "adoxq %[hi], %[t2]\n\t"
      "adcq $0, %[t2]\n\t"
      "movq %[t4], %[lo]\n\t"
      "subq %[p0], %[lo]\n\t"
      "movq %[t0], %[hi]\n\t"
      "sbbq %[p1], %[hi]\n\t"
      "movq %[t1], %[t3]\n\t"
      "sbbq %[p2], %[t3]\n\t"
      "movq %[t2], " VM_ZK_ADX_T5
      "\n\t"
      "sbbq %[p3], " VM_ZK_ADX_T5
      "\n\t"
      "cmovncq %[lo], %[t4]\n\t"
      "cmovncq %[hi], %[t0]\n\t"
      "cmovncq %[t3], %[t1]\n\t"
      "cmovncq " VM_ZK_ADX_T5 ", %[t2]\n\t"
      : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3), [t4] "=&r"(t4),
        [lo] "=&r"(lo), [hi] "=&r"(hi), VM_ZK_ADX_OUTPUTS
      : VM_ZK_ADX_INPUTS[p0] "m"(P::kModulus[0]), [p1] "m"(P::kModulus[1]),
        [p2] "m"(P::kModulus[2]), [p3] "m"(P::kModulus[3]), [inv] "m"(MontConstants<P>::kInv)
      : VM_ZK_ADX_CLOBBERS);
  out = {t4, t0, t1, t2};
}

// cpu_supports_adx: the CPU has ADX and BMI2. use_adx_detect: that, and VERIMETER_ZK_PORTABLE is
// not set in the environment. kUseAdx is decided once, at start-up.
bool cpu_supports_adx();
bool use_adx_detect();
inline const bool kUseAdx = use_adx_detect();

// The portable product behind a call, so that inlining the dispatch below does not double the
// code of every field operation.
template <class P>
[[gnu::noinline]] void mont_mul_portable_call(Limbs& r, const Limbs& a, const Limbs& b) {
  mont_mul_portable<P>(r, a, b);
}

template <class P>
VM_ZK_INLINE void mont_mul(Limbs& r, const Limbs& a, const Limbs& b) {
  if (kUseAdx) [[likely]] {
    mont_mul_adx<P>(r, a, b);
  } else {
    mont_mul_portable_call<P>(r, a, b);
  }
}

}  // namespace verimeter::zk
