// libFuzzer target for the tariff parsers (JSON and TOML) and the charge reader. The first input
// byte picks the parser, the rest is the text. Beyond "no crash, no sanitizer report", every
// accepted tariff must re-validate, round-trip through its canonical bytes to an equal snapshot
// with the same content hash, and price fixed usages (huge counts included) into charges that
// obey the clamp and the 2^53 bound and round-trip through charge_from_json.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "billing/charge.hpp"

namespace {

using namespace verimeter;
using namespace verimeter::billing;

void check(bool ok) {
  if (!ok) std::abort();
}

void check_charge(const TariffSnapshot& t, const Charge& c) {
  check(c.amount <= kMaxJsonInteger);
  check(c.amount >= t.minimum_charge || (t.maximum_charge && c.amount == *t.maximum_charge));
  if (t.maximum_charge) check(c.amount <= *t.maximum_charge);
  check(c.lines.size() == kBucketCount);
  auto back = charge_from_json(charge_to_json(c));
  check(back.ok() && *back == c);
}

void check_tariff(const TariffSnapshot& t) {
  check(validate_tariff(t).ok());
  auto again = parse_tariff_json(tariff_canonical_bytes(t));
  check(again.ok() && *again == t);
  check(tariff_content_hash(*again) == tariff_content_hash(t));
  const UsageBuckets usages[] = {
      UsageBuckets{},
      UsageBuckets{1000, 200, 30, 4, 500, 60, 7, 8},
      UsageBuckets{kMaxJsonInteger, 0, 0, 0, kMaxJsonInteger, 0, 0, 0},
      UsageBuckets{UINT64_MAX, 1, 1, 1, 1, 1, 1, 1},
  };
  for (const auto& m : t.models) {
    std::string model = m.match;
    if (!model.empty() && model.back() == '*') model.back() = 'x';
    for (const auto& u : usages) {
      std::vector<RequestCount> requests;
      for (const auto& [name, unit] : m.request_fees) requests.push_back({name, 3});
      auto c = compute_charge(t, model, u, requests);
      if (c.ok()) check_charge(t, *c);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 3) {
    case 0: {
      auto t = parse_tariff_json(text);
      if (t.ok()) check_tariff(*t);
      break;
    }
    case 1: {
      auto t = parse_tariff_toml(text);
      if (t.ok()) check_tariff(*t);
      break;
    }
    default: {
      auto j = parse_json(text);
      if (!j.ok()) break;
      auto c = charge_from_json(*j);
      if (c.ok()) {
        auto back = charge_from_json(charge_to_json(*c));
        check(back.ok() && *back == *c);
      }
      break;
    }
  }
  return 0;
}
