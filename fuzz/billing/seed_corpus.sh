#!/bin/sh
# Builds a seed corpus for fuzz_billing_adapters from the adapter fixtures: each seed is one
# provider-selector byte (index into known_providers(): anthropic, gemini, ollama, openai,
# openai_compatible) followed by a fixture's bytes.
# Usage: fuzz/billing/seed_corpus.sh OUT_DIR
set -eu
out=${1:?usage: seed_corpus.sh OUT_DIR}
src=$(cd "$(dirname "$0")/../../tests/billing/fixtures" && pwd)
mkdir -p "$out"
index() {
  case "$1" in
    anthropic) echo 0 ;; gemini) echo 1 ;; ollama) echo 2 ;; openai) echo 3 ;; *) echo 4 ;;
  esac
}
for dir in anthropic gemini ollama openai openai_compatible; do
  for f in "$src/$dir"/*; do
    { printf "\\$(printf '%03o' "$(index "$dir")")"; cat "$f"; } > "$out/${dir}_$(basename "$f")"
  done
done
