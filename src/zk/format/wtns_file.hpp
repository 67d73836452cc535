// The iden3 .wtns (version 2) witness file: section 1 = {n8 (u32) = 32, prime r, count (u32)},
// section 2 = the values as canonical 32-byte little-endian integers below r (plain form).
// Witness 0 is the constant 1, then outputs, public inputs, private inputs, intermediates.
#pragma once

#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "zk/ff/limbs.hpp"

namespace verimeter::zk::format {

// Strict reader: BN254 r only, every value canonical, counts consistent ("zk_format_invalid").
Result<std::vector<Limbs>> parse_wtns(ByteView bytes);
Result<std::vector<Limbs>> read_wtns_file(const std::string& path);
Bytes serialize_wtns(const std::vector<Limbs>& values);

}  // namespace verimeter::zk::format
