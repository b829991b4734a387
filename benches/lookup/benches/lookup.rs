//! Time per lookup: the generated `match` against a `phf` map, for each
//! table size and input set. Criterion reports time per iteration (one pass
//! over the set); `medians.py` divides its medians by the set's length.
//!
//!     cargo bench --bench lookup && ./medians.py

use std::hint::black_box;

use apple_errors_lookup_bench::for_each_table;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn lookups(c: &mut Criterion) {
    macro_rules! bench_table {
        ($module:ident, $n:literal) => {{
            use apple_errors_lookup_bench::$module::{by_match, by_phf, check, inputs};
            check();
            let mut g = c.benchmark_group(concat!("n", $n));
            for (set, wires) in [
                ("hits", inputs::HITS),
                ("skewed hits", inputs::SKEWED_HITS),
                ("near misses", inputs::NEAR_MISSES),
                ("random", inputs::RANDOM),
            ] {
                g.throughput(Throughput::Elements(wires.len() as u64));
                g.bench_function(format!("match/{set}"), |b| {
                    b.iter(|| {
                        for wire in wires {
                            black_box(by_match(black_box(wire)));
                        }
                    })
                });
                g.bench_function(format!("phf/{set}"), |b| {
                    b.iter(|| {
                        for wire in wires {
                            black_box(by_phf(black_box(wire)));
                        }
                    })
                });
            }
            g.finish();
        }};
    }
    for_each_table!(bench_table);
}

criterion_group!(benches, lookups);
criterion_main!(benches);
