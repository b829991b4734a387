//! The macros as a user's crate meets them (`trybuild`): the compile errors,
//! each case in `tests/ui/` (feature `macros`) or `tests/ui-default/`
//! (default features) with the exact message in its `.stderr` file, and a
//! crate that writes every spelling of every bundled vocabulary as a
//! checked literal. Run with `TRYBUILD=overwrite` to rewrite the messages,
//! then review the diff. trybuild runs in one test per feature set, since
//! its runs share one project directory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::common::{array, spec, str_field, strings};

/// The cases' spec files, copied to where trybuild builds them: paths in
/// `vocabulary!` are relative to the building crate's manifest, which is
/// trybuild's project in the target directory, wherever that is.
#[cfg(feature = "macros")]
fn copy_specs() -> PathBuf {
    let project = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../tests/trybuild/apple-errors");
    let specs = project.join("specs");
    std::fs::create_dir_all(&specs).expect("trybuild's project directory");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ui_specs = std::fs::read_dir(repo.join("tests/ui/specs")).expect("tests/ui/specs");
    let sources = ui_specs
        .map(|entry| entry.expect("a directory entry").path())
        .chain([repo.join("examples/specs/pager.json")]);
    for source in sources {
        let name = source.file_name().expect("a file name");
        std::fs::copy(&source, specs.join(name)).expect("a copied spec");
    }
    specs
}

/// `ErrorCodeFamily` → `error_code_family`, written here apart from the
/// generator's own.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// A program asserting, for every spelling of every bundled spec read from
/// its JSON, that the checked literal is what `from_wire` finds.
fn every_literal() -> PathBuf {
    let mut program = String::from("fn main() {\n");
    for bundled in apple_errors_spec::BUNDLED {
        let json = spec(bundled.file);
        let ty = str_field(&json, "value_type");
        let path = format!("apple_errors::{}", bundled.module_path);
        let literal = format!("{path}::{}!", snake_case(ty));
        for entry in array(&json, "values") {
            // Numeric codes are written as numbers, and their wire string is
            // the number in decimal.
            if let Some(code) = entry["wire"].as_u64() {
                writeln!(
                    program,
                    "    assert_eq!({literal}({code}), {path}::{ty}::from_wire(\"{code}\").unwrap());"
                )
                .unwrap();
                continue;
            }
            let wire = str_field(entry, "wire");
            for spelling in std::iter::once(wire).chain(strings(entry, "aliases")) {
                writeln!(
                    program,
                    "    assert_eq!({literal}({spelling:?}), {path}::{ty}::from_wire({spelling:?}).unwrap());"
                )
                .unwrap();
            }
        }
    }
    program.push_str("}\n");
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("every_literal.rs");
    std::fs::write(&file, program).expect("a written test program");
    file
}

#[cfg(feature = "macros")]
#[test]
fn macros_in_a_users_crate() {
    copy_specs();
    let cases = trybuild::TestCases::new();
    cases.pass(every_literal());
    cases.compile_fail("tests/ui/*.rs");
}

/// Without the `macros` feature, a literal the arms do not know is still a
/// compile error, only without suggestions. CI runs this with default
/// features.
#[cfg(not(feature = "macros"))]
#[test]
fn macros_in_a_users_crate_without_the_macros_feature() {
    let cases = trybuild::TestCases::new();
    cases.pass(every_literal());
    cases.compile_fail("tests/ui-default/*.rs");
}
