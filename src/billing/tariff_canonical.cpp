// Direct writer of a tariff snapshot's canonical (RFC 8785) bytes. A validated snapshot holds
// only ASCII strings and integers below 2^53, and its field set is fixed, so the JCS bytes can be
// written straight from the struct — keys in the byte order JCS prescribes for ASCII keys —
// instead of building a JSON tree and canonicalizing it. This keeps hashing a tariff cheap for
// verifiers that check one per bundle. Tests compare it with jcs_canonicalize(tariff_to_json(t))
// and with an independent JCS implementation (tests/billing/js).
#include <algorithm>
#include <array>
#include <string_view>

#include "billing/tariff.hpp"
#include "core/jcs.hpp"

namespace verimeter::billing {

namespace {

void put_string(std::string_view s, std::string& out) {
  out.push_back('"');
  for (auto pos = s.find_first_of("\"\\"); pos != std::string_view::npos;
       pos = s.find_first_of("\"\\")) {
    out.append(s.substr(0, pos)).push_back('\\');
    out.push_back(s[pos]);
    s.remove_prefix(pos + 1);
  }
  out.append(s).push_back('"');
}

void put_uint(std::uint64_t v, std::string& out) {
  out += std::to_string(v);
}

// Bucket indexes in the byte order of their names (JCS sorts object keys).
std::array<std::size_t, kBucketCount> sorted_bucket_order() {
  std::array<std::size_t, kBucketCount> order{};
  for (std::size_t i = 0; i < kBucketCount; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [](std::size_t a, std::size_t b) {
    return std::string_view(kBucketNames[a]) < std::string_view(kBucketNames[b]);
  });
  return order;
}

void put_model(const ModelPrice& m, std::string& out) {
  static const auto order = sorted_bucket_order();
  out += "{\"match\":";
  put_string(m.match, out);
  out += ",\"per_million\":{";
  for (std::size_t k = 0; k < kBucketCount; ++k) {
    if (k) out.push_back(',');
    put_string(kBucketNames[order[k]], out);
    out.push_back(':');
    put_uint(m.per_million[order[k]], out);
  }
  out += "},\"request_fees\":{";
  bool first = true;
  for (const auto& [name, unit] : m.request_fees) {  // std::map: byte order
    if (!first) out.push_back(',');
    first = false;
    put_string(name, out);
    out.push_back(':');
    put_uint(unit, out);
  }
  out += "},\"tiers\":{";
  first = true;
  for (const auto& [bucket, tiers] : m.tiers) {
    if (!first) out.push_back(',');
    first = false;
    put_string(bucket, out);
    out += ":[";
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      if (i) out.push_back(',');
      out += "{\"per_million\":";
      put_uint(tiers[i].per_million, out);
      out += ",\"up_to\":";
      if (tiers[i].up_to) {
        put_uint(*tiers[i].up_to, out);
      } else {
        out += "null";
      }
      out.push_back('}');
    }
    out.push_back(']');
  }
  out += "}}";
}

std::string generic_canonical_bytes(const TariffSnapshot& t) {
  // Only reached for snapshots that fail validation (callers should not hash those): JCS when
  // it can, otherwise a stable ASCII dump that no valid snapshot's bytes can equal.
  auto bytes = jcs_canonicalize(tariff_to_json(t));
  if (bytes.ok()) return *bytes;
  return tariff_to_json(t).dump(-1, ' ', true, Json::error_handler_t::replace);
}

}  // namespace

std::string tariff_canonical_bytes(const TariffSnapshot& t) {
  if (!validate_tariff(t).ok()) return generic_canonical_bytes(t);
  std::string out;
  out.reserve(256 + t.models.size() * 400);
  out += "{\"currency\":";
  put_string(t.currency, out);
  out += ",\"effective_from\":";
  put_string(format_rfc3339_millis(t.effective_from), out);
  out += ",\"exponent\":";
  put_uint(t.exponent, out);
  out += ",\"maximum_charge\":";
  if (t.maximum_charge) {
    put_uint(*t.maximum_charge, out);
  } else {
    out += "null";
  }
  out += ",\"minimum_charge\":";
  put_uint(t.minimum_charge, out);
  out += ",\"models\":[";
  for (std::size_t i = 0; i < t.models.size(); ++i) {
    if (i) out.push_back(',');
    put_model(t.models[i], out);
  }
  out += "],\"rounding\":";
  put_string(rounding_name(t.rounding), out);
  out += ",\"schema\":";
  put_string(kTariffSchemaV1, out);
  out += ",\"tariff_id\":";
  put_string(t.tariff_id, out);
  out += ",\"version\":";
  put_uint(t.version, out);
  out.push_back('}');
  return out;
}

}  // namespace verimeter::billing
