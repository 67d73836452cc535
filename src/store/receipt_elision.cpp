#include "store/receipt_elision.hpp"

#include <utility>

namespace verimeter::store {

namespace {

constexpr std::string_view kBefore = ",\"receipt\":";
constexpr std::string_view kAfter = ",\"signature\":";
constexpr std::string_view kElided = ",\"receipt\":null,\"signature\":";

}  // namespace

ElidedBundle elide_receipt(std::string bundle, std::string_view leaf) {
  if (leaf.empty() || leaf.front() != '{') return {std::move(bundle), false};
  std::string marker;
  marker.reserve(kBefore.size() + leaf.size() + kAfter.size());
  marker.append(kBefore).append(leaf).append(kAfter);
  const auto at = bundle.rfind(marker);
  if (at == std::string::npos) return {std::move(bundle), false};
  // Nothing may already look elided, or reading it back would be ambiguous.
  if (bundle.find(kElided) != std::string::npos) return {std::move(bundle), false};
  bundle.replace(at + kBefore.size(), leaf.size(), "null");
  return {std::move(bundle), true};
}

std::string restore_receipt(std::string stored, std::string_view leaf) {
  const auto at = stored.rfind(kElided);
  if (at == std::string::npos) return stored;
  stored.replace(at + kBefore.size(), 4, leaf);
  return stored;
}

}  // namespace verimeter::store
