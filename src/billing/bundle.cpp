#include "billing/bundle.hpp"

#include <set>

#include "core/jcs.hpp"
#include "crypto/sha256.hpp"

namespace verimeter::billing {

Json requests_to_json(const std::vector<RequestCount>& requests) {
  Json arr = Json::array();
  for (const auto& r : requests) arr.push_back(json_object("name", r.name, "count", r.count));
  return arr;
}

Json make_meter(const MeterEvent& e) {
  return json_object("meter_version", kMeterVersion, "tenant", e.tenant, "event_id", e.event_id,
                     "event_time", e.event_time, "provider", e.usage.provider, "api", e.usage.api,
                     "model", e.model, "usage", buckets_to_json(e.usage.buckets), "requests",
                     requests_to_json(e.usage.requests), "usage_source", e.usage.usage_source);
}

namespace {

// Members in ascending key order (JCS order for these ASCII names).
Result<std::string> buckets_canonical(const UsageBuckets& b) {
  return JcsObject()
      .integer("audio_in", b.audio_in)
      .integer("audio_out", b.audio_out)
      .integer("input_cache_read", b.input_cache_read)
      .integer("input_cache_write_1h", b.input_cache_write_1h)
      .integer("input_cache_write_5m", b.input_cache_write_5m)
      .integer("input_uncached", b.input_uncached)
      .integer("output_reasoning", b.output_reasoning)
      .integer("output_visible", b.output_visible)
      .finish();
}

Result<std::string> request_canonical(const RequestCount& r) {
  return JcsObject().integer("count", r.count).string("name", r.name).finish();
}

}  // namespace

Result<MeterCanonical> meter_canonical(const MeterEvent& e) {
  VM_TRY(usage, buckets_canonical(e.usage.buckets));
  VM_TRY(requests, jcs_array(e.usage.requests, request_canonical));
  VM_TRY(meter, JcsObject(usage.size() + requests.size() + 512)
                    .string("api", e.usage.api)
                    .string("event_id", e.event_id)
                    .string("event_time", e.event_time)
                    .integer("meter_version", kMeterVersion)
                    .string("model", e.model)
                    .string("provider", e.usage.provider)
                    .raw("requests", requests)
                    .string("tenant", e.tenant)
                    .raw("usage", usage)
                    .string("usage_source", e.usage.usage_source)
                    .finish());
  return MeterCanonical{std::move(meter), std::move(usage), std::move(requests)};
}

namespace {

Error meter_error(const std::string& why) {
  return make_error("meter_malformed", why);
}

Result<std::uint64_t> meter_count(const Json& obj, const std::string& key) {
  const auto it = obj.find(key);
  if (it == obj.end()) return meter_error("missing " + key);
  if (!it->is_number_unsigned() && !(it->is_number_integer() && it->get<std::int64_t>() >= 0))
    return meter_error(key + " must be a non-negative integer");
  return it->get<std::uint64_t>();
}

}  // namespace

Result<ParsedMeter> parse_meter(const Json& m) {
  if (!m.is_object()) return meter_error("meter is not an object");
  const auto v = m.find("meter_version");
  if (v == m.end() || !v->is_number_unsigned() || v->get<std::uint64_t>() != kMeterVersion)
    return make_error("meter_unknown_version", "meter_version must be 1");
  static const std::set<std::string> kFields = {
      "meter_version", "tenant", "event_id", "event_time", "provider",
      "api",           "model",  "usage",    "requests",   "usage_source"};
  for (auto it = m.begin(); it != m.end(); ++it) {
    if (!kFields.count(it.key())) return meter_error("unexpected field \"" + it.key() + "\"");
  }
  for (const auto& f : kFields) {
    if (!m.contains(f)) return meter_error("missing field \"" + f + "\"");
  }
  ParsedMeter out;
  if (!m["model"].is_string()) return meter_error("model must be a string");
  out.model = m["model"].get<std::string>();
  const Json& u = m["usage"];
  if (!u.is_object() || u.size() != std::size(kBucketNames))
    return meter_error("usage must hold exactly the eight buckets");
  std::uint64_t* fields[] = {&out.buckets.input_uncached,
                             &out.buckets.input_cache_read,
                             &out.buckets.input_cache_write_5m,
                             &out.buckets.input_cache_write_1h,
                             &out.buckets.output_visible,
                             &out.buckets.output_reasoning,
                             &out.buckets.audio_in,
                             &out.buckets.audio_out};
  for (std::size_t i = 0; i < std::size(kBucketNames); ++i) {
    VM_TRY(n, meter_count(u, kBucketNames[i]));
    *fields[i] = n;
  }
  if (!m["requests"].is_array()) return meter_error("requests must be an array");
  for (const auto& r : m["requests"]) {
    if (!r.is_object() || r.size() != 2 || !r.contains("name") || !r["name"].is_string())
      return meter_error("each request count is {name, count}");
    VM_TRY(count, meter_count(r, "count"));
    out.requests.push_back(RequestCount{r["name"].get<std::string>(), count});
  }
  return out;
}

Result<std::string> billing_fingerprint(const Json& meter, const Json& tariff_snapshot) {
  VM_TRY(canon, jcs_canonicalize(Json{{"meter", meter}, {"tariff", tariff_snapshot}}));
  return crypto::sha256_hex(canon);
}

Result<std::string> billing_fingerprint_pinned(const Json& meter,
                                               std::string_view tariff_canonical) {
  VM_TRY(meter_canon, jcs_canonicalize(meter));
  return billing_fingerprint_canonical(meter_canon, tariff_canonical);
}

std::string billing_fingerprint_canonical(std::string_view meter_canon,
                                          std::string_view tariff_canonical) {
  // JCS orders "meter" before "tariff"; both are plain ASCII keys.
  std::string canon;
  canon.reserve(meter_canon.size() + tariff_canonical.size() + 24);
  canon.append("{\"meter\":").append(meter_canon).append(",\"tariff\":");
  canon.append(tariff_canonical).append("}");
  return crypto::sha256_hex(canon);
}

Result<std::string> splice_tariff(std::string compact, std::string_view tariff_json) {
  constexpr std::string_view kSlot = "\"tariff\":null,\"zk_proof\":";
  const auto at = compact.rfind(kSlot);
  if (at == std::string::npos)
    return make_error("bundle_malformed", "bundle has no empty tariff slot");
  compact.replace(at + 9, 4, tariff_json);  // 9 = length of "tariff":
  return compact;
}

Status check_bundle_shape(const Json& b) {
  if (!b.is_object()) return make_error("bundle_malformed", "bundle is not a JSON object");
  const auto v = b.find("bundle_version");
  if (v == b.end() || !v->is_number_unsigned() || v->get<std::uint64_t>() != kBundleVersion) {
    return make_error("bundle_unknown_version", "bundle_version must be 1");
  }
  std::set<std::string> expected(std::begin(kBundleV1Fields), std::end(kBundleV1Fields));
  for (auto it = b.begin(); it != b.end(); ++it) {
    if (!expected.count(it.key()))
      return make_error("bundle_malformed", "unexpected field \"" + it.key() + "\"");
  }
  for (const auto& f : expected) {
    if (!b.contains(f)) return make_error("bundle_malformed", "missing field \"" + f + "\"");
  }
  for (const char* o : {"receipt", "signature", "meter", "tariff"}) {
    if (!b[o].is_object())
      return make_error("bundle_malformed", std::string(o) + " must be an object");
  }
  if (!b["billing_fingerprint"].is_string())
    return make_error("bundle_malformed", "billing_fingerprint must be a string");
  return {};
}

}  // namespace verimeter::billing
