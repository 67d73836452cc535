// Strict JSON reading and canonical writing of tariff snapshots (docs/spec/tariff.md §2).
#include <initializer_list>

#include "billing/tariff.hpp"
#include "core/jcs.hpp"
#include "core/utf8.hpp"

namespace verimeter::billing {

namespace {

// A field's path, joined only when an error names it (reading must not allocate per field).
struct Where {
  std::string_view a, b, c;
  Where(const std::string& s) : a(s) {}  // NOLINT(google-explicit-constructor)
  Where(const char* s) : a(s) {}         // NOLINT(google-explicit-constructor)
  Where(std::string_view x, std::string_view y, std::string_view z = {}) : a(x), b(y), c(z) {}
  std::string str() const { return std::string(a).append(b).append(c); }
};

Error field_error(const Where& path, const std::string& problem) {
  return make_error("tariff_bad_field", path.str() + ": " + problem);
}

// Every listed key must be present and no other key may appear.
Status check_keys(const Json& obj, std::initializer_list<std::string_view> keys,
                  const Where& path) {
  if (!obj.is_object()) return field_error(path, "must be an object");
  for (auto k : keys) {
    if (!obj.contains(k)) {
      return make_error("tariff_missing_field", path.str() + "." + std::string(k) + " is missing");
    }
  }
  for (const auto& el : obj.items()) {
    bool known = false;
    for (auto allowed : keys) known = known || allowed == el.key();
    if (!known)
      return make_error("tariff_unknown_field", path.str() + "." + el.key() + " is not a field");
  }
  return {};
}

// Parsed JSON holds non-negative integers as unsigned; JSON built in code may hold them signed.
Result<std::uint64_t> read_uint(const Json& v, const Where& path) {
  if (!v.is_number_integer()) return field_error(path, "must be a non-negative integer");
  if (!v.is_number_unsigned() && v.get<std::int64_t>() < 0) {
    return field_error(path, "must not be negative");
  }
  const auto n = v.get<std::uint64_t>();
  if (n > kMaxJsonInteger) return field_error(path, "must be below 2^53");
  return n;
}

Result<std::optional<std::uint64_t>> read_opt_uint(const Json& v, const Where& path) {
  if (v.is_null()) return std::optional<std::uint64_t>{};
  VM_TRY(n, read_uint(v, path));
  return std::optional<std::uint64_t>{n};
}

Result<std::string> read_string(const Json& v, const Where& path) {
  if (!v.is_string()) return field_error(path, "must be a string");
  return v.get<std::string>();
}

Result<std::vector<Tier>> read_tiers(const Json& arr, const std::string& path) {
  if (!arr.is_array()) return field_error(path, "must be an array");
  if (arr.size() > kMaxTiersPerBucket) return field_error(path, "has too many tiers");
  std::vector<Tier> tiers;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string p = path + "[" + std::to_string(i) + "]";
    VM_CHECK(check_keys(arr[i], {"up_to", "per_million"}, p));
    VM_TRY(up_to, read_opt_uint(arr[i]["up_to"], Where(p, ".up_to")));
    VM_TRY(price, read_uint(arr[i]["per_million"], Where(p, ".per_million")));
    tiers.push_back(Tier{up_to, price});
  }
  return tiers;
}

Result<ModelPrice> read_model(const Json& m, const std::string& path) {
  VM_CHECK(check_keys(m, {"match", "per_million", "tiers", "request_fees"}, path));
  ModelPrice out;
  VM_TRY(match, read_string(m["match"], Where(path, ".match")));
  out.match = std::move(match);
  const Json& prices = m["per_million"];
  VM_CHECK(check_keys(prices,
                      {kBucketNames[0], kBucketNames[1], kBucketNames[2], kBucketNames[3],
                       kBucketNames[4], kBucketNames[5], kBucketNames[6], kBucketNames[7]},
                      Where(path, ".per_million")));
  for (std::size_t b = 0; b < kBucketCount; ++b) {
    VM_TRY(p, read_uint(prices[kBucketNames[b]], Where(path, ".per_million.", kBucketNames[b])));
    out.per_million[b] = p;
  }
  const Json& tiers = m["tiers"];
  if (!tiers.is_object()) return field_error(path + ".tiers", "must be an object");
  for (const auto& el : tiers.items()) {
    VM_TRY(t, read_tiers(el.value(), path + ".tiers." + el.key()));
    out.tiers.emplace(el.key(), std::move(t));
  }
  const Json& fees = m["request_fees"];
  if (!fees.is_object()) return field_error(path + ".request_fees", "must be an object");
  for (const auto& el : fees.items()) {
    VM_TRY(u, read_uint(el.value(), Where(path, ".request_fees.", el.key())));
    out.request_fees.emplace(el.key(), u);
  }
  return out;
}

Result<UnixMillis> read_effective_from(const Json& v) {
  VM_TRY(s, read_string(v, "tariff.effective_from"));
  auto t = parse_rfc3339(s);
  if (!t.ok()) return field_error("tariff.effective_from", t.error().message);
  if (format_rfc3339_millis(*t) != s) {
    return field_error(
        "tariff.effective_from",
        "must be written as YYYY-MM-DDTHH:MM:SS.mmmZ (UTC, milliseconds), got \"" + s + "\"");
  }
  return *t;
}

Status read_header(const Json& j, TariffSnapshot& t) {
  VM_TRY(id, read_string(j["tariff_id"], "tariff.tariff_id"));
  t.tariff_id = std::move(id);
  VM_TRY(version, read_uint(j["version"], "tariff.version"));
  t.version = version;
  VM_TRY(from, read_effective_from(j["effective_from"]));
  t.effective_from = from;
  VM_TRY(currency, read_string(j["currency"], "tariff.currency"));
  t.currency = std::move(currency);
  VM_TRY(exponent, read_uint(j["exponent"], "tariff.exponent"));
  if (exponent > 18) return field_error("tariff.exponent", "must be at most 18");
  t.exponent = static_cast<std::uint32_t>(exponent);
  VM_TRY(rounding, read_string(j["rounding"], "tariff.rounding"));
  const auto rule = rounding_from_name(rounding);
  if (!rule) {
    return field_error("tariff.rounding", "unknown rule \"" + rounding +
                                              "\" (half_up, half_down, half_even, up, down)");
  }
  t.rounding = *rule;
  VM_TRY(minimum, read_uint(j["minimum_charge"], "tariff.minimum_charge"));
  t.minimum_charge = minimum;
  VM_TRY(maximum, read_opt_uint(j["maximum_charge"], "tariff.maximum_charge"));
  t.maximum_charge = maximum;
  return {};
}

Status check_schema(const Json& j) {
  if (!j.is_object()) return field_error("tariff", "must be a JSON object");
  auto it = j.find("schema");
  if (it == j.end()) return make_error("tariff_missing_field", "tariff.schema is missing");
  if (!it->is_string() || it->get<std::string>() != kTariffSchemaV1) {
    return make_error("tariff_bad_schema", "tariff.schema must be \"" +
                                               std::string(kTariffSchemaV1) + "\", got " +
                                               std::string(utf8_prefix(it->dump(), 64)));
  }
  return {};
}

}  // namespace

