// Prints Poseidon test vectors from circomlibjs as JSON: for every width (1..16 inputs), COUNT
// inputs drawn from a PRNG seeded with SEED (0 = fresh randomness), including edge values.
// Usage: node poseidon_vectors.js SEED COUNT
"use strict";
const { buildPoseidonReference } = require("circomlibjs");
const crypto = require("crypto");

const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

function makeRng(seed) {
  if (seed === 0n) return () => BigInt("0x" + crypto.randomBytes(40).toString("hex")) % R;
  let counter = 0n;
  return () => {
    const h = crypto.createHash("sha512").update(`${seed}:${counter++}`).digest("hex");
    return BigInt("0x" + h) % R;
  };
}

async function main() {
  const seed = BigInt(process.argv[2] || "0");
  const count = Number(process.argv[3] || "3");
  const rng = makeRng(seed);
  const poseidon = await buildPoseidonReference();
  const F = poseidon.F;
  const out = [];
  for (let n = 1; n <= 16; n++) {
    for (let k = 0; k < count; k++) {
      const inputs = [];
      for (let i = 0; i < n; i++) {
        if (k === 0) inputs.push(i === 0 ? R - 1n : 0n);  // edge values first
        else inputs.push(rng());
      }
      const h = F.toObject(poseidon(inputs));
      out.push({ inputs: inputs.map(String), hash: h.toString() });
    }
  }
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
