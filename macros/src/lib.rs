//! Procedural macros for [`apple-errors`](https://docs.rs/apple-errors):
//! the same spec-driven code generation, for your own spec files.
//!
//! Use them through `apple-errors` with its `macros` feature
//! (`apple_errors::vocabulary!`, whose documentation has the same example,
//! compiled and run), or from this crate directly; either way the generated
//! code needs `apple-errors` as a dependency, since it implements that
//! crate's traits and returns its retry policies.
//!
//! ```ignore
//! mod fcm {
//!     apple_errors::vocabulary!("specs/fcm.json");
//! }
//!
//! let code = fcm::ErrorCode::from_wire("UNREGISTERED");
//! assert_eq!(code, Some(fcm::error_code!("UNREGISTERED")));
//! ```
//!
//! The crate follows thiserror's `impl` crate in shape: each entry point
//! parses its input (`ast`), then expands it (`expand`, `suggest`), and
//! every problem becomes a `compile_error!` at the tokens it is about.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod ast;
mod expand;
mod suggest;

use proc_macro::TokenStream;

/// The types of a spec file of your own: the same code `apple-errors`
/// generates for Apple's tables, where the macro is invoked.
///
/// ```ignore
/// mod fcm {
///     apple_errors::vocabulary!("specs/fcm.json");
/// }
/// ```
///
/// The path is relative to the invoking crate's `Cargo.toml`
/// (`CARGO_MANIFEST_DIR`). The file is read with the same loader and
/// validator as `apple-errors`' own specs (the format is described in
/// `apple-errors-spec`'s README), and editing it rebuilds the crate. A file
/// that cannot be read, is not JSON or breaks a rule is a compile error at
/// the path, naming the file, the entry and the problem.
///
/// The expansion holds the value enum and, when the spec has them, the
/// status and operation enums and the schedules, with every method and
/// trait the bundled types have (`KnownValue`, `Display`, `FromStr`, serde
/// under `apple-errors/serde`), and the checked-literal macro of the value
/// type, named after it in snake case (`ErrorCode` → `error_code!`).
///
/// That macro names the type by its path from the crate root, which is the
/// spec's `module` unless you say otherwise: write
/// `vocabulary!("specs/fcm.json", path = push::fcm)` when the invocation
/// is in `crate::push::fcm`. A path that does not lead to the generated type
/// is a compile error at the invocation, so invoke the macro in a module,
/// not in a function body. `crate = path::to::apple_errors` names the
/// runtime crate when it is not `::apple_errors` (a renamed dependency or a
/// re-export).
///
/// Like every `#[macro_export]` macro, the checked-literal macro also sits,
/// hidden from the docs, at the root of your crate, under a name made of
/// the type's and a hash of the module path.
#[proc_macro]
pub fn vocabulary(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as ast::Vocabulary);
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(std::path::PathBuf::from);
    expand::vocabulary(&input, manifest_dir.as_deref())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// The last arm of a checked-literal macro, for a literal its exact-string
/// arms did not match: the variant if the literal is a known value written
/// another way, otherwise an error at the literal naming the nearest known
/// values. Called by the generated `macro_rules!` macros through
/// `apple_errors::__private`. Not public API.
#[doc(hidden)]
#[proc_macro]
pub fn literal(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as ast::Literal);
    suggest::literal(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
