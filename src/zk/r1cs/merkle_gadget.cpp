#include "zk/r1cs/merkle_gadget.hpp"

#include <array>
#include "zk/r1cs/require.hpp"

#include "zk/r1cs/gadgets.hpp"
#include "zk/r1cs/poseidon_gadget.hpp"

namespace verimeter::zk::r1cs {

Lc merkle_root(Circuit& c, const Lc& leaf, std::span<const Lc> siblings,
               std::span<const Lc> index_bits) {
  ZK_CIRCUIT_REQUIRE(siblings.size() == index_bits.size(), "one index bit per sibling");
  Lc node = leaf;
  for (std::size_t i = 0; i < siblings.size(); ++i) {
    assert_boolean(c, index_bits[i]);
    // swap = bit·(sibling − node); left = node + swap, right = sibling − swap.
    const Var swap = c.mul(index_bits[i], siblings[i] - node);
    const std::array<Lc, 2> children = {node + Lc(swap), siblings[i] - Lc(swap)};
    node = poseidon_hash(c, children);
  }
  return node;
}

}  // namespace verimeter::zk::r1cs