Result<TariffSnapshot> tariff_from_json(const Json& j) {
  if (!json_has_no_floats(j)) {
    return make_error("tariff_float_not_allowed",
                      "tariffs hold integers only (prices in minor units per million tokens)");
  }
  VM_CHECK(check_schema(j));
  VM_CHECK(check_keys(j,
                      {"schema", "tariff_id", "version", "effective_from", "currency", "exponent",
                       "rounding", "minimum_charge", "maximum_charge", "models"},
                      "tariff"));
  TariffSnapshot t;
  VM_CHECK(read_header(j, t));
  const Json& models = j["models"];
  if (!models.is_array()) return field_error("tariff.models", "must be an array");
  if (models.size() > kMaxModelEntries) return field_error("tariff.models", "has too many entries");
  for (std::size_t i = 0; i < models.size(); ++i) {
    VM_TRY(m, read_model(models[i], "tariff.models[" + std::to_string(i) + "]"));
    t.models.push_back(std::move(m));
  }
  VM_CHECK(validate_tariff(t));
  return t;
}

Json tariff_to_json(const TariffSnapshot& t) {
  Json models = Json::array();
  for (const auto& m : t.models) {
    Json prices = Json::object();
    for (std::size_t b = 0; b < kBucketCount; ++b) prices[kBucketNames[b]] = m.per_million[b];
    Json tiers = Json::object();
    for (const auto& [bucket, list] : m.tiers) {
      Json arr = Json::array();
      for (const auto& tier : list) {
        arr.push_back({{"up_to", tier.up_to ? Json(*tier.up_to) : Json(nullptr)},
                       {"per_million", tier.per_million}});
      }
      tiers[bucket] = std::move(arr);
    }
    Json fees = Json::object();
    for (const auto& [name, unit] : m.request_fees) fees[name] = unit;
    models.push_back({{"match", m.match},
                      {"per_million", std::move(prices)},
                      {"tiers", std::move(tiers)},
                      {"request_fees", std::move(fees)}});
  }
  return Json{{"schema", std::string(kTariffSchemaV1)},
              {"tariff_id", t.tariff_id},
              {"version", t.version},
              {"effective_from", format_rfc3339_millis(t.effective_from)},
              {"currency", t.currency},
              {"exponent", t.exponent},
              {"rounding", std::string(rounding_name(t.rounding))},
              {"minimum_charge", t.minimum_charge},
              {"maximum_charge", t.maximum_charge ? Json(*t.maximum_charge) : Json(nullptr)},
              {"models", std::move(models)}};
}

}  // namespace verimeter::billing
