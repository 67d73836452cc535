// Test helper: writes a tariff snapshot in the TOML authoring format (docs/spec/tariff.md
// §2.3), so property tests can check that TOML and JSON give the same snapshot. Exercises the
// TOML-only rules: absent maximum_charge / up_to for null, offset date-times, arrays of tables.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "billing/tariff.hpp"
#include "core/time.hpp"

namespace verimeter::billing::testing {

inline std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

// `offset_minutes` writes effective_from as a TOML offset date-time in that zone;
// std::nullopt writes the canonical string instead.
inline std::string effective_from_toml(UnixMillis t, std::optional<int> offset_minutes) {
  if (!offset_minutes) return toml_string(format_rfc3339_millis(t));
  const int off = *offset_minutes;
  std::string local = format_rfc3339_millis(t + static_cast<UnixMillis>(off) * 60'000);
  local.pop_back();  // the 'Z'
  char zone[32];
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", off < 0 ? '-' : '+', std::abs(off) / 60,
                std::abs(off) % 60);
  return local + zone;
}

inline std::string tariff_to_toml(const TariffSnapshot& t, std::optional<int> offset_minutes) {
  std::string s;
  s += "schema = " + toml_string(std::string(kTariffSchemaV1)) + "\n";
  s += "tariff_id = " + toml_string(t.tariff_id) + "\n";
  s += "version = " + std::to_string(t.version) + "\n";
  s += "effective_from = " + effective_from_toml(t.effective_from, offset_minutes) + "\n";
  s += "currency = " + toml_string(t.currency) + "\n";
  s += "exponent = " + std::to_string(t.exponent) + "\n";
  s += "rounding = " + toml_string(std::string(rounding_name(t.rounding))) + "\n";
  s += "minimum_charge = " + std::to_string(t.minimum_charge) + "\n";
  if (t.maximum_charge) s += "maximum_charge = " + std::to_string(*t.maximum_charge) + "\n";
  for (const auto& m : t.models) {
    s += "\n[[models]]\nmatch = " + toml_string(m.match) + "\nper_million = {";
    for (std::size_t b = 0; b < kBucketCount; ++b) {
      s += std::string(b ? ", " : " ") + kBucketNames[b] + " = " + std::to_string(m.per_million[b]);
    }
    s += " }\nrequest_fees = {";
    bool first = true;
    for (const auto& [name, unit] : m.request_fees) {
      s += std::string(first ? " " : ", ") + name + " = " + std::to_string(unit);
      first = false;
    }
    s += first ? "}\n" : " }\n";
    if (m.tiers.empty()) s += "tiers = {}\n";
    for (const auto& [bucket, tiers] : m.tiers) {
      for (const auto& tier : tiers) {
        s += "[[models.tiers." + bucket + "]]\n";
        if (tier.up_to) s += "up_to = " + std::to_string(*tier.up_to) + "\n";
        s += "per_million = " + std::to_string(tier.per_million) + "\n";
      }
    }
  }
  return s;
}

}  // namespace verimeter::billing::testing
