// Last step of every adapter: enforce what a receipt needs from NormalizedUsage regardless of
// provider — every bucket and request count below 2^53 (a bucket can be a sum of counters that
// were each in range), request counts sorted by name with zero counts dropped.
#pragma once

#include "billing/usage.hpp"
#include "core/result.hpp"

namespace verimeter::billing::adapters {

Result<NormalizedUsage> finalize_usage(NormalizedUsage usage);

}  // namespace verimeter::billing::adapters
