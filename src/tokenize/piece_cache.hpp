// PieceCache: a small direct-mapped memo of BPE results for short pieces, local to one encode or
// count call over a large text (identifiers and words repeat; their BPE is the costly part). It
// changes no result: a hit returns exactly what bpe_encode_piece computed for the same bytes.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "tokenize/rank_table.hpp"

namespace verimeter::tokenize {

class PieceCache {
 public:
  static constexpr std::size_t kMaxKey = 24;
  static constexpr std::size_t kMaxIds = 8;

  PieceCache() : slots_(kSlots) {}

  // Ranks of `piece` if cached.
  const Rank* find(std::string_view piece, std::size_t& n) const {
    const Slot& s = slots_[index(piece)];
    if (s.len != piece.size() || piece.size() > kMaxKey ||
        std::memcmp(s.key, piece.data(), piece.size()) != 0)
      return nullptr;
    n = s.nids;
    return s.ids;
  }
  void put(std::string_view piece, const Rank* ids, std::size_t n) {
    if (piece.size() > kMaxKey || n > kMaxIds || piece.empty()) return;
    Slot& s = slots_[index(piece)];
    s.len = static_cast<std::uint8_t>(piece.size());
    s.nids = static_cast<std::uint8_t>(n);
    std::memcpy(s.key, piece.data(), piece.size());
    std::memcpy(s.ids, ids, n * sizeof(Rank));
  }

 private:
  static constexpr std::size_t kSlots = 4096;
  struct Slot {
    std::uint8_t len = 0;  // 0 = empty (pieces are never empty)
    std::uint8_t nids = 0;
    char key[kMaxKey];
    Rank ids[kMaxIds];
  };
  static std::size_t index(std::string_view piece) { return hash_bytes(piece) & (kSlots - 1); }
  std::vector<Slot> slots_;
};

}  // namespace verimeter::tokenize
