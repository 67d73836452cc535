#!/bin/sh
# Cross-checks verimeter's signed notes against Go's golang.org/x/mod/sumdb/note (Debian's
# golang-go and golang-golang-x-mod-dev, built offline in GOPATH mode). Fails, never skips, when
# Go or the package is missing.
# Usage: run_note_interop.sh NOTE_INTEROP_BINARY
set -eu
driver=$1
here=$(cd "$(dirname "$0")" && pwd)
gopath=/usr/share/gocode
if ! command -v go >/dev/null || [ ! -d "$gopath/src/golang.org/x/mod/sumdb/note" ]; then
  echo "FAIL: needs go and $gopath/src/golang.org/x/mod/sumdb/note" \
       "(apt-get install golang-go golang-golang-x-mod-dev)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$here/notecheck" && GO111MODULE=off GOPATH=$gopath GOCACHE="$work/cache" GOFLAGS= \
  go build -o "$work/notecheck" .)
"$driver" gen "$work/cases.jsonl"
"$work/notecheck" < "$work/cases.jsonl" > "$work/answers.jsonl"
"$driver" check "$work/cases.jsonl" "$work/answers.jsonl"
