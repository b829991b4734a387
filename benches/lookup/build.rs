//! Generates, for each table size, a spec of synthetic wire values, the code
//! the real emitter makes of it, a `phf` map of the same values, and the
//! inputs the benchmarks look up. Everything is deterministic.
//!
//! Files written to `OUT_DIR`, for each size `N`:
//! - `tN.rs`: `apple_errors_spec::emit::render_file` of the spec, as a
//!   dependent's build script writes it (runtime path `::apple_errors`);
//! - `tN_phf.rs`: a `phf::Map<&'static [u8], Value>` expression from
//!   `phf_codegen`, for the same wire values;
//! - `tN_stub.rs`: `tN.rs` with the body of `from_wire_bytes` replaced by
//!   `None`, the baseline for measuring how long each lookup takes to
//!   compile (`compile-time.sh`);
//! - `tN_inputs.rs`: the hits, near misses and random misses to look up.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

/// Table sizes; `src/lib.rs` has one module for each.
const SIZES: [usize; 6] = [32, 128, 256, 512, 1024, 2048];

/// Lookups in each input set, for every size: each value the same number of
/// times, in random order, so that even for small tables the order is too
/// long for the branch predictor to learn by heart.
const LOOKUPS: usize = 4096;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let out_dir = env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let out_dir = Path::new(&out_dir);

    let mut rng = Rng(0x5eed_a991_e000_0001);
    let wires = wire_values(&mut rng, SIZES[SIZES.len() - 1]);

    for n in SIZES {
        // Every table is a prefix of the largest one.
        let wires = &wires[..n];
        let module = format!("t{n}");
        let json = spec_json(&module, wires);
        let spec = apple_errors_spec::load(&format!("{module}.json"), &json)
            .unwrap_or_else(|e| panic!("the synthetic spec is refused: {e}"));
        let options =
            apple_errors_spec::emit::Options::new("::apple_errors".parse().expect("a path"));
        let generated = apple_errors_spec::emit::render_file(&spec, &options);
        assert!(
            generated.contains("fn from_wire_bytes"),
            "the emitter no longer writes `from_wire_bytes`"
        );
        write(out_dir, &format!("{module}.rs"), &generated);
        write(
            out_dir,
            &format!("{module}_stub.rs"),
            &stub_lookup(&generated),
        );

        let mut map = phf_codegen::Map::<&[u8]>::new();
        for entry in &spec.values {
            map.entry(entry.wire.as_bytes(), format!("Value::{}", entry.name));
        }
        write(
            out_dir,
            &format!("{module}_phf.rs"),
            &map.build().to_string(),
        );

        write(
            out_dir,
            &format!("{module}_inputs.rs"),
            &inputs(&mut rng, wires),
        );
    }
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if fs::read_to_string(&path).ok().as_deref() != Some(text) {
        fs::write(&path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    }
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Words of Apple-style reasons and error codes.
const WORDS: &[&str] = &[
    "Bad",
    "Device",
    "Token",
    "Topic",
    "Missing",
    "Invalid",
    "Expired",
    "Payload",
    "Too",
    "Large",
    "Certificate",
    "Provider",
    "Environment",
    "Request",
    "Method",
    "Not",
    "Allowed",
    "Id",
    "Key",
    "Unregistered",
    "Shutdown",
    "Internal",
    "Server",
    "Error",
    "Service",
    "Unavailable",
    "Idle",
    "Timeout",
    "Push",
    "Type",
    "Priority",
    "Channel",
    "Config",
    "Header",
    "Collapse",
    "Forbidden",
    "Path",
    "App",
    "Store",
    "Entity",
    "State",
    "Parameter",
    "Attribute",
    "Transaction",
    "Product",
    "Subscription",
    "Receipt",
    "Account",
    "Rate",
    "Limit",
    "Exceeded",
    "Gone",
    "Duplicate",
    "Conflict",
    "Version",
    "Signature",
    "Format",
    "Unknown",
    "Build",
    "Bundle",
    "Review",
    "Submission",
    "Price",
    "Territory",
    "Locale",
    "Screenshot",
    "Upload",
    "Asset",
    "Team",
    "User",
    "Role",
    "Access",
    "Denied",
    "Quota",
    "Window",
    "Field",
    "Value",
    "Length",
    "Range",
    "Date",
];

/// `count` distinct wire values of 5 to 40 bytes: CamelCase reasons
/// (`BadDeviceToken`), SCREAMING_SNAKE codes (`RATE_LIMIT_EXCEEDED`) and
/// dotted SCREAMING_SNAKE codes (`ENTITY_ERROR.ATTRIBUTE.INVALID`), whose
/// derived variant names are distinct too.
fn wire_values(rng: &mut Rng, count: usize) -> Vec<String> {
    let mut wires = Vec::with_capacity(count);
    let mut seen = HashSet::new();
    let mut names = HashSet::new();
    while wires.len() < count {
        let target = 5 + rng.below(36);
        let style = rng.below(20);
        let mut wire = String::new();
        while wire.len() < target {
            let word = WORDS[rng.below(WORDS.len())];
            match style {
                // CamelCase, 9 in 20.
                0..=8 => wire.push_str(word),
                // SCREAMING_SNAKE, 8 in 20.
                9..=16 => {
                    if !wire.is_empty() {
                        wire.push('_');
                    }
                    wire.push_str(&word.to_ascii_uppercase());
                }
                // Dotted levels of SCREAMING_SNAKE, 3 in 20.
                _ => {
                    if !wire.is_empty() {
                        wire.push(if rng.below(2) == 0 { '.' } else { '_' });
                    }
                    wire.push_str(&word.to_ascii_uppercase());
                }
            }
        }
        if wire.len() > 40 {
            continue;
        }
        let name = apple_errors_spec::names::variant_name(&wire);
        if seen.contains(&wire) || names.contains(&name) {
            continue;
        }
        seen.insert(wire.clone());
        names.insert(name);
        wires.push(wire);
    }
    wires
}

/// A valid spec of format 1 with these values and no statuses.
fn spec_json(module: &str, wires: &[String]) -> String {
    let mut json = format!(
        r#"{{
  "format": 1,
  "module": "{module}",
  "title": "Lookup benchmark table of {n}",
  "page": "Synthetic values for the lookup benchmark",
  "value_type": "Value",
  "value_noun": "benchmark value",
  "value_doc": "A synthetic wire value of the lookup benchmark.",
  "values": ["#,
        n = wires.len()
    );
    for (i, wire) in wires.iter().enumerate() {
        let comma = if i + 1 < wires.len() { "," } else { "" };
        write!(
            json,
            r#"
    {{ "wire": "{wire}", "description": "A synthetic value, number {i}.", "retry": {{ "action": "never" }}, "remedy": "Nothing to do." }}{comma}"#
        )
        .expect("writing to a String");
    }
    json.push_str("\n  ]\n}\n");
    json
}

/// `generated` with the body of `from_wire_bytes` replaced by `None`.
fn stub_lookup(generated: &str) -> String {
    let start = generated.find("fn from_wire_bytes").expect("a lookup");
    let open = start + generated[start..].find('{').expect("a body");
    let mut depth = 0;
    let mut in_string = false;
    let mut close = None;
    let bytes = generated.as_bytes();
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'{' if !in_string => depth += 1,
            b'}' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let close = close.expect("the end of the body");
    format!(
        "{}{{ let _ = value; ::core::option::Option::None }}{}",
        &generated[..open],
        &generated[close + 1..]
    )
}

/// The input sets for one table, as Rust constants of [`LOOKUPS`] lookups
/// each: hits spread evenly, skewed hits, near misses and random misses.
fn inputs(rng: &mut Rng, wires: &[String]) -> String {
    let known: HashSet<&[u8]> = wires.iter().map(|w| w.as_bytes()).collect();

    // One near miss per value, of five kinds in turn: the last byte changed,
    // the first byte changed, a middle byte's case flipped, the last byte
    // dropped, a byte added. The first three keep the length, which is the
    // hard case for a `match`.
    let mut near_one = Vec::with_capacity(wires.len());
    for (i, wire) in wires.iter().enumerate() {
        let wire = wire.as_bytes();
        let mut kind = i % 5;
        loop {
            let mut miss = wire.to_vec();
            match kind {
                0 => *miss.last_mut().expect("not empty") = other_byte(wire[wire.len() - 1]),
                1 => miss[0] = other_byte(wire[0]),
                2 => {
                    let m = &mut miss[wire.len() / 2];
                    *m = if m.is_ascii_alphabetic() {
                        *m ^ 0x20
                    } else {
                        b'X'
                    };
                }
                3 => {
                    miss.pop();
                }
                _ => miss.push(if wire[0].is_ascii_lowercase() {
                    b's'
                } else {
                    b'S'
                }),
            }
            if !known.contains(miss.as_slice()) {
                near_one.push(miss);
                break;
            }
            kind = (kind + 1) % 5;
        }
    }

    let mut hits: Vec<Vec<u8>> = wires
        .iter()
        .map(|w| w.clone().into_bytes())
        .cycle()
        .take(LOOKUPS)
        .collect();
    rng.shuffle(&mut hits);
    let mut near: Vec<Vec<u8>> = near_one.into_iter().cycle().take(LOOKUPS).collect();
    rng.shuffle(&mut near);

    // Hits as real traffic has them, a few values most of the time: Zipf's
    // law (the value of rank k with weight 1/k), ranks given at random.
    let mut ranked: Vec<&[u8]> = wires.iter().map(|w| w.as_bytes()).collect();
    rng.shuffle(&mut ranked);
    let mut cumulative = Vec::with_capacity(ranked.len());
    let mut total = 0.0;
    for k in 1..=ranked.len() {
        total += 1.0 / k as f64;
        cumulative.push(total);
    }
    let skewed: Vec<Vec<u8>> = (0..LOOKUPS)
        .map(|_| {
            let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
            let rank = cumulative
                .partition_point(|&c| c <= x)
                .min(ranked.len() - 1);
            ranked[rank].to_vec()
        })
        .collect();

    // Random strings of letters and `_`, 5 to 40 bytes.
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
    let mut random = Vec::with_capacity(LOOKUPS);
    while random.len() < LOOKUPS {
        let len = 5 + rng.below(36);
        let s: Vec<u8> = (0..len)
            .map(|_| ALPHABET[rng.below(ALPHABET.len())])
            .collect();
        if !known.contains(s.as_slice()) {
            random.push(s);
        }
    }

    let mut out = String::new();
    for (name, set) in [
        ("HITS", &hits),
        ("SKEWED_HITS", &skewed),
        ("NEAR_MISSES", &near),
        ("RANDOM", &random),
    ] {
        writeln!(out, "pub const {name}: &[&[u8]] = &[").expect("writing to a String");
        for s in set {
            let s = std::str::from_utf8(s).expect("ASCII");
            writeln!(out, "    b{s:?},").expect("writing to a String");
        }
        out.push_str("];\n");
    }
    out
}

/// A different byte of the same kind: a letter becomes the next letter of
/// the same case, anything else an `X`.
fn other_byte(b: u8) -> u8 {
    match b {
        b'Z' => b'A',
        b'z' => b'a',
        b'A'..=b'Y' | b'a'..=b'y' => b + 1,
        _ => b'X',
    }
}
