// Byte-pair merging of one pre-tokenized piece, with tiktoken's exact rule: repeatedly merge the
// adjacent pair whose concatenation has the lowest rank, the leftmost one on ties, until no
// adjacent pair is in the vocabulary. Short pieces use a scan over a small array; long pieces a
// min-heap over a linked list, so a piece of n bytes costs O(n log n) instead of O(n^2).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "tokenize/rank_table.hpp"

namespace verimeter::tokenize {

// Appends the token ranks of `piece` to `out`.
void bpe_encode_piece(const RankTable& ranks, std::string_view piece, std::vector<Rank>& out);

// Number of tokens `piece` encodes to.
std::size_t bpe_count_piece(const RankTable& ranks, std::string_view piece);

// Pieces longer than this (bytes) take the heap path. Exposed for tests that force both paths.
inline constexpr std::size_t kBpeHeapThreshold = 64;

// The heap-based merge for any length (tests compare it with the scan on short pieces).
void bpe_encode_piece_heap(const RankTable& ranks, std::string_view piece, std::vector<Rank>& out);

}  // namespace verimeter::tokenize
