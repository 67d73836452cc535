// snarkjs / circomlibjs cross-checks of the verimeter binary, run by CTest (label "interop").
// Usage: node interop.js VERIMETER_BINARY CHECK
//   poseidon        fresh random inputs for every width: `zk poseidon` == circomlibjs
//   snarkjs-proofs  snarkjs proves the circom fixtures (fresh randomness): `zk verify` accepts,
//                   and rejects tampered public signals, proofs and keys
//   our-proofs      `zk prove` on the circom fixtures (snarkjs witness): snarkjs verifies
//   our-circuit     our C++ circuit: `snarkjs wtns check`, snarkjs setup -> `zk prove` ->
//                   snarkjs verify; `zk setup` -> snarkjs prove -> `zk verify` and snarkjs verify;
//                   `zk export-vkey` equals snarkjs' export
// Exits non-zero on any mismatch; a missing node_modules is a failure, not a skip.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { isDeepStrictEqual } = require("util");

for (const dep of ["snarkjs", "circomlibjs"]) {
  if (!fs.existsSync(path.join(__dirname, "node_modules", dep))) {
    console.error(`FAIL: ${dep} is not installed; run npm ci in ${__dirname}`);
    process.exit(1);
  }
}
const snarkjs = require("snarkjs");
const { buildPoseidonReference } = require("circomlibjs");

const [BIN, CHECK] = process.argv.slice(2);
const FIX = path.join(__dirname, "..", "fixtures");
const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vm-zk-interop-"));
let failures = 0;

function check(cond, what) {
  if (cond) {
    console.log(`ok   ${what}`);
  } else {
    console.log(`FAIL ${what}`);
    failures++;
  }
}
function run(args) {
  const r = spawnSync(BIN, args, { encoding: "utf8" });
  if (r.error) throw r.error;
  return r;
}
function expectRun(args, what) {
  const r = run(args);
  check(r.status === 0, `${what} (exit ${r.status}${r.status ? ": " + r.stderr.trim() : ""})`);
  return r;
}
const readJson = (p) => JSON.parse(fs.readFileSync(p, "utf8"));
const writeJson = (p, v) => fs.writeFileSync(p, JSON.stringify(v));
const randomField = () => BigInt("0x" + require("crypto").randomBytes(40).toString("hex")) % R;
const quiet = { debug() {}, info() {}, warn() {}, error: console.error };

async function poseidon() {
  const h = await buildPoseidonReference();
  for (let n = 1; n <= 16; n++) {
    for (let k = 0; k < 3; k++) {
      const inputs = Array.from({ length: n }, randomField);
      const expected = h.F.toObject(h(inputs)).toString();
      const r = run(["zk", "poseidon", ...inputs.map(String)]);
      check(r.status === 0 && r.stdout.trim() === expected, `poseidon width ${n + 1} sample ${k}`);
    }
  }
  const bad = run(["zk", "poseidon", R.toString()]);
  check(bad.status === 2, "poseidon rejects a non-canonical input with exit 2");
}

function verifyCli(vk, pub, proof) {
  return run(["zk", "verify", "--vkey", vk, "--public", pub, "--proof", proof]).status;
}

async function snarkjsProofs() {
  for (const name of ["mixed", "binder"]) {
    const dir = path.join(FIX, name);
    const vk = path.join(dir, "verification_key.json");
    const { proof, publicSignals } = await snarkjs.groth16.prove(
      path.join(dir, "circuit.zkey"), path.join(dir, "witness.wtns"), quiet);
    const pf = path.join(tmp, `${name}.proof.json`), pu = path.join(tmp, `${name}.public.json`);
    writeJson(pf, proof);
    writeJson(pu, publicSignals);
    check(verifyCli(vk, pu, pf) === 0, `${name}: zk verify accepts a fresh snarkjs proof`);
    const badPub = publicSignals.slice();
    badPub[0] = ((BigInt(badPub[0]) + 1n) % R).toString();
    writeJson(pu, badPub);
    check(verifyCli(vk, pu, pf) === 1, `${name}: wrong public signal -> exit 1`);
    writeJson(pu, publicSignals.concat(["1"]));
    check(verifyCli(vk, pu, pf) !== 0, `${name}: extra public signal rejected`);
    writeJson(pu, publicSignals);
    const swapped = JSON.parse(JSON.stringify(proof));
    swapped.pi_b[0].reverse();
    writeJson(pf, swapped);
    check(verifyCli(vk, pu, pf) !== 0, `${name}: swapped G2 coordinates rejected`);
    const other = path.join(FIX, name === "mixed" ? "binder" : "mixed", "verification_key.json");
    writeJson(pf, proof);
    check(verifyCli(other, pu, pf) !== 0, `${name}: wrong key rejected`);
  }
}

