// The trust file: the only thing besides a bundle that an offline verifier needs. It holds
// public material only (docs/spec/bundle.md §Trust file):
//   { "trust_version": 1,
//     "operator_keys": ["<signed-note verifier key>", ...],   // receipt signers; old keys stay
//     "log": { "origin": "...", "checkpoint_keys": [...], "witness_keys": [...],
//              "witness_quorum": 0 },
//     "require_inclusion_proof": false,
//     "zk_verifying_keys": {} }
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "crypto/note_key.hpp"

namespace verimeter::verify {

struct Trust {
  std::vector<crypto::NoteVerifierKey> operator_keys;
  std::string log_origin;
  std::vector<crypto::NoteVerifierKey> checkpoint_keys;
  std::vector<crypto::NoteVerifierKey> witness_keys;
  std::uint64_t witness_quorum = 0;
  bool require_inclusion_proof = false;
  Json zk_verifying_keys = Json::object();
};

// Errors: trust_malformed, trust_unknown_version, and key parse errors.
Result<Trust> parse_trust(std::string_view text);
Json trust_to_json(const Trust& t);

}  // namespace verimeter::verify
