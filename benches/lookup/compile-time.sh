#!/usr/bin/env bash
# How long the generated lookups take to compile, for each table size:
# the emitter's output as it is (`match`), the same with the body of
# `from_wire_bytes` replaced by `None` (`none`, the rest of the generated
# code), and `none` plus a `phf` map of the same values with a function that
# looks it up (`phf`). Each is the whole of a library crate that depends on
# apple-errors and phf, built in the dev and release profiles after its
# dependencies are built; figures are the median wall time of `cargo build`
# over RUNS rebuilds (default 3), without incremental compilation (which
# would otherwise make a rebuild of the unchanged dev crate nearly free).
#
#     ./compile-time.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-3}
here=$(pwd)

# The bench crate's build script writes the files (see build.rs).
out_dir=$(cargo build --release --lib --message-format=json 2>/dev/null |
  jq -r 'select(.reason == "build-script-executed" and (.package_id | contains("lookup-bench"))) | .out_dir' |
  tail -n 1)
[ -n "$out_dir" ] || { echo "no OUT_DIR found" >&2; exit 1; }

crate=target/compile-time
mkdir -p "$crate/src"
cat >"$crate/Cargo.toml" <<TOML
[package]
name = "lookup-compile-time"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
apple-errors = { path = "$here/../.." }
phf = { version = "0.14", default-features = false }

[workspace]
TOML
cp Cargo.lock "$crate/Cargo.lock"
export CARGO_TARGET_DIR="$here/$crate/target"
export CARGO_INCREMENTAL=0

# The crate: the generated code, then CALLERS modules that each call the
# lookup from a function of their own. rustc puts modules in different
# codegen units, and an `#[inline]` function (the generated lookup is one)
# is compiled again in every unit that calls it.
variant() { # size kind callers
  local n=$1 kind=$2 callers=$3 lookup=Value::from_wire_bytes
  case $kind in
    none) echo "include!(\"$out_dir/t${n}_stub.rs\");" ;;
    match) echo "include!(\"$out_dir/t${n}.rs\");" ;;
    phf)
      echo "include!(\"$out_dir/t${n}_stub.rs\");"
      echo "pub static PHF: ::phf::Map<&'static [u8], Value> = include!(\"$out_dir/t${n}_phf.rs\");"
      echo "#[inline] pub fn lookup(wire: &[u8]) -> Option<Value> { PHF.get(wire).copied() }"
      lookup=lookup
      ;;
  esac
  for i in $(seq "$callers"); do
    echo "pub mod m$i { pub fn f(w: &[u8]) -> Option<super::Value> { super::$lookup(w) } }"
  done
}

now() { date +%s.%N; }

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# Bytes of code and data in the crate's object files (`size`, text + data).
object_size() { # profile
  local dir rlib
  rlib=$(ls -t "$CARGO_TARGET_DIR/$1/deps/"liblookup_compile_time-*.rlib | head -n 1)
  dir=$(mktemp -d)
  (cd "$dir" && ar x "$rlib" && size -t ./*.o | tail -n 1 | awk '{print $4}')
  rm -rf "$dir"
}

echo "seconds per build of the crate (median of $runs), and the size of its objects"
echo "(the lookup called from 1 module; ×4: from 4 modules)"
printf '%-8s %6s %7s %7s %7s %9s %9s %10s %10s %10s\n' \
  profile size none match phf "match ×4" "phf ×4" "none B" "match B" "phf B"
for profile in dev release; do
  for n in 32 128 256 512 1024 2048; do
    row=()
    sizes=()
    for v in "none 1" "match 1" "phf 1" "match 4" "phf 4"; do
      read -r kind callers <<<"$v"
      variant "$n" "$kind" "$callers" >"$crate/src/lib.rs"
      # Builds the dependencies the first time, and checks that it compiles.
      (cd "$crate" && cargo build --quiet --offline --profile "$profile")
      times=()
      for _ in $(seq "$runs"); do
        touch "$crate/src/lib.rs"
        start=$(now)
        (cd "$crate" && cargo build --quiet --offline --profile "$profile")
        times+=("$(echo "$(now) - $start" | bc)")
      done
      row+=("$(printf '%s\n' "${times[@]}" | median)")
      if [ "$callers" = 1 ]; then
        dir=$profile
        [ "$profile" = dev ] && dir=debug
        sizes+=("$(object_size "$dir")")
      fi
    done
    printf '%-8s %6s %7.2f %7.2f %7.2f %9.2f %9.2f %10s %10s %10s\n' "$profile" "$n" "${row[@]}" "${sizes[@]}"
  done
done

echo
echo "seconds to build phf's own crates from clean (median of $runs)"
for profile in dev release; do
  times=()
  for _ in $(seq "$runs"); do
    (cd "$crate" && cargo clean --quiet --profile "$profile" -p phf -p phf_shared -p siphasher)
    start=$(now)
    (cd "$crate" && cargo build --quiet --offline --profile "$profile" -p phf)
    times+=("$(echo "$(now) - $start" | bc)")
  done
  printf '%-8s phf + phf_shared + siphasher: %.2f\n' "$profile" "$(printf '%s\n' "${times[@]}" | median)"
done
