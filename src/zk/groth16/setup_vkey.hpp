// The verification key that belongs to a proving key (what `snarkjs zkey export
// verificationkey` computes): α₁, β₂, γ₂, δ₂ and IC; e(α, β) is filled in by the JSON writer.
#pragma once

#include <string>

#include "core/result.hpp"
#include "zk/groth16/proving_key.hpp"
#include "zk/groth16/verifying_key.hpp"

namespace verimeter::zk {

VerifyingKey verifying_key_of(const ProvingKey& key);
// verification_key.json text (snarkjs layout) for a .zkey file.
Result<std::string> export_verifying_key_json(const std::string& zkey_path);

}  // namespace verimeter::zk
