#!/usr/bin/env bash
# Builds a seed corpus for fuzz_zk_groth16_json from the snarkjs fixtures: each file is prefixed
# with the selector byte of its reader (0 = verification key, 1 = proof, 2 = public signals).
# Usage: fuzz/zk/seed_corpus.sh OUT_DIR
set -euo pipefail
out=${1:?usage: seed_corpus.sh OUT_DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
for dir in "$root"/tests/zk/fixtures/*/; do
  name=$(basename "$dir")
  [ -f "$dir/verification_key.json" ] || continue
  { printf '\x00'; cat "$dir/verification_key.json"; } > "$out/vk_$name"
  { printf '\x01'; cat "$dir/proof.json"; } > "$out/proof_$name"
  { printf '\x02'; cat "$dir/public.json"; } > "$out/public_$name"
done
