// Multi-threaded G2 subgroup scan (see g2_subgroup_scan.hpp).
#include "zk/ec/g2_subgroup_scan.hpp"

#include <algorithm>
#include <thread>
#include <vector>

namespace verimeter::zk {
namespace {

constexpr std::size_t kMinPointsPerThread = 64;

// Index of the first failing point among first, first + stride, ...; points.size() if none.
std::size_t scan_strided(std::span<const G2Affine> points, std::size_t first, std::size_t stride) {
  for (std::size_t i = first; i < points.size(); i += stride) {
    if (!g2_in_subgroup(points[i])) return i;
  }
  return points.size();
}

}  // namespace

std::optional<std::size_t> first_outside_g2(std::span<const G2Affine> points, unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t useful = std::max<std::size_t>(1, points.size() / kMinPointsPerThread);
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, useful));
  std::vector<std::size_t> found(threads, points.size());
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) {
    pool.emplace_back([&, t] { found[t] = scan_strided(points, t, threads); });
  }
  found[0] = scan_strided(points, 0, threads);
  for (auto& th : pool) th.join();
  const std::size_t first = *std::min_element(found.begin(), found.end());
  if (first == points.size()) return std::nullopt;
  return first;
}

}  // namespace verimeter::zk
