// Random BN254 test vectors computed by @noble/curves (an independent implementation), read by
// the C++ cross-check tests/zk/interop/noble_crosscheck.cpp, which recomputes every value.
// Usage: node noble_vectors.mjs COUNT  -> JSON on stdout (all numbers as decimal strings).
import { randomBytes } from 'node:crypto';
import { bn254 } from '@noble/curves/bn254.js';

const { Fp, Fr, Fp2, Fp12 } = bn254.fields;
const count = Number(process.argv[2] || 8);

const rand = (order) => BigInt('0x' + randomBytes(40).toString('hex')) % order;
const s = (x) => x.toString();
const fp2 = (a) => [s(a.c0), s(a.c1)];
const fp6 = (a) => [...fp2(a.c0), ...fp2(a.c1), ...fp2(a.c2)];
const fp12 = (a) => [...fp6(a.c0), ...fp6(a.c1)];
const randFp2 = () => Fp2.create({ c0: rand(Fp.ORDER), c1: rand(Fp.ORDER) });
const randFp6 = () => ({ c0: randFp2(), c1: randFp2(), c2: randFp2() });
const randFp12 = () => ({ c0: randFp6(), c1: randFp6() });
const g1 = (P) => { const a = P.toAffine(); return [s(a.x), s(a.y)]; };
const g2 = (P) => { const a = P.toAffine(); return [...fp2(a.x), ...fp2(a.y)]; };

const out = { fq: [], fr: [], fp2: [], fp12: [], g1: [], g2: [], pairing: [] };
for (let i = 0; i < count; i++) {
  const a = rand(Fp.ORDER), b = rand(Fp.ORDER);
  out.fq.push({ a: s(a), b: s(b), add: s(Fp.add(a, b)), sub: s(Fp.sub(a, b)), mul: s(Fp.mul(a, b)),
                inv: s(Fp.inv(a)) });
  const c = rand(Fr.ORDER), d = rand(Fr.ORDER);
  out.fr.push({ a: s(c), b: s(d), mul: s(Fr.mul(c, d)), inv: s(Fr.inv(c)) });
  const x = randFp2(), y = randFp2();
  out.fp2.push({ a: fp2(x), b: fp2(y), mul: fp2(Fp2.mul(x, y)), sqr: fp2(Fp2.sqr(x)),
                 inv: fp2(Fp2.inv(x)) });
  const u = randFp12(), v = randFp12();
  out.fp12.push({ a: fp12(u), b: fp12(v), mul: fp12(Fp12.mul(u, v)), inv: fp12(Fp12.inv(u)) });
  const k1 = rand(Fr.ORDER) || 1n, k2 = rand(Fr.ORDER) || 1n;
  const P1 = bn254.G1.Point.BASE.multiply(k1), P2 = bn254.G1.Point.BASE.multiply(k2);
  out.g1.push({ k1: s(k1), k2: s(k2), p1: g1(P1), sum: g1(P1.add(P2)) });
  const Q = bn254.G2.Point.BASE.multiply(k2);
  out.g2.push({ k: s(k2), q: g2(Q), dbl: g2(Q.double()) });
  if (i < 3) out.pairing.push({ a: s(k1), b: s(k2), gt: fp12(bn254.pairing(P1, Q)) });
}
process.stdout.write(JSON.stringify(out));
