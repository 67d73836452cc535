#include "zk/poseidon/grain_lfsr.hpp"

namespace verimeter::zk::poseidon {

GrainLfsr::GrainLfsr(unsigned field_bits, unsigned t, unsigned full_rounds, unsigned partial_rounds)
    : field_bits_(field_bits) {
  unsigned pos = 0;
  auto push = [&](unsigned value, unsigned width) {
    for (unsigned i = width; i-- > 0;) bits_[pos++] = static_cast<std::uint8_t>((value >> i) & 1);
  };
  push(1, 2);  // prime field
  push(0, 4);  // S-box x^alpha
  push(field_bits, 12);
  push(t, 12);
  push(full_rounds, 10);
  push(partial_rounds, 10);
  push((1u << 30) - 1, 30);
  for (int i = 0; i < 160; ++i) clock();
}

bool GrainLfsr::clock() {
  auto at = [&](unsigned i) { return bits_[(head_ + i) % 80]; };
  const std::uint8_t b = at(62) ^ at(51) ^ at(38) ^ at(23) ^ at(13) ^ at(0);
  bits_[head_] = b;  // the oldest bit leaves, the new one enters at the tail
  head_ = (head_ + 1) % 80;
  return b != 0;
}

bool GrainLfsr::next_bit() {
  for (;;) {
    const bool keep = clock();
    const bool bit = clock();
    if (keep) return bit;
  }
}

Limbs GrainLfsr::next_integer() {
  Limbs v{};
  for (unsigned i = field_bits_; i-- > 0;) {
    if (next_bit()) v[i / 64] |= u64{1} << (i % 64);
  }
  return v;
}

Fr GrainLfsr::next_field_element_rejecting() {
  for (;;) {
    if (auto f = Fr::from_limbs(next_integer())) return *f;
  }
}

Fr GrainLfsr::next_field_element_reduced() {
  return Fr::from_limbs_reduced(next_integer());
}

}  // namespace verimeter::zk::poseidon
