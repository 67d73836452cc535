// G1/G2 group laws (Jacobian vs mixed addition, doubling, scalar multiplication), on-curve and
// G2 subgroup checks (psi-based test against the definition [r]Q = 0), batch normalisation.
#include <gtest/gtest.h>

#include "zk/ec/g1.hpp"
#include "zk/ec/g2.hpp"
#include "zk/ec/g2_subgroup_scan.hpp"

namespace verimeter::zk {
namespace {

template <class C>
struct Gen;
template <>
struct Gen<G1Curve> {
  static G1Affine get() { return g1_generator(); }
};
template <>
struct Gen<G2Curve> {
  static G2Affine get() { return g2_generator(); }
};

template <class C>
class GroupLawTest : public ::testing::Test {};
using Curves = ::testing::Types<G1Curve, G2Curve>;
TYPED_TEST_SUITE(GroupLawTest, Curves);

TYPED_TEST(GroupLawTest, GeneratorHasOrderR) {
  using J = JacobianPoint<TypeParam>;
  const auto g = Gen<TypeParam>::get();
  EXPECT_TRUE(g.on_curve());
  EXPECT_TRUE(J::from_affine(g).mul(Fr::kModulus).is_identity());
  Limbs r_minus_1 = Fr::kModulus;
  r_minus_1[0] -= 1;
  EXPECT_EQ(J::from_affine(g).mul(r_minus_1), -J::from_affine(g));
}

TYPED_TEST(GroupLawTest, AdditionLaws) {
  using J = JacobianPoint<TypeParam>;
  const J g = J::from_affine(Gen<TypeParam>::get());
  for (int i = 0; i < 10; ++i) {
    const Fr a = Fr::random(), b = Fr::random();
    const J pa = g.mul(a), pb = g.mul(b);
    EXPECT_EQ(pa + pb, g.mul(a + b));
    EXPECT_EQ(pa + pb, pb + pa);
    EXPECT_EQ(pa.add_mixed(pb.to_affine()), pa + pb);
    EXPECT_EQ(pa + pa, pa.dbl());
    EXPECT_EQ(pa.add_mixed(pa.to_affine()), pa.dbl());
    EXPECT_TRUE((pa + (-pa)).is_identity());
    EXPECT_TRUE(pa.add_mixed((-pa).to_affine()).is_identity());
    EXPECT_EQ(pa + J::identity(), pa);
    EXPECT_EQ(J::identity().add_mixed(pa.to_affine()), pa);
    EXPECT_EQ(pa.mul(b), g.mul(a * b));
    EXPECT_TRUE(pa.to_affine().on_curve());
  }
}

TYPED_TEST(GroupLawTest, BatchToAffineMatchesSingle) {
  using J = JacobianPoint<TypeParam>;
  const J g = J::from_affine(Gen<TypeParam>::get());
  std::vector<J> pts;
  for (int i = 0; i < 9; ++i) pts.push_back(i == 4 ? J::identity() : g.mul(Fr::random()));
  const auto affine = batch_to_affine<TypeParam>(pts);
  for (std::size_t i = 0; i < pts.size(); ++i) EXPECT_EQ(affine[i], pts[i].to_affine());
}

TEST(G1, CurveConstantAndOffCurve) {
  EXPECT_EQ(G1Curve::b(), Fq::from_u64(3));
  EXPECT_FALSE(G1Affine::from_xy(Fq::from_u64(1), Fq::from_u64(3)).on_curve());
  EXPECT_TRUE(G1Affine::identity().on_curve());
}

// A point on the twist that (with overwhelming probability) lies outside G2.
G2Affine random_twist_point() {
  for (;;) {
    const Fp2 x = Fp2::random();
    const auto y = fp2_sqrt(x.square() * x + G2Curve::b());
    if (y) return G2Affine::from_xy(x, *y);
  }
}

TEST(G2, SubgroupCheck) {
  const G2 g = G2::from_affine(g2_generator());
  EXPECT_TRUE(g2_in_subgroup(g2_generator()));
  EXPECT_TRUE(g2_in_subgroup(G2Affine::identity()));
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(g2_in_subgroup(g.mul(Fr::random()).to_affine()));
    const G2Affine t = random_twist_point();
    ASSERT_TRUE(t.on_curve());
    const bool in_group = G2::from_affine(t).mul(Fr::kModulus).is_identity();
    EXPECT_FALSE(in_group);
    EXPECT_EQ(g2_in_subgroup(t), in_group);
  }
}

// The twist's cofactor h = 2p - r (#E'(Fp2) = r * h) = 10069 * 5864401 * 1875725156269 * q1.
Limbs twist_cofactor() {
  Limbs h = Fq::kModulus, two_p{};
  add_limbs(two_p, h, h);
  sub_limbs(h, two_p, Fr::kModulus);
  return h;
}

// n / d for a small d that divides n (checked).
Limbs divide_exact(const Limbs& n, u64 d) {
  Limbs q{};
  u128 rem = 0;
  for (int i = 3; i >= 0; --i) {
    const u128 cur = (rem << 64) | n[i];
    q[i] = static_cast<u64>(cur / d);
    rem = cur % d;
  }
  EXPECT_EQ(rem, 0u);
  return q;
}

bool in_g2_by_definition(const G2Affine& q) {
  return G2::from_affine(q).mul(Fr::kModulus).is_identity();
}

TEST(G2, MulByXMatchesGenericScalarMultiplication) {
  const G2 g = G2::from_affine(g2_generator());
  const Limbs x{4965661367192848881ULL, 0, 0, 0};
  for (int i = 0; i < 4; ++i) {
    const G2Affine q = i == 0 ? random_twist_point() : g.mul(Fr::random()).to_affine();
    EXPECT_EQ(g2_mul_by_x(q), G2::from_affine(q).mul(x));
  }
  EXPECT_TRUE(g2_mul_by_x(G2Affine::identity()).is_identity());
}

// Points built to sit exactly on the boundary of the test: pure cofactor-torsion points ([r]T),
// a G2 point plus a point of small order 10069, and cofactor-cleared points ([h]T, in G2).
TEST(G2, SubgroupCheckOnCofactorComponents) {
  const Limbs h = twist_cofactor();
  for (int i = 0; i < 4; ++i) {
    const G2 t = G2::from_affine(random_twist_point());
    ASSERT_FALSE(t.mul(h).is_identity());
    const G2Affine cleared = t.mul(h).to_affine();
    EXPECT_TRUE(in_g2_by_definition(cleared));
    EXPECT_TRUE(g2_in_subgroup(cleared));
    const G2Affine torsion = t.mul(Fr::kModulus).to_affine();
    ASSERT_FALSE(torsion.infinity);
    EXPECT_FALSE(g2_in_subgroup(torsion));
    const G2 g = G2::from_affine(g2_generator()).mul(Fr::random());
    const G2Affine mixed = (g + G2::from_affine(torsion)).to_affine();
    EXPECT_FALSE(in_g2_by_definition(mixed));
    EXPECT_FALSE(g2_in_subgroup(mixed));
  }
  // A component of the smallest cofactor prime alone: [r * h / 10069]T has order 10069.
  const Limbs h_over_10069 = divide_exact(h, 10069);
  G2 small = G2::identity();
  for (int tries = 0; small.is_identity() && tries < 8; ++tries) {
    small = G2::from_affine(random_twist_point()).mul(Fr::kModulus).mul(h_over_10069);
  }
  ASSERT_FALSE(small.is_identity());
  EXPECT_TRUE(small.mul(Limbs{10069, 0, 0, 0}).is_identity());
  const G2 g = G2::from_affine(g2_generator()).mul(Fr::random());
  const G2Affine mixed = (g + small).to_affine();
  EXPECT_FALSE(in_g2_by_definition(mixed));
  EXPECT_FALSE(g2_in_subgroup(mixed));
  EXPECT_FALSE(g2_in_subgroup(small.to_affine()));
}

TEST(G2, SubgroupScanFindsTheFirstOutsidePoint) {
  const G2 g = G2::from_affine(g2_generator());
  std::vector<G2Affine> pts;
  for (int i = 0; i < 300; ++i) {
    pts.push_back(i % 7 == 3 ? G2Affine::identity() : g.mul(Fr::from_u64(i + 1)).to_affine());
  }
  for (unsigned threads : {1u, 2u, 3u}) EXPECT_EQ(first_outside_g2(pts, threads), std::nullopt);
  pts[251] = random_twist_point();
  pts[130] = random_twist_point();
  for (unsigned threads : {1u, 2u, 3u}) EXPECT_EQ(first_outside_g2(pts, threads), 130u);
  EXPECT_EQ(first_outside_g2(std::span<const G2Affine>{}), std::nullopt);
}

TEST(G2, PsiActsAsMultiplicationByP) {
  const G2 q = G2::from_affine(g2_generator()).mul(Fr::random());
  Limbs p_mod_r = Fq::kModulus;
  sub_limbs(p_mod_r, p_mod_r, Fr::kModulus);  // q < 2r, so q mod r = q - r
  EXPECT_EQ(g2_psi(q), q.mul(p_mod_r));
  EXPECT_EQ(g2_psi(q.to_affine()), g2_psi(q).to_affine());
}

TEST(G2, SwappedCoordinatesAreRejected) {
  const G2Affine g = g2_generator();
  const G2Affine swapped = G2Affine::from_xy({g.x.c1, g.x.c0}, {g.y.c1, g.y.c0});
  EXPECT_FALSE(swapped.on_curve());
}

}  // namespace
}  // namespace verimeter::zk
