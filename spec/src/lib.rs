//! The error tables behind [`apple-errors`](https://docs.rs/apple-errors).
//!
//! Each JSON file in this package describes the error vocabulary of one Apple
//! API surface: every wire value with its HTTP status, meaning, retry policy and
//! remedy, plus the status table. This crate holds those files
//! ([`BUNDLED`]), their typed [`model`], the loader ([`mod@load`]), the
//! rules ([`mod@validate`]) and the emitter ([`mod@emit`]) that turns a spec
//! into Rust tokens. Both the
//! `apple-errors` build script and `apple-errors-macros` go through it, so
//! there is one reading of the format.
//!
//! The format is described in this package's `README.md`.
//!
//! ```
//! let spec = apple_errors_spec::load("apns.json", apple_errors_spec::APNS)?;
//! assert_eq!(spec.values.len(), 32);
//! let items = apple_errors_spec::emit::emit(&spec, &Default::default());
//! assert!(items.to_string().contains("pub enum Reason"));
//! # Ok::<(), apple_errors_spec::SpecError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::fmt;
use std::path::{Path, PathBuf};

pub mod emit;
pub mod json;
pub mod load;
pub mod model;
pub mod names;
pub mod validate;

pub use model::Spec;

/// `apns.json`: APNs device push reasons and statuses.
pub const APNS: &str = include_str!("../apns.json");

/// `broadcast.json`: APNs broadcast push and channel management.
pub const BROADCAST: &str = include_str!("../broadcast.json");

/// `send_attempt.json`: App Store Server Notifications send-attempt results
/// and resend schedules.
pub const SEND_ATTEMPT: &str = include_str!("../send_attempt.json");

/// `app_store_connect.json`: App Store Connect API statuses and error codes.
pub const APP_STORE_CONNECT: &str = include_str!("../app_store_connect.json");

/// `app_store_server.json`: App Store Server API error codes and statuses.
pub const APP_STORE_SERVER: &str = include_str!("../app_store_server.json");

/// `retention_messaging.json`: Retention Messaging API error codes and
/// statuses.
pub const RETENTION_MESSAGING: &str = include_str!("../retention_messaging.json");

/// `advanced_commerce.json`: Advanced Commerce API error codes and statuses.
pub const ADVANCED_COMMERCE: &str = include_str!("../advanced_commerce.json");

/// One spec this package ships, and where `apple-errors` puts its items.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Bundled {
    /// The file name (`apns.json`).
    pub file: &'static str,
    /// The JSON text.
    pub json: &'static str,
    /// The module of `apple-errors` that includes the generated items
    /// (`apns::broadcast`).
    pub module_path: &'static str,
}

/// Every spec this package ships, in a fixed order.
pub const BUNDLED: &[Bundled] = &[
    Bundled {
        file: "apns.json",
        json: APNS,
        module_path: "apns",
    },
    Bundled {
        file: "broadcast.json",
        json: BROADCAST,
        module_path: "apns::broadcast",
    },
    Bundled {
        file: "send_attempt.json",
        json: SEND_ATTEMPT,
        module_path: "app_store_server::notifications",
    },
    Bundled {
        file: "app_store_connect.json",
        json: APP_STORE_CONNECT,
        module_path: "app_store_connect",
    },
    Bundled {
        file: "app_store_server.json",
        json: APP_STORE_SERVER,
        module_path: "app_store_server",
    },
    Bundled {
        file: "retention_messaging.json",
        json: RETENTION_MESSAGING,
        module_path: "retention_messaging",
    },
    Bundled {
        file: "advanced_commerce.json",
        json: ADVANCED_COMMERCE,
        module_path: "advanced_commerce",
    },
];

/// Parses and validates one spec file. `file` names it in error messages.
pub fn load(file: &str, json: &str) -> Result<Spec, SpecError> {
    let spec = load::parse(file, json)?;
    validate::validate(&spec)?;
    Ok(spec)
}

/// Loads every bundled spec and writes its generated Rust to
/// `out_dir/<module>.rs`, for its [`Bundled::module_path`], and its
/// [`emit::overview`] to `out_dir/<module>.md`; returns the paths written.
///
/// A file is rewritten only when its content changes, so its modification
/// time stays put on a no-op build.
pub fn generate_bundled(
    out_dir: &Path,
    options: &emit::Options,
) -> Result<Vec<PathBuf>, SpecError> {
    let mut written = Vec::new();
    for bundled in BUNDLED {
        let file = bundled.file;
        let spec = load(file, bundled.json)?;
        let options = options
            .clone()
            .with_module_path(bundled.module_path)
            .map_err(|e| SpecError::new(file, None, e.to_string()))?;
        for (ext, text) in [
            ("rs", emit::render_file(&spec, &options)),
            ("md", emit::overview(&spec, &options)),
        ] {
            let path = out_dir.join(format!("{}.{ext}", spec.module));
            let unchanged = std::fs::read(&path).is_ok_and(|old| old == text.as_bytes());
            if !unchanged {
                std::fs::write(&path, text).map_err(|e| {
                    SpecError::new(file, None, format!("cannot write {}: {e}", path.display()))
                })?;
            }
            written.push(path);
        }
    }
    Ok(written)
}

/// A problem in a spec file: which file, which entry (if any), and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    file: String,
    entry: Option<String>,
    problem: String,
}

impl SpecError {
    /// A new error about `file`, optionally about one `entry` in it.
    pub fn new(file: &str, entry: Option<String>, problem: String) -> Self {
        SpecError {
            file: file.to_owned(),
            entry,
            problem,
        }
    }

    /// The spec file the problem is in.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The entry the problem is in, quoted as in the message (`` `BadTopic` ``).
    pub fn entry(&self) -> Option<&str> {
        self.entry.as_deref()
    }

    /// What is wrong.
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.file)?;
        if let Some(entry) = &self.entry {
            write!(f, "entry {entry}: ")?;
        }
        f.write_str(&self.problem)
    }
}

impl std::error::Error for SpecError {}
