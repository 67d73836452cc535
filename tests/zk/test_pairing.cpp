// Tower field laws (Fp2/Fp6/Fp12), Frobenius against plain exponentiation, and pairing laws:
// bilinearity, non-degeneracy, order r, and pairing_check on cancelling pairs.
#include <gtest/gtest.h>

#include "zk/pairing/frobenius.hpp"
#include "zk/pairing/pairing.hpp"

namespace verimeter::zk {
namespace {

Fp12 pow_limbs(const Fp12& f, const Limbs& e) {
  Fp12 r = Fp12::one();
  for (int i = static_cast<int>(limb_bit_length(e)) - 1; i >= 0; --i) {
    r = r.square();
    if (limb_bit(e, static_cast<unsigned>(i))) r *= f;
  }
  return r;
}

TEST(Tower, Fp2Laws) {
  for (int i = 0; i < 50; ++i) {
    const Fp2 a = Fp2::random(), b = Fp2::random(), c = Fp2::random();
    EXPECT_EQ((a * b) * c, a * (b * c));
    EXPECT_EQ(a * (b + c), a * b + a * c);
    EXPECT_EQ(a.square(), a * a);
    EXPECT_EQ(a * a.inverse(), Fp2::one());
    EXPECT_EQ(a.mul_by_xi(), (a * Fp2{Fq::from_u64(9), Fq::one()}));
    EXPECT_EQ(a.conjugate(), a.pow(Fq::kModulus));  // Frobenius
    const auto s = fp2_sqrt(a.square());
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->square(), a.square());
  }
  const Fp2 u{Fq::zero(), Fq::one()};
  EXPECT_EQ(u.square(), -Fp2::one());
}

TEST(Tower, Fp6Laws) {
  for (int i = 0; i < 30; ++i) {
    const Fp6 a = Fp6::random(), b = Fp6::random(), c = Fp6::random();
    EXPECT_EQ((a * b) * c, a * (b * c));
    EXPECT_EQ(a * (b + c), a * b + a * c);
    EXPECT_EQ(a.square(), a * a);
    EXPECT_EQ(a * a.inverse(), Fp6::one());
    const Fp6 v{Fp2::zero(), Fp2::one(), Fp2::zero()};
    EXPECT_EQ(a.mul_by_v(), a * v);
    const Fp2 b0 = Fp2::random(), b1 = Fp2::random();
    EXPECT_EQ(a.mul_by_01(b0, b1), (a * Fp6{b0, b1, Fp2::zero()}));
  }
  const Fp6 v{Fp2::zero(), Fp2::one(), Fp2::zero()};
  EXPECT_EQ(v * v * v, (Fp6{Fp2{Fq::from_u64(9), Fq::one()}, Fp2::zero(), Fp2::zero()}));
}

TEST(Tower, Fp12Laws) {
  for (int i = 0; i < 20; ++i) {
    const Fp12 a = Fp12::random(), b = Fp12::random(), c = Fp12::random();
    EXPECT_EQ((a * b) * c, a * (b * c));
    EXPECT_EQ(a.square(), a * a);
    EXPECT_EQ(a * a.inverse(), Fp12::one());
    const Fp2 s0 = Fp2::random(), s1 = Fp2::random(), s3 = Fp2::random();
    const Fp12 line{{s0, Fp2::zero(), Fp2::zero()}, {s1, s3, Fp2::zero()}};
    EXPECT_EQ(a.mul_by_line(s0, s1, s3), a * line);
  }
  const Fp12 w{Fp6::zero(), Fp6::one()};
  const Fp6 v{Fp2::zero(), Fp2::one(), Fp2::zero()};
  EXPECT_EQ(w.square(), (Fp12{v, Fp6::zero()}));
}

TEST(Tower, FrobeniusMatchesExponentiation) {
  const Fp12 a = Fp12::random();
  const Fp12 f1 = a.frobenius(1);
  EXPECT_EQ(f1, pow_limbs(a, Fq::kModulus));
  EXPECT_EQ(a.frobenius(2), f1.frobenius(1));
  EXPECT_EQ(a.frobenius(3), f1.frobenius(1).frobenius(1));
  Fp12 b = a;
  for (int i = 0; i < 6; ++i) b = b.frobenius(1);
  EXPECT_EQ(b, a.conjugate());
}

TEST(Tower, CyclotomicSquareMatchesSquareInTheSubgroup) {
  for (int i = 0; i < 10; ++i) {
    const Fp12 a = Fp12::random();
    Fp12 f = a.conjugate() * a.inverse();  // f^(p^6 - 1)
    f = f.frobenius(2) * f;                // then ^(p^2 + 1): cyclotomic
    EXPECT_EQ(f.cyclotomic_square(), f.square());
  }
}

TEST(Pairing, NonDegenerateAndOfOrderR) {
  const Fp12 e = pairing(g1_generator(), g2_generator());
  EXPECT_FALSE(e.is_one());
  EXPECT_TRUE(pow_limbs(e, Fr::kModulus).is_one());
  EXPECT_TRUE(pairing(G1Affine::identity(), g2_generator()).is_one());
  EXPECT_TRUE(pairing(g1_generator(), G2Affine::identity()).is_one());
}

TEST(Pairing, Bilinear) {
  const G1Affine p = g1_generator();
  const G2Affine q = g2_generator();
  const Fp12 e = pairing(p, q);
  for (int i = 0; i < 3; ++i) {
    const Fr a = Fr::random(), b = Fr::random();
    const G1Affine ap = G1::from_affine(p).mul(a).to_affine();
    const G2Affine bq = G2::from_affine(q).mul(b).to_affine();
    EXPECT_EQ(pairing(ap, bq), pow_limbs(e, (a * b).to_limbs()));
    EXPECT_EQ(pairing(ap, q), pairing(p, G2::from_affine(q).mul(a).to_affine()));
  }
  // e(P1 + P2, Q) = e(P1, Q) e(P2, Q)
  const G1 p1 = G1::from_affine(p).mul(Fr::random()), p2 = G1::from_affine(p).mul(Fr::random());
  EXPECT_EQ(pairing((p1 + p2).to_affine(), q),
            pairing(p1.to_affine(), q) * pairing(p2.to_affine(), q));
}

TEST(Pairing, CheckAcceptsCancellingPairsOnly) {
  const Fr a = Fr::random();
  const G1Affine p = G1::from_affine(g1_generator()).mul(a).to_affine();
  const G2Affine q = g2_generator();
  const G2Affine aq = G2::from_affine(q).mul(a).to_affine();
  const std::pair<G1Affine, G2Affine> good[] = {{p, q}, {-g1_generator(), aq}};
  EXPECT_TRUE(pairing_check(good));
  const std::pair<G1Affine, G2Affine> bad[] = {{p, q}, {g1_generator(), aq}};
  EXPECT_FALSE(pairing_check(bad));
  const std::pair<G1Affine, G2Affine> single[] = {{p, q}};
  EXPECT_FALSE(pairing_check(single));
}

TEST(Pairing, MultiMillerLoopEqualsProductOfLoops) {
  const G1Affine p1 = G1::from_affine(g1_generator()).mul(Fr::random()).to_affine();
  const G1Affine p2 = G1::from_affine(g1_generator()).mul(Fr::random()).to_affine();
  const G2Prepared q1 = prepare_g2(G2::from_affine(g2_generator()).mul(Fr::random()).to_affine());
  const G2Prepared q2 = prepare_g2(G2::from_affine(g2_generator()).mul(Fr::random()).to_affine());
  const MillerPair both[] = {{p1, &q1}, {p2, &q2}};
  const MillerPair first[] = {{p1, &q1}};
  const MillerPair second[] = {{p2, &q2}};
  EXPECT_EQ(final_exponentiation(multi_miller_loop(both)),
            final_exponentiation(multi_miller_loop(first) * multi_miller_loop(second)));
}

}  // namespace
}  // namespace verimeter::zk
