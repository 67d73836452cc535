#!/bin/sh
# Writes the differential corpus and the reference ids of the npm tokenizers to OUT_DIR.
# usage: run_differential.sh NODE OUT_DIR   (fails, never skips, if node or node_modules is missing)
set -eu
node="$1"; out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v "$node" >/dev/null 2>&1; then echo "node not found: $node" >&2; exit 1; fi
for pkg in tiktoken js-tiktoken gpt-tokenizer; do
  if [ ! -d "$here/node_modules/$pkg" ]; then
    echo "missing $here/node_modules/$pkg: run 'npm ci' in $here" >&2; exit 1
  fi
done
rm -rf "$out"
cd "$here" && exec "$node" expected.mjs "$out"
