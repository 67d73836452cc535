// Pippenger MSM with signed digits and window-parallel threads (see msm.hpp).
#include "zk/ec/msm.hpp"

#include <algorithm>
#include <cstdint>
#include <thread>
#include <vector>

namespace verimeter::zk {
namespace {

constexpr unsigned kScalarBits = 254;

unsigned window_count(unsigned c) {
  return kScalarBits / c + 1;
}

// Signed digits: scalar = sum_w d_w 2^(c w), |d_w| <= 2^(c-1). Row-major: digits[i * W + w].
std::vector<std::int32_t> recode(std::span<const Limbs> scalars, unsigned c) {
  const unsigned windows = window_count(c);
  std::vector<std::int32_t> digits(scalars.size() * windows);
  const std::int64_t half = std::int64_t{1} << (c - 1), full = std::int64_t{1} << c;
  for (std::size_t i = 0; i < scalars.size(); ++i) {
    std::int64_t carry = 0;
    for (unsigned w = 0; w < windows; ++w) {
      const unsigned bit = w * c;
      std::uint64_t raw = 0;
      if (bit < 256) {
        const unsigned limb = bit / 64, shift = bit % 64;
        raw = scalars[i][limb] >> shift;
        if (shift + c > 64 && limb + 1 < 4) raw |= scalars[i][limb + 1] << (64 - shift);
        raw &= static_cast<std::uint64_t>(full - 1);
      }
      std::int64_t d = static_cast<std::int64_t>(raw) + carry;
      carry = 0;
      if (d > half) {
        d -= full;
        carry = 1;
      }
      digits[i * windows + w] = static_cast<std::int32_t>(d);
    }
  }
  return digits;
}

template <class C>
JacobianPoint<C> window_sum(std::span<const AffinePoint<C>> bases,
                            const std::vector<std::int32_t>& digits, unsigned c, unsigned w) {
  using J = JacobianPoint<C>;
  const unsigned windows = window_count(c);
  std::vector<J> buckets(std::size_t{1} << (c - 1), J::identity());
  for (std::size_t i = 0; i < bases.size(); ++i) {
    const std::int32_t d = digits[i * windows + w];
    if (d == 0 || bases[i].infinity) continue;
    if (d > 0) {
      buckets[d - 1] = buckets[d - 1].add_mixed(bases[i]);
    } else {
      buckets[-d - 1] = buckets[-d - 1].add_mixed(-bases[i]);
    }
  }
  J running = J::identity(), acc = J::identity();
  for (std::size_t k = buckets.size(); k-- > 0;) {
    running += buckets[k];
    acc += running;
  }
  return acc;
}

template <class C>
JacobianPoint<C> pippenger(std::span<const AffinePoint<C>> bases, std::span<const Limbs> scalars,
                           unsigned threads) {
  using J = JacobianPoint<C>;
  const std::size_t n = std::min(bases.size(), scalars.size());
  if (n == 0) return J::identity();
  bases = bases.first(n);
  scalars = scalars.first(n);
  const unsigned c = msm_window_bits(n);
  const unsigned windows = window_count(c);
  const auto digits = recode(scalars, c);
  std::vector<J> sums(windows);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, n < 64 ? 1 : windows);
  auto worker = [&](unsigned t) {
    for (unsigned w = t; w < windows; w += threads) sums[w] = window_sum<C>(bases, digits, c, w);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (auto& th : pool) th.join();
  J r = J::identity();
  for (unsigned w = windows; w-- > 0;) {
    for (unsigned k = 0; k < c; ++k) r = r.dbl();
    r += sums[w];
  }
  return r;
}

std::vector<Limbs> canonical(std::span<const Fr> scalars) {
  std::vector<Limbs> out(scalars.size());
  for (std::size_t i = 0; i < scalars.size(); ++i) out[i] = scalars[i].to_limbs();
  return out;
}

}  // namespace

unsigned msm_window_bits(std::size_t n) {
  unsigned best = 2;
  double best_cost = 1e300;
  for (unsigned c = 2; c <= 18; ++c) {
    const double cost = window_count(c) * (static_cast<double>(n) + 2.0 * (1u << (c - 1)));
    if (cost < best_cost) {
      best_cost = cost;
      best = c;
    }
  }
  return best;
}

G1 msm(std::span<const G1Affine> bases, std::span<const Limbs> scalars, unsigned threads) {
  return pippenger<G1Curve>(bases, scalars, threads);
}
G2 msm(std::span<const G2Affine> bases, std::span<const Limbs> scalars, unsigned threads) {
  return pippenger<G2Curve>(bases, scalars, threads);
}
G1 msm(std::span<const G1Affine> bases, std::span<const Fr> scalars, unsigned threads) {
  const auto s = canonical(scalars);
  return pippenger<G1Curve>(bases, s, threads);
}
G2 msm(std::span<const G2Affine> bases, std::span<const Fr> scalars, unsigned threads) {
  const auto s = canonical(scalars);
  return pippenger<G2Curve>(bases, s, threads);
}

}  // namespace verimeter::zk
