#include "billing/attest.hpp"

#include <algorithm>
#include <set>

#include "billing/adapters/normalize_usage.hpp"
#include "billing/bundle.hpp"
#include "billing/charge.hpp"
#include "billing/receipt.hpp"
#include "core/jcs.hpp"
#include "core/utf8.hpp"
#include "crypto/sha256.hpp"

namespace verimeter::billing {

namespace {

Error invalid(const std::string& why) {
  return make_error("attest_invalid", why);
}

bool printable_utf8(const std::string& s) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return false;
  }
  return is_valid_utf8(s);
}

Result<std::string> bounded_string(const Json& body, const char* key, std::size_t max) {
  const auto it = body.find(key);
  if (it == body.end() || it->is_null()) return invalid(std::string(key) + " is required");
  if (!it->is_string()) return invalid(std::string(key) + " must be a string");
  const auto& s = it->get_ref<const std::string&>();
  if (s.empty() || s.size() > max || !printable_utf8(s))
    return invalid(std::string(key) + " must be 1.." + std::to_string(max) +
                   " bytes of printable UTF-8");
  return s;
}

// A release stamp after a model name: -YYYY-MM-DD, -YYYYMMDD, @YYYYMMDD (Vertex) or -MMDD
// ("gpt-4-0613"). Dropping one keeps the model; dropping anything else may change it.
bool is_date_suffix(std::string_view s) {
  if (s.size() < 2 || (s[0] != '-' && s[0] != '@')) return false;
  const std::string_view d = s.substr(1);
  auto digits = [](std::string_view v) {
    return !v.empty() &&
           std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (d.size() == 10)
    return d[4] == '-' && d[7] == '-' && digits(d.substr(0, 4)) && digits(d.substr(5, 2)) &&
           digits(d.substr(8, 2));
  return (d.size() == 8 || d.size() == 4) && digits(d);
}

// The priced model must be the one the provider reports, or a prefix of it up to a '-', '@' or
// ':'. A prefix that drops only a release stamp ("gpt-4o-mini" for "gpt-4o-mini-2024-07-18") is
// priced as asked, so exact-name tariff entries keep pricing dated releases. Any other prefix
// must select the same tariff entry as the reported model: it may not drop a tier ("gpt-5" for a
// "gpt-5-pro-..." response, or "gpt" caught by "*", would price the call as a cheaper model).
// Responses that report no model are priced as asked.
Status check_model(const std::string& model, const NormalizedUsage& usage,
                   const TariffSnapshot& tariff) {
  if (!usage.response_model || usage.response_model->empty()) return {};
  const std::string& reported = *usage.response_model;
  if (reported == model) return {};
  const bool prefix = reported.size() > model.size() &&
                      reported.compare(0, model.size(), model) == 0 &&
                      (reported[model.size()] == '-' || reported[model.size()] == '@' ||
                       reported[model.size()] == ':');
  if (!prefix) {
    return make_error("model_mismatch", "request model \"" + model +
                                            "\" but the provider reported \"" + reported + "\"");
  }
  if (is_date_suffix(std::string_view(reported).substr(model.size()))) return {};
  const ModelPrice* asked = find_model_price(tariff, model);
  const ModelPrice* actual = find_model_price(tariff, reported);
  if (actual == nullptr) {
    return make_error("tariff_no_match", "no entry of tariff " + tariff.tariff_id + " v" +
                                             std::to_string(tariff.version) +
                                             " matches the reported model \"" + reported + "\"");
  }
  if (asked != actual) {
    return make_error("model_mismatch", "request model \"" + model + "\" is priced under entry \"" +
                                            (asked ? asked->match : std::string("(none)")) +
                                            "\" but the reported model \"" + reported +
                                            "\" under \"" + actual->match + "\"");
  }
  return {};
}

// JCS(value), or its error with the member named: "<name> has no canonical JSON form".
Result<std::string> canonical_member(const Json& value, const std::string& name) {
  auto canon = jcs_canonicalize(value);
  if (canon) return canon;
  return make_error(canon.error().code,
                    name + " has no canonical JSON form (RFC 8785): " + canon.error().message);
}

// JCS(body) from its members, with the response body's canonical text given. The member
// names are the allowed ASCII identifiers and nlohmann's map keeps them in byte order, which is
// JCS order for ASCII (JcsObject checks both).
Result<std::string> canonical_body(const Json& body, std::string_view response_canon) {
  JcsObject out;
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (it.key() == "response_body") {
      out.raw(it.key(), response_canon);
    } else {
      VM_TRY(member, canonical_member(it.value(), it.key()));
      out.raw(it.key(), member);
    }
  }
  return out.finish();
}

