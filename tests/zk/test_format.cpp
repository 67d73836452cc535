// iden3 binary formats: the readers accept what circom/snarkjs wrote, writers reproduce it, and
// malformed files are rejected with "zk_format_invalid".
#include <gtest/gtest.h>

#include <string>

#include "zk/format/binfile.hpp"
#include "zk/format/r1cs_file.hpp"
#include "zk/format/wtns_file.hpp"
#include "zk/format/zkey_file.hpp"

namespace verimeter::zk::format {
namespace {

std::string fixture(const std::string& rel) {
  return std::string(VERIMETER_SOURCE_DIR) + "/tests/zk/fixtures/" + rel;
}

Bytes load(const std::string& rel) {
  auto b = read_file(fixture(rel));
  EXPECT_TRUE(b.ok()) << rel;
  return b.ok() ? *b : Bytes{};
}

void put_le32_at(Bytes& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    b[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
}

TEST(ZkFormat, ReadsCircomR1cs) {
  auto r = parse_r1cs(load("mixed/circuit.r1cs"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->n_wires, 261u);
  EXPECT_EQ(r->n_pub_out, 2u);
  EXPECT_EQ(r->n_pub_in, 2u);
  EXPECT_EQ(r->n_prv_in, 2u);
  EXPECT_EQ(r->constraints.size(), 257u);
  EXPECT_EQ(r->wire_to_label.size(), 261u);
  auto b = parse_r1cs(load("binder/circuit.r1cs"));
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(b->constraints.size(), 402u);
  EXPECT_EQ(b->n_public(), 1u);
}

TEST(ZkFormat, R1csRoundTrip) {
  auto r = parse_r1cs(load("mixed/circuit.r1cs"));
  ASSERT_TRUE(r.ok());
  const Bytes again = serialize_r1cs(*r);
  auto r2 = parse_r1cs(again);
  ASSERT_TRUE(r2.ok()) << r2.error().message;
  EXPECT_EQ(*r, *r2);
  EXPECT_EQ(serialize_r1cs(*r2), again);
}

TEST(ZkFormat, WtnsRoundTripIsByteExact) {
  const Bytes raw = load("mixed/witness.wtns");
  auto w = parse_wtns(raw);
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_EQ(w->size(), 261u);
  EXPECT_EQ((*w)[0], (Limbs{1, 0, 0, 0}));
  EXPECT_EQ(serialize_wtns(*w), raw);
}

TEST(ZkFormat, ZkeyRoundTripIsByteExact) {
  for (const char* name : {"mixed/circuit.zkey", "binder/circuit.zkey"}) {
    const Bytes raw = load(name);
    auto z = parse_zkey(raw);
    ASSERT_TRUE(z.ok()) << name << ": " << z.error().message;
    EXPECT_EQ(serialize_zkey(*z), raw) << name;
  }
  auto z = parse_zkey(load("mixed/circuit.zkey"));
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(z->n_vars, 261u);
  EXPECT_EQ(z->n_public, 4u);
  EXPECT_EQ(z->domain_size, 512u);  // 257 constraints + 5 public rows -> 262 -> 512
  EXPECT_EQ(z->ic.size(), 5u);
  EXPECT_EQ(z->c.size(), 261u - 5u);
}

TEST(ZkFormat, RejectsBadMagicVersionAndTruncation) {
  const Bytes raw = load("mixed/witness.wtns");
  Bytes bad = raw;
  bad[0] = 'x';
  EXPECT_EQ(parse_wtns(bad).error().code, "zk_format_invalid");
  bad = raw;
  put_le32_at(bad, 4, 3);  // version 3
  EXPECT_FALSE(parse_wtns(bad).ok());
  for (std::size_t cut : {std::size_t{0}, std::size_t{7}, std::size_t{12}, raw.size() - 1}) {
    Bytes t(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(cut));
    EXPECT_FALSE(parse_wtns(t).ok()) << cut;
  }
  Bytes longer = raw;
  longer.push_back(0);
  EXPECT_FALSE(parse_wtns(longer).ok());
}

TEST(ZkFormat, RejectsNonCanonicalWitnessValue) {
  std::vector<Limbs> values = {{1, 0, 0, 0}, {5, 0, 0, 0}};
  Bytes ok = serialize_wtns(values);
  ASSERT_TRUE(parse_wtns(ok).ok());
  values[1] = kBn254R;  // == r, not canonical
  EXPECT_FALSE(parse_wtns(serialize_wtns(values)).ok());
  values[1] = {5, 0, 0, 0};
  values[0] = {2, 0, 0, 0};  // wire 0 must be one
  EXPECT_FALSE(parse_wtns(serialize_wtns(values)).ok());
}

TEST(ZkFormat, RejectsDuplicateAndMissingSections) {
  BinFileWriter w("wtns", 2);
  Bytes header;
  put_u32(header, 32);
  put_limbs(header, kBn254R);
  put_u32(header, 1);
  Bytes data;
  put_limbs(data, Limbs{1, 0, 0, 0});
  w.add_section(1, header);
  EXPECT_FALSE(parse_wtns(w.finish()).ok());  // section 2 missing
  w.add_section(2, data);
  EXPECT_TRUE(parse_wtns(w.finish()).ok());
  w.add_section(2, data);
  EXPECT_FALSE(parse_wtns(w.finish()).ok());  // duplicate
}

TEST(ZkFormat, R1csRejectsOutOfRangeWireAndUnsortedTerms) {
  R1csFile f;
  f.n_wires = 3;
  f.n_pub_out = 1;
  f.n_labels = 3;
  f.wire_to_label = {0, 1, 2};
  f.constraints.push_back({{{1, {1, 0, 0, 0}}}, {{2, {1, 0, 0, 0}}}, {{0, {6, 0, 0, 0}}}});
  ASSERT_TRUE(parse_r1cs(serialize_r1cs(f)).ok());
  R1csFile bad = f;
  bad.constraints[0].a = {{3, {1, 0, 0, 0}}};
  EXPECT_FALSE(parse_r1cs(serialize_r1cs(bad)).ok());
  bad = f;
  bad.constraints[0].a = {{2, {1, 0, 0, 0}}, {1, {1, 0, 0, 0}}};
  EXPECT_FALSE(parse_r1cs(serialize_r1cs(bad)).ok());
  bad = f;
  bad.constraints[0].c = {{0, kBn254R}};
  EXPECT_FALSE(parse_r1cs(serialize_r1cs(bad)).ok());
  bad = f;
  bad.wire_to_label = {0, 1};
  EXPECT_FALSE(parse_r1cs(serialize_r1cs(bad)).ok());
}

TEST(ZkFormat, ZkeyRejectsTamperedCounts) {
  const Bytes raw = load("mixed/circuit.zkey");
  auto z = parse_zkey(raw);
  ASSERT_TRUE(z.ok());
  Zkey bad = *z;
  bad.h.pop_back();
  EXPECT_FALSE(parse_zkey(serialize_zkey(bad)).ok());
  bad = *z;
  bad.coefs[0].signal = bad.n_vars;
  EXPECT_FALSE(parse_zkey(serialize_zkey(bad)).ok());
  bad = *z;
  bad.a[1].x = kBn254Q;
  EXPECT_FALSE(parse_zkey(serialize_zkey(bad)).ok());
  bad = *z;
  bad.domain_size = 500;
  EXPECT_FALSE(parse_zkey(serialize_zkey(bad)).ok());
}

}  // namespace
}  // namespace verimeter::zk::format
