// Peer figures for bench/zk/prove_bench.cpp, measured in-process (warm):
//   node prove_peer.js ZKEY WTNS RUNS  -> JSON {snarkjs_prove_ms, circomlibjs_poseidon2_us,
//                                             circomlibjs_poseidon9_us}
"use strict";
const fs = require("fs");
const path = require("path");
if (!fs.existsSync(path.join(__dirname, "node_modules", "snarkjs"))) {
  console.error(`npm ci first in ${__dirname}`);
  process.exit(1);
}
const snarkjs = require("snarkjs");
const { buildPoseidon } = require("circomlibjs");

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => Number(process.hrtime.bigint()) / 1e6;

async function main() {
  const [zkey, wtns, runsArg] = process.argv.slice(2);
  const runs = Number(runsArg || "5");
  const quiet = { debug() {}, info() {}, warn() {}, error: console.error };
  await snarkjs.groth16.prove(zkey, wtns, quiet);  // warm-up
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    await snarkjs.groth16.prove(zkey, wtns, quiet);
    times.push(now() - t0);
  }
  const poseidon = await buildPoseidon();  // circomlibjs' optimised implementation
  const perHash = (n) => {
    const inputs = Array.from({ length: n }, (_, i) => BigInt(i + 1));
    for (let i = 0; i < 200; i++) poseidon(inputs);
    const iters = 3000;
    const t0 = now();
    for (let i = 0; i < iters; i++) poseidon(inputs);
    return ((now() - t0) * 1000) / iters;
  };
  const out = {
    snarkjs_prove_ms: median(times),
    circomlibjs_poseidon2_us: perHash(2),
    circomlibjs_poseidon8_us: perHash(8),
  };
  process.stdout.write(JSON.stringify(out) + "\n");
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
