// DEVELOPMENT Groth16 setup: a single party draws τ, α, β, δ from the OS CSPRNG, writes a
// snarkjs-compatible .zkey for an .r1cs, and forgets them. Whoever runs it could forge proofs
// had they kept the values, so it is NOT for production: real keys come from a multi-party
// ceremony (powers of tau + snarkjs phase-2 contributions, see docs/zk.md).
//
// Layout follows snarkjs (research/zk-groth16.md §2.7): γ = 1 (vk_gamma_2 = G2 generator),
// one extra A-row per public wire (constraint m + s, coefficient 1), domain = smallest 2^k ≥
// m + nPublic + 1, IC/C = (β·u + α·v + w)/γ resp. /δ, H = Lagrange basis of the doubled domain at
// its odd points, divided by δ. Points are computed with fixed-base window tables.
#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "zk/ff/fr.hpp"
#include "zk/format/r1cs_file.hpp"
#include "zk/format/zkey_file.hpp"

namespace verimeter::zk {

struct SetupSecrets {  // tests only: fixes the toxic waste
  Fr tau, alpha, beta, delta;
};

// Error "zk_setup_too_large" when the domain would exceed 2^27.
Result<format::Zkey> dev_setup(const format::R1csFile& r1cs,
                               const std::optional<SetupSecrets>& secrets = std::nullopt);
Status dev_setup_files(const std::string& r1cs_path, const std::string& zkey_path);

}  // namespace verimeter::zk
