#!/usr/bin/env bash
# Runs every fuzz target for a bounded time on a copy of its seeds (the
# differential target: every target's seeds and JSONTestSuite's parsing
# files), with the JSON dictionary, so the checkout is not modified.
#
#   fuzz/smoke.sh [seconds per target, default 20]
#
# Needs cargo-fuzz on PATH; RUSTC_BOOTSTRAP lets a stable toolchain take the
# sanitizer flags it passes. Fails on the first crash.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-20}
# JSONTestSuite: vendored under tests/data, or the shared copy beside the
# checkout.
suite=
for dir in ../tests/data/JSONTestSuite/test_parsing ../../shared/data/JSONTestSuite/test_parsing; do
  if [ -d "$dir" ]; then suite=$dir; break; fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
targets=$(cargo fuzz list)
for t in $targets; do
  corpus=$work/$t
  mkdir -p "$corpus"
  if [ "$t" = differential ]; then
    for d in seeds/*/; do
      for f in "$d"*; do cp "$f" "$corpus/$(basename "$d")_$(basename "$f")"; done
    done
    [ -n "$suite" ] && cp "$suite"/* "$corpus/"
  elif [ -d "seeds/$t" ]; then
    cp seeds/"$t"/* "$corpus/"
  fi
  echo "== $t (${secs} s)"
  status=0
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" "$corpus" -- \
    -max_total_time="$secs" -dict=json.dict -artifact_prefix="$work/" \
    -print_final_stats=1 >"$work/log" 2>&1 || status=$?
  grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::number_of_executed_units)' "$work/log" || true
  if [ "$status" -ne 0 ]; then
    tail -40 "$work/log" >&2
    echo "fuzz target $t failed (exit $status)" >&2
    exit 1
  fi
done
