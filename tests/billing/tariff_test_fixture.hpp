// A small tariff used by the tariff and charge tests: an exact entry with request fees, a
// prefix entry with graduated tiers, and a catch-all.
#pragma once

#include <string>

#include "billing/tariff.hpp"
#include "core/json.hpp"

namespace verimeter::billing::testing {

inline const char* kTestTariffJson = R"({
  "schema": "verimeter.tariff.v1",
  "tariff_id": "test-usd",
  "version": 3,
  "effective_from": "2025-07-01T00:00:00.000Z",
  "currency": "USD",
  "exponent": 6,
  "rounding": "half_even",
  "minimum_charge": 0,
  "maximum_charge": null,
  "models": [
    {"match": "model-a",
     "per_million": {"input_uncached": 2500000, "input_cache_read": 1250000,
                     "input_cache_write_5m": 3125000, "input_cache_write_1h": 5000000,
                     "output_visible": 10000000, "output_reasoning": 10000000,
                     "audio_in": 40000000, "audio_out": 80000000},
     "tiers": {},
     "request_fees": {"web_search_requests": 10000}},
    {"match": "tiered-*",
     "per_million": {"input_uncached": 3, "input_cache_read": 1, "input_cache_write_5m": 1,
                     "input_cache_write_1h": 1, "output_visible": 1, "output_reasoning": 1,
                     "audio_in": 1, "audio_out": 1},
     "tiers": {"input_uncached": [{"up_to": 1000, "per_million": 3},
                                  {"up_to": 5000, "per_million": 2},
                                  {"up_to": null, "per_million": 1}]},
     "request_fees": {}},
    {"match": "*",
     "per_million": {"input_uncached": 0, "input_cache_read": 0, "input_cache_write_5m": 0,
                     "input_cache_write_1h": 0, "output_visible": 0, "output_reasoning": 0,
                     "audio_in": 0, "audio_out": 0},
     "tiers": {},
     "request_fees": {}}
  ]
})";

inline Json test_tariff_json() {
  return *parse_json(kTestTariffJson);
}
inline TariffSnapshot test_tariff() {
  return *tariff_from_json(test_tariff_json());
}

inline std::string source_path(const std::string& rel) {
  return std::string(VERIMETER_SOURCE_DIR) + "/" + rel;
}

}  // namespace verimeter::billing::testing
