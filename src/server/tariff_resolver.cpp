#include "server/tariff_resolver.hpp"

#include <algorithm>

#include "core/time.hpp"

namespace verimeter::server {

TariffResolver::TariffResolver(store::Store& store, std::chrono::milliseconds refresh)
    : store_(store), refresh_(refresh) {}

void TariffResolver::invalidate() {
  std::lock_guard lock(mu_);
  index_.reset();
}

Result<std::shared_ptr<const TariffResolver::Index>> TariffResolver::index(
    std::chrono::milliseconds max_age) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mu_);
    if (index_ && now - loaded_at_ < max_age) return index_;
  }
  VM_TRY(records, store_.tariffs());
  auto fresh = std::make_shared<Index>();
  for (const auto& r : records)
    (*fresh)[r.tariff_id].push_back(Version{r.version, r.effective_from_ms, r.content_hash});
  std::lock_guard lock(mu_);
  index_ = fresh;
  loaded_at_ = now;
  return std::shared_ptr<const Index>(fresh);
}

Result<std::shared_ptr<const billing::PinnedTariff>> TariffResolver::pinned(const std::string& id,
                                                                            const Version& v) {
  {
    std::lock_guard lock(mu_);
    if (auto it = by_hash_.find(v.content_hash); it != by_hash_.end()) return it->second;
  }
  VM_TRY(rec, store_.tariff(id, v.version));
  if (!rec)
    return make_error("tariff_not_found",
                      "tariff \"" + id + "\" version " + std::to_string(v.version) + " vanished");
  VM_TRY(snapshot, billing::parse_tariff_json(rec->snapshot_json));
  auto sp = std::make_shared<const billing::PinnedTariff>(billing::pin_tariff(std::move(snapshot)));
  if (sp->content_hash != v.content_hash)
    return make_error("store_corrupt", "tariff \"" + id + "\" version " +
                                           std::to_string(v.version) +
                                           " does not hash to its recorded content hash");
  std::lock_guard lock(mu_);
  by_hash_.emplace(v.content_hash, sp);
  return sp;
}

const TariffResolver::Version* TariffResolver::find(const Index& idx, const std::string& id,
                                                    std::int64_t at_ms) {
  const Version* best = nullptr;
  if (auto it = idx.find(id); it != idx.end()) {
    for (const Version& v : it->second)
      if (v.effective_from_ms <= at_ms && (!best || v.version > best->version)) best = &v;
  }
  return best;
}

Result<std::shared_ptr<const billing::PinnedTariff>> TariffResolver::resolve(const std::string& id,
                                                                             std::int64_t at_ms) {
  VM_TRY(idx, index(refresh_));
  const Version* best = find(*idx, id, at_ms);
  if (!best) {
    // Perhaps published a moment ago by another process: look again, at most every 100 ms so
    // that requests naming unknown tariffs cannot make every attest read the index.
    VM_TRY(again, index(std::min(refresh_, std::chrono::milliseconds(100))));
    idx = std::move(again);
    best = find(*idx, id, at_ms);
  }
  if (!best)
    return make_error("tariff_not_found", "no version of tariff \"" + id + "\" is effective at " +
                                              format_rfc3339_millis(at_ms));
  return pinned(id, *best);
}

}  // namespace verimeter::server
