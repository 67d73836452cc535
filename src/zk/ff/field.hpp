// Prime fields of BN254 in Montgomery form on four 64-bit limbs (Field<Params>), used for both
// the base field Fq and the scalar field Fr (see fq.hpp / fr.hpp).
//
// API (all value semantics, no exceptions, no allocation in arithmetic):
//   Field::zero(), one(), from_u64(v), random()            construction (random: libsodium CSPRNG)
//   a + b, a - b, a * b, -a, +=, -=, *=, a.square(), a.dbl()
//   a.inverse() (0 -> 0), a.pow(u64), a.pow(Limbs), batch_inverse(span) (zeros stay zero)
//   a == b, a != b, a.is_zero(), a.is_one()
//   from_bytes_le(32 bytes) / to_bytes_le()               canonical little-endian, rejects >= p
//   from_decimal("123") / to_decimal()                    strict canonical decimal, rejects >= p
//   from_limbs(Limbs) (optional, strict) / to_limbs()      canonical integer value
//   from_limbs_reduced(Limbs)                              any 256-bit value, reduced mod p
//   from_montgomery_limbs(Limbs) / montgomery_limbs()      raw internal form (x*2^256 mod p), as
//                                                          stored in snarkjs .zkey files
// Multiplication uses the "no-carry" CIOS Montgomery product (valid because the top limb of both
// BN254 moduli is below 2^62); an ADX/BMI2 variant is selected at run time (see mont_mul.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "zk/ff/limbs.hpp"
#include "zk/ff/mont_mul.hpp"
#include "zk/ff/mont_wide.hpp"

namespace verimeter::zk {

template <class P>
class Field {
 public:
  using Params = P;
  static constexpr Limbs kModulus = P::kModulus;
  static constexpr u64 kInv = neg_inv_u64(P::kModulus[0]);
  static constexpr Limbs kR = pow2_mod(P::kModulus, 256);   // Montgomery form of 1
  static constexpr Limbs kR2 = pow2_mod(P::kModulus, 512);  // converts into Montgomery form
  static constexpr unsigned kBits = limb_bit_length(P::kModulus);
  static constexpr std::size_t kBytes = 32;

  constexpr Field() : v_{} {}  // zero
  // Limb-by-limb copies: the implicit 32-byte copy is done with 16-byte SSE moves, which cannot be
  // forwarded from the four 8-byte stores of a product just written, so `a = a * b` stalled on
  // every step (about a sixth of a multiplication's time).
  VM_ZK_INLINE constexpr Field(const Field& o) : v_{o.v_[0], o.v_[1], o.v_[2], o.v_[3]} {}
  VM_ZK_INLINE constexpr Field& operator=(const Field& o) {
    v_[0] = o.v_[0];
    v_[1] = o.v_[1];
    v_[2] = o.v_[2];
    v_[3] = o.v_[3];
    return *this;
  }

  static constexpr Field zero() { return Field(); }
  static constexpr Field one() { return from_montgomery_unchecked(kR); }
  static Field from_u64(u64 v) { return from_limbs_reduced(Limbs{v, 0, 0, 0}); }
  static Field random();

  static std::optional<Field> from_limbs(const Limbs& v) {
    if (!less_limbs(v, kModulus)) return std::nullopt;
    return to_montgomery(v);
  }
  static Field from_limbs_reduced(Limbs v) {
    while (!less_limbs(v, kModulus)) sub_limbs(v, v, kModulus);
    return to_montgomery(v);
  }
  Limbs to_limbs() const {
    Field r;
    mont_mul<P>(r.v_, v_, Limbs{1, 0, 0, 0});
    return r.v_;
  }
  static std::optional<Field> from_montgomery_limbs(const Limbs& m) {
    if (!less_limbs(m, kModulus)) return std::nullopt;
    return from_montgomery_unchecked(m);
  }
  static constexpr Field from_montgomery_unchecked(const Limbs& m) {
    Field f;
    f.v_ = m;
    return f;
  }
  const Limbs& montgomery_limbs() const { return v_; }

