//! Tables of 32, 128, 256, 512, 1,024 and 2,048 synthetic wire values, each
//! with the lookup the emitter generates (a `match` on the bytes) and a `phf`
//! map of the same values. `build.rs` writes them; the benchmarks in
//! `benches/` compare the two, and `compile-time.sh` compares how long they
//! take to compile. Results: `BENCHMARKS.md` at the root of the repository.

macro_rules! table {
    ($module:ident, $n:literal) => {
        #[doc = concat!("The table of ", $n, " values.")]
        pub mod $module {
            #![allow(clippy::all, missing_docs)]

            include!(concat!(env!("OUT_DIR"), "/t", $n, ".rs"));

            /// The same values as a `phf` map.
            pub static PHF: ::phf::Map<&'static [u8], Value> =
                include!(concat!(env!("OUT_DIR"), "/t", $n, "_phf.rs"));

            // Both lookups are measured as one call each, to a function
            // that holds the whole lookup, so that what the compiler inlines
            // into the benchmark loops cannot favour either side.

            /// The generated lookup.
            #[inline(never)]
            pub fn by_match(wire: &[u8]) -> Option<Value> {
                Value::from_wire_bytes(wire)
            }

            /// The `phf` lookup.
            #[inline(never)]
            pub fn by_phf(wire: &[u8]) -> Option<Value> {
                PHF.get(wire).copied()
            }

            /// What to look up.
            pub mod inputs {
                include!(concat!(env!("OUT_DIR"), "/t", $n, "_inputs.rs"));
            }

            /// Checks that both lookups find every hit, agree on it, and
            /// find none of the misses.
            pub fn check() {
                let distinct: std::collections::HashSet<_> = inputs::HITS.iter().collect();
                assert_eq!(distinct.len(), $n, "every value is looked up");
                for wire in inputs::HITS.iter().chain(inputs::SKEWED_HITS) {
                    let found = by_match(wire);
                    assert!(
                        found.is_some(),
                        "{:?} not found",
                        String::from_utf8_lossy(wire)
                    );
                    assert_eq!(found, by_phf(wire));
                    assert_eq!(found.map(Value::as_str).map(str::as_bytes), Some(*wire));
                }
                for wire in inputs::NEAR_MISSES.iter().chain(inputs::RANDOM) {
                    assert_eq!(by_match(wire), None);
                    assert_eq!(by_phf(wire), None);
                }
            }
        }
    };
}

table!(t32, 32);
table!(t128, 128);
table!(t256, 256);
table!(t512, 512);
table!(t1024, 1024);
table!(t2048, 2048);

/// The table sizes, smallest first.
pub const SIZES: [usize; 6] = [32, 128, 256, 512, 1024, 2048];

/// Calls `$callback!(module, size)` for every table, smallest first.
#[macro_export]
macro_rules! for_each_table {
    ($callback:ident) => {
        $callback!(t32, 32);
        $callback!(t128, 128);
        $callback!(t256, 256);
        $callback!(t512, 512);
        $callback!(t1024, 1024);
        $callback!(t2048, 2048);
    };
}

#[cfg(test)]
mod tests {
    macro_rules! check {
        ($module:ident, $n:literal) => {
            crate::$module::check();
        };
    }

    #[test]
    fn lookups_agree() {
        for_each_table!(check);
    }
}
