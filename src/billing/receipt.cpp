#include "billing/receipt.hpp"

#include <algorithm>
#include <array>
#include <set>

#include <sodium.h>

#include "core/bytes.hpp"
#include "core/jcs.hpp"

namespace verimeter::billing {

namespace {

Error malformed(const std::string& why) {
  return make_error("receipt_malformed", why);
}

bool is_hex(const Json& v, size_t len) {
  if (!v.is_string()) return false;
  const auto& s = v.get_ref<const std::string&>();
  return s.size() == len && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

Result<std::string> receipt_signing_message(const Json& receipt) {
  VM_TRY(canon, jcs_canonicalize(receipt));
  return std::string(kReceiptSigningContext) + canon;
}

Json sign_receipt_canonical(std::string_view receipt_jcs, const crypto::NoteSigner& signer) {
  std::string msg(kReceiptSigningContext);
  msg += receipt_jcs;
  const crypto::Signature sig = signer.key.sign(as_bytes(msg));
  return json_object("alg", "ed25519", "key_id", crypto::key_id_hex(signer.key_id), "key_name",
                     signer.name, "sig", to_base64(sig));
}

Result<Json> sign_receipt(const Json& receipt, const crypto::NoteSigner& signer) {
  VM_TRY(canon, jcs_canonicalize(receipt));
  return sign_receipt_canonical(canon, signer);
}

Status check_receipt_shape(const Json& r) {
  if (!r.is_object()) return malformed("receipt is not an object");
  const auto v = r.find("receipt_version");
  if (v == r.end() || !v->is_number_unsigned() || v->get<std::uint64_t>() != kReceiptVersion) {
    return make_error("receipt_unknown_version", "receipt_version must be 1");
  }
  std::set<std::string> expected(std::begin(kReceiptV1Fields), std::end(kReceiptV1Fields));
  for (auto it = r.begin(); it != r.end(); ++it) {
    if (!expected.count(it.key())) return malformed("unexpected field \"" + it.key() + "\"");
  }
  for (const auto& f : expected) {
    if (!r.contains(f)) return malformed("missing field \"" + f + "\"");
  }
  for (const char* s : {"api", "event_id", "event_time", "issued_at", "model", "provider",
                        "receipt_id", "tenant", "usage_source"}) {
    if (!r[s].is_string() || r[s].get_ref<const std::string&>().empty())
      return malformed(std::string(s) + " must be a non-empty string");
  }
  for (const char* h : {"billing_fingerprint", "usage_sha256", "response_sha256"}) {
    if (!is_hex(r[h], 64)) return malformed(std::string(h) + " must be 64 lowercase hex digits");
  }
  for (const char* o : {"charge", "log", "signer", "tariff", "usage", "retokenization"}) {
    if (!r[o].is_object()) return malformed(std::string(o) + " must be an object");
  }
  if (!r["requests"].is_array()) return malformed("requests must be an array");
  if (!r["energy"].is_null() && !r["energy"].is_object())
    return malformed("energy must be null or an object");
  return {};
}

std::string new_receipt_id(UnixMillis issued_at) {
  std::array<std::uint8_t, 16> b;
  const auto ms = static_cast<std::uint64_t>(issued_at);
  for (int i = 0; i < 6; ++i) b[i] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
  randombytes_buf(b.data() + 6, b.size() - 6);
  return "rcpt_" + to_hex(b);
}

}  // namespace verimeter::billing
