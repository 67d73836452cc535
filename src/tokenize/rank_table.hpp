// RankTable: the vocabulary of a byte-level BPE encoding, token bytes <-> rank (= token id).
// Lookups by byte string are the BPE hot path, so the table is an open-addressing hash over one
// contiguous byte arena (no per-token allocation), with a direct table for 1- and 2-byte keys.
// Immutable after construction; safe to share between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verimeter::tokenize {

using Rank = std::uint32_t;
inline constexpr Rank kNoRank = 0xFFFFFFFFu;

class RankTable {
 public:
  class Builder {
   public:
    void add(std::string_view bytes, Rank rank);
    RankTable build() &&;

   private:
    std::vector<std::pair<std::string, Rank>> items_;
  };

  RankTable() = default;

  // Rank of `bytes`, or kNoRank.
  Rank find(std::string_view bytes) const {
    if (bytes.size() <= 2) return find_short(bytes);
    return find_long(bytes);
  }
  // Bytes of token `rank`, or nullopt when the rank is not in the table.
  std::optional<std::string_view> bytes_of(Rank rank) const;
  std::size_t size() const { return entries_.size(); }
  Rank max_rank() const { return max_rank_; }

 private:
  struct Entry {
    std::uint32_t offset;
    std::uint32_t length;
    Rank rank;
  };
  Rank find_short(std::string_view bytes) const {
    if (bytes.size() == 1) return short_[static_cast<unsigned char>(bytes[0])];
    if (bytes.size() == 2)
      return short_[256 + (static_cast<unsigned char>(bytes[0]) << 8 |
                           static_cast<unsigned char>(bytes[1]))];
    return kNoRank;
  }
  Rank find_long(std::string_view bytes) const;

  std::string arena_;
  std::vector<Entry> entries_;  // sorted by rank
  // Open addressing. Keys of up to 8 bytes live in the slot itself (one memory access per
  // lookup); longer keys store their hash and point into entries_.
  struct Slot {
    std::uint64_t key;   // packed bytes (len <= 8) or hash_bytes (len > 8)
    std::uint32_t meta;  // 0 = empty; 1..8 = length of a packed key; kLongKey | entry index
    Rank rank;
  };
  static constexpr std::uint32_t kLongKey = 0x80000000u;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> by_rank_;  // rank -> index into entries_ (or ~0u)
  std::vector<Rank> short_ = std::vector<Rank>(256 + 65536, kNoRank);
  std::uint64_t mask_ = 0;
  Rank max_rank_ = 0;
  std::size_t max_length_ = 0;
};

// 64-bit hash of a short byte string (used by RankTable; exposed for tests).
std::uint64_t hash_bytes(std::string_view bytes);

// Bytes of a 1..8 byte string packed little-endian into a word (zero above the length).
inline std::uint64_t pack_short_key(const char* p, std::size_t n) {
  auto byte = [&](std::size_t i) { return std::uint64_t(static_cast<unsigned char>(p[i])); };
  if (n >= 4) {
    std::uint32_t lo, hi;
    __builtin_memcpy(&lo, p, 4);
    __builtin_memcpy(&hi, p + n - 4, 4);
    return std::uint64_t(lo) | (std::uint64_t(hi) << (8 * (n - 4)));
  }
  return byte(0) | (byte(n >> 1) << (8 * (n >> 1))) | (byte(n - 1) << (8 * (n - 1)));
}
inline std::uint64_t hash_short_key(std::uint64_t w, std::size_t n) {
  w = (w ^ (std::uint64_t(n) << 59)) * 0x9E3779B97F4A7C15ULL;
  return w ^ (w >> 29);
}

}  // namespace verimeter::tokenize
