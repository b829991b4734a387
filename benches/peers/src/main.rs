//! Instructions per operation, counted by callgrind, for every operation of
//! `apple_errors_peer_bench::OPS`. Run through `scripts/instructions.sh`.
//!
//! The binary runs itself under `valgrind --tool=callgrind` twice per
//! operation: once calling it FEW times and once MANY times. Start-up,
//! building the inputs and the first call's warm-up (the allocator's first
//! requests) are the same in both runs and cancel out in the difference;
//! dividing by MANY − FEW gives one call. The same is done for an empty
//! operation, whose count (the loop step and the call) is subtracted, and
//! operations over several items (the traffic mix, the lookups) are divided
//! by their number. Callgrind counts instructions exactly, so the figures do
//! not depend on the machine's load.

use std::hint::black_box;
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use apple_errors_peer_bench::{EMPTY, Inputs, OPS, check};

const FEW: u64 = 1;
const MANY: u64 = 11;

fn valgrind_count(index: Option<usize>, calls: u64) -> u64 {
    let exe = std::env::current_exe().expect("the path of this binary");
    let index = index.map_or("empty".to_string(), |i| i.to_string());
    let out = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .args(["measure", &index, &calls.to_string()])
        .output()
        .expect("valgrind runs (apt-get install valgrind)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "valgrind failed:\n{stderr}");
    stderr
        .lines()
        .find_map(|l| l.split_once("Collected :").map(|(_, n)| n.trim()))
        .unwrap_or_else(|| panic!("no instruction count in:\n{stderr}"))
        .parse()
        .expect("a count")
}

/// Instructions of one call (before subtracting the empty operation).
fn per_call(index: Option<usize>) -> f64 {
    let few = valgrind_count(index, FEW);
    let many = valgrind_count(index, MANY);
    (many - few) as f64 / (MANY - FEW) as f64
}

fn fmt(n: Option<f64>) -> String {
    let Some(n) = n else {
        return "—".to_string();
    };
    let n = n.round() as i64;
    let s = n.abs().to_string();
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
        _ => "—".to_string(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let inputs = Inputs::new();
    if args.first().map(String::as_str) == Some("measure") {
        let run = match args[1].as_str() {
            "empty" => EMPTY,
            i => OPS[i.parse::<usize>().expect("an operation index")].run,
        };
        let calls: u64 = args[2].parse().expect("a number of calls");
        for _ in 0..calls {
            black_box(run)(black_box(&inputs));
        }
        return;
    }
    check(&inputs);
    if args.first().map(String::as_str) == Some("time") {
        time(&inputs, args.get(1).map_or("", String::as_str));
        return;
    }
    if args.first().map(String::as_str) == Some("check") {
        for op in OPS {
            (op.run)(&inputs);
        }
        println!("{} operations checked", OPS.len());
        return;
    }

    let jobs: usize = std::env::var("JOBS")
        .ok()
        .and_then(|j| j.parse().ok())
        .unwrap_or(2)
        .max(1);
    // Index OPS.len() is the empty operation.
    let counts = Mutex::new(vec![0.0; OPS.len() + 1]);
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    if k > OPS.len() {
                        break;
                    }
                    let c = per_call((k < OPS.len()).then_some(k));
                    counts.lock().unwrap()[k] = c;
                }
            });
        }
    });
    let counts = counts.into_inner().unwrap();
    let empty = counts[OPS.len()];
    let per_item = |k: usize| (counts[k] - empty) / (OPS[k].items)(&inputs) as f64;

    println!(
        "instructions per operation, each including the drop of its result \
         (callgrind; ({MANY} calls − {FEW}) / {}, minus an empty call of {empty:.1})",
        MANY - FEW
    );
    println!(
        "inputs: history page {} bytes, test status {} bytes, App Store Connect nested {} bytes",
        inputs.history.len(),
        inputs.test_status.len(),
        inputs.asc_nested.len()
    );
    println!();
    println!("| operation | apple-errors | hand classifier | peer | peer | ÷ hand | ÷ peer |");
    println!("|---|---:|---:|---|---:|---:|---:|");
    let mut rows: Vec<&str> = Vec::new();
    for op in OPS {
        if !rows.contains(&op.row) {
            rows.push(op.row);
        }
    }
    for row in rows {
        let find = |side: &str| {
            OPS.iter()
                .position(|o| o.row == row && o.side == side)
                .map(|k| (per_item(k), OPS[k].what))
        };
        let ours = find("krate").map(|c| c.0);
        let hand = find("hand").map(|c| c.0);
        let peer = find("peer");
        println!(
            "| {row} | {} | {} | {} | {} | {} | {} |",
            fmt(ours),
            fmt(hand),
            peer.map_or("—", |p| p.1),
            fmt(peer.map(|p| p.0)),
            ratio(ours, hand),
            ratio(ours, peer.map(|p| p.0)),
        );
    }
}

/// Median wall-clock nanoseconds per call of `run`: 21 samples of enough
/// calls to take about 20 ms each, after a warm-up.
fn nanos(run: fn(&Inputs), inputs: &Inputs) -> f64 {
    let start = Instant::now();
    let mut calls = 0u64;
    while start.elapsed() < Duration::from_millis(200) {
        black_box(run)(black_box(inputs));
        calls += 1;
    }
    let per_sample = (calls / 10).max(1);
    let mut samples: Vec<f64> = (0..21)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..per_sample {
                black_box(run)(black_box(inputs));
            }
            t.elapsed().as_nanos() as f64 / per_sample as f64
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// `time [row filter]`: a second figure beside the counts, wall-clock
/// nanoseconds per operation (median of 21 samples, minus the empty
/// operation), for the rows whose name contains the filter. Only
/// meaningful on a quiet machine.
fn time(inputs: &Inputs, filter: &str) {
    let empty = nanos(EMPTY, inputs);
    println!("nanoseconds per operation (median of 21 samples, minus an empty call of {empty:.1})");
    println!();
    println!("| operation | apple-errors | hand classifier | peer | ÷ peer |");
    println!("|---|---:|---:|---:|---:|");
    let mut rows: Vec<&str> = Vec::new();
    for op in OPS {
        if op.row.contains(filter) && !rows.contains(&op.row) {
            rows.push(op.row);
        }
    }
    for row in rows {
        let find = |side: &str| {
            OPS.iter()
                .find(|o| o.row == row && o.side == side)
                .map(|o| (nanos(o.run, inputs) - empty) / (o.items)(inputs) as f64)
        };
        let (ours, hand, peer) = (find("krate"), find("hand"), find("peer"));
        let show = |t: Option<f64>| t.map_or("—".to_string(), |t| format!("{t:.1}"));
        println!(
            "| {row} | {} | {} | {} | {} |",
            show(ours),
            show(hand),
            show(peer),
            ratio(ours, peer)
        );
    }
}
