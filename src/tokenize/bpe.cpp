#include "tokenize/bpe.hpp"

#include <algorithm>
#include <cstdint>
#include <queue>

namespace verimeter::tokenize {
namespace {

struct Part {
  std::uint32_t start;
  Rank rank;  // rank of this part merged with the next one
};

// Scan merge (tiktoken's algorithm) for pieces up to kBpeHeapThreshold bytes. `parts` ends up
// holding the start offsets of the final tokens plus a sentinel at piece.size().
std::size_t scan_merge(const RankTable& ranks, std::string_view piece, Part* parts) {
  std::size_t n = piece.size() + 1;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    parts[i].start = static_cast<std::uint32_t>(i);
    parts[i].rank = i + 2 < n ? ranks.find(piece.substr(i, 2)) : kNoRank;
  }
  parts[n - 1] = {static_cast<std::uint32_t>(piece.size()), kNoRank};
  auto pair_rank = [&](std::size_t i) {
    if (i + 3 >= n) return kNoRank;
    return ranks.find(piece.substr(parts[i].start, parts[i + 3].start - parts[i].start));
  };
  for (;;) {
    Rank best = kNoRank;
    std::size_t at = 0;
    for (std::size_t i = 0; i + 1 < n; ++i) {
      if (parts[i].rank < best) {
        best = parts[i].rank;
        at = i;
      }
    }
    if (best == kNoRank) break;
    if (at > 0) parts[at - 1].rank = pair_rank(at - 1);
    parts[at].rank = pair_rank(at);
    std::copy(parts + at + 2, parts + n, parts + at + 1);
    --n;
  }
  return n;
}

// Heap merge: candidates keyed by (rank, start); stale entries are skipped on pop.
struct HeapMerge {
  const RankTable& ranks;
  std::string_view piece;
  std::vector<std::uint32_t> next, prev;  // linked list over start offsets
  std::vector<bool> alive;

  using Cand = std::pair<Rank, std::uint32_t>;
  std::priority_queue<Cand, std::vector<Cand>, std::greater<>> heap;

  HeapMerge(const RankTable& r, std::string_view p) : ranks(r), piece(p) {
    const auto n = static_cast<std::uint32_t>(p.size());
    next.resize(n + 1);
    prev.resize(n + 1);
    alive.assign(n + 1, true);
    for (std::uint32_t i = 0; i <= n; ++i) {
      next[i] = i + 1;
      prev[i] = i == 0 ? 0 : i - 1;
    }
    std::vector<Cand> init;
    init.reserve(n);
    for (std::uint32_t i = 0; i + 1 < n; ++i) {
      const Rank r2 = pair_rank(i);
      if (r2 != kNoRank) init.emplace_back(r2, i);
    }
    heap = decltype(heap)(std::greater<>(), std::move(init));
  }
  // Rank of the part starting at `i` merged with its successor.
  Rank pair_rank(std::uint32_t i) const {
    const std::uint32_t n = static_cast<std::uint32_t>(piece.size());
    const std::uint32_t j = next[i];
    if (j >= n) return kNoRank;
    return ranks.find(piece.substr(i, next[j] - i));
  }
  void run() {
    while (!heap.empty()) {
      const auto [r, i] = heap.top();
      heap.pop();
      if (!alive[i] || pair_rank(i) != r) continue;  // stale
      const std::uint32_t j = next[i];
      alive[j] = false;
      next[i] = next[j];
      if (next[j] <= piece.size()) prev[next[j]] = i;
      const Rank mine = pair_rank(i);
      if (mine != kNoRank) heap.emplace(mine, i);
      if (i > 0) {
        const std::uint32_t p = prev[i];
        const Rank left = pair_rank(p);
        if (left != kNoRank) heap.emplace(left, p);
      }
    }
  }
};

}  // namespace

void bpe_encode_piece_heap(const RankTable& ranks, std::string_view piece, std::vector<Rank>& out) {
  HeapMerge m(ranks, piece);
  m.run();
  const auto n = static_cast<std::uint32_t>(piece.size());
  for (std::uint32_t i = 0; i < n; i = m.next[i])
    out.push_back(ranks.find(piece.substr(i, m.next[i] - i)));
}

void bpe_encode_piece(const RankTable& ranks, std::string_view piece, std::vector<Rank>& out) {
  if (piece.empty()) return;
  if (const Rank whole = ranks.find(piece); whole != kNoRank) {
    out.push_back(whole);
    return;
  }
  if (piece.size() > kBpeHeapThreshold) return bpe_encode_piece_heap(ranks, piece, out);
  Part parts[kBpeHeapThreshold + 1];
  const std::size_t n = scan_merge(ranks, piece, parts);
  for (std::size_t i = 0; i + 1 < n; ++i)
    out.push_back(ranks.find(piece.substr(parts[i].start, parts[i + 1].start - parts[i].start)));
}

std::size_t bpe_count_piece(const RankTable& ranks, std::string_view piece) {
  if (piece.empty()) return 0;
  if (ranks.find(piece) != kNoRank) return 1;
  if (piece.size() > kBpeHeapThreshold) {
    std::vector<Rank> tmp;
    bpe_encode_piece_heap(ranks, piece, tmp);
    return tmp.size();
  }
  Part parts[kBpeHeapThreshold + 1];
  return scan_merge(ranks, piece, parts) - 1;
}

}  // namespace verimeter::tokenize
