#include "store/attest_check.hpp"

#include <string>
#include <string_view>

namespace verimeter::store {
namespace {

Status check_field(std::string_view name, const std::string& value, std::size_t max) {
  if (value.empty()) return make_error("attest_invalid", std::string(name) + " is empty");
  if (value.size() > max) {
    return make_error("attest_invalid",
                      std::string(name) + " exceeds " + std::to_string(max) + " bytes");
  }
  return {};
}

}  // namespace

Status check_attest_record(const AttestRecord& r) {
  VM_CHECK(check_field("tenant_id", r.tenant_id, kMaxAttestIdBytes));
  VM_CHECK(check_field("event_id", r.event_id, kMaxAttestIdBytes));
  VM_CHECK(check_field("receipt_id", r.receipt_id, kMaxAttestIdBytes));
  VM_CHECK(check_field("request_hash", r.request_hash, kMaxAttestIdBytes));
  VM_CHECK(check_field("bundle_json", r.bundle_json, kMaxAttestBundleBytes));
  VM_CHECK(check_field("leaf", r.leaf, kMaxAttestLeafBytes));
  return {};
}

}  // namespace verimeter::store
