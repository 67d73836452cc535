// The snarkjs Groth16 .zkey (version 1): what the prover needs, as raw field limbs.
//
// Encoding traps (research/zk-groth16.md §2.7): points are affine with coordinates in Montgomery
// form (x·2^256 mod q), G2 as x.c0, x.c1, y.c0, y.c1, the point at infinity as all-zero bytes;
// section-4 coefficients are v·R² mod r, i.e. the Montgomery form of the Montgomery form, so one
// Montgomery product with a plain witness value yields a Montgomery-form result. Everything here
// keeps the file's raw limbs; conversion to field/curve types happens in the prover.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "zk/ff/limbs.hpp"

namespace verimeter::zk::format {

struct ZkeyG1 {
  Limbs x{}, y{};  // Montgomery form; (0,0) is the point at infinity
  bool is_infinity() const { return is_zero_limbs(x) && is_zero_limbs(y); }
  bool operator==(const ZkeyG1&) const = default;
};

struct ZkeyG2 {
  Limbs x0{}, x1{}, y0{}, y1{};  // Montgomery form, real part first
  bool is_infinity() const {
    return is_zero_limbs(x0) && is_zero_limbs(x1) && is_zero_limbs(y0) && is_zero_limbs(y1);
  }
  bool operator==(const ZkeyG2&) const = default;
};

struct ZkeyCoef {
  std::uint32_t matrix = 0;  // 0 = A, 1 = B
  std::uint32_t constraint = 0;
  std::uint32_t signal = 0;
  Limbs value{};  // v·R² mod r (Montgomery of Montgomery)
  bool operator==(const ZkeyCoef&) const = default;
};

struct Zkey {
  std::uint32_t n_vars = 0;
  std::uint32_t n_public = 0;  // without the constant-one wire
  std::uint32_t domain_size = 0;
  ZkeyG1 alpha1, beta1, delta1;
  ZkeyG2 beta2, gamma2, delta2;
  std::vector<ZkeyG1> ic;  // n_public + 1
  std::vector<ZkeyCoef> coefs;
  std::vector<ZkeyG1> a, b1;  // n_vars each
  std::vector<ZkeyG2> b2;     // n_vars
  std::vector<ZkeyG1> c;      // n_vars − n_public − 1 (private wires)
  std::vector<ZkeyG1> h;      // domain_size
  Bytes mpc;                  // section 10 payload, kept verbatim (empty if absent)
};

// Strict reader for Groth16 BN254 zkeys ("zk_format_invalid"): section sizes must match the
// header counts, coordinates must be below q, coefficients below r, indices in range. Curve
// membership is not checked here (the prover's key-loading step does that).
Result<Zkey> parse_zkey(ByteView bytes);
Result<Zkey> read_zkey_file(const std::string& path);
// Writes sections 1–10 in snarkjs order. An empty `mpc` becomes a zero circuit hash with no
// contributions.
Bytes serialize_zkey(const Zkey& zkey);

}  // namespace verimeter::zk::format
