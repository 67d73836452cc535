#include "zk/r1cs/poseidon_gadget.hpp"

#include <vector>
#include "zk/r1cs/require.hpp"

#include "zk/poseidon/poseidon.hpp"
#include "zk/r1cs/gadgets.hpp"

namespace verimeter::zk::r1cs {
namespace {

std::vector<Lc> mix(const poseidon::Params& p, const std::vector<Lc>& state) {
  std::vector<Lc> out(p.t);
  for (unsigned i = 0; i < p.t; ++i) {
    for (unsigned j = 0; j < p.t; ++j) {
      out[i] = out[i].add_scaled(state[j], p.mds[static_cast<std::size_t>(i) * p.t + j]);
    }
  }
  return out;
}

}  // namespace

Lc poseidon_hash(Circuit& c, std::span<const Lc> inputs) {
  ZK_CIRCUIT_REQUIRE(!inputs.empty() && inputs.size() < poseidon::kMaxWidth,
                     "Poseidon takes 1 to 16 inputs");
  const poseidon::Params& p = poseidon::params(static_cast<unsigned>(inputs.size()) + 1);
  std::vector<Lc> state(p.t);
  for (std::size_t i = 0; i < inputs.size(); ++i) state[i + 1] = inputs[i];
  const unsigned half = p.full_rounds / 2;
  const unsigned rounds = p.full_rounds + p.partial_rounds;
  for (unsigned r = 0; r < rounds; ++r) {
    const bool full = r < half || r >= half + p.partial_rounds;
    for (unsigned i = 0; i < p.t; ++i) {
      state[i] += Lc::constant(p.round_constants[static_cast<std::size_t>(r) * p.t + i]);
      if (full || i == 0) state[i] = Lc(pow5(c, state[i]));
    }
    state = mix(p, state);
  }
  return state[0];
}

}  // namespace verimeter::zk::r1cs
