// Deterministic attest records for the store tests: every field is derived from
// (tenant, event, payload) so a test can rebuild the expected record from its key alone.
#pragma once

#include <string>

#include "store/store.hpp"

namespace verimeter::store::testing {

inline AttestRecord make_attest(const std::string& tenant, const std::string& event,
                                const std::string& payload = "p") {
  AttestRecord r;
  r.tenant_id = tenant;
  r.event_id = event;
  r.request_hash = "hash:" + payload;
  r.receipt_id = "rcpt:" + tenant + ":" + event + ":" + payload;
  r.bundle_json = R"({"bundle":")" + tenant + "/" + event + "/" + payload + R"("})";
  r.leaf = std::string("leaf\0", 5) + tenant + "/" + event + "/" + payload;
  r.created_ms = 1700000000000;
  return r;
}

}  // namespace verimeter::store::testing
