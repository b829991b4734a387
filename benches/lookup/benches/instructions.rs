//! Instructions per lookup, counted by callgrind: the generated `match`
//! against a `phf` map, for each table size and input set.
//!
//!     cargo bench --bench instructions
//!
//! The binary runs itself under `valgrind --tool=callgrind` twice per
//! measurement, once making 1 pass over the input set and once 11 passes,
//! and divides the difference by 10 × the set's length. Start-up, the
//! checks and the loop's set-up cancel out; what is left is one lookup plus
//! the loop step around it (the same few instructions on both sides).

use std::hint::black_box;
use std::process::Command;

use apple_errors_lookup_bench::{SIZES, for_each_table};

const STRATEGIES: [&str; 2] = ["match", "phf"];
const SETS: [&str; 4] = ["hits", "skewed hits", "near misses", "random"];
const FEW: u64 = 1;
const MANY: u64 = 11;

/// Makes `passes` passes over one input set; returns the set's length.
fn run(size: usize, strategy: &str, set: &str, passes: u64) -> usize {
    macro_rules! run_table {
        ($module:ident, $n:literal) => {
            if size == $n {
                use apple_errors_lookup_bench::$module::{by_match, by_phf, check, inputs};
                check();
                let wires = match set {
                    "hits" => inputs::HITS,
                    "skewed hits" => inputs::SKEWED_HITS,
                    "near misses" => inputs::NEAR_MISSES,
                    "random" => inputs::RANDOM,
                    _ => panic!("unknown input set {set:?}"),
                };
                match strategy {
                    "match" => {
                        for _ in 0..passes {
                            for wire in wires {
                                black_box(by_match(black_box(wire)));
                            }
                        }
                    }
                    "phf" => {
                        for _ in 0..passes {
                            for wire in wires {
                                black_box(by_phf(black_box(wire)));
                            }
                        }
                    }
                    _ => panic!("unknown strategy {strategy:?}"),
                }
                return wires.len();
            }
        };
    }
    for_each_table!(run_table);
    panic!("no table of {size} values");
}

/// Instructions callgrind counts for one run of this binary in `measure` mode.
fn count(size: usize, strategy: &str, set: &str, passes: u64) -> u64 {
    let exe = std::env::current_exe().expect("the path of this binary");
    let out = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .args([
            "measure",
            &size.to_string(),
            strategy,
            set,
            &passes.to_string(),
        ])
        .output()
        .expect("valgrind runs (apt-get install valgrind)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "valgrind failed:\n{stderr}");
    let line = stderr
        .lines()
        .find_map(|l| l.split_once("Collected :").map(|(_, n)| n.trim()))
        .unwrap_or_else(|| panic!("no instruction count in:\n{stderr}"));
    line.parse().expect("a count")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("measure") {
        let size = args[1].parse().expect("a size");
        let passes = args[4].parse().expect("a number of passes");
        run(size, &args[2], &args[3], passes);
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: there,
    // only check the lookups.
    if !args.iter().any(|a| a == "--bench") {
        for size in SIZES {
            run(size, "match", "hits", 0);
        }
        return;
    }

    println!(
        "instructions per lookup (callgrind; ({MANY} passes − {FEW} pass) / {} / set length)",
        MANY - FEW
    );
    println!(
        "{:>6}  {:<12} {:>8} {:>8} {:>10}",
        "size", "set", "match", "phf", "phf/match"
    );
    for size in SIZES {
        for set in SETS {
            let mut row = Vec::new();
            for strategy in STRATEGIES {
                let few = count(size, strategy, set, FEW);
                let many = count(size, strategy, set, MANY);
                let len = run(size, strategy, set, 0) as f64;
                row.push((many - few) as f64 / (MANY - FEW) as f64 / len);
            }
            println!(
                "{size:>6}  {set:<12} {:>8.1} {:>8.1} {:>10.2}",
                row[0],
                row[1],
                row[1] / row[0]
            );
        }
    }
}
