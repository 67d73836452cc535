// The iden3 .r1cs (version 1) constraint-system file: header (section 1), constraints A·B = C as
// sparse linear combinations (section 2) and the wire→label map (section 3). Coefficients are
// canonical little-endian integers below the scalar prime r (plain form, not Montgomery).
// Only BN254 (field size 32, prime r of alt_bn128) is accepted; custom-gate sections are rejected.
#pragma once

#include <cstdint>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "zk/ff/bn254_params.hpp"

namespace verimeter::zk::format {

// The BN254 scalar field prime r and base field prime q as canonical limbs.
inline constexpr Limbs kBn254R = FrParams::kModulus;
inline constexpr Limbs kBn254Q = FqParams::kModulus;

struct R1csTerm {
  std::uint32_t wire = 0;
  Limbs coeff{};  // canonical, < r
  bool operator==(const R1csTerm&) const = default;
};
using R1csLc = std::vector<R1csTerm>;  // strictly ascending wire ids

struct R1csConstraint {
  R1csLc a, b, c;  // a·b − c = 0
  bool operator==(const R1csConstraint&) const = default;
};

struct R1csFile {
  std::uint32_t n_wires = 0;    // including wire 0 = constant one
  std::uint32_t n_pub_out = 0;  // wires 1..n_pub_out
  std::uint32_t n_pub_in = 0;   // then the public inputs
  std::uint32_t n_prv_in = 0;   // then private inputs, then intermediates
  std::uint64_t n_labels = 0;
  std::vector<R1csConstraint> constraints;
  std::vector<std::uint64_t> wire_to_label;  // n_wires entries

  std::uint32_t n_public() const { return n_pub_out + n_pub_in; }
  bool operator==(const R1csFile&) const = default;
};

// Strict reader: error code "zk_format_invalid" on anything malformed or out of range.
Result<R1csFile> parse_r1cs(ByteView bytes);
Result<R1csFile> read_r1cs_file(const std::string& path);
Bytes serialize_r1cs(const R1csFile& r1cs);

}  // namespace verimeter::zk::format