// The bundle's members, each already canonical JSON text (the fingerprint is a hex string).
struct BundleParts {
  std::string_view fingerprint, meter, provider_usage, receipt, signature, tariff;
};

// The bundle as text, members in JCS order, from canonical pieces: no tree is built or
// serialized again. "tariff" stays just before "zk_proof", where splice_tariff() finds it.
std::string bundle_text(const BundleParts& p) {
  std::string b;
  b.reserve(p.meter.size() + p.provider_usage.size() + p.receipt.size() + p.signature.size() +
            p.tariff.size() + 256);
  b.append("{\"billing_fingerprint\":\"").append(p.fingerprint);
  b.append("\",\"bundle_version\":").append(std::to_string(kBundleVersion));
  b.append(",\"inclusion_proof\":null,\"meter\":").append(p.meter);
  b.append(",\"provider_usage\":").append(p.provider_usage);
  b.append(",\"receipt\":").append(p.receipt);
  b.append(",\"signature\":").append(p.signature);
  b.append(",\"tariff\":").append(p.tariff);
  b.append(",\"zk_proof\":null}");
  return b;
}

}  // namespace

Result<AttestRequest> parse_attest_request(Json body) {
  if (!body.is_object()) return invalid("body must be a JSON object");
  static const std::set<std::string> kAllowed = {
      "event_id", "provider", "model", "response_body", "tariff_id", "event_time", "request"};
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (!kAllowed.count(it.key())) return invalid("unknown field \"" + it.key() + "\"");
  }
  AttestRequest r;
  VM_TRY(event_id, bounded_string(body, "event_id", kMaxEventIdBytes));
  VM_TRY(provider, bounded_string(body, "provider", 64));
  VM_TRY(model, bounded_string(body, "model", kMaxModelBytes));
  r.event_id = std::move(event_id);
  r.provider = std::move(provider);
  r.model = std::move(model);
  const auto rb = body.find("response_body");
  if (rb == body.end())
    return invalid(
        "response_body is required: the provider's JSON response object or its raw text");
  if (!(rb->is_object() || rb->is_string()))
    return invalid(std::string("response_body must be the provider's JSON response object or its "
                               "raw text (a string), not ") +
                   rb->type_name() +
                   (rb->is_array() ? "; send a streamed transcript or JSON array as text" : ""));
  if (body.contains("tariff_id") && !body["tariff_id"].is_null()) {
    VM_TRY(tid, bounded_string(body, "tariff_id", 128));
    r.tariff_id = std::move(tid);
  }
  if (body.contains("event_time") && !body["event_time"].is_null()) {
    if (!body["event_time"].is_string()) return invalid("event_time must be an RFC 3339 string");
    auto t = parse_rfc3339(body["event_time"].get_ref<const std::string&>());
    if (!t) return invalid("event_time: " + t.error().message);
    r.event_time = *t;
  }
  const bool has_request = body.contains("request") && !body["request"].is_null();
  if (has_request && !body["request"].is_object()) return invalid("request must be an object");
  // The response body is canonicalized once: for its own digest and inside the body's.
  VM_TRY(response_canon, canonical_member(*rb, "response_body"));
  r.response_sha256 = crypto::sha256_hex(
      rb->is_string() ? std::string_view(rb->get_ref<const std::string&>()) : response_canon);
  VM_TRY(canon, canonical_body(body, response_canon));
  r.request_hash = crypto::sha256_hex(canon);
  if (has_request) r.request = std::move(body["request"]);
  r.response_body = std::move(*rb);  // last: everything above reads it in place
  return r;
}

