#!/usr/bin/env bash
# Instructions per parse, counted by callgrind: every parse entry point of
# apple-errors beside a minimal hand classifier for the APNs shapes, the real
# `a2` and `app-store-server-library` crates, and serde-derived structs shaped
# like Apple's models. Prints a Markdown table (BENCHMARKS.md).
#
#   scripts/instructions.sh            (JOBS=2 valgrind runs at a time)
#
# Needs valgrind (apt-get install valgrind). The comparison crate lives in
# benches/peers/, outside the workspace, with its own Cargo.lock and target
# directory, so its dependencies never reach the main builds.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind is not installed (apt-get install valgrind)" >&2
  exit 1
fi
cd "$repo/benches/peers"
export CARGO_TARGET_DIR=$repo/benches/peers/target
unset RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER CARGO_BUILD_TARGET_DIR
cargo build --release --locked --quiet
echo "$(rustc --version); valgrind $(valgrind --version | sed 's/^valgrind-//'); $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
if rev=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null); then
  git -C "$repo" diff --quiet HEAD -- src build.rs spec 2>/dev/null ||
    rev="$rev, with uncommitted changes to src/, build.rs or spec/"
  echo "apple-errors at $rev"
fi
"$CARGO_TARGET_DIR/release/apple-errors-peer-bench"
