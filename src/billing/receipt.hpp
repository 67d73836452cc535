// Receipt v1 and its signature. A receipt is a flat, versioned JSON object whose every field is
// always present (docs/spec/receipt.md lists them). It is signed with the operator's Ed25519
// key over a domain-separated message:  "verimeter/receipt/v1\n" ‖ JCS(receipt).
// The signature names the signer by its signed-note key id, so verifiers pin keys by id.
#pragma once

#include <string>

#include "core/json.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "crypto/note_key.hpp"

namespace verimeter::billing {

inline constexpr std::uint64_t kReceiptVersion = 1;
inline constexpr const char* kReceiptSigningContext = "verimeter/receipt/v1\n";

// The field names of receipt v1, in canonical (sorted) order. A v1 receipt has exactly these.
inline constexpr const char* kReceiptV1Fields[] = {"api",
                                                   "billing_fingerprint",
                                                   "charge",
                                                   "energy",
                                                   "event_id",
                                                   "event_time",
                                                   "issued_at",
                                                   "log",
                                                   "model",
                                                   "provider",
                                                   "receipt_id",
                                                   "receipt_version",
                                                   "requests",
                                                   "response_sha256",
                                                   "retokenization",
                                                   "signer",
                                                   "tariff",
                                                   "tenant",
                                                   "usage",
                                                   "usage_sha256",
                                                   "usage_source"};

// The exact bytes that are signed. Errors from JCS (e.g. a float slipped in) propagate.
Result<std::string> receipt_signing_message(const Json& receipt);

// {"alg":"ed25519","key_id":"<hex8>","key_name":"<name>","sig":"<base64>"}
Result<Json> sign_receipt(const Json& receipt, const crypto::NoteSigner& signer);
// The same from the receipt's JCS bytes (already computed for the log leaf).
Json sign_receipt_canonical(std::string_view receipt_jcs, const crypto::NoteSigner& signer);

// Checks that the receipt has exactly the v1 field set with the right JSON types.
// Errors: receipt_unknown_version, receipt_malformed.
Status check_receipt_shape(const Json& receipt);

// A fresh receipt id: "rcpt_" + 32 lowercase hex digits, the first 12 the issue time in Unix
// milliseconds and the other 20 from the OS CSPRNG. Time-ordered ids keep the store's receipt
// index growing at one end instead of touching a random page per insert.
std::string new_receipt_id(UnixMillis issued_at);

}  // namespace verimeter::billing
