// The charge object's canonical JSON and its strict reader (docs/spec/tariff.md §5).
#include <initializer_list>

#include "billing/charge.hpp"
#include "core/jcs.hpp"

namespace verimeter::billing {

namespace {

Error bad(const std::string& path, const std::string& problem) {
  return make_error("charge_bad_field", path + ": " + problem);
}

Status check_keys(const Json& obj, std::initializer_list<std::string_view> keys,
                  const std::string& path) {
  if (!obj.is_object()) return bad(path, "must be an object");
  for (auto k : keys) {
    if (!obj.contains(k)) {
      return make_error("charge_missing_field", path + "." + std::string(k) + " is missing");
    }
  }
  for (const auto& el : obj.items()) {
    bool known = false;
    for (auto allowed : keys) known = known || allowed == el.key();
    if (!known) return make_error("charge_unknown_field", path + "." + el.key() + " is unknown");
  }
  return {};
}

Result<std::uint64_t> read_uint(const Json& v, const std::string& path) {
  const bool negative =
      v.is_number_integer() && !v.is_number_unsigned() && v.get<std::int64_t>() < 0;
  if (!v.is_number_integer() || negative) return bad(path, "must be a non-negative integer");
  const auto n = v.get<std::uint64_t>();
  if (n > kMaxJsonInteger) return bad(path, "must be below 2^53");
  return n;
}

Result<std::string> read_string(const Json& v, const std::string& path) {
  if (!v.is_string()) return bad(path, "must be a string");
  return v.get<std::string>();
}

Result<bool> read_bool(const Json& v, const std::string& path) {
  if (!v.is_boolean()) return bad(path, "must be true or false");
  return v.get<bool>();
}

Result<U128> read_decimal(const Json& v, const std::string& path) {
  VM_TRY(s, read_string(v, path));
  auto d = u128_from_decimal(s);
  if (!d.ok()) return bad(path, d.error().message);
  return *d;
}

Result<ChargeSegment> read_segment(const Json& j, const std::string& path) {
  VM_CHECK(check_keys(j, {"tokens", "per_million", "subtotal_scaled"}, path));
  VM_TRY(tokens, read_uint(j["tokens"], path + ".tokens"));
  VM_TRY(price, read_uint(j["per_million"], path + ".per_million"));
  VM_TRY(sub, read_decimal(j["subtotal_scaled"], path + ".subtotal_scaled"));
  return ChargeSegment{tokens, price, sub};
}

Result<ChargeLine> read_line(const Json& j, const std::string& path) {
  VM_CHECK(check_keys(j, {"bucket", "tokens", "per_million", "tiers", "subtotal_scaled"}, path));
  VM_TRY(bucket, read_string(j["bucket"], path + ".bucket"));
  VM_TRY(tokens, read_uint(j["tokens"], path + ".tokens"));
  VM_TRY(price, read_uint(j["per_million"], path + ".per_million"));
  VM_TRY(sub, read_decimal(j["subtotal_scaled"], path + ".subtotal_scaled"));
  ChargeLine line{bucket, tokens, price, {}, sub};
  const Json& tiers = j["tiers"];
  if (!tiers.is_array() || tiers.size() > kMaxTiersPerBucket) {
    return bad(path + ".tiers", "must be an array of at most 32 segments");
  }
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    VM_TRY(seg, read_segment(tiers[i], path + ".tiers[" + std::to_string(i) + "]"));
    line.tiers.push_back(seg);
  }
  return line;
}

Result<ChargeFee> read_fee(const Json& j, const std::string& path) {
  VM_CHECK(check_keys(j, {"name", "count", "unit", "amount"}, path));
  VM_TRY(name, read_string(j["name"], path + ".name"));
  VM_TRY(count, read_uint(j["count"], path + ".count"));
  VM_TRY(unit, read_uint(j["unit"], path + ".unit"));
  VM_TRY(amount, read_uint(j["amount"], path + ".amount"));
  return ChargeFee{name, count, unit, amount};
}

Status read_lists(const Json& j, Charge& c) {
  const Json& lines = j["lines"];
  if (!lines.is_array() || lines.size() > kBucketCount) {
    return bad("charge.lines", "must be an array of at most 8 lines");
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    VM_TRY(line, read_line(lines[i], "charge.lines[" + std::to_string(i) + "]"));
    c.lines.push_back(std::move(line));
  }
  const Json& fees = j["fees"];
  if (!fees.is_array() || fees.size() > kMaxRequestFees) {
    return bad("charge.fees", "must be an array of at most 64 fees");
  }
  for (std::size_t i = 0; i < fees.size(); ++i) {
    VM_TRY(fee, read_fee(fees[i], "charge.fees[" + std::to_string(i) + "]"));
    c.fees.push_back(std::move(fee));
  }
  return {};
}

Status read_totals(const Json& j, Charge& c) {
  VM_TRY(sub, read_decimal(j["subtotal_scaled"], "charge.subtotal_scaled"));
  c.subtotal_scaled = sub;
  VM_TRY(rounded, read_uint(j["rounded_subtotal"], "charge.rounded_subtotal"));
  c.rounded_subtotal = rounded;
  VM_TRY(fees_total, read_uint(j["fees_total"], "charge.fees_total"));
  c.fees_total = fees_total;
  VM_TRY(min_applied, read_bool(j["minimum_applied"], "charge.minimum_applied"));
  c.minimum_applied = min_applied;
  VM_TRY(max_applied, read_bool(j["maximum_applied"], "charge.maximum_applied"));
  c.maximum_applied = max_applied;
  VM_TRY(amount, read_uint(j["amount"], "charge.amount"));
  c.amount = amount;
  return {};
}

}  // namespace

