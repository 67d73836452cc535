// snarkjs JSON for Groth16: verification_key.json, proof.json, public.json.
// Readers are strict: decimal strings only, canonical (< modulus, no sign, no leading zeros),
// exact array shapes, duplicate keys rejected (core/json), protocol "groth16" and curve
// "bn128" where present. Points are projective triples read as snarkjs does (Jacobian z,
// producers always write z = 1); infinity must be written exactly as snarkjs writes it
// (G1 ["0","1","0"], G2 [["0","0"],["1","0"],["0","0"]]). G2 coordinates are [c0, c1].
// Readers check encodings only; curve and subgroup membership are checked by the verifier so
// that it can report which proof element is wrong.
// Error codes: json_* (core), zk_json_shape, zk_json_missing, zk_protocol, zk_point_encoding,
// field_decimal, field_not_canonical.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "zk/groth16/verifying_key.hpp"

namespace verimeter::zk {

Result<VerifyingKey> parse_verifying_key_json(std::string_view text);
Result<Proof> parse_proof_json(std::string_view text);
Result<std::vector<Fr>> parse_public_json(std::string_view text);

Result<VerifyingKey> verifying_key_from_json(const Json& j);
Result<Proof> proof_from_json(const Json& j);
Result<std::vector<Fr>> public_from_json(const Json& j);
Result<G1Affine> g1_from_json(const Json& j);
Result<G2Affine> g2_from_json(const Json& j);
Result<Fp12> fp12_from_json(const Json& j);

Json g1_to_json(const G1Affine& p);
Json g2_to_json(const G2Affine& p);
Json fp12_to_json(const Fp12& f);
// Writes the snarkjs layout including nPublic and vk_alphabeta_12 (computed if absent).
Json verifying_key_to_json(const VerifyingKey& vk);
Json proof_to_json_value(const Proof& proof);
Json public_to_json_value(std::span<const Fr> signals);

}  // namespace verimeter::zk
