#!/usr/bin/env bash
# What apple-errors adds to a dependent's build, from a clean target
# directory each time:
# - check: `cargo check` of a tiny crate that already uses serde (derive),
#   serde_json and thiserror, without apple-errors, with it (default
#   features), and with its `macros` feature and one `vocabulary!` (reported
#   separately);
# - release: `cargo build --release` of a small HTTP client binary on tokio
#   (macros, rt-multi-thread), hyper 1 (client, http1, http2), serde (derive),
#   serde_json and thiserror, without apple-errors and with it (default
#   features), which classifies the response it gets.
# Also shows that a no-op rebuild does not rerun apple-errors' build script.
#
#   scripts/build-cost.sh [runs] [check|release]
#       (default 3 runs of each, both kinds; prints every run and the medians)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
# Measure plain builds: no shared target directory, no compiler cache.
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER
runs=${1:-3}
kinds=${2:-check release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

manifest() { # name, dependency lines beside serde, serde_json and thiserror
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
}

make_crate() { # name, extra dependency line
  manifest "$1" "$2"
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

make_client() { # name, extra dependency line, the body of `explain`
  manifest "$1" 'hyper = { version = "1", features = ["client", "http1", "http2"] }
tokio = { version = "1", features = ["macros", "rt-multi-thread", "net"] }'"
$2"
  cat > "$work/$1/src/main.rs" <<'RS'
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::{Context, Poll};

use hyper::body::Body as _;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// hyper's IO traits over a tokio stream (what hyper-util's `TokioIo` does).
struct Io<T>(T);

impl<T: AsyncRead + Unpin> hyper::rt::Read for Io<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        mut buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        let mut tmp = [0; 8192];
        let mut read = ReadBuf::new(&mut tmp);
        let polled = Pin::new(&mut self.0).poll_read(cx, &mut read);
        if let Poll::Ready(Ok(())) = polled {
            buf.put_slice(read.filled());
        }
        polled
    }
}

impl<T: AsyncWrite + Unpin> hyper::rt::Write for Io<T> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, b: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, b)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

#[derive(Clone)]
struct Exec;

impl<F: Future + Send + 'static> hyper::rt::Executor<F> for Exec
where
    F::Output: Send + 'static,
{
    fn execute(&self, future: F) {
        tokio::spawn(future);
    }
}

#[derive(serde::Deserialize, Debug)]
struct Body {
    reason: String,
}

#[derive(thiserror::Error, Debug)]
enum Failed {
    #[error("connection: {0}")]
    Io(#[from] std::io::Error),
    #[error("http: {0}")]
    Http(#[from] hyper::Error),
    #[error("body: {0}")]
    Json(#[from] serde_json::Error),
}

async fn send(addr: &str, http2: bool) -> Result<(u16, Vec<u8>), Failed> {
    let io = Io(tokio::net::TcpStream::connect(addr).await?);
    let request = hyper::Request::post("/3/device/x").body(String::from("{}")).expect("a request");
    let response = if http2 {
        let (mut sender, conn) = hyper::client::conn::http2::handshake(Exec, io).await?;
        tokio::spawn(conn);
        sender.send_request(request).await?
    } else {
        let (mut sender, conn) = hyper::client::conn::http1::handshake(io).await?;
        tokio::spawn(conn);
        sender.send_request(request).await?
    };
    let status = response.status().as_u16();
    let mut body = response.into_body();
    let mut bytes = Vec::new();
    while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        if let Ok(data) = frame?.into_data() {
            bytes.extend_from_slice(&data);
        }
    }
    Ok((status, bytes))
}

#[tokio::main]
async fn main() -> Result<(), Failed> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:8080".into());
    let http2 = std::env::args().any(|a| a == "--http2");
    let (status, bytes) = send(&addr, http2).await?;
    println!("{}", explain(status, &bytes));
    let body: Body = serde_json::from_slice(&bytes)?;
    println!("{}", body.reason);
    Ok(())
}
RS
  printf '%s\n' "$3" >> "$work/$1/src/main.rs"
}

make_client client_without "" 'fn explain(status: u16, body: &[u8]) -> String {
    format!("{status}: {} bytes", body.len())
}'
make_client client_with "apple-errors = { path = \"$repo\" }" 'fn explain(status: u16, body: &[u8]) -> String {
    match apple_errors::apns::Response::new(status, body).classify() {
        Ok(_) => format!("{status}: delivered"),
        Err(rejection) => format!("{rejection}: {}; {}", rejection.retry(), rejection.remedy()),
    }
}'

# Fetch first so that downloads are not timed.
for c in without with with_macros client_without client_with; do
  (cd "$work/$c" && cargo fetch -q)
done

time_build() { # crate, cargo command... -> sets `timing` to "wall cpu" seconds, from clean
  local dir="$work/$1" TIMEFORMAT='%R %U %S' t
  shift
  rm -rf "$dir/target"
  # `time` reports on fd 2, taken here; cargo's own messages go to fd 3.
  t=$({ time (cd "$dir" && cargo "$@" -q --offline --target-dir "$dir/target" 2>&3); } 3>&2 2>&1)
  timing=$(awk '{ printf "%.1f %.1f\n", $1, $2 + $3 }' <<<"$t")
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Runs alternate between the crates (a, b, c, a, b, c, ...), so that load
# from outside, which comes and goes, falls on all of them alike. The CPU
# time (user + system, all processes) moves much less with such load than
# the wall-clock time, which is what a dependent waits for.
declare -A wall cpu
measure() { # kind, crates... (the cargo command is "${cmd[@]}")
  local kind=$1 c i w u
  shift
  declare -A walls cpus
  for i in $(seq "$runs"); do
    for c in "$@"; do
      time_build "$c" "${cmd[@]}"
      read -r w u <<<"$timing"
      walls[$c]+="$w "
      cpus[$c]+="$u "
    done
  done
  for c in "$@"; do
    wall[$c]=$(printf '%s\n' ${walls[$c]} | median)
    cpu[$c]=$(printf '%s\n' ${cpus[$c]} | median)
    echo "$kind, $c: wall ${walls[$c]}s (median ${wall[$c]} s); cpu ${cpus[$c]}s (median ${cpu[$c]} s)"
  done
}
added() { # kind, without, with
  awk -v k="$1" -v a="${wall[$2]}" -v b="${wall[$3]}" -v c="${cpu[$2]}" -v d="${cpu[$3]}" \
    'BEGIN { printf "%s: added by apple-errors: %.1f s wall, %.1f s cpu (medians of %d runs)\n", k, b - a, d - c, '"$runs"' }'
}

echo "$(rustc --version); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ " $kinds " == *" check "* ]]; then
  cmd=(check)
  measure check without with with_macros
  added check without with
  added "check, with feature macros and one vocabulary!" without with_macros
fi
if [[ " $kinds " == *" release "* ]]; then
  cmd=(build --release)
  measure "release, tokio + hyper client" client_without client_with
  added "release, tokio + hyper client" client_without client_with
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# A rebuild after a change to the crate's own sources (not to the specs or
# the generator) must not rerun the build script.
if [[ " $kinds " == *" check "* ]]; then
  cd "$work/with"
  cargo check -q --offline --target-dir target
  touch src/lib.rs
  if cargo check -vv --offline --target-dir target 2>&1 | grep -q 'Running .*apple-errors.*build-script-build'; then
    echo "rebuild: build.rs ran again" >&2
    exit 1
  fi
  echo "rebuild after an edit: build.rs not rerun"
fi
