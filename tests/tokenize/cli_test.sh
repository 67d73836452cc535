#!/bin/sh
# End-to-end checks of `verimeter tokens` (ids from the tiktoken npm package).
# usage: cli_test.sh VERIMETER
set -u
bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; fail=0
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
check() {  # name expected actual
  if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: expected '$2', got '$3'"; fail=1; fi
}
check "encode o200k stdin" "[13225,11,2375]" "$(printf 'Hello, world' | "$bin" tokens encode --encoding o200k_base -)"
check "encode cl100k stdin" "[9906,11,1917]" "$(printf 'Hello, world' | "$bin" tokens encode -e cl100k_base)"
check "empty input" "[]" "$(printf '' | "$bin" tokens encode -)"
check "specials are text by default" "9" "$(printf 'a<|endoftext|>b' | "$bin" tokens count -)"
check "allowed special" "[64,199999,65]" "$(printf 'a<|endoftext|>b' | "$bin" tokens encode --allow-special '<|endoftext|>' -)"
# A 5 MB file streams in batches; the count equals the sum over its identical 50 KB blocks.
i=0; : > "$tmp/block"; while [ $i -lt 500 ]; do printf 'Line %d of the block, with words.\n' $i >> "$tmp/block"; i=$((i+1)); done
block_count="$("$bin" tokens count "$tmp/block")"
i=0; : > "$tmp/big"; while [ $i -lt 256 ]; do cat "$tmp/block" >> "$tmp/big"; i=$((i+1)); done
check "streamed count of a large file" "$((block_count * 256))" "$("$bin" tokens count "$tmp/big")"
check "model table" "o200k_base" "$("$bin" tokens model gpt-4o-2024-08-06)"
"$bin" tokens model claude-3-opus >/dev/null 2>&1; check "private model exits 1" "1" "$?"
"$bin" tokens count /nonexistent/file >/dev/null 2>&1; check "missing file exits 2" "2" "$?"
"$bin" tokens count --encoding p50k_base - </dev/null >/dev/null 2>&1; check "unknown encoding exits 2" "2" "$?"
VERIMETER_TOKENIZER_DIR=/nonexistent "$bin" tokens count - </dev/null >/dev/null 2>&1; check "missing data exits 2" "2" "$?"
cp -r "$(dirname "$0")/../../data/tokenize" "$tmp/data"; printf 'x' >> "$tmp/data/o200k_base.tiktoken"
printf 'hi' | "$bin" tokens count --data-dir "$tmp/data" - >/dev/null 2>&1; check "corrupted rank file exits 2" "2" "$?"
(cd / && printf 'hi' | "$bin" tokens count -) >/dev/null 2>&1; check "runs from any cwd" "0" "$?"
exit $fail