async function ourProofs() {
  const info = run(["zk", "r1cs", "info", path.join(FIX, "mixed", "circuit.r1cs")]);
  const counts = info.status === 0 ? JSON.parse(info.stdout) : {};
  check(counts.constraints === 257 && counts.wires === 261 && counts.public_outputs === 2 &&
    counts.public_inputs === 2, "zk r1cs info reports the circom counts");
  check(run(["zk", "r1cs", "info", path.join(FIX, "mixed", "witness.wtns")]).status === 2,
    "zk r1cs info on a non-r1cs file -> exit 2");
  const missing = run(["zk", "prove", "--zkey", path.join(tmp, "nope.zkey"), "--wtns",
    path.join(FIX, "mixed", "witness.wtns"), "--proof", path.join(tmp, "p"), "--public", path.join(tmp, "u")]);
  check(missing.status === 2, "zk prove with a missing key -> exit 2");
  const mismatch = run(["zk", "prove", "--zkey", path.join(FIX, "binder", "circuit.zkey"), "--wtns",
    path.join(FIX, "mixed", "witness.wtns"), "--proof", path.join(tmp, "p"), "--public", path.join(tmp, "u")]);
  check(mismatch.status === 2, "zk prove with another circuit's witness -> exit 2");
  check(run(["zk", "prove", "--zkey", "x"]).status === 2, "zk prove without required options -> exit 2");
  for (const name of ["mixed", "binder"]) {
    const dir = path.join(FIX, name);
    const pf = path.join(tmp, `${name}.ours.proof.json`), pu = path.join(tmp, `${name}.ours.public.json`);
    expectRun(["zk", "prove", "--zkey", path.join(dir, "circuit.zkey"), "--wtns",
      path.join(dir, "witness.wtns"), "--proof", pf, "--public", pu], `${name}: zk prove`);
    const vk = readJson(path.join(dir, "verification_key.json"));
    const ok = await snarkjs.groth16.verify(vk, readJson(pu), readJson(pf), quiet);
    check(ok === true, `${name}: snarkjs verifies our proof`);
    check(JSON.stringify(readJson(pu)) === JSON.stringify(readJson(path.join(dir, "public.json"))),
      `${name}: our public.json equals snarkjs'`);
    const bad = readJson(pu);
    bad[0] = ((BigInt(bad[0]) + 1n) % R).toString();
    check((await snarkjs.groth16.verify(vk, bad, readJson(pf), quiet)) === false,
      `${name}: snarkjs rejects our proof with a wrong public signal`);
  }
}

async function ourCircuit() {
  const r1cs = path.join(tmp, "m.r1cs"), wtns = path.join(tmp, "m.wtns"), pub = path.join(tmp, "m.public.json");
  expectRun(["zk", "circuit", "--depth", "3", "--seed", String(Date.now() % 100000), "--r1cs", r1cs,
    "--wtns", wtns, "--public", pub], "zk circuit writes r1cs/wtns");
  check((await snarkjs.wtns.check(r1cs, wtns, quiet)) === true, "snarkjs wtns check accepts our witness");

  // snarkjs setup on our r1cs, our prover, snarkjs verify.
  const zkey = path.join(tmp, "m.zkey");
  await snarkjs.zKey.newZKey(r1cs, path.join(FIX, "pot11.ptau"), zkey, quiet);
  const vk = await snarkjs.zKey.exportVerificationKey(zkey, quiet);
  const pf = path.join(tmp, "m.proof.json"), pu = path.join(tmp, "m.out.public.json");
  expectRun(["zk", "prove", "--zkey", zkey, "--wtns", wtns, "--proof", pf, "--public", pu],
    "zk prove on the snarkjs key of our circuit");
  check((await snarkjs.groth16.verify(vk, readJson(pu), readJson(pf), quiet)) === true,
    "snarkjs verifies our proof of our circuit");
  check(JSON.stringify(readJson(pu)) === JSON.stringify(readJson(pub)), "public signals as exported");

  // Our export of the verification key equals snarkjs' export.
  const ourVk = path.join(tmp, "m.ourvk.json");
  expectRun(["zk", "export-vkey", "--zkey", zkey, "--vkey", ourVk], "zk export-vkey");
  check(isDeepStrictEqual(readJson(ourVk), vk), "zk export-vkey equals snarkjs' (same members and values)");

  // Our development setup: snarkjs proves with our key, both verifiers accept.
  const devZkey = path.join(tmp, "dev.zkey"), devVk = path.join(tmp, "dev.vk.json");
  expectRun(["zk", "setup", "--r1cs", r1cs, "--zkey", devZkey, "--vkey", devVk], "zk setup");
  const snarkVk = await snarkjs.zKey.exportVerificationKey(devZkey, quiet);
  check(isDeepStrictEqual(snarkVk, readJson(devVk)), "snarkjs exports the same vkey from our zkey");
  const { proof, publicSignals } = await snarkjs.groth16.prove(devZkey, wtns, quiet);
  check((await snarkjs.groth16.verify(readJson(devVk), publicSignals, proof, quiet)) === true,
    "snarkjs proves and verifies with our dev key");
  writeJson(pf, proof);
  writeJson(pu, publicSignals);
  check(verifyCli(devVk, pu, pf) === 0, "zk verify accepts snarkjs' proof on our dev key");
  expectRun(["zk", "prove", "--zkey", devZkey, "--wtns", wtns, "--proof", pf, "--public", pu],
    "zk prove with our dev key");
  check((await snarkjs.groth16.verify(snarkVk, readJson(pu), readJson(pf), quiet)) === true,
    "snarkjs verifies our proof on our dev key");
}

const checks = { poseidon, "snarkjs-proofs": snarkjsProofs, "our-proofs": ourProofs, "our-circuit": ourCircuit };
if (!BIN || !checks[CHECK]) {
  console.error(`usage: node interop.js VERIMETER_BINARY (${Object.keys(checks).join("|")})`);
  process.exit(2);
}
checks[CHECK]()
  .then(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    console.log(failures ? `${failures} check(s) failed` : "all checks passed");
    process.exit(failures ? 1 : 0);
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
