// G1/G2 group laws (Jacobian vs mixed addition, doubling, scalar multiplication), on-curve and
// G2 subgroup checks (psi-based test against the definition [r]Q = 0), batch normalisation.
#include <gtest/gtest.h>

#include "zk/ec/g1.hpp"
#include "zk/ec/g2.hpp"

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