Json charge_to_json(const Charge& c) {
  Json lines = Json::array();
  for (const auto& l : c.lines) {
    Json tiers = Json::array();
    for (const auto& s : l.tiers) {
      tiers.push_back(json_object("tokens", s.tokens, "per_million", s.per_million,
                                  "subtotal_scaled", u128_to_decimal(s.subtotal_scaled)));
    }
    lines.push_back(json_object("bucket", l.bucket, "tokens", l.tokens, "per_million",
                                l.per_million, "tiers", std::move(tiers), "subtotal_scaled",
                                u128_to_decimal(l.subtotal_scaled)));
  }
  Json fees = Json::array();
  for (const auto& f : c.fees) {
    fees.push_back(
        json_object("name", f.name, "count", f.count, "unit", f.unit, "amount", f.amount));
  }
  return json_object("currency", c.currency, "exponent", c.exponent, "rounding",
                     std::string(rounding_name(c.rounding)), "model_entry", c.model_entry, "lines",
                     std::move(lines), "fees", std::move(fees), "subtotal_scaled",
                     u128_to_decimal(c.subtotal_scaled), "rounded_subtotal", c.rounded_subtotal,
                     "fees_total", c.fees_total, "minimum_applied", c.minimum_applied,
                     "maximum_applied", c.maximum_applied, "amount", c.amount);
}

namespace {

// Members in ascending key order (JCS order for these ASCII names).
Result<std::string> tier_canonical(const ChargeSegment& t) {
  return JcsObject()
      .integer("per_million", t.per_million)
      .string("subtotal_scaled", u128_to_decimal(t.subtotal_scaled))
      .integer("tokens", t.tokens)
      .finish();
}

Result<std::string> line_canonical(const ChargeLine& l) {
  VM_TRY(tiers, jcs_array(l.tiers, tier_canonical));
  return JcsObject()
      .string("bucket", l.bucket)
      .integer("per_million", l.per_million)
      .string("subtotal_scaled", u128_to_decimal(l.subtotal_scaled))
      .raw("tiers", tiers)
      .integer("tokens", l.tokens)
      .finish();
}

Result<std::string> fee_canonical(const ChargeFee& f) {
  return JcsObject()
      .integer("amount", f.amount)
      .integer("count", f.count)
      .string("name", f.name)
      .integer("unit", f.unit)
      .finish();
}

}  // namespace

Result<std::string> charge_canonical(const Charge& c) {
  VM_TRY(lines, jcs_array(c.lines, line_canonical));
  VM_TRY(fees, jcs_array(c.fees, fee_canonical));
  return JcsObject()
      .integer("amount", c.amount)
      .string("currency", c.currency)
      .integer("exponent", std::uint64_t{c.exponent})
      .raw("fees", fees)
      .integer("fees_total", c.fees_total)
      .raw("lines", lines)
      .boolean("maximum_applied", c.maximum_applied)
      .boolean("minimum_applied", c.minimum_applied)
      .string("model_entry", c.model_entry)
      .integer("rounded_subtotal", c.rounded_subtotal)
      .string("rounding", rounding_name(c.rounding))
      .string("subtotal_scaled", u128_to_decimal(c.subtotal_scaled))
      .finish();
}

Result<Charge> charge_from_json(const Json& j) {
  if (!json_has_no_floats(j)) {
    return make_error("charge_float_not_allowed", "a charge holds integers only");
  }
  VM_CHECK(check_keys(
      j,
      {"currency", "exponent", "rounding", "model_entry", "lines", "fees", "subtotal_scaled",
       "rounded_subtotal", "fees_total", "minimum_applied", "maximum_applied", "amount"},
      "charge"));
  Charge c;
  VM_TRY(currency, read_string(j["currency"], "charge.currency"));
  c.currency = std::move(currency);
  VM_TRY(exponent, read_uint(j["exponent"], "charge.exponent"));
  if (exponent > 18) return bad("charge.exponent", "must be at most 18");
  c.exponent = static_cast<std::uint32_t>(exponent);
  VM_TRY(rounding, read_string(j["rounding"], "charge.rounding"));
  const auto rule = rounding_from_name(rounding);
  if (!rule) return bad("charge.rounding", "unknown rule \"" + rounding + "\"");
  c.rounding = *rule;
  VM_TRY(entry, read_string(j["model_entry"], "charge.model_entry"));
  c.model_entry = std::move(entry);
  VM_CHECK(read_lists(j, c));
  VM_CHECK(read_totals(j, c));
  return c;
}

}  // namespace verimeter::billing
