//! The generated code of every bundled spec and every test spec in
//! `tests/specs/`, formatted and committed under `tests/snapshots/` with
//! its Markdown overview, so that every change to what the emitter writes
//! shows up as a diff to review.
//!
//! A mismatch fails with what to run; `UPDATE_SNAPSHOTS=1` rewrites the
//! snapshots instead. The runtime crate's `tests/it/generated.rs` compiles
//! the test-spec snapshots and checks how they behave.

use std::path::{Path, PathBuf};

use apple_errors_spec::emit::{self, Options};
use apple_errors_spec::{BUNDLED, Spec};

const UPDATE: &str = "UPDATE_SNAPSHOTS";

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs")
}

fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

/// `crate`, as the runtime's build script uses for the bundled specs.
fn inside_runtime() -> Options {
    Options::new("crate".parse().expect("a path"))
}

/// The test specs in `tests/specs/`, by file name, in name order.
fn test_specs() -> Vec<Spec> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(spec_dir())
        .expect("tests/specs exists")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no test specs in tests/specs");
    files
        .iter()
        .map(|path| {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("a UTF-8 name");
            let json = std::fs::read_to_string(path).expect("a readable spec");
            apple_errors_spec::load(name, &json).unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

/// Every spec with the options it is generated with: the bundled ones as
/// the runtime's build script generates them, the test specs for the
/// modules of the runtime's `tests/it/generated.rs` that include them.
fn every_spec() -> Vec<(Spec, Options)> {
    let bundled = BUNDLED.iter().map(|b| {
        let spec = apple_errors_spec::load(b.file, b.json).unwrap_or_else(|e| panic!("{e}"));
        let options = inside_runtime().with_module_path(b.module_path).unwrap();
        (spec, options)
    });
    let tests = test_specs().into_iter().map(|s| {
        let path = format!("generated::{}", s.module);
        (s, Options::default().with_module_path(&path).unwrap())
    });
    bundled.chain(tests).collect()
}

/// The snapshot text: the header, then the items as `prettyplease` lays
/// them out.
fn formatted(spec: &Spec, options: &Options) -> String {
    let file: syn::File = syn::parse2(emit::emit(spec, options))
        .unwrap_or_else(|e| panic!("{}: the emitted tokens do not parse: {e}", spec.file));
    emit::header(spec) + &prettyplease::unparse(&file)
}

/// The snapshot's name: the spec file's name with `.rs` for `.json`, or
/// `.md` for the overview.
fn snapshot_path(spec: &Spec, ext: &str) -> PathBuf {
    let stem = spec.file.strip_suffix(".json").unwrap_or(&spec.file);
    snapshot_dir().join(format!("{stem}.{ext}"))
}

/// Every snapshot of every spec: the code and the overview.
fn every_snapshot() -> Vec<(PathBuf, String)> {
    every_spec()
        .iter()
        .flat_map(|(spec, options)| {
            [
                (snapshot_path(spec, "rs"), formatted(spec, options)),
                (snapshot_path(spec, "md"), emit::overview(spec, options)),
            ]
        })
        .collect()
}

/// Like rust-analyzer's `ensure_file_contents`: compares, or rewrites when
/// asked to.
#[test]
fn snapshots_are_up_to_date() {
    let update = std::env::var(UPDATE).is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for (path, wanted) in every_snapshot() {
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == wanted {
            continue;
        }
        if update {
            std::fs::create_dir_all(snapshot_dir()).expect("the snapshot directory");
            std::fs::write(&path, &wanted).expect("a writable snapshot");
            eprintln!("updated {}", path.display());
        } else {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "the generated code or overview changed; these snapshots are stale:\n  {}\n\
         Run `{UPDATE}=1 cargo test -p apple-errors-spec --test snapshots`, \
         review the diff and commit it.",
        stale.join("\n  ")
    );
}

/// No snapshot without a spec: a renamed or removed spec takes its snapshot
/// with it.
#[test]
fn every_snapshot_has_a_spec() {
    let wanted: Vec<PathBuf> = every_snapshot().into_iter().map(|(path, _)| path).collect();
    for entry in std::fs::read_dir(snapshot_dir()).expect("tests/snapshots exists") {
        let path = entry.expect("a directory entry").path();
        assert!(
            wanted.contains(&path),
            "{} has no spec; delete it",
            path.display()
        );
    }
}

/// What `OUT_DIR` gets is unformatted; it must parse as a file too.
#[test]
fn rendered_files_parse() {
    for (spec, options) in every_spec() {
        let file = emit::render_file(&spec, &options);
        assert!(file.starts_with(&emit::header(&spec)), "{}", spec.file);
        if let Err(e) = syn::parse_file(&file) {
            panic!("{}: the rendered file does not parse: {e}", spec.file);
        }
    }
}

#[test]
fn emit_is_byte_identical_twice() {
    for (spec, options) in every_spec() {
        assert_eq!(
            emit::render_file(&spec, &options),
            emit::render_file(&spec, &options),
            "{}",
            spec.file
        );
        let first = emit::emit(&spec, &options).to_string();
        let again = emit::emit(&spec.clone(), &options.clone()).to_string();
        assert_eq!(first, again, "{}", spec.file);
        assert_eq!(
            emit::overview(&spec, &options),
            emit::overview(&spec, &options),
            "{}",
            spec.file
        );
    }
}
