// A Store that forwards to a real one, and answers store_busy (SQLite's "database is locked",
// as the SQLite backend reports it) on demand: reads, or commits of attests. Tenant lookups
// always go through, so a request is authenticated and reaches the store access under test.
#pragma once

#include <atomic>
#include <memory>
#include <utility>

#include "store/store.hpp"

namespace verimeter::server::testing {

class BusyStore final : public store::Store {
 public:
  explicit BusyStore(std::unique_ptr<store::Store> inner) : inner_(std::move(inner)) {}

  std::atomic<bool> reads_busy{false};    // every read except tenant lookups
  std::atomic<bool> commits_busy{false};  // put_attests

  Result<std::vector<store::PutResult>> put_attests(
      std::span<const store::AttestRecord> records) override {
    if (commits_busy) return busy();
    return inner_->put_attests(records);
  }
  Result<std::optional<std::string>> get_bundle(const std::string& tenant_id,
                                                const std::string& receipt_id) override {
    if (reads_busy) return busy();
    return inner_->get_bundle(tenant_id, receipt_id);
  }
  Result<std::uint64_t> log_size() override {
    if (reads_busy) return busy();
    return inner_->log_size();
  }
  Result<std::vector<std::string>> log_leaves(std::uint64_t begin, std::uint64_t end) override {
    if (reads_busy) return busy();
    return inner_->log_leaves(begin, end);
  }
  Result<std::uint64_t> attest_count(const std::string& tenant_id) override {
    if (reads_busy) return busy();
    return inner_->attest_count(tenant_id);
  }
  Status add_tenant(const store::TenantRecord& t) override { return inner_->add_tenant(t); }
  Result<std::optional<store::TenantRecord>> tenant_by_key_hash(
      const std::string& key_hash) override {
    return inner_->tenant_by_key_hash(key_hash);
  }
  Result<std::vector<store::TenantRecord>> tenants() override { return inner_->tenants(); }
  Status put_tariff(const store::TariffRecord& t) override { return inner_->put_tariff(t); }
  Result<std::optional<store::TariffRecord>> tariff(const std::string& tariff_id,
                                                    std::uint64_t version) override {
    if (reads_busy) return busy();
    return inner_->tariff(tariff_id, version);
  }
  Result<std::vector<store::TariffRecord>> tariffs() override {
    if (reads_busy) return busy();
    return inner_->tariffs();
  }
  Result<std::optional<std::string>> get_setting(const std::string& key) override {
    return inner_->get_setting(key);
  }
  Status put_setting(const std::string& key, const std::string& value) override {
    return inner_->put_setting(key, value);
  }

 private:
  static Error busy() { return make_error("store_busy", "database is locked"); }

  std::unique_ptr<store::Store> inner_;
};

}  // namespace verimeter::server::testing
