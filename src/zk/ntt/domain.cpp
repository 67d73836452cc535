#include "zk/ntt/domain.hpp"

#include <cassert>
#include <utility>

namespace verimeter::zk::ntt {
namespace {

std::vector<Fr> powers(const Fr& base, std::size_t count) {
  std::vector<Fr> out(count);
  Fr acc = Fr::one();
  for (std::size_t i = 0; i < count; ++i) {
    out[i] = acc;
    acc *= base;
  }
  return out;
}

void bit_reverse(std::span<Fr> v, unsigned log_n) {
  const std::size_t n = v.size();
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t j = 0;
    for (unsigned b = 0; b < log_n; ++b) j |= ((i >> b) & 1) << (log_n - 1 - b);
    if (i < j) std::swap(v[i], v[j]);
  }
}

}  // namespace

Domain::Domain(unsigned log_size)
    : size_(std::size_t{1} << log_size),
      log_size_(log_size),
      omega_(fr_root_of_unity(log_size)),
      size_inv_(Fr::from_u64(size_).inverse()),
      coset_gen_(fr_root_of_unity(log_size + 1)) {
  assert(log_size <= kFrTwoAdicity - 1);
  twiddles_ = powers(omega_, size_ / 2);
  inv_twiddles_ = powers(omega_.inverse(), size_ / 2);
}

void Domain::transform(std::span<Fr> v, const std::vector<Fr>& tw) const {
  assert(v.size() == size_);
  bit_reverse(v, log_size_);
  for (std::size_t len = 2; len <= size_; len <<= 1) {
    const std::size_t half = len / 2;
    const std::size_t step = size_ / len;
    for (std::size_t i = 0; i < size_; i += len) {
      for (std::size_t j = 0; j < half; ++j) {
        const Fr u = v[i + j];
        const Fr t = v[i + j + half] * tw[j * step];
        v[i + j] = u + t;
        v[i + j + half] = u - t;
      }
    }
  }
}

void Domain::fft(std::span<Fr> values) const {
  transform(values, twiddles_);
}

void Domain::ifft(std::span<Fr> values) const {
  transform(values, inv_twiddles_);
  for (Fr& x : values) x *= size_inv_;
}

void Domain::scale_by_powers(std::span<Fr> values, const Fr& g) {
  Fr acc = Fr::one();
  for (Fr& x : values) {
    x *= acc;
    acc *= g;
  }
}

void Domain::odd_coset_from_evaluations(std::span<Fr> values) const {
  ifft(values);
  scale_by_powers(values, coset_gen_);
  fft(values);
}

}  // namespace verimeter::zk::ntt
