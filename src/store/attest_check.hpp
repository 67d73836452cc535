// Shape checks on an AttestRecord before it reaches a transaction: required fields present
// and sizes bounded. The group-commit writer runs them at submit() so that one malformed
// record is refused on its own instead of failing the whole batch it would have joined.
#pragma once

#include <cstddef>

#include "core/result.hpp"
#include "store/store.hpp"

namespace verimeter::store {

inline constexpr std::size_t kMaxAttestIdBytes = 256;           // tenant, event, receipt ids
inline constexpr std::size_t kMaxAttestBundleBytes = 4u << 20;  // bundle_json
inline constexpr std::size_t kMaxAttestLeafBytes = 1u << 20;    // leaf

// Error: attest_invalid (the message names the field).
Status check_attest_record(const AttestRecord& r);

}  // namespace verimeter::store
