#include "zk/poseidon/poseidon.hpp"

#include <cstdio>
#include <cstdlib>

#include <array>
#include <mutex>

#include "zk/poseidon/grain_lfsr.hpp"
#include "zk/poseidon/poseidon_fast.hpp"

namespace verimeter::zk::poseidon {
namespace {

constexpr std::array<unsigned, 16> kPartialRounds = {56, 57, 56, 60, 60, 63, 64, 63,
                                                     60, 66, 60, 65, 70, 60, 64, 68};

Fr pow5(const Fr& x) {
  const Fr x2 = x.square();
  return x2.square() * x;
}

void mix(const Params& p, std::span<Fr> state) {
  std::array<Fr, kMaxWidth> out{};
  const unsigned t = p.t;
  for (unsigned i = 0; i < t; ++i) {
    Fr acc = Fr::zero();
    const Fr* row = &p.mds[static_cast<std::size_t>(i) * t];
    for (unsigned j = 0; j < t; ++j) acc += row[j] * state[j];
    out[i] = acc;
  }
  for (unsigned i = 0; i < t; ++i) state[i] = out[i];
}

}  // namespace

unsigned partial_rounds_for_width(unsigned t) {
  if (t < kMinWidth || t > kMaxWidth) return 0;
  return kPartialRounds[t - kMinWidth];
}

Params generate_params(unsigned t) {
  Params p;
  p.t = t;
  p.partial_rounds = partial_rounds_for_width(t);
  GrainLfsr lfsr(254, t, p.full_rounds, p.partial_rounds);
  const std::size_t n_constants = static_cast<std::size_t>(p.full_rounds + p.partial_rounds) * t;
  p.round_constants.reserve(n_constants);
  for (std::size_t i = 0; i < n_constants; ++i) {
    p.round_constants.push_back(lfsr.next_field_element_rejecting());
  }
  std::vector<Fr> xs(t), ys(t);
  for (unsigned i = 0; i < t; ++i) xs[i] = lfsr.next_field_element_reduced();
  for (unsigned i = 0; i < t; ++i) ys[i] = lfsr.next_field_element_reduced();
  p.mds.resize(static_cast<std::size_t>(t) * t);
  for (unsigned i = 0; i < t; ++i) {
    for (unsigned j = 0; j < t; ++j) p.mds[static_cast<std::size_t>(i) * t + j] = xs[i] + ys[j];
  }
  batch_inverse(std::span<Fr>(p.mds));
  return p;
}

const Params& params(unsigned t) {
  if (t < kMinWidth || t > kMaxWidth) {  // a caller bug: never index past the tables
    std::fprintf(stderr, "poseidon::params: width %u outside [%u, %u]\n", t, kMinWidth, kMaxWidth);
    std::abort();
  }
  static std::array<Params, kMaxWidth + 1> cache;
  static std::array<std::once_flag, kMaxWidth + 1> once;
  std::call_once(once[t], [t] { cache[t] = generate_params(t); });
  return cache[t];
}

void permute(const Params& p, std::span<Fr> state) {
  const unsigned t = p.t;
  const unsigned half = p.full_rounds / 2;
  const unsigned rounds = p.full_rounds + p.partial_rounds;
  const Fr* c = p.round_constants.data();
  for (unsigned r = 0; r < rounds; ++r) {
    for (unsigned i = 0; i < t; ++i) state[i] += c[static_cast<std::size_t>(r) * t + i];
    if (r < half || r >= half + p.partial_rounds) {
      for (unsigned i = 0; i < t; ++i) state[i] = pow5(state[i]);
    } else {
      state[0] = pow5(state[0]);
    }
    mix(p, state);
  }
}

Result<Fr> hash(std::span<const Fr> inputs) {
  if (inputs.empty() || inputs.size() + 1 > kMaxWidth) {
    return make_error("poseidon_arity", "Poseidon takes 1 to 16 inputs");
  }
  const unsigned t = static_cast<unsigned>(inputs.size()) + 1;
  std::array<Fr, kMaxWidth> state{};
  for (std::size_t i = 0; i < inputs.size(); ++i) state[i + 1] = inputs[i];
  permute_fast(fast_params(t), std::span<Fr>(state.data(), t));
  return state[0];
}

}  // namespace verimeter::zk::poseidon
