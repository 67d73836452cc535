#include "store/receipt_elision.hpp"

#include <string.h>

#include <utility>

namespace verimeter::store {

namespace {

constexpr std::string_view kBefore = ",\"receipt\":";
constexpr std::string_view kAfter = ",\"signature\":";
constexpr std::string_view kElided = ",\"receipt\":null,\"signature\":";

// Where the last `,"receipt":<leaf>,"signature":` in `text` holds its leaf, or npos. Candidates
// are found by the leaf's first bytes (memmem with a short needle is fast; with the whole 2 KB
// leaf its set-up alone costs more than rfind), then compared whole with the text around them.
std::size_t last_receipt_member(std::string_view text, std::string_view leaf) {
  const std::string_view head = leaf.substr(0, 32);
  std::size_t found = std::string_view::npos;
  for (std::size_t from = 0; from + leaf.size() <= text.size();) {
    const void* hit = ::memmem(text.data() + from, text.size() - from, head.data(), head.size());
    if (!hit) break;
    const auto at = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
    if (at >= kBefore.size() && text.substr(at - kBefore.size(), kBefore.size()) == kBefore &&
        text.substr(at, leaf.size()) == leaf && text.substr(at + leaf.size()).starts_with(kAfter)) {
      found = at;
    }
    from = at + 1;
  }
  return found;
}

}  // namespace

ElidedBundle elide_receipt(std::string bundle, std::string_view leaf) {
  if (leaf.empty() || leaf.front() != '{') return {std::move(bundle), false};
  const std::size_t at = last_receipt_member(bundle, leaf);
  if (at == std::string::npos) return {std::move(bundle), false};
  // Nothing may already look elided, or reading it back would be ambiguous.
  if (::memmem(bundle.data(), bundle.size(), kElided.data(), kElided.size()))
    return {std::move(bundle), false};
  bundle.replace(at, leaf.size(), "null");
  return {std::move(bundle), true};
}

std::string restore_receipt(std::string stored, std::string_view leaf) {
  const auto at = stored.rfind(kElided);
  if (at == std::string::npos) return stored;
  stored.replace(at + kBefore.size(), 4, leaf);
  return stored;
}

}  // namespace verimeter::store
