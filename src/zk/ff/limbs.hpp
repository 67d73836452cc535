// 256-bit unsigned integers as four little-endian 64-bit limbs, with the handful of
// carry-propagating helpers the Montgomery field code needs. All constexpr so the field
// constants (R mod p, R^2 mod p, -p^-1 mod 2^64) are derived from the modulus at compile time.
#pragma once

#include <array>
#include <cstdint>

namespace verimeter::zk {

using u64 = std::uint64_t;
using u128 = unsigned __int128;
using Limbs = std::array<u64, 4>;

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
