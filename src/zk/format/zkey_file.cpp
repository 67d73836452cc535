#include "zk/format/zkey_file.hpp"

#include "zk/format/binfile.hpp"
#include "zk/format/r1cs_file.hpp"

namespace verimeter::zk::format {
namespace {

Result<Limbs> read_fq(ByteCursor& cur) {
  VM_TRY(v, cur.limbs());
  if (!less_limbs(v, kBn254Q)) return format_error("zkey coordinate not below q");
  return v;
}

Result<ZkeyG1> read_g1(ByteCursor& cur) {
  ZkeyG1 p;
  VM_TRY(x, read_fq(cur));
  VM_TRY(y, read_fq(cur));
  p.x = x;
  p.y = y;
  return p;
}

Result<ZkeyG2> read_g2(ByteCursor& cur) {
  ZkeyG2 p;
  VM_TRY(x0, read_fq(cur));
  VM_TRY(x1, read_fq(cur));
  VM_TRY(y0, read_fq(cur));
  VM_TRY(y1, read_fq(cur));
  p.x0 = x0;
  p.x1 = x1;
  p.y0 = y0;
  p.y1 = y1;
  return p;
}

template <class P, class ReadFn>
Result<std::vector<P>> read_points(const BinFile& bin, std::uint32_t type, std::size_t count,
                                   std::size_t point_size, ReadFn read) {
  VM_TRY(data, bin.section(type));
  if (data.size() != count * point_size) {
    return format_error("zkey section " + std::to_string(type) + " has the wrong size");
  }
  ByteCursor cur(data);
  std::vector<P> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    VM_TRY(p, read(cur));
    out.push_back(p);
  }
  return out;
}

Status parse_header(const BinFile& bin, Zkey& z) {
  VM_TRY(s1, bin.section(1));
  ByteCursor c1(s1);
  VM_TRY(protocol, c1.u32());
  if (protocol != 1 || !c1.at_end()) return format_error("zkey is not a Groth16 key");
  VM_TRY(s2, bin.section(2));
  ByteCursor c(s2);
  VM_TRY(n8q, c.u32());
  if (n8q != 32) return format_error("zkey n8q must be 32");
  VM_TRY(q, c.limbs());
  VM_TRY(n8r, c.u32());
  if (n8r != 32) return format_error("zkey n8r must be 32");
  VM_TRY(r, c.limbs());
  if (q != kBn254Q || r != kBn254R) return format_error("zkey is not for BN254");
  VM_TRY(n_vars, c.u32());
  VM_TRY(n_public, c.u32());
  VM_TRY(domain, c.u32());
  if (domain == 0 || (domain & (domain - 1)) != 0 || domain > (1u << 28)) {
    return format_error("zkey domain size is not a supported power of two");
  }
  if (static_cast<std::uint64_t>(n_public) + 1 > n_vars) {
    return format_error("zkey has more public signals than variables");
  }
  z.n_vars = n_vars;
  z.n_public = n_public;
  z.domain_size = domain;
  VM_TRY(alpha1, read_g1(c));
  VM_TRY(beta1, read_g1(c));
  VM_TRY(beta2, read_g2(c));
  VM_TRY(gamma2, read_g2(c));
  VM_TRY(delta1, read_g1(c));
  VM_TRY(delta2, read_g2(c));
  if (!c.at_end()) return format_error("zkey header has trailing bytes");
  z.alpha1 = alpha1;
  z.beta1 = beta1;
  z.beta2 = beta2;
  z.gamma2 = gamma2;
  z.delta1 = delta1;
  z.delta2 = delta2;
  return {};
}

Status parse_coefs(const BinFile& bin, Zkey& z) {
  VM_TRY(s4, bin.section(4));
  ByteCursor c(s4);
  VM_TRY(count, c.u32());
  if (static_cast<std::uint64_t>(count) * 44 != c.remaining()) {
    return format_error("zkey coefficient section has the wrong size");
  }
  z.coefs.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    ZkeyCoef k;
    VM_TRY(matrix, c.u32());
    VM_TRY(constraint, c.u32());
    VM_TRY(signal, c.u32());
    VM_TRY(value, c.limbs());
    if (matrix > 1) return format_error("zkey coefficient matrix must be A or B");
    if (constraint >= z.domain_size) return format_error("zkey constraint index out of range");
    if (signal >= z.n_vars) return format_error("zkey signal index out of range");
    if (!less_limbs(value, kBn254R)) return format_error("zkey coefficient not below r");
    k.matrix = matrix;
    k.constraint = constraint;
    k.signal = signal;
    k.value = value;
    z.coefs.push_back(k);
  }
  return {};
}

