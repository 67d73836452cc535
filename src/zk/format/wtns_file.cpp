#include "zk/format/wtns_file.hpp"

#include "zk/format/binfile.hpp"
#include "zk/format/r1cs_file.hpp"

namespace verimeter::zk::format {

Result<std::vector<Limbs>> parse_wtns(ByteView bytes) {
  VM_TRY(bin, BinFile::parse(Bytes(bytes.begin(), bytes.end()), "wtns"));
  if (bin.version() != 2) return format_error("unsupported wtns version");
  VM_TRY(header, bin.section(1));
  ByteCursor hc(header);
  VM_TRY(n8, hc.u32());
  if (n8 != 32) return format_error("wtns field size must be 32");
  VM_TRY(prime, hc.limbs());
  if (prime != kBn254R) return format_error("wtns prime is not the BN254 scalar field");
  VM_TRY(count, hc.u32());
  if (!hc.at_end()) return format_error("wtns header has trailing bytes");
  VM_TRY(data, bin.section(2));
  if (data.size() != static_cast<std::size_t>(count) * 32) {
    return format_error("wtns data size does not match the witness count");
  }
  if (count == 0) return format_error("wtns is empty");
  ByteCursor dc(data);
  std::vector<Limbs> values;
  values.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    VM_TRY(v, dc.limbs());
    if (!less_limbs(v, kBn254R)) return format_error("wtns value not below r");
    values.push_back(v);
  }
  if (values[0] != Limbs{1, 0, 0, 0}) return format_error("wtns value 0 must be the constant 1");
  return values;
}

Result<std::vector<Limbs>> read_wtns_file(const std::string& path) {
  VM_TRY(bytes, read_file(path));
  return parse_wtns(bytes);
}

Bytes serialize_wtns(const std::vector<Limbs>& values) {
  Bytes header;
  put_u32(header, 32);
  put_limbs(header, kBn254R);
  put_u32(header, static_cast<std::uint32_t>(values.size()));
  Bytes data;
  data.reserve(values.size() * 32);
  for (const Limbs& v : values) put_limbs(data, v);
  BinFileWriter w("wtns", 2);
  w.add_section(1, header);
  w.add_section(2, data);
  return w.finish();
}

}  // namespace verimeter::zk::format
