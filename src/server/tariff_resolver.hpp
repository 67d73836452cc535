// TariffResolver: which published tariff version prices an attest, without a database read per
// attest. Published versions are immutable, so the index (id → versions with their effective
// dates and content hashes) is read from the store at most once per `refresh` interval, and a
// version is pinned (parsed, canonical bytes, hash) once per content hash.
//
// A version published through this server is visible at once (invalidate()); one published by
// another process on the same data directory (`verimeter tariff publish --data`) is seen within
// the refresh interval.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "billing/tariff.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace verimeter::server {

class TariffResolver {
 public:
  explicit TariffResolver(store::Store& store,
                          std::chrono::milliseconds refresh = std::chrono::seconds(1));

  // The highest version of `id` whose effective date is at or before `at_ms`.
  // Errors: tariff_not_found, store errors.
  Result<std::shared_ptr<const billing::PinnedTariff>> resolve(const std::string& id,
                                                               std::int64_t at_ms);
  // Forgets the index: the next resolve() reads it again.
  void invalidate();

 private:
  struct Version {
    std::uint64_t version;
    std::int64_t effective_from_ms;
    std::string content_hash;
  };
  using Index = std::unordered_map<std::string, std::vector<Version>>;

  // The index, read again when older than max_age.
  Result<std::shared_ptr<const Index>> index(std::chrono::milliseconds max_age);
  static const Version* find(const Index& idx, const std::string& id, std::int64_t at_ms);
  Result<std::shared_ptr<const billing::PinnedTariff>> pinned(const std::string& id,
                                                              const Version& v);

  store::Store& store_;
  const std::chrono::milliseconds refresh_;
  std::mutex mu_;
  std::shared_ptr<const Index> index_;
  std::chrono::steady_clock::time_point loaded_at_;
  std::unordered_map<std::string, std::shared_ptr<const billing::PinnedTariff>> by_hash_;
};

}  // namespace verimeter::server