void put_g1(Bytes& out, const ZkeyG1& p) {
  put_limbs(out, p.x);
  put_limbs(out, p.y);
}

void put_g2(Bytes& out, const ZkeyG2& p) {
  put_limbs(out, p.x0);
  put_limbs(out, p.x1);
  put_limbs(out, p.y0);
  put_limbs(out, p.y1);
}

template <class P, class PutFn>
Bytes points_payload(const std::vector<P>& points, PutFn put) {
  Bytes out;
  for (const P& p : points) put(out, p);
  return out;
}

}  // namespace

Result<Zkey> parse_zkey(ByteView bytes) {
  VM_TRY(bin, BinFile::parse(Bytes(bytes.begin(), bytes.end()), "zkey"));
  if (bin.version() != 1) return format_error("unsupported zkey version");
  Zkey z;
  VM_CHECK(parse_header(bin, z));
  const std::size_t n_private = z.n_vars - z.n_public - 1;
  VM_TRY(ic, read_points<ZkeyG1>(bin, 3, z.n_public + 1, 64, read_g1));
  VM_CHECK(parse_coefs(bin, z));
  VM_TRY(a, read_points<ZkeyG1>(bin, 5, z.n_vars, 64, read_g1));
  VM_TRY(b1, read_points<ZkeyG1>(bin, 6, z.n_vars, 64, read_g1));
  VM_TRY(b2, read_points<ZkeyG2>(bin, 7, z.n_vars, 128, read_g2));
  VM_TRY(c, read_points<ZkeyG1>(bin, 8, n_private, 64, read_g1));
  VM_TRY(h, read_points<ZkeyG1>(bin, 9, z.domain_size, 64, read_g1));
  z.ic = std::move(ic);
  z.a = std::move(a);
  z.b1 = std::move(b1);
  z.b2 = std::move(b2);
  z.c = std::move(c);
  z.h = std::move(h);
  if (bin.has_section(10)) {
    VM_TRY(mpc, bin.section(10));
    z.mpc.assign(mpc.begin(), mpc.end());
  }
  return z;
}

Result<Zkey> read_zkey_file(const std::string& path) {
  VM_TRY(bytes, read_file(path));
  return parse_zkey(bytes);
}

Bytes serialize_zkey(const Zkey& z) {
  BinFileWriter w("zkey", 1);
  Bytes s1;
  put_u32(s1, 1);
  w.add_section(1, s1);
  Bytes s2;
  put_u32(s2, 32);
  put_limbs(s2, kBn254Q);
  put_u32(s2, 32);
  put_limbs(s2, kBn254R);
  put_u32(s2, z.n_vars);
  put_u32(s2, z.n_public);
  put_u32(s2, z.domain_size);
  put_g1(s2, z.alpha1);
  put_g1(s2, z.beta1);
  put_g2(s2, z.beta2);
  put_g2(s2, z.gamma2);
  put_g1(s2, z.delta1);
  put_g2(s2, z.delta2);
  w.add_section(2, s2);
  w.add_section(3, points_payload(z.ic, put_g1));
  Bytes s4;
  put_u32(s4, static_cast<std::uint32_t>(z.coefs.size()));
  for (const ZkeyCoef& k : z.coefs) {
    put_u32(s4, k.matrix);
    put_u32(s4, k.constraint);
    put_u32(s4, k.signal);
    put_limbs(s4, k.value);
  }
  w.add_section(4, s4);
  w.add_section(5, points_payload(z.a, put_g1));
  w.add_section(6, points_payload(z.b1, put_g1));
  w.add_section(7, points_payload(z.b2, put_g2));
  w.add_section(8, points_payload(z.c, put_g1));
  w.add_section(9, points_payload(z.h, put_g1));
  Bytes mpc = z.mpc;
  if (mpc.empty()) {
    mpc.assign(64, 0);  // circuit hash unknown: zero
    put_u32(mpc, 0);    // no contributions
  }
  w.add_section(10, mpc);
  return w.finish();
}

}  // namespace verimeter::zk::format
