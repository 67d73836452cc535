#include "zk/r1cs/membership_circuit.hpp"

#include <array>

#include "zk/poseidon/poseidon.hpp"
#include "zk/r1cs/gadgets.hpp"
#include "zk/r1cs/merkle_gadget.hpp"
#include "zk/r1cs/poseidon_gadget.hpp"

namespace verimeter::zk::r1cs {
namespace {

Fr hash2(const Fr& a, const Fr& b) {
  const std::array<Fr, 2> in = {a, b};
  return *poseidon::hash(in);  // arity 2 is always valid
}

}  // namespace

Fr membership_leaf(const Fr& secret, const Fr& value) {
  return hash2(secret, value);
}

Fr membership_root(const Fr& leaf, const std::vector<Fr>& siblings,
                   const std::vector<bool>& index_bits) {
  Fr node = leaf;
  for (std::size_t i = 0; i < siblings.size(); ++i) {
    node = index_bits[i] ? hash2(siblings[i], node) : hash2(node, siblings[i]);
  }
  return node;
}

Circuit build_membership_circuit(const MembershipWitness& w, const Fr& root) {
  Circuit c;
  const Var root_in = c.public_input(root);
  const Var epoch = c.public_input(w.epoch);
  const Var secret = c.private_input(w.secret);
  const Var value = c.private_input(w.value);
  std::vector<Lc> siblings, bits;
  for (const Fr& s : w.siblings) siblings.emplace_back(c.private_input(s));
  for (bool b : w.index_bits) bits.emplace_back(c.private_input(b ? Fr::one() : Fr::zero()));

  assert_range(c, value, 64);
  const std::array<Lc, 2> leaf_in = {Lc(secret), Lc(value)};
  const Lc leaf = poseidon_hash(c, leaf_in);
  assert_equal(c, merkle_root(c, leaf, siblings, bits), root_in);
  const std::array<Lc, 2> nullifier_in = {Lc(secret), Lc(epoch)};
  c.output(poseidon_hash(c, nullifier_in));
  return c;
}

Circuit sample_membership_circuit(unsigned depth, std::uint64_t seed) {
  MembershipWitness w;
  w.secret = Fr::from_u64(seed * 7919 + 17);
  w.value = Fr::from_u64(1'000'000 + seed);
  w.epoch = Fr::from_u64(20261123);
  Fr s = Fr::from_u64(seed + 3);
  for (unsigned i = 0; i < depth; ++i) {
    s = s * s + Fr::from_u64(i + 1);  // arbitrary but deterministic siblings
    w.siblings.push_back(s);
    w.index_bits.push_back(((seed >> (i % 64)) ^ i) & 1);
  }
  const Fr root = membership_root(membership_leaf(w.secret, w.value), w.siblings, w.index_bits);
  return build_membership_circuit(w, root);
}

}  // namespace verimeter::zk::r1cs
