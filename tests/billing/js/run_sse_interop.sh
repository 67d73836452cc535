#!/bin/sh
# Cross-checks verimeter's SSE splitting (billing/adapters/sse_transcript) against eventsource-parser
# on every SSE fixture. Fails (never skips) when node or node_modules is missing.
# Usage: run_sse_interop.sh NODE COMPARATOR_BINARY
set -eu
node=$1
comparator=$2
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$(cd "$here/../fixtures" && pwd)
if [ ! -d "$here/node_modules/eventsource-parser" ]; then
  echo "FAIL: $here/node_modules missing; run npm ci in tests/billing/js" >&2
  exit 1
fi
files=$(cd "$fixtures" && ls openai/*.txt anthropic/*.txt gemini/*.txt openai_compatible/*.txt sse/*.txt)
ref=$(mktemp)
trap 'rm -f "$ref"' EXIT
# shellcheck disable=SC2086
"$node" "$here/sse_reference.mjs" "$fixtures" $files > "$ref"
"$comparator" "$ref" "$fixtures"
