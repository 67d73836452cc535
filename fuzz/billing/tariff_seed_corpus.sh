#!/bin/sh
# Builds a seed corpus for fuzz_billing_tariff from examples/tariffs: each file prefixed with
# the selector byte of its parser (0 = JSON, 1 = TOML).
# Usage: tariff_seed_corpus.sh OUT_DIR
set -eu
out=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
for f in "$root"/examples/tariffs/*.json; do
  { printf '\000'; cat "$f"; } > "$out/json-$(basename "$f")"
done
for f in "$root"/examples/tariffs/*.toml; do
  { printf '\001'; cat "$f"; } > "$out/toml-$(basename "$f")"
done
