// Groth16 prover for snarkjs keys (the rapidsnark algorithm on our own primitives):
//   a, b = A·w, B·w on the n-domain from the key's coefficient list (public rows included),
//   c = a∘b; each of a, b, c goes iFFT → ×ω_{2n}^i → FFT to the odd coset of the 2n-domain,
//   where h = a·b − c is multiplied (MSM) with the key's H points (no division by Z needed);
//   then  A = α₁ + Σwᵢ·Aᵢ + r·δ₁,  B = β₂ + Σwᵢ·B2ᵢ + s·δ₂,  B1 = β₁ + Σwᵢ·B1ᵢ + s·δ₁,
//         C = Σ_private wᵢ·Cᵢ + Σhⱼ·Hⱼ + s·A + r·B1 − r·s·δ₁
// with r, s fresh from the OS CSPRNG (libsodium). The three transforms run on separate threads
// and each MSM shares its windows across the cores.
// Proofs are randomised: never compare or identify proofs by their bytes.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "zk/groth16/proving_key.hpp"
#include "zk/groth16/verifying_key.hpp"

namespace verimeter::zk {

struct ProverBlinding {
  Fr r, s;
};

struct ProverOutput {
  Proof proof;
  std::vector<Fr> public_signals;  // witness[1..n_public]
};

// witness: plain canonical values in wire order (wire 0 = 1), witness.size() == key.n_vars.
// `blinding` fixes r and s (tests only); by default they are drawn from the OS CSPRNG.
// Errors: "zk_witness_mismatch" (length or wire 0), "zk_witness_invalid" (value ≥ r).
Result<ProverOutput> prove(const ProvingKey& key, std::span<const Limbs> witness,
                           const std::optional<ProverBlinding>& blinding = std::nullopt);

// snarkjs JSON: proof.json ({pi_a, pi_b, pi_c, protocol, curve}) and public.json.
std::string proof_to_json(const Proof& proof);
std::string public_to_json(std::span<const Fr> signals);

// zkey + wtns files in, proof.json + public.json files out.
Status prove_files(const std::string& zkey_path, const std::string& wtns_path,
                   const std::string& proof_path, const std::string& public_path);

}  // namespace verimeter::zk
