// The Grain LFSR of the Poseidon reference parameter script, used to derive circomlib's round
// constants and MDS matrices instead of pasting constant tables.
//
// State: 80 bits seeded with field type (2 bits, 1 = prime field), S-box (4 bits, 0 = x^alpha),
// field size n (12 bits), width t (12), full rounds (10), partial rounds (10) and 30 ones, all
// MSB first. Feedback taps 62, 51, 38, 23, 13, 0; 160 warm-up clocks; output through the
// self-shrinking rule (a pair (1, b) emits b, a pair (0, b) emits nothing).
#pragma once

#include <array>
#include <cstdint>

#include "zk/ff/fr.hpp"

namespace verimeter::zk::poseidon {

class GrainLfsr {
 public:
  GrainLfsr(unsigned field_bits, unsigned t, unsigned full_rounds, unsigned partial_rounds);

  // One output bit after self-shrinking.
  bool next_bit();
  // `field_bits` output bits, most significant first, as an integer.
  Limbs next_integer();
  // Draws until the integer is below r (round constants).
  Fr next_field_element_rejecting();
  // One draw reduced modulo r (MDS matrix seeds).
  Fr next_field_element_reduced();

 private:
  bool clock();
  std::array<std::uint8_t, 80> bits_{};
  unsigned head_ = 0;  // index of the oldest bit in the ring
  unsigned field_bits_;
};

}  // namespace verimeter::zk::poseidon
