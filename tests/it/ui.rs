//! The compile errors of the macros, as a user sees them (`trybuild`): each
//! case in `tests/ui/` with the exact message in its `.stderr` file. Run
//! with `TRYBUILD=overwrite` to rewrite the messages, then review the diff.
//!
//! trybuild builds the cases in `target/tests/trybuild/apple-errors/`, so a
//! case's spec path climbs four levels to the repository (the default
//! target directory).

#[test]
fn compile_errors() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
