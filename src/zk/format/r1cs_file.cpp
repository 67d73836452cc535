#include "zk/format/r1cs_file.hpp"

#include <string>

#include "zk/format/binfile.hpp"

namespace verimeter::zk::format {
namespace {

constexpr std::uint32_t kHeader = 1;
constexpr std::uint32_t kConstraints = 2;
constexpr std::uint32_t kWireMap = 3;

Status parse_header(ByteView data, R1csFile& out, std::uint32_t& n_constraints) {
  ByteCursor cur(data);
  VM_TRY(fs, cur.u32());
  if (fs != 32) return format_error("r1cs field size must be 32");
  VM_TRY(prime, cur.limbs());
  if (prime != kBn254R) return format_error("r1cs prime is not the BN254 scalar field");
  VM_TRY(n_wires, cur.u32());
  VM_TRY(n_pub_out, cur.u32());
  VM_TRY(n_pub_in, cur.u32());
  VM_TRY(n_prv_in, cur.u32());
  VM_TRY(n_labels, cur.u64());
  VM_TRY(n_cons, cur.u32());
  if (!cur.at_end()) return format_error("r1cs header has trailing bytes");
  const std::uint64_t inputs = std::uint64_t{1} + n_pub_out + n_pub_in + n_prv_in;
  if (n_wires == 0 || inputs > n_wires) return format_error("r1cs wire counts inconsistent");
  if (n_labels < n_wires) return format_error("r1cs has fewer labels than wires");
  out.n_wires = n_wires;
  out.n_pub_out = n_pub_out;
  out.n_pub_in = n_pub_in;
  out.n_prv_in = n_prv_in;
  out.n_labels = n_labels;
  n_constraints = n_cons;
  return {};
}

Result<R1csLc> parse_lc(ByteCursor& cur, std::uint32_t n_wires) {
  VM_TRY(count, cur.u32());
  if (static_cast<std::uint64_t>(count) * 36 > cur.remaining()) {
    return format_error("r1cs linear combination longer than its section");
  }
  R1csLc lc;
  lc.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    VM_TRY(wire, cur.u32());
    VM_TRY(coeff, cur.limbs());
    if (wire >= n_wires) return format_error("r1cs wire id out of range");
    if (!lc.empty() && wire <= lc.back().wire) return format_error("r1cs wire ids not ascending");
    if (!less_limbs(coeff, kBn254R)) return format_error("r1cs coefficient not below r");
    lc.push_back({wire, coeff});
  }
  return lc;
}

void put_lc(Bytes& out, const R1csLc& lc) {
  put_u32(out, static_cast<std::uint32_t>(lc.size()));
  for (const R1csTerm& t : lc) {
    put_u32(out, t.wire);
    put_limbs(out, t.coeff);
  }
}

}  // namespace

Result<R1csFile> parse_r1cs(ByteView bytes) {
  VM_TRY(bin, BinFile::parse(Bytes(bytes.begin(), bytes.end()), "r1cs"));
  if (bin.version() != 1) return format_error("unsupported r1cs version");
  for (std::uint32_t custom : {4u, 5u}) {
    if (bin.has_section(custom)) return format_error("r1cs custom gates are not supported");
  }
  R1csFile out;
  std::uint32_t n_constraints = 0;
  VM_TRY(header, bin.section(kHeader));
  VM_CHECK(parse_header(header, out, n_constraints));

  VM_TRY(cons, bin.section(kConstraints));
  ByteCursor cur(cons);
  if (static_cast<std::uint64_t>(n_constraints) * 12 > cur.remaining()) {
    return format_error("r1cs constraint count exceeds its section");
  }
  out.constraints.reserve(n_constraints);
  for (std::uint32_t i = 0; i < n_constraints; ++i) {
    R1csConstraint c;
    VM_TRY(a, parse_lc(cur, out.n_wires));
    VM_TRY(b, parse_lc(cur, out.n_wires));
    VM_TRY(cc, parse_lc(cur, out.n_wires));
    c.a = std::move(a);
    c.b = std::move(b);
    c.c = std::move(cc);
    out.constraints.push_back(std::move(c));
  }
  if (!cur.at_end()) return format_error("r1cs constraints section has trailing bytes");

  VM_TRY(map, bin.section(kWireMap));
  if (map.size() != static_cast<std::size_t>(out.n_wires) * 8) {
    return format_error("r1cs wire map size does not match the wire count");
  }
  ByteCursor mc(map);
  out.wire_to_label.reserve(out.n_wires);
  for (std::uint32_t i = 0; i < out.n_wires; ++i) {
    VM_TRY(label, mc.u64());
    if (label >= out.n_labels) return format_error("r1cs label id out of range");
    out.wire_to_label.push_back(label);
  }
  return out;
}

Result<R1csFile> read_r1cs_file(const std::string& path) {
  VM_TRY(bytes, read_file(path));
  return parse_r1cs(bytes);
}

Bytes serialize_r1cs(const R1csFile& r1cs) {
  Bytes header;
  put_u32(header, 32);
  put_limbs(header, kBn254R);
  put_u32(header, r1cs.n_wires);
  put_u32(header, r1cs.n_pub_out);
  put_u32(header, r1cs.n_pub_in);
  put_u32(header, r1cs.n_prv_in);
  put_u64(header, r1cs.n_labels);
  put_u32(header, static_cast<std::uint32_t>(r1cs.constraints.size()));
  Bytes cons;
  for (const R1csConstraint& c : r1cs.constraints) {
    put_lc(cons, c.a);
    put_lc(cons, c.b);
    put_lc(cons, c.c);
  }
  Bytes map;
  for (std::uint64_t label : r1cs.wire_to_label) put_u64(map, label);
  BinFileWriter w("r1cs", 1);
  w.add_section(kHeader, header);
  w.add_section(kConstraints, cons);
  w.add_section(kWireMap, map);
  return w.finish();
}

}  // namespace verimeter::zk::format
