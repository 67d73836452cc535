// Groth16 verification (snarkjs equation e(A,B) = e(alpha,beta) e(vk_x,gamma) e(C,delta) with
// vk_x = IC_0 + sum x_i IC_i), single and batched, plus a file-level entry point for the CLI.
//
// Outcomes are typed: valid; invalid(reason) when the inputs are well formed but do not prove
// the statement; malformed(reason) when an input cannot be read as what it claims to be.
//   invalid reasons:   public_count_mismatch, proof_point_at_infinity, proof_point_not_on_curve,
//                      proof_g2_not_in_subgroup, pairing_check_failed
//   malformed reasons: file_*, json_*, zk_json_*, zk_protocol, zk_point_encoding,
//                      field_decimal, field_not_canonical (public signal or coordinate >= modulus),
//                      zk_vkey_invalid
// Batch verification checks N proofs for one key at roughly one Miller loop per proof: with
// fresh 128-bit random weights z_j (libsodium CSPRNG),
//   prod e(-z_j A_j, B_j) * e(sum z_j vk_x_j, gamma) * e(sum z_j C_j, delta)
//                                                   * e((sum z_j) alpha, beta) == 1,
// and on failure it bisects to name the failing proofs (false acceptance probability 2^-128).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "zk/groth16/verifying_key.hpp"

namespace verimeter::zk {

enum class VerifyStatus { kValid, kInvalid, kMalformed };

struct VerifyOutcome {
  VerifyStatus status = VerifyStatus::kInvalid;
  std::string reason;   // stable code, empty when valid
  std::string message;  // human-readable detail
  bool valid() const { return status == VerifyStatus::kValid; }
  static VerifyOutcome ok() { return {VerifyStatus::kValid, "", "proof is valid"}; }
  static VerifyOutcome invalid(std::string reason, std::string message) {
    return {VerifyStatus::kInvalid, std::move(reason), std::move(message)};
  }
  static VerifyOutcome malformed(const Error& e) {
    return {VerifyStatus::kMalformed, e.code, e.message};
  }
};

VerifyOutcome verify(const PreparedVerifyingKey& pvk, const Proof& proof,
                     std::span<const Fr> public_signals);

struct BatchItem {
  Proof proof;
  std::vector<Fr> public_signals;
};

struct BatchOutcome {
  bool all_valid = false;
  std::vector<VerifyOutcome> outcomes;  // one per item, in order
};

BatchOutcome verify_batch(const PreparedVerifyingKey& pvk, std::span<const BatchItem> items);

// Reads, checks and prepares a verification_key.json once, for verifying many proofs with it.
// Errors: file_*, json_*, zk_json_*, zk_protocol, zk_point_encoding, field_*, zk_vkey_invalid.
Result<PreparedVerifyingKey> read_verifying_key(const std::string& vkey_path);

// Reads verification_key.json, proof.json and public.json (snarkjs layout) and verifies.
VerifyOutcome verify_files(const std::string& vkey_path, const std::string& proof_path,
                           const std::string& public_path);

}  // namespace verimeter::zk
