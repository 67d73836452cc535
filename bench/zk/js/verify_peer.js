// Peer figures for bench/zk/verify_bench.cpp, measured in-process and warm:
//   node verify_peer.js VKEY PROOF PUBLIC RUNS BATCH
//     -> JSON {snarkjs_verify_ms, snarkjs_verify_batch_per_proof_ms}
// Figures are CPU time (process.cpuUsage, all threads), like the C++ side, so that a loaded
// machine does not distort the ratio. snarkjs has no batch verifier: its "batch" figure is
// BATCH sequential verifications / BATCH.
"use strict";
const fs = require("fs");
const path = require("path");
if (!fs.existsSync(path.join(__dirname, "node_modules", "snarkjs"))) {
  console.error(`npm ci first in ${__dirname}`);
  process.exit(1);
}
const snarkjs = require("snarkjs");

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

async function main() {
  const [vkPath, proofPath, publicPath, runsArg, batchArg] = process.argv.slice(2);
  const runs = Number(runsArg || "20");
  const batch = Number(batchArg || "16");
  const vk = JSON.parse(fs.readFileSync(vkPath, "utf8"));
  const proof = JSON.parse(fs.readFileSync(proofPath, "utf8"));
  const pub = JSON.parse(fs.readFileSync(publicPath, "utf8"));
  const quiet = { debug() {}, info() {}, warn() {}, error: console.error };
  if (!(await snarkjs.groth16.verify(vk, pub, proof, quiet))) throw new Error("snarkjs rejects");
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    await snarkjs.groth16.verify(vk, pub, proof, quiet);
    times.push(now() - t0);
  }
  const t0 = now();
  for (let i = 0; i < batch; i++) await snarkjs.groth16.verify(vk, pub, proof, quiet);
  const batchPer = (now() - t0) / batch;
  process.stdout.write(JSON.stringify({
    snarkjs_verify_ms: median(times),
    snarkjs_verify_batch_per_proof_ms: batchPer,
  }));
  process.exit(0);  // snarkjs keeps worker threads alive
}
main().catch((e) => { console.error(e); process.exit(1); });
