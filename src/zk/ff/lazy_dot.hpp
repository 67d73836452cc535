// Sums of field products with lazy reduction (see mont_wide.hpp): products are accumulated as
// 512-bit integers and reduced once per four, since four products of elements below p stay
// below p * 2^256 (4p < 2^256 for both BN254 primes), the bound mont_reduce requires. Used by
// Poseidon's linear layers, where a t-term dot product then costs t wide products and one
// reduction instead of t Montgomery products. Only on the ADX path: measured, the portable
// 512-bit product loses to the fused portable Montgomery product, and so does a lazy Karatsuba
// Fp2 product on either path (three wide products and two reductions were no faster than three
// fused products), so Fp2 keeps fused products.
#pragma once

#include "zk/ff/field.hpp"

namespace verimeter::zk {

template <class F>
class LazyDot {
 public:
  static_assert(F::kBits <= 254, "four products must stay below p * 2^256");

  VM_ZK_INLINE void add(const F& a, const F& b) {
    if (!kUseAdx) {  // the portable 512-bit product is slower than a fused Montgomery product
      reduced_ += a * b;
      return;
    }
    if (pending_ == 4) flush();
    F::mul_add_unreduced(acc_, a, b);
    ++pending_;
  }
  VM_ZK_INLINE F value() const { return pending_ == 0 ? reduced_ : reduced_ + F::reduce(acc_); }

 private:
  void flush() {
    reduced_ += F::reduce(acc_);
    acc_ = {};
    pending_ = 0;
  }
  Wide acc_{};
  unsigned pending_ = 0;
  F reduced_{};
};

}  // namespace verimeter::zk
