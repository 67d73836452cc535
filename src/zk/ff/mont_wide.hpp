// Lazy Montgomery reduction: 512-bit products kept unreduced, summed, and reduced once.
// A sum of k products costs k wide products plus one reduction instead of k full Montgomery
// products (a reduction is about half of one), which pays in Fp2 multiplication (Karatsuba with
// two reductions instead of three) and in the dot products of Poseidon's linear layers.
//   mul_wide(a, b)         the 512-bit product of two 256-bit integers (any values < 2^256)
//   mul_add_wide(acc, a, b) acc += a * b (the caller keeps acc below 2^512)
//   mont_reduce<P>(t)      t * 2^-256 mod p, fully reduced; requires t < p * 2^256
// Both have a portable path (unsigned __int128) and an ADX/BMI2 path (mulx/adcx/adox assembly),
// chosen like mont_mul (kUseAdx). Unoptimised and AddressSanitizer builds use the portable path
// only (VM_ZK_WIDE_ASM = 0): they cannot allocate registers for the assembly's operands.
#pragma once

#include "zk/ff/mont_mul.hpp"

namespace verimeter::zk {

using Wide = std::array<u64, 8>;

#if defined(__OPTIMIZE__) && !defined(__SANITIZE_ADDRESS__)
#define VM_ZK_WIDE_ASM 1
#else
#define VM_ZK_WIDE_ASM 0
#endif

// 512-bit helpers for sums and differences of products (carry / borrow out returned).
VM_ZK_INLINE u64 wide_add(Wide& r, const Wide& a, const Wide& b) {
  unsigned char c = 0;
  for (int i = 0; i < 8; ++i) {
    unsigned long long s;
    c = _addcarry_u64(c, a[i], b[i], &s);
    r[i] = s;
  }
  return c;
}

VM_ZK_INLINE u64 wide_sub(Wide& r, const Wide& a, const Wide& b) {
  unsigned char c = 0;
  for (int i = 0; i < 8; ++i) {
    unsigned long long d;
    c = _subborrow_u64(c, a[i], b[i], &d);
    r[i] = d;
  }
  return c;
}

// r += h * 2^256 (h added to the high half; the carry out is dropped).
VM_ZK_INLINE void wide_add_high(Wide& r, const Limbs& h) {
  unsigned char c = 0;
  for (int i = 0; i < 4; ++i) {
    unsigned long long s;
    c = _addcarry_u64(c, r[i + 4], h[i], &s);
    r[i + 4] = s;
  }
}

inline void mul_wide_portable(Wide& r, const Limbs& a, const Limbs& b) {
  r = {};
  for (int i = 0; i < 4; ++i) {
    u64 carry = 0;
    for (int j = 0; j < 4; ++j) {
      const u128 s = static_cast<u128>(a[j]) * b[i] + r[i + j] + carry;
      r[i + j] = static_cast<u64>(s);
      carry = static_cast<u64>(s >> 64);
    }
    r[i + 4] = carry;
  }
}

// Reduces the low half (4 rounds of m = t_i * -p^-1, t += m * p * 2^(64 i)), giving
// (lo + m p) / 2^256 <= p, then adds the high half (< p) and subtracts p once if needed.
template <class P>
inline void mont_reduce_portable(Limbs& r, const Wide& t) {
  constexpr Limbs p = P::kModulus;
  constexpr u64 inv = neg_inv_u64(P::kModulus[0]);
  Limbs w{t[0], t[1], t[2], t[3]};
  for (int i = 0; i < 4; ++i) {
    const u64 m = w[0] * inv;
    u128 s = static_cast<u128>(m) * p[0] + w[0];
    for (int j = 1; j < 4; ++j) {
      s = static_cast<u128>(m) * p[j] + w[j] + static_cast<u64>(s >> 64);
      w[j - 1] = static_cast<u64>(s);
    }
    w[3] = static_cast<u64>(s >> 64);
  }
  Limbs sum{};
  add_limbs(sum, w, Limbs{t[4], t[5], t[6], t[7]});
  reduce_once(r, sum, p);
}

// clang-format off
#if VM_ZK_WIDE_ASM

// One row of the schoolbook product: (r_i .. r_{i+4}) += a * b_i, r_{i+4} fresh.
#define VM_ZK_WIDE_ROW(B, R0, R1, R2, R3, R4) \
  "movq " B ", %%rdx\n\t"                     \
  "xorq %[zero], %[zero]\n\t"                 \
  "mulxq %[a0], %[lo], %[hi]\n\t"             \
  "adcxq %[lo], %[" R0 "]\n\t"                \
  "adoxq %[hi], %[" R1 "]\n\t"                \
  "mulxq %[a1], %[lo], %[hi]\n\t"             \
  "adcxq %[lo], %[" R1 "]\n\t"                \
  "adoxq %[hi], %[" R2 "]\n\t"                \
  "mulxq %[a2], %[lo], %[hi]\n\t"             \
  "adcxq %[lo], %[" R2 "]\n\t"                \
  "adoxq %[hi], %[" R3 "]\n\t"                \
  "mulxq %[a3], %[lo], %[" R4 "]\n\t"         \
  "adcxq %[lo], %[" R3 "]\n\t"                \
  "adoxq %[zero], %[" R4 "]\n\t"              \
  "adcxq %[zero], %[" R4 "]\n\t"

VM_ZK_INLINE void mul_wide_adx(Wide& out, const Limbs& a, const Limbs& b) {
  u64 r0, r1, r2, r3, r4, r5, r6, r7, lo, hi, zero;
  asm("movq %[b0], %%rdx\n\t"
      "mulxq %[a0], %[r0], %[r1]\n\t"
      "mulxq %[a1], %[lo], %[r2]\n\t"
      "addq %[lo], %[r1]\n\t"
      "mulxq %[a2], %[lo], %[r3]\n\t"
      "adcq %[lo], %[r2]\n\t"
      "mulxq %[a3], %[lo], %[r4]\n\t"
      "adcq %[lo], %[r3]\n\t"
      "adcq $0, %[r4]\n\t"
      VM_ZK_WIDE_ROW("%[b1]", "r1", "r2", "r3", "r4", "r5")
      VM_ZK_WIDE_ROW("%[b2]", "r2", "r3", "r4", "r5", "r6")
      VM_ZK_WIDE_ROW("%[b3]", "r3", "r4", "r5", "r6", "r7")
      : [r0] "=&r"(r0), [r1] "=&r"(r1), [r2] "=&r"(r2), [r3] "=&r"(r3), [r4] "=&r"(r4),
        [r5] "=&r"(r5), [r6] "=&r"(r6), [r7] "=&r"(r7), [lo] "=&r"(lo), [hi] "=&r"(hi),
        [zero] "=&r"(zero)
      : [a0] "m"(a[0]), [a1] "m"(a[1]), [a2] "m"(a[2]), [a3] "m"(a[3]), [b0] "m"(b[0]),
        [b1] "m"(b[1]), [b2] "m"(b[2]), [b3] "m"(b[3])
      : "rdx", "cc");
  out = {r0, r1, r2, r3, r4, r5, r6, r7};
}
#undef VM_ZK_WIDE_ROW

// acc += a * b (the caller keeps the sum below 2^512): four rows of mulx with the two carry
// chains, each row's carries rippled up to the top limb, the accumulator in registers.
VM_ZK_INLINE void mul_add_wide_adx(Wide& acc, const Limbs& a, const Limbs& b) {
  u64 c0 = acc[0], c1 = acc[1], c2 = acc[2], c3 = acc[3], c4 = acc[4], c5 = acc[5], c6 = acc[6],
      c7 = acc[7], lo, hi, zero;
  asm("movq %[b0], %%rdx\n\t"
      "xorq %[zero], %[zero]\n\t"
      "mulxq %[a0], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c0]\n\t"
      "adoxq %[hi], %[c1]\n\t"
      "mulxq %[a1], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c1]\n\t"
      "adoxq %[hi], %[c2]\n\t"
      "mulxq %[a2], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c2]\n\t"
      "adoxq %[hi], %[c3]\n\t"
      "mulxq %[a3], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c3]\n\t"
      "adoxq %[hi], %[c4]\n\t"
      "adcxq %[zero], %[c4]\n\t"
      "adoxq %[zero], %[c5]\n\t"
      "adcxq %[zero], %[c5]\n\t"
      "adoxq %[zero], %[c6]\n\t"
      "adcxq %[zero], %[c6]\n\t"
      "adoxq %[zero], %[c7]\n\t"
      "adcxq %[zero], %[c7]\n\t"
      "movq %[b1], %%rdx\n\t"
      "xorq %[zero], %[zero]\n\t"
      "mulxq %[a0], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c1]\n\t"
      "adoxq %[hi], %[c2]\n\t"
      "mulxq %[a1], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c2]\n\t"
      "adoxq %[hi], %[c3]\n\t"
      "mulxq %[a2], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c3]\n\t"
      "adoxq %[hi], %[c4]\n\t"
      "mulxq %[a3], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c4]\n\t"
      "adoxq %[hi], %[c5]\n\t"
      "adcxq %[zero], %[c5]\n\t"
      "adoxq %[zero], %[c6]\n\t"
      "adcxq %[zero], %[c6]\n\t"
      "adoxq %[zero], %[c7]\n\t"
      "adcxq %[zero], %[c7]\n\t"
      "movq %[b2], %%rdx\n\t"
      "xorq %[zero], %[zero]\n\t"
      "mulxq %[a0], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c2]\n\t"
      "adoxq %[hi], %[c3]\n\t"
      "mulxq %[a1], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c3]\n\t"
      "adoxq %[hi], %[c4]\n\t"
      "mulxq %[a2], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c4]\n\t"
      "adoxq %[hi], %[c5]\n\t"
      "mulxq %[a3], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c5]\n\t"
      "adoxq %[hi], %[c6]\n\t"
      "adcxq %[zero], %[c6]\n\t"
      "adoxq %[zero], %[c7]\n\t"
      "adcxq %[zero], %[c7]\n\t"
      "movq %[b3], %%rdx\n\t"
      "xorq %[zero], %[zero]\n\t"
      "mulxq %[a0], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c3]\n\t"
      "adoxq %[hi], %[c4]\n\t"
      "mulxq %[a1], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c4]\n\t"
      "adoxq %[hi], %[c5]\n\t"
      "mulxq %[a2], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c5]\n\t"
      "adoxq %[hi], %[c6]\n\t"
      "mulxq %[a3], %[lo], %[hi]\n\t"
      "adcxq %[lo], %[c6]\n\t"
      "adoxq %[hi], %[c7]\n\t"
      "adcxq %[zero], %[c7]\n\t"
      : [c0] "+&r"(c0), [c1] "+&r"(c1), [c2] "+&r"(c2), [c3] "+&r"(c3), [c4] "+&r"(c4),
        [c5] "+&r"(c5), [c6] "+&r"(c6), [c7] "+&r"(c7), [lo] "=&r"(lo), [hi] "=&r"(hi),
        [zero] "=&r"(zero)
      : [a0] "m"(a[0]), [a1] "m"(a[1]), [a2] "m"(a[2]), [a3] "m"(a[3]), [b0] "m"(b[0]),
        [b1] "m"(b[1]), [b2] "m"(b[2]), [b3] "m"(b[3])
      : "rdx", "cc");
  acc = {c0, c1, c2, c3, c4, c5, c6, c7};
}

// One reduction round on the window (W0 .. W3) with fresh top W4: W0 becomes zero.
#define VM_ZK_REDUCE_ROUND(W0, W1, W2, W3, W4) \
  "movq %[" W0 "], %%rdx\n\t"                  \
  "imulq %[inv], %%rdx\n\t"                    \
  "xorq %[zero], %[zero]\n\t"                  \
  "mulxq %[p0], %[lo], %[hi]\n\t"              \
  "adcxq %[lo], %[" W0 "]\n\t"                 \
  "adoxq %[hi], %[" W1 "]\n\t"                 \
  "mulxq %[p1], %[lo], %[hi]\n\t"              \
  "adcxq %[lo], %[" W1 "]\n\t"                 \
  "adoxq %[hi], %[" W2 "]\n\t"                 \
  "mulxq %[p2], %[lo], %[hi]\n\t"              \
  "adcxq %[lo], %[" W2 "]\n\t"                 \
  "adoxq %[hi], %[" W3 "]\n\t"                 \
  "mulxq %[p3], %[lo], %[" W4 "]\n\t"          \
  "adcxq %[lo], %[" W3 "]\n\t"                 \
  "adoxq %[zero], %[" W4 "]\n\t"               \
  "adcxq %[zero], %[" W4 "]\n\t"

template <class P>
VM_ZK_INLINE void mont_reduce_adx(Limbs& out, const Wide& t) {
  u64 w0 = t[0], w1 = t[1], w2 = t[2], w3 = t[3], w4, lo, hi, zero;
  asm(VM_ZK_REDUCE_ROUND("w0", "w1", "w2", "w3", "w4")  // window w1 w2 w3 w4
      VM_ZK_REDUCE_ROUND("w1", "w2", "w3", "w4", "w0")  // window w2 w3 w4 w0
      VM_ZK_REDUCE_ROUND("w2", "w3", "w4", "w0", "w1")  // window w3 w4 w0 w1
      VM_ZK_REDUCE_ROUND("w3", "w4", "w0", "w1", "w2")  // window w4 w0 w1 w2
      "addq %[t4], %[w4]\n\t"                           // + high half
      "adcq %[t5], %[w0]\n\t"
      "adcq %[t6], %[w1]\n\t"
      "adcq %[t7], %[w2]\n\t"
      "movq %[w4], %[lo]\n\t"  // conditional subtraction of p
      "subq %[p0], %[lo]\n\t"
      "movq %[w0], %[hi]\n\t"
      "sbbq %[p1], %[hi]\n\t"
      "movq %[w1], %[zero]\n\t"
      "sbbq %[p2], %[zero]\n\t"
      "movq %[w2], %[w3]\n\t"
      "sbbq %[p3], %[w3]\n\t"
      "cmovncq %[lo], %[w4]\n\t"
      "cmovncq %[hi], %[w0]\n\t"
      "cmovncq %[zero], %[w1]\n\t"
      "cmovncq %[w3], %[w2]\n\t"
      : [w0] "+&r"(w0), [w1] "+&r"(w1), [w2] "+&r"(w2), [w3] "+&r"(w3), [w4] "=&r"(w4),
        [lo] "=&r"(lo), [hi] "=&r"(hi), [zero] "=&r"(zero)
      : [t4] "m"(t[4]), [t5] "m"(t[5]), [t6] "m"(t[6]), [t7] "m"(t[7]), [p0] "m"(P::kModulus[0]),
        [p1] "m"(P::kModulus[1]), [p2] "m"(P::kModulus[2]), [p3] "m"(P::kModulus[3]),
        [inv] "m"(MontConstants<P>::kInv)
      : "rdx", "cc");
  out = {w4, w0, w1, w2};
}
#undef VM_ZK_REDUCE_ROUND

#endif  // VM_ZK_WIDE_ASM
// clang-format on

VM_ZK_INLINE void mul_wide(Wide& r, const Limbs& a, const Limbs& b) {
#if VM_ZK_WIDE_ASM
  if (kUseAdx) [[likely]] {
    mul_wide_adx(r, a, b);
    return;
  }
#endif
  mul_wide_portable(r, a, b);
}

VM_ZK_INLINE void mul_add_wide(Wide& acc, const Limbs& a, const Limbs& b) {
#if VM_ZK_WIDE_ASM
  if (kUseAdx) [[likely]] {
    mul_add_wide_adx(acc, a, b);
    return;
  }
#endif
  Wide p;
  mul_wide_portable(p, a, b);
  wide_add(acc, acc, p);
}

template <class P>
VM_ZK_INLINE void mont_reduce(Limbs& r, const Wide& t) {
#if VM_ZK_WIDE_ASM
  if (kUseAdx) [[likely]] {
    mont_reduce_adx<P>(r, t);
    return;
  }
#endif
  mont_reduce_portable<P>(r, t);
}

}  // namespace verimeter::zk
