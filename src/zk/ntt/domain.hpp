// Radix-2 number-theoretic transform over Fr on the domain of the 2^k-th roots of unity
// (ω_k = fr_root_of_unity(k), the same roots as snarkjs/ffjavascript, so evaluations line up
// with .zkey files). Iterative Cooley–Tukey with precomputed twiddles, in place.
//   fft:  coefficients -> evaluations at ω^0, ω^1, …, ω^(n−1)
//   ifft: the inverse (includes the 1/n factor)
//   odd_coset_from_evaluations: evaluations on the domain -> evaluations at ω_{2n}·ω^j, the odd
//   points of the doubled domain (the Groth16 "H" trick of snarkjs/rapidsnark)
#pragma once

#include <span>
#include <vector>

#include "zk/ff/fr.hpp"

namespace verimeter::zk::ntt {

class Domain {
 public:
  // log_size ≤ 27 (the odd coset needs the 2^(log_size+1)-th root, and r − 1 = 2^28·t).
  explicit Domain(unsigned log_size);

  std::size_t size() const { return size_; }
  unsigned log_size() const { return log_size_; }
  const Fr& omega() const { return omega_; }

  void fft(std::span<Fr> values) const;   // values.size() == size()
  void ifft(std::span<Fr> values) const;  // values.size() == size()
  // values[i] *= g^i.
  static void scale_by_powers(std::span<Fr> values, const Fr& g);
  void odd_coset_from_evaluations(std::span<Fr> values) const;

 private:
  void transform(std::span<Fr> values, const std::vector<Fr>& twiddles) const;
  std::size_t size_;
  unsigned log_size_;
  Fr omega_, size_inv_, coset_gen_;
  std::vector<Fr> twiddles_, inv_twiddles_;  // ω^k and ω^−k for k < n/2
};

}  // namespace verimeter::zk::ntt
