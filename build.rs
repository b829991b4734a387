//! Generates the error tables from the specs in `apple-errors-spec`.
//!
//! The specs (compiled in with `include_str!`) and the emitter live in that
//! crate, so Cargo reruns this script exactly when it or this file changes.
//! The only files touched are the generated ones in `OUT_DIR`.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("error: OUT_DIR is not set; run this through Cargo");
        std::process::exit(1);
    };
    // Inside this crate the runtime is `crate`.
    let options =
        apple_errors_spec::emit::Options::new("crate".parse().expect("`crate` is a token stream"));
    if let Err(e) = apple_errors_spec::generate_bundled(&out_dir, &options) {
        eprintln!("error: invalid spec: {e}");
        std::process::exit(1);
    }
}
