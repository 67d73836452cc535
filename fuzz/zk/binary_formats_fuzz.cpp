// libFuzzer target for the iden3 binary readers (.r1cs, .wtns, .zkey) and, when a zkey parses,
// the proving-key conversion (Montgomery decoding, on-curve checks). The first input byte picks
// the reader; the rest is the file. Whatever parses must re-serialise and parse to the same value.
// Seeds: tests/zk/fixtures/*/circuit.r1cs, witness.wtns, circuit.zkey.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "zk/format/r1cs_file.hpp"
#include "zk/format/wtns_file.hpp"
#include "zk/format/zkey_file.hpp"
#include "zk/groth16/proving_key.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  using namespace verimeter::zk::format;
  const verimeter::ByteView body(data + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      auto r = parse_r1cs(body);
      if (r && !(*parse_r1cs(serialize_r1cs(*r)) == *r)) std::abort();
      break;
    }
    case 1: {
      auto w = parse_wtns(body);
      if (w && *parse_wtns(serialize_wtns(*w)) != *w) std::abort();
      break;
    }
    default: {
      auto z = parse_zkey(body);
      if (z) {
        if (!parse_zkey(serialize_zkey(*z)).ok()) std::abort();
        (void)verimeter::zk::load_proving_key(*z);
      }
      break;
    }
  }
  return 0;
}
