#!/usr/bin/env bash
# What apple-errors adds to a dependent's build: `cargo check` of a tiny
# crate that already uses serde (derive), serde_json and thiserror, from a
# clean target directory, without apple-errors, with it (default features),
# and with its `macros` feature and one `vocabulary!` (reported separately).
# Also shows that a no-op rebuild does not rerun apple-errors' build script.
#
#   scripts/build-cost.sh [runs]      (default 3 runs of each; prints medians)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
# Measure plain builds: no shared target directory, no compiler cache.
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_crate() { # name, extra dependency line
  mkdir -p "$work/$1/src"
  cat > "$work/$1/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2021"

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
thiserror = "2"
$2
TOML
  cat > "$work/$1/src/lib.rs" <<'RS'
#[derive(serde::Deserialize, Debug)]
pub struct Body { pub reason: String }
#[derive(thiserror::Error, Debug)]
#[error("push failed: {0:?}")]
pub struct Failed(pub Body);
pub fn parse(b: &[u8]) -> Result<Body, serde_json::Error> { serde_json::from_slice(b) }
RS
}

make_crate without ""
make_crate with "apple-errors = { path = \"$repo\" }"
cat >> "$work/with/src/lib.rs" <<'RS'
pub fn retry(status: u16, b: &[u8]) -> bool {
    apple_errors::apns::Response::new(status, b).classify().is_ok_and(|_| true)
}
RS
make_crate with_macros "apple-errors = { path = \"$repo\", features = [\"macros\"] }"
cp "$repo/examples/specs/pager.json" "$work/with_macros/pager.json"
cat >> "$work/with_macros/src/lib.rs" <<'RS'
pub fn retry(status: u16, b: &[u8]) -> bool {
    apple_errors::apns::Response::new(status, b).classify().is_ok_and(|_| true)
}
pub mod pager {
    apple_errors::vocabulary!("pager.json");
}
pub const GONE: pager::ErrorCode = pager::error_code!("NO_SUCH_PERSON");
RS

# Fetch first so that downloads are not timed.
for c in without with with_macros; do (cd "$work/$c" && cargo fetch -q); done

time_check() { # crate -> seconds for a clean `cargo check`
  local dir="$work/$1" start end
  rm -rf "$dir/target"
  start=$(date +%s.%N)
  (cd "$dir" && cargo check -q --offline --target-dir "$dir/target")
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f\n", b - a }'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A result
for c in without with with_macros; do
  times=()
  for _ in $(seq "$runs"); do times+=("$(time_check "$c")"); done
  result[$c]=$(printf '%s\n' "${times[@]}" | median)
  echo "$c apple-errors: ${times[*]} s (median ${result[$c]} s)"
done
echo "added by apple-errors: $(awk -v a="${result[without]}" -v b="${result[with]}" 'BEGIN { printf "%.1f", b - a }') s (median of $runs clean checks each, $(nproc) cores)"
echo "added by apple-errors with feature macros and one vocabulary!: $(awk -v a="${result[without]}" -v b="${result[with_macros]}" 'BEGIN { printf "%.1f", b - a }') s"

# A rebuild after a change to the crate's own sources (not to the specs or
# the generator) must not rerun the build script.
cd "$work/with"
cargo check -q --offline --target-dir target
touch src/lib.rs
if cargo check -vv --offline --target-dir target 2>&1 | grep -q 'Running .*apple-errors.*build-script-build'; then
  echo "rebuild: build.rs ran again" >&2
  exit 1
fi
echo "rebuild after an edit: build.rs not rerun"