  static Result<Field> from_bytes_le(ByteView bytes);
  std::array<std::uint8_t, 32> to_bytes_le() const;
  static Result<Field> from_decimal(std::string_view text);
  std::string to_decimal() const;

  VM_ZK_INLINE Field operator+(const Field& b) const {
    Field r{NoInit{}};
    add_mod(r.v_, v_, b.v_, kModulus);
    return r;
  }
  VM_ZK_INLINE Field operator-(const Field& b) const {
    Field r{NoInit{}};
    sub_mod(r.v_, v_, b.v_, kModulus);
    return r;
  }
  VM_ZK_INLINE Field operator-() const { return Field() - *this; }
  VM_ZK_INLINE Field operator*(const Field& b) const {
    Field r{NoInit{}};
    mont_mul<P>(r.v_, v_, b.v_);
    return r;
  }
  // Lazy reduction (mont_wide.hpp): the unreduced 512-bit product of the Montgomery forms, and
  // the element a sum of such products stands for; reduce() requires t < p * 2^256.
  VM_ZK_INLINE static Wide mul_unreduced(const Field& a, const Field& b) {
    Wide w;
    mul_wide(w, a.v_, b.v_);
    return w;
  }
  VM_ZK_INLINE static void mul_add_unreduced(Wide& acc, const Field& a, const Field& b) {
    mul_add_wide(acc, a.v_, b.v_);
  }
  VM_ZK_INLINE static Field reduce(const Wide& t) {
    Field r{NoInit{}};
    mont_reduce<P>(r.v_, t);
    return r;
  }
  VM_ZK_INLINE Field& operator+=(const Field& b) { return *this = *this + b; }
  VM_ZK_INLINE Field& operator-=(const Field& b) { return *this = *this - b; }
  VM_ZK_INLINE Field& operator*=(const Field& b) { return *this = *this * b; }
  VM_ZK_INLINE Field square() const { return *this * *this; }
  VM_ZK_INLINE Field dbl() const { return *this + *this; }

  Field pow(const Limbs& e) const {
    Field r = one();
    for (int i = static_cast<int>(limb_bit_length(e)) - 1; i >= 0; --i) {
      r = r.square();
      if (limb_bit(e, static_cast<unsigned>(i))) r *= *this;
    }
    return r;
  }
  Field pow(u64 e) const { return pow(Limbs{e, 0, 0, 0}); }
  // Multiplicative inverse by Fermat's little theorem; the inverse of zero is defined as zero.
  Field inverse() const {
    Limbs e = kModulus;
    e[0] -= 2;  // p is odd and > 2, no borrow
    return pow(e);
  }

  bool operator==(const Field& b) const { return v_ == b.v_; }
  bool operator!=(const Field& b) const { return v_ != b.v_; }
  bool is_zero() const { return is_zero_limbs(v_); }
  bool is_one() const { return v_ == kR; }

 private:
  static Field to_montgomery(const Limbs& canonical) {
    Field r;
    mont_mul<P>(r.v_, canonical, kR2);
    return r;
  }
  // Results of the arithmetic operators start uninitialised (every limb is then written): zeroing
  // them first cost two stores per operation on the hot path.
  struct NoInit {};
  VM_ZK_INLINE explicit constexpr Field(NoInit) {}
  Limbs v_;
};

// Montgomery's trick: replaces every non-zero element by its inverse with one inversion and
// 3(n-1) multiplications. Zero elements are left as zero.
template <class F>
void batch_inverse(std::span<F> xs) {
  if (xs.empty()) return;
  std::vector<F> prefix(xs.size());
  F acc = F::one();
  for (std::size_t i = 0; i < xs.size(); ++i) {
    prefix[i] = acc;
    if (!xs[i].is_zero()) acc *= xs[i];
  }
  F inv = acc.inverse();
  for (std::size_t i = xs.size(); i-- > 0;) {
    if (xs[i].is_zero()) continue;
    const F x = xs[i];
    xs[i] = inv * prefix[i];
    inv *= x;
  }
}

}  // namespace verimeter::zk
