//! Procedural macros for [`apple-errors`](https://docs.rs/apple-errors).
//!
//! This crate is a placeholder for now: it will let other crates generate
//! typed error vocabularies from their own spec files and check wire literals
//! at compile time, using the same emitter as `apple-errors` itself.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
