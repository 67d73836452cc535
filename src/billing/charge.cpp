// compute_charge: docs/spec/tariff.md §4, step by step.
#include "billing/charge.hpp"

#include <algorithm>

namespace verimeter::billing {

namespace {

Error overflow(const std::string& what) {
  return make_error("charge_overflow",
                    what + " exceeds 2^53 - 1, the largest integer a receipt can carry");
}

std::uint64_t bucket_tokens(const UsageBuckets& b, std::size_t i) {
  const std::uint64_t values[kBucketCount] = {b.input_uncached,
                                              b.input_cache_read,
                                              b.input_cache_write_5m,
                                              b.input_cache_write_1h,
                                              b.output_visible,
                                              b.output_reasoning,
                                              b.audio_in,
                                              b.audio_out};
  return values[i];
}

// Step 2: split a bucket's tokens over its graduated tiers (tokens 1..up_to_1 at the first
// price, up_to_1+1..up_to_2 at the second, ...) and price each segment exactly.
ChargeLine price_bucket(std::string bucket, std::uint64_t tokens, std::uint64_t base,
                        const std::vector<Tier>* tiers) {
  ChargeLine line{std::move(bucket), tokens, base, {}, 0};
  if (tiers == nullptr) {
    line.subtotal_scaled = U128{tokens} * base;
    return line;
  }
  std::uint64_t below = 0;  // tokens already priced by earlier tiers
  for (const auto& tier : *tiers) {
    const std::uint64_t cap = tier.up_to ? std::min(*tier.up_to, tokens) : tokens;
    if (cap > below) {
      const std::uint64_t n = cap - below;
      const U128 sub = U128{n} * tier.per_million;
      line.tiers.push_back(ChargeSegment{n, tier.per_million, sub});
      line.subtotal_scaled += sub;
      below = cap;
    }
    if (below == tokens) break;
  }
  return line;
}

Status check_requests(std::span<const RequestCount> requests) {
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (requests[i].count == 0 || (i > 0 && !(requests[i - 1].name < requests[i].name))) {
      return make_error("charge_bad_usage",
                        "request counts must be positive, sorted by name and unique");
    }
  }
  return {};
}

// Step 4: per-request fees, each count x unit, exact.
Status add_fees(const ModelPrice& m, std::span<const RequestCount> requests, Charge& c) {
  U128 total = 0;
  for (const auto& r : requests) {
    const auto it = m.request_fees.find(r.name);
    if (it == m.request_fees.end()) {
      return make_error(
          "tariff_missing_fee",
          "the tariff entry \"" + m.match + "\" has no price for request fee \"" + r.name + "\"");
    }
    if (r.count > kMaxJsonInteger) return overflow("request count " + r.name);
    const U128 amount = U128{r.count} * it->second;
    if (amount > kMaxJsonInteger) return overflow("fee " + r.name);
    total += amount;
    if (total > kMaxJsonInteger) return overflow("the sum of request fees");
    c.fees.push_back(ChargeFee{r.name, r.count, it->second, static_cast<std::uint64_t>(amount)});
  }
  c.fees_total = static_cast<std::uint64_t>(total);
  return {};
}

// Step 5: clamp to [minimum_charge, maximum_charge].
void clamp(const TariffSnapshot& t, std::uint64_t total, Charge& c) {
  c.amount = total;
  if (c.amount < t.minimum_charge) {
    c.amount = t.minimum_charge;
    c.minimum_applied = true;
  }
  if (t.maximum_charge && c.amount > *t.maximum_charge) {
    c.amount = *t.maximum_charge;
    c.maximum_applied = true;
  }
}

}  // namespace

Result<Charge> compute_charge(const TariffSnapshot& tariff, std::string_view model,
                              const UsageBuckets& buckets, std::span<const RequestCount> requests) {
  // Step 1: the first matching model entry.
  const ModelPrice* m = find_model_price(tariff, model);
  if (m == nullptr) {
    return make_error("tariff_no_match", "no entry of tariff " + tariff.tariff_id + " v" +
                                             std::to_string(tariff.version) + " matches model \"" +
                                             std::string(model) + "\"");
  }
  VM_CHECK(check_requests(requests));
  Charge c{tariff.currency,
           tariff.exponent,
           tariff.rounding,
           m->match,
           {},
           {},
           0,
           0,
           0,
           false,
           false,
           0};
  // Steps 2-3: every bucket priced exactly; the sum stays scaled by 10^6 (< 2^120, no overflow).
  for (std::size_t b = 0; b < kBucketCount; ++b) {
    const std::uint64_t tokens = bucket_tokens(buckets, b);
    if (tokens > kMaxJsonInteger) return overflow(std::string("bucket ") + kBucketNames[b]);
    const auto it = m->tiers.find(kBucketNames[b]);
    c.lines.push_back(price_bucket(kBucketNames[b], tokens, m->per_million[b],
                                   it == m->tiers.end() ? nullptr : &it->second));
    c.subtotal_scaled += c.lines.back().subtotal_scaled;
  }
  // Step 3: round once, with the tariff's rule, to whole minor units.
  const U128 rounded = round_div(c.subtotal_scaled, kTokensPerPriceUnit, tariff.rounding);
  if (rounded > kMaxJsonInteger) return overflow("the rounded token subtotal");
  c.rounded_subtotal = static_cast<std::uint64_t>(rounded);
  VM_CHECK(add_fees(*m, requests, c));
  const std::uint64_t total = c.rounded_subtotal + c.fees_total;  // both < 2^53: no wrap
  if (total > kMaxJsonInteger) return overflow("the charge before clamping");
  clamp(tariff, total, c);
  // Only an unvalidated snapshot can hold bounds >= 2^53; never let one reach a receipt.
  if (c.amount > kMaxJsonInteger) return overflow("the clamped charge");
  return c;
}

Result<Charge> compute_charge(const TariffSnapshot& tariff, std::string_view model,
                              const NormalizedUsage& usage) {
  return compute_charge(tariff, model, usage.buckets, usage.requests);
}

}  // namespace verimeter::billing
