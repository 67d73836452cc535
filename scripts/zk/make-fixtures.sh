#!/usr/bin/env bash
# Regenerates tests/zk/fixtures/ from the circom sources in tests/zk/circuits/ with the pinned npm
# tools of tests/zk/js/ (snarkjs, circom2, circomlib, circomlibjs). Run it only when a circuit
# changes: the phase-1 ceremony takes a few minutes. Every random step is replaced by a beacon so
# the output depends only on the inputs below, except snarkjs' own proof randomness.
#
# Usage: scripts/zk/make-fixtures.sh            (from anywhere; needs node >= 18)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JS="$ROOT/tests/zk/js"
OUT="${ZK_FIXTURES_OUT:-$ROOT/tests/zk/fixtures}"  # override to regenerate elsewhere
POWER=11
BEACON=0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20

cd "$JS"
[ -d node_modules ] || npm ci --no-audit --no-fund
SNARKJS="node $JS/node_modules/snarkjs/build/cli.cjs"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

echo "== phase 1: powers of tau 2^$POWER (beacon only, test use)"
$SNARKJS powersoftau new bn128 $POWER "$WORK/pot_0.ptau"
$SNARKJS powersoftau beacon "$WORK/pot_0.ptau" "$WORK/pot_1.ptau" $BEACON 10 -n="verimeter test beacon"
$SNARKJS powersoftau prepare phase2 "$WORK/pot_1.ptau" "$OUT/pot${POWER}.ptau"

# make_circuit NAME INPUT_JSON: compile, phase 2, witness, proof, verification key.
make_circuit() {
  local name=$1 input=$2 dir="$OUT/$1"
  echo "== circuit $name"
  mkdir -p "$dir"
  # circom2 runs under WASI and only sees paths below the working directory.
  cp "$ROOT/tests/zk/circuits/$name.circom" "$JS/$name.circom"
  (cd "$JS" && npx circom2 "$name.circom" -l node_modules --O2 --r1cs --wasm -o "$(realpath --relative-to="$JS" "$WORK")")
  rm -f "$JS/$name.circom"
  $SNARKJS groth16 setup "$WORK/$name.r1cs" "$OUT/pot${POWER}.ptau" "$WORK/${name}_0.zkey"
  $SNARKJS zkey beacon "$WORK/${name}_0.zkey" "$dir/circuit.zkey" $BEACON 10 -n="verimeter test beacon"
  $SNARKJS zkey export verificationkey "$dir/circuit.zkey" "$dir/verification_key.json"
  echo "$input" > "$dir/input.json"
  cp "$WORK/$name.r1cs" "$dir/circuit.r1cs"
  $SNARKJS wtns calculate "$WORK/${name}_js/$name.wasm" "$dir/input.json" "$dir/witness.wtns"
  $SNARKJS groth16 prove "$dir/circuit.zkey" "$dir/witness.wtns" "$dir/proof.json" "$dir/public.json"
  $SNARKJS groth16 verify "$dir/verification_key.json" "$dir/public.json" "$dir/proof.json"
}

make_circuit binder '{"c": ["1","2","3","4","5","6","7","8"]}'
make_circuit mixed '{"a": "7", "b": "1234", "x": "3", "y": "11"}'

echo "== poseidon vectors (circomlibjs, fixed seed)"
node "$JS/poseidon_vectors.js" 20260101 4 > "$OUT/poseidon_vectors.json"
ls -l "$OUT" "$OUT"/*/
