// The attest pipeline, as a pure function of its inputs: a validated attest request plus a
// pinned tariff snapshot, the tenant, the operator key and the clock give one signed bundle.
//   request → normalize provider usage → re-tokenize → charge → receipt → sign → bundle
// No I/O happens here; the server adds the replay guard and durable storage around it.
#pragma once

#include <optional>
#include <string>

#include "billing/retokenize.hpp"
#include "billing/tariff.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "crypto/note_key.hpp"

namespace verimeter::billing {

inline constexpr std::size_t kMaxEventIdBytes = 256;
inline constexpr std::size_t kMaxModelBytes = 256;

struct AttestRequest {
  std::string event_id;
  std::string provider;
  std::string model;
  Json response_body;  // an object, or a string holding the raw response text
  std::optional<std::string> tariff_id;
  std::optional<UnixMillis> event_time;
  std::optional<Json> request;  // the provider request (e.g. {"messages": [...]}) for re-counting
  std::string request_hash;     // hex SHA-256 of JCS(the whole attest body): the replay identity
  std::string response_sha256;  // hex SHA-256 of JCS(response_body), or of its raw text
};

// Validates an attest body. Errors: attest_invalid (with the field and the problem). Taking
// the body by value lets a caller move it in, so the response body is not copied; the response
// body is canonicalized once, for both digests.
Result<AttestRequest> parse_attest_request(Json body);

struct AttestContext {
  std::string tenant;
  const crypto::NoteSigner* signer = nullptr;
  std::string log_origin;
  std::uint64_t max_merge_delay_ms = 0;
  UnixMillis now = 0;
  const Retokenizer* retokenizer = nullptr;  // null: re-tokenization reported as unverifiable
  std::string receipt_id;  // empty: a fresh random id (fixed only for test vectors)
  // false: the bundle's "tariff" member is left null, for a caller that splices the pinned
  // tariff text in (splice_tariff) instead of copying its JSON tree into every bundle.
  bool embed_tariff = true;
};

struct AttestOutput {
  std::string receipt_id;
  Json retokenization;  // the receipt's retokenization member, for the discrepancy tally
  std::string leaf;     // JCS bytes of the receipt: what is signed and logged
  std::string bundle;   // the bundle's JSON text (compact; "tariff" null unless embedded)
  UnixMillis event_time = 0;
};

// Errors: any adapter error (usage_*, unknown_provider), model_mismatch, tariff_no_match,
// tariff_missing_fee, charge_overflow.
Result<AttestOutput> attest(const AttestRequest& req, const TariffSnapshot& tariff,
                            const AttestContext& ctx);
// The same with a pinned tariff (JSON, canonical bytes and hash computed once): what a server
// uses, since serializing and hashing the tariff costs far more than the rest of an attest.
Result<AttestOutput> attest(const AttestRequest& req, const PinnedTariff& tariff,
                            const AttestContext& ctx);

}  // namespace verimeter::billing