Result<AttestOutput> attest(const AttestRequest& req, const TariffSnapshot& tariff,
                            const AttestContext& ctx) {
  return attest(req, pin_tariff(tariff), ctx);
}

Result<AttestOutput> attest(const AttestRequest& req, const PinnedTariff& pinned,
                            const AttestContext& ctx) {
  const TariffSnapshot& tariff = pinned.snapshot;
  Result<NormalizedUsage> normalized =
      req.response_body.is_string()
          ? normalize_usage_text(req.provider, req.response_body.get_ref<const std::string&>())
          : normalize_usage(req.provider, req.response_body);
  if (!normalized) return normalized.error();
  const NormalizedUsage& usage = *normalized;
  VM_CHECK(check_model(req.model, usage, tariff));

  VM_TRY(charge, compute_charge(tariff, req.model, usage));
  const UnixMillis event_time = req.event_time.value_or(ctx.now);
  MeterEvent ev{ctx.tenant, req.event_id, format_rfc3339_millis(event_time), req.model, usage};
  VM_TRY(meter, meter_canonical(ev));
  const std::string fingerprint = billing_fingerprint_canonical(meter.meter, pinned.canonical);
  VM_TRY(usage_canon, jcs_canonicalize(usage.raw_usage));
  const std::string& response_sha = req.response_sha256;
  const Retokenization retok =
      ctx.retokenizer ? ctx.retokenizer->check(req.model, usage, req.request)
                      : unverifiable_retokenization("no tokenizer configured on this server");

  AttestOutput out;
  out.receipt_id = ctx.receipt_id.empty() ? new_receipt_id(ctx.now) : ctx.receipt_id;
  out.event_time = event_time;
  out.retokenization = retokenization_to_json(retok);
  VM_TRY(charge_canon, charge_canonical(charge));
  VM_TRY(retok_canon, jcs_canonicalize(out.retokenization));
  VM_TRY(log, JcsObject()
                  .integer("max_merge_delay_ms", ctx.max_merge_delay_ms)
                  .string("origin", ctx.log_origin)
                  .finish());
  VM_TRY(signer, JcsObject()
                     .string("key_id", crypto::key_id_hex(ctx.signer->key_id))
                     .string("key_name", ctx.signer->name)
                     .finish());
  VM_TRY(tariff_ref, JcsObject()
                         .string("sha256", pinned.content_hash)
                         .string("tariff_id", tariff.tariff_id)
                         .integer("version", tariff.version)
                         .finish());
  // The receipt (docs/spec/receipt.md), written canonically member by member in key order.
  const std::size_t leaf_size = charge_canon.size() + meter.usage.size() + meter.requests.size() +
                                retok_canon.size() + req.event_id.size() + ctx.tenant.size() + 1024;
  VM_TRY(leaf, JcsObject(leaf_size)
                   .string("api", usage.api)
                   .string("billing_fingerprint", fingerprint)
                   .raw("charge", charge_canon)
                   .null("energy")
                   .string("event_id", req.event_id)
                   .string("event_time", ev.event_time)
                   .string("issued_at", format_rfc3339_millis(ctx.now))
                   .raw("log", log)
                   .string("model", req.model)
                   .string("provider", usage.provider)
                   .string("receipt_id", out.receipt_id)
                   .integer("receipt_version", kReceiptVersion)
                   .raw("requests", meter.requests)
                   .string("response_sha256", response_sha)
                   .raw("retokenization", retok_canon)
                   .raw("signer", signer)
                   .raw("tariff", tariff_ref)
                   .string("tenant", ctx.tenant)
                   .raw("usage", meter.usage)
                   .string("usage_sha256", crypto::sha256_hex(usage_canon))
                   .string("usage_source", usage.usage_source)
                   .finish());
  VM_TRY(signature, jcs_canonicalize(sign_receipt_canonical(leaf, *ctx.signer)));
  out.leaf = std::move(leaf);
  out.bundle = bundle_text(BundleParts{
      fingerprint, meter.meter, usage_canon, out.leaf, signature,
      ctx.embed_tariff ? std::string_view(pinned.canonical) : std::string_view("null")});
  return out;
}

}  // namespace verimeter::billing
