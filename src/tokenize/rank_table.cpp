#include "tokenize/rank_table.hpp"

#include <algorithm>
#include <cstring>

namespace verimeter::tokenize {
namespace {

inline std::uint64_t load_tail(const char* p, std::size_t n) {
  std::uint64_t w = 0;
  std::memcpy(&w, p, n);
  return w;
}
inline std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  return x;
}

}  // namespace

std::uint64_t hash_bytes(std::string_view bytes) {
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ (n * 0xff51afd7ed558ccdULL);
  while (n >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = mix(h ^ w);
    p += 8;
    n -= 8;
  }
  if (n > 0) h = mix(h ^ load_tail(p, n) ^ 0x5555);
  return h;
}

void RankTable::Builder::add(std::string_view bytes, Rank rank) {
  items_.emplace_back(std::string(bytes), rank);
}

RankTable RankTable::Builder::build() && {
  std::sort(items_.begin(), items_.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  RankTable t;
  std::size_t cap = 16;
  while (cap < items_.size() * 2) cap <<= 1;
  t.slots_.assign(cap, Slot{0, 0, 0});
  t.mask_ = cap - 1;
  for (auto& [bytes, rank] : items_) {
    t.entries_.push_back({static_cast<std::uint32_t>(t.arena_.size()),
                          static_cast<std::uint32_t>(bytes.size()), rank});
    t.arena_ += bytes;
    t.max_rank_ = std::max(t.max_rank_, rank);
    t.max_length_ = std::max(t.max_length_, bytes.size());
  }
  t.by_rank_.assign(static_cast<std::size_t>(t.max_rank_) + 1, ~0u);
  for (std::uint32_t i = 0; i < t.entries_.size(); ++i) {
    const Entry& e = t.entries_[i];
    t.by_rank_[e.rank] = i;
    const std::string_view key(t.arena_.data() + e.offset, e.length);
    if (key.size() <= 2) {
      if (key.size() == 1) t.short_[static_cast<unsigned char>(key[0])] = e.rank;
      if (key.size() == 2)
        t.short_[256 + (static_cast<unsigned char>(key[0]) << 8 |
                        static_cast<unsigned char>(key[1]))] = e.rank;
      continue;
    }
    Slot slot;
    std::uint64_t h;
    if (key.size() <= 8) {
      slot = {pack_short_key(key.data(), key.size()), static_cast<std::uint32_t>(key.size()),
              e.rank};
      h = hash_short_key(slot.key, key.size());
    } else {
      h = hash_bytes(key);
      slot = {h, kLongKey | i, e.rank};
    }
    std::uint64_t s = h & t.mask_;
    while (t.slots_[s].meta != 0) s = (s + 1) & t.mask_;
    t.slots_[s] = slot;
  }
  items_.clear();
  return t;
}

Rank RankTable::find_long(std::string_view bytes) const {
  const std::size_t n = bytes.size();
  if (n > max_length_) return kNoRank;
  if (n <= 8) {
    const std::uint64_t w = pack_short_key(bytes.data(), n);
    for (std::uint64_t s = hash_short_key(w, n) & mask_;; s = (s + 1) & mask_) {
      const Slot& slot = slots_[s];
      if (slot.meta == 0) return kNoRank;
      if (slot.meta == n && slot.key == w) return slot.rank;
    }
  }
  const std::uint64_t h = hash_bytes(bytes);
  for (std::uint64_t s = h & mask_;; s = (s + 1) & mask_) {
    const Slot& slot = slots_[s];
    if (slot.meta == 0) return kNoRank;
    if ((slot.meta & kLongKey) && slot.key == h) {
      const Entry& e = entries_[slot.meta & ~kLongKey];
      if (e.length == n && std::memcmp(arena_.data() + e.offset, bytes.data(), n) == 0)
        return slot.rank;
    }
  }
}

std::optional<std::string_view> RankTable::bytes_of(Rank rank) const {
  if (rank >= by_rank_.size() || by_rank_[rank] == ~0u) return std::nullopt;
  const Entry& e = entries_[by_rank_[rank]];
  return std::string_view(arena_.data() + e.offset, e.length);
}

}  // namespace verimeter::tokenize
