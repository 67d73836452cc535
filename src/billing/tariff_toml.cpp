// TOML authoring format for tariffs (docs/spec/tariff.md §2.3): the TOML document is mapped
// onto the JSON data model and then read by the same strict JSON reader, so both formats give
// the same snapshot and the same content hash. TOML has no null: a missing `maximum_charge`
// or tier `up_to` means null. Offset date-times become canonical RFC 3339 strings; floats and
// local (offset-less) dates or times are rejected.
#include <cstdio>

#include <toml++/toml.h>

#include "billing/tariff.hpp"

namespace verimeter::billing {

namespace {

constexpr int kMaxTomlDepth = 16;

Error bad(const std::string& path, const std::string& problem) {
  return make_error("tariff_bad_field", path + ": " + problem);
}

Result<Json> date_time_to_json(const toml::date_time& dt, const std::string& path) {
  if (!dt.offset) return bad(path, "a date-time needs a UTC offset (e.g. Z)");
  if (dt.time.nanosecond % 1'000'000 != 0) return bad(path, "sub-millisecond precision");
  const int off = dt.offset->minutes;
  char text[64];
  std::snprintf(text, sizeof text, "%04u-%02u-%02uT%02u:%02u:%02u.%03u%c%02d:%02d",
                unsigned{dt.date.year}, unsigned{dt.date.month}, unsigned{dt.date.day},
                unsigned{dt.time.hour}, unsigned{dt.time.minute}, unsigned{dt.time.second},
                static_cast<unsigned>(dt.time.nanosecond / 1'000'000), off < 0 ? '-' : '+',
                (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
  auto t = parse_rfc3339(text);
  if (!t.ok()) return bad(path, t.error().message);
  return Json(format_rfc3339_millis(*t));
}

Result<Json> to_json(const toml::node& node, const std::string& path, int depth);

Result<Json> table_to_json(const toml::table& tbl, const std::string& path, int depth) {
  Json out = Json::object();
  for (const auto& [key, value] : tbl) {
    const std::string k(key.str());
    VM_TRY(v, to_json(value, path + "." + k, depth + 1));
    out[k] = std::move(v);
  }
  return out;
}

Result<Json> array_to_json(const toml::array& arr, const std::string& path, int depth) {
  Json out = Json::array();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    VM_TRY(v, to_json(arr[i], path + "[" + std::to_string(i) + "]", depth + 1));
    out.push_back(std::move(v));
  }
  return out;
}

Result<Json> to_json(const toml::node& node, const std::string& path, int depth) {
  if (depth > kMaxTomlDepth) return bad(path, "nested too deeply");
  if (const auto* t = node.as_table()) return table_to_json(*t, path, depth);
  if (const auto* a = node.as_array()) return array_to_json(*a, path, depth);
  if (const auto* s = node.as_string()) return Json(s->get());
  if (const auto* i = node.as_integer()) return Json(i->get());
  if (const auto* b = node.as_boolean()) return Json(b->get());
  if (const auto* dt = node.as_date_time()) return date_time_to_json(dt->get(), path);
  if (node.is_floating_point()) {
    return make_error("tariff_float_not_allowed",
                      path + ": tariffs hold integers only (prices in minor units)");
  }
  return bad(path, "local dates and times are not allowed (use an offset date-time)");
}

// TOML cannot write null: an absent maximum_charge or tier up_to stands for null.
void fill_nulls(Json& j) {
  if (!j.is_object()) return;
  if (!j.contains("maximum_charge")) j["maximum_charge"] = nullptr;
  auto models = j.find("models");
  if (models == j.end() || !models->is_array()) return;
  for (auto& m : *models) {
    if (!m.is_object() || !m.contains("tiers") || !m["tiers"].is_object()) continue;
    for (auto& entry : m["tiers"].items()) {
      auto& list = entry.value();
      if (!list.is_array()) continue;
      for (auto& tier : list) {
        if (tier.is_object() && !tier.contains("up_to")) tier["up_to"] = nullptr;
      }
    }
  }
}

}  // namespace

Result<TariffSnapshot> parse_tariff_toml(std::string_view text) {
  if (text.size() > kMaxTariffBytes) {
    return make_error("tariff_too_large", "TOML tariff of " + std::to_string(text.size()) +
                                              " bytes exceeds " + std::to_string(kMaxTariffBytes));
  }
  Json j;
  try {
    const toml::table tbl = toml::parse(text);
    VM_TRY(converted, table_to_json(tbl, "tariff", 0));
    j = std::move(converted);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return make_error("tariff_toml_syntax", std::string(e.description()) + " at line " +
                                                std::to_string(where.line) + ", column " +
                                                std::to_string(where.column));
  }
  fill_nulls(j);
  return tariff_from_json(j);
}

}  // namespace verimeter::billing
