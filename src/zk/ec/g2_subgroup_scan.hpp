// Subgroup check of many G2 points at once (the B2 query of a proving key holds one point per
// wire): each point gets the full g2_in_subgroup() test, the points are shared out across
// threads. A random linear combination of the points would not be a sound shortcut: the twist's
// cofactor 2p - r has the prime factor 10069, so a component of that order survives a random
// weight only with probability 1 - 1/10069. Every point is therefore tested on its own.
#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "zk/ec/g2.hpp"

namespace verimeter::zk {

// Index of the first point outside the order-r subgroup (points must already be on the twist),
// or nullopt when all are in G2. threads = 0 uses the hardware concurrency.
std::optional<std::size_t> first_outside_g2(std::span<const G2Affine> points, unsigned threads = 0);

}  // namespace verimeter::zk
