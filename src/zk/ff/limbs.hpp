// 256-bit unsigned integers as four little-endian 64-bit limbs, with the handful of
// carry-propagating helpers the Montgomery field code needs. All constexpr so the field
// constants (R mod p, R^2 mod p, -p^-1 mod 2^64) are derived from the modulus at compile time.
#pragma once

#include <immintrin.h>

#include <array>
#include <cstdint>

namespace verimeter::zk {

using u64 = std::uint64_t;
using u128 = unsigned __int128;
using Limbs = std::array<u64, 4>;

// Forces inlining of the few hot primitives (modular add/sub/multiply) into the field operators.
#define VM_ZK_INLINE [[gnu::always_inline]] inline

// r = a + b + carry_in; returns the carry out (0 or 1).
constexpr u64 add_limbs(Limbs& r, const Limbs& a, const Limbs& b) {
  u64 carry = 0;
  for (int i = 0; i < 4; ++i) {
    const u128 s = static_cast<u128>(a[i]) + b[i] + carry;
    r[i] = static_cast<u64>(s);
    carry = static_cast<u64>(s >> 64);
  }
  return carry;
}

// r = a - b; returns the borrow out (0 or 1).
constexpr u64 sub_limbs(Limbs& r, const Limbs& a, const Limbs& b) {
  u64 borrow = 0;
  for (int i = 0; i < 4; ++i) {
    const u128 d = static_cast<u128>(a[i]) - b[i] - borrow;
    r[i] = static_cast<u64>(d);
    borrow = static_cast<u64>(d >> 64) & 1;
  }
  return borrow;
}

// a < b as unsigned 256-bit integers.
constexpr bool less_limbs(const Limbs& a, const Limbs& b) {
  for (int i = 3; i >= 0; --i) {
    if (a[i] != b[i]) return a[i] < b[i];
  }
  return false;
}

constexpr bool is_zero_limbs(const Limbs& a) {
  return (a[0] | a[1] | a[2] | a[3]) == 0;
}

// Bit i (0 = least significant).
constexpr bool limb_bit(const Limbs& a, unsigned i) {
  return (a[i / 64] >> (i % 64)) & 1;
}

// Number of significant bits.
constexpr unsigned limb_bit_length(const Limbs& a) {
  for (int i = 3; i >= 0; --i) {
    if (a[i] != 0) return 64 * i + (64 - __builtin_clzll(a[i]));
  }
  return 0;
}

// Branch-free modular helpers on the carry flag (_addcarry_u64/_subborrow_u64 compile to
// add/adc and sub/sbb chains). Random field data would make a compare-and-branch unpredictable.
// reduce_once: r = a mod p for a < 2p. add_mod/sub_mod: for a, b < p < 2^255.
VM_ZK_INLINE void reduce_once(Limbs& r, const Limbs& a, const Limbs& p) {
  unsigned long long d0, d1, d2, d3;
  unsigned char b = _subborrow_u64(0, a[0], p[0], &d0);
  b = _subborrow_u64(b, a[1], p[1], &d1);
  b = _subborrow_u64(b, a[2], p[2], &d2);
  b = _subborrow_u64(b, a[3], p[3], &d3);
  const u64 keep_a = 0 - static_cast<u64>(b);  // all ones when a < p
  r = {(a[0] & keep_a) | (d0 & ~keep_a), (a[1] & keep_a) | (d1 & ~keep_a),
       (a[2] & keep_a) | (d2 & ~keep_a), (a[3] & keep_a) | (d3 & ~keep_a)};
}

VM_ZK_INLINE void add_mod(Limbs& r, const Limbs& a, const Limbs& b, const Limbs& p) {
  unsigned long long s0, s1, s2, s3;
  unsigned char c = _addcarry_u64(0, a[0], b[0], &s0);
  c = _addcarry_u64(c, a[1], b[1], &s1);
  c = _addcarry_u64(c, a[2], b[2], &s2);
  _addcarry_u64(c, a[3], b[3], &s3);
  reduce_once(r, Limbs{s0, s1, s2, s3}, p);
}

VM_ZK_INLINE void sub_mod(Limbs& r, const Limbs& a, const Limbs& b, const Limbs& p) {
  unsigned long long d0, d1, d2, d3;
  unsigned char c = _subborrow_u64(0, a[0], b[0], &d0);
  c = _subborrow_u64(c, a[1], b[1], &d1);
  c = _subborrow_u64(c, a[2], b[2], &d2);
  c = _subborrow_u64(c, a[3], b[3], &d3);
  const u64 mask = 0 - static_cast<u64>(c);
  unsigned long long r0, r1, r2, r3;
  unsigned char k = _addcarry_u64(0, d0, p[0] & mask, &r0);
  k = _addcarry_u64(k, d1, p[1] & mask, &r1);
  k = _addcarry_u64(k, d2, p[2] & mask, &r2);
  _addcarry_u64(k, d3, p[3] & mask, &r3);
  r = {r0, r1, r2, r3};
}

// -m^{-1} mod 2^64 for odd m (Newton iteration doubles the correct bits each step).
constexpr u64 neg_inv_u64(u64 m) {
  u64 x = 1;
  for (int i = 0; i < 7; ++i) x *= 2 - m * x;
  return ~x + 1;
}

// 2^k mod p by repeated modular doubling (p < 2^255 so doubling never overflows 256 bits).
constexpr Limbs pow2_mod(const Limbs& p, unsigned k) {
  Limbs r{1, 0, 0, 0};
  for (unsigned i = 0; i < k; ++i) {
    Limbs d{};
    add_limbs(d, r, r);
    if (!less_limbs(d, p)) sub_limbs(d, d, p);
    r = d;
  }
  return r;
}

}  // namespace verimeter::zk
