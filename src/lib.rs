//! Typed, documented errors for Apple's server APIs, with Apple's retry
//! guidance as data.
//!
//! Every reason string, status and code comes from a machine-readable spec
//! (the `apple-errors-spec` crate), so the tables here match Apple's
//! documentation entry for entry. Each known value says what it means, what
//! to do about it ([`retry::RetryPolicy`]) and how to fix it; values this
//! version does not know are kept verbatim instead of being dropped.
//!
//! Classifying an APNs response:
//!
//! ```
//! use apple_errors::apns::{Reason, Response};
//! use apple_errors::retry::{RetryAction, TokenAction};
//!
//! let body = br#"{"reason":"BadDeviceToken"}"#;
//! match Response::new(400, body).classify() {
//!     Ok(_) => println!("delivered"),
//!     Err(rejection) => {
//!         assert_eq!(rejection.reason(), Some(Reason::BadDeviceToken));
//!         let policy = rejection.retry();
//!         assert_eq!(policy.action(), RetryAction::Never);
//!         assert_eq!(policy.token(), TokenAction::CheckEnvironment);
//!         println!("{rejection}: {policy}; {}", rejection.remedy());
//!     }
//! }
//! ```
//!
//! # Modules
//!
//! - [`apns`]: APNs device push reasons and statuses, response and GOAWAY
//!   parsing;
//!   [`apns::broadcast`] for broadcast push and channel management.
//! - [`app_store_server`]: App Store Server API error codes, with Apple's
//!   retry groups, and its responses; [`app_store_server::notifications`]
//!   for App Store Server Notifications send attempts and Apple's resend
//!   schedule.
//! - [`retention_messaging`] and [`advanced_commerce`]: the error codes and
//!   responses of the Retention Messaging and Advanced Commerce APIs.
//! - [`app_store_connect`]: App Store Connect API statuses, error responses,
//!   error-code families and the rate-limit header.
//! - [`retry`]: the retry vocabulary every table uses.
//! - [`body`]: what can be wrong with a response body.
//!
//! Every parsed error implements [`AppleError`], for handling errors from
//! several APIs in one place.
//!
//! Every vocabulary has a checked-literal macro: `apns::reason!("Unregistered")`
//! is [`apns::Reason::Unregistered`], checked at compile time, in
//! expressions, constants and patterns (see [`apns::reason!`]).
//!
//! # Features
//!
//! - `serde`: `Serialize`/`Deserialize` for every known value, as its wire
//!   string (statuses and numeric codes as numbers), and for [`Received`],
//!   which keeps a value this version does not know; for the retry
//!   vocabulary ([`retry::RetryPolicy`], [`retry::Decision`],
//!   [`retry::Backoff`] and the actions), so a decision can wait in a job
//!   queue and come back equal; `Serialize` for every rejection and GOAWAY,
//!   as a flat object for logs.
//! - `macros`: `vocabulary!` for spec files of your
//!   own, and the nearest known values in the errors of the checked-literal
//!   macros.
//! - `strum`: strum's `EnumCount`, `VariantArray`, `VariantNames`,
//!   `IntoEnumIterator` and `EnumMessage` for every generated enum (no
//!   strum derives).
//! - `http`: every surface's `Response` from an `http::Response` (or its
//!   status, headers and body), reading the headers the surface defines:
//!   `apns::Response::from(&response)`.
//! - `h2`: [`apns::GoAway::from_error`] finds APNs's GOAWAY in an error from
//!   h2 or hyper (h2 keeps the frame's debug data private; see
//!   [`apns::goaway`] for what can be had).
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// docs.rs builds with nightly and `--cfg docsrs`: feature badges.
#![cfg_attr(docsrs, feature(doc_cfg))]

// Compiled where used: in the hand-written code of the App Store
// surfaces and of APNs broadcast (`app_store_server::notifications`,
// `app_store_connect`'s `error_code`, `error_response`, `rate_limit` and
// `response`, `store_api`, `apns::broadcast`), every function that is not
// generic is `#[inline]` (`tests/it/compiled_where_used.rs` checks). rustc
// then compiles it, as it does generic code, only in the crates that call
// it, so a push sender's release build skips those parsers: this crate's
// own release compile takes about half the CPU time it did
// (BENCHMARKS.md, "Build cost for dependents"). Still compiled here for
// every surface: the generated tables' trait impls, the shared refusal
// code and the thiserror-derived messages. A crate that does call an App
// Store parser compiles it itself, in each of its codegen units that call
// it. APNs device pushes, which nearly every dependent reads, stay
// compiled here, once.
pub mod advanced_commerce;
pub mod apns;
pub mod app_store_connect;
pub mod app_store_server;
pub mod body;
mod header;
#[cfg(feature = "http")]
mod http;
mod inline;
mod json;
mod received;
mod reply;
pub mod retention_messaging;
pub mod retry;
#[cfg(feature = "serde")]
mod serde_fields;
mod store_api;
mod text;
mod wire;

/// What generated code calls. Not public API.
#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

/// Checks for the fuzz targets (`cargo fuzz` sets `cfg(fuzzing)`). Not
/// public API.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod __fuzzing {
    /// Whether the fast path for APNs error bodies, where it applies, reads
    /// `body` exactly as the general parser does, for every APNs reason type.
    pub fn reason_body_paths_agree(body: &[u8]) -> bool {
        crate::apns::reason_body_paths_agree(body)
    }
}

pub use header::HeaderId;

/// The types of a spec file of your own, generated where the macro is
/// invoked by the same code as this crate's tables (feature `macros`).
///
/// ```
/// mod pager {
///     apple_errors::vocabulary!("examples/specs/pager.json");
/// }
///
/// fn main() {
///     use apple_errors::retry::RetryAction;
///
///     let code = pager::ErrorCode::from_wire("RATE_LIMITED").unwrap();
///     assert_eq!(code, pager::error_code!("RATE_LIMITED"));
///     assert_eq!(code.retry().action(), RetryAction::AfterDelay);
/// }
/// ```
#[cfg(feature = "macros")]
#[cfg_attr(docsrs, doc(cfg(feature = "macros")))]
pub use apple_errors_macros::vocabulary;
pub use received::Received;
pub use wire::{KnownValue, UnknownValue};

/// What every parsed Apple error answers, whichever API it came from.
///
/// Use it to handle errors from several of Apple's APIs in one place (logging,
/// metrics, a retry queue). Implemented by every APNs refusal
/// ([`apns::Rejection`], [`apns::broadcast::Rejection`], [`apns::GoAway`],
/// [`apns::broadcast::GoAway`]), by the rejections of the App Store server
/// APIs ([`app_store_server::Rejection`], [`retention_messaging::Rejection`],
/// [`advanced_commerce::Rejection`]) and by [`app_store_connect::Rejection`].
///
/// ```
/// use apple_errors::AppleError;
/// use apple_errors::{apns, app_store_connect};
///
/// let errors: Vec<Box<dyn AppleError>> = vec![
///     Box::new(apns::Response::new(410, br#"{"reason":"Unregistered"}"#).classify().unwrap_err()),
///     Box::new(apns::GoAway::parse(br#"{"reason":"Shutdown"}"#)),
///     Box::new(app_store_connect::Response::new(429, b"").classify().unwrap_err()),
/// ];
/// for e in &errors {
///     println!("{e}: {} ({:?})", e.retry(), e.raw_code());
/// }
/// assert_eq!(errors[0].http_status(), Some(410));
/// assert_eq!(errors[1].http_status(), None);
/// ```
pub trait AppleError: std::error::Error {
    /// The HTTP status, when the error came with one.
    fn http_status(&self) -> Option<u16>;
    /// The error's reason or code exactly as received, known or not.
    fn raw_code(&self) -> Option<&str>;
    /// What to do about the failed request.
    fn retry(&self) -> retry::RetryPolicy;
    /// What the caller should change.
    fn remedy(&self) -> &'static str;
    /// A stable, low-cardinality name for metrics and logs: the known
    /// reason's or code's label (`apns.bad_device_token`), or the surface's
    /// one label for anything this version does not know (`apns.unknown`);
    /// [`raw_code`](Self::raw_code) keeps the string.
    fn label(&self) -> &'static str;
    /// The `Retry-After` value that came with the error, when one was given
    /// and could be read; `None` by default.
    fn retry_after(&self) -> Option<retry::RetryAfter> {
        None
    }
    /// What to do and from when, for the error received at `received_at`:
    /// [`retry`](Self::retry) and the time of
    /// [`retry_after`](Self::retry_after), for
    /// [`Backoff::next`](retry::Backoff::next).
    fn decision(&self, received_at: std::time::SystemTime) -> retry::Decision {
        retry::Decision::from_retry_after(self.retry(), self.retry_after(), received_at)
    }
}

/// The README's examples, compiled and run as doctests (with the features
/// they show: `macros`, and `http` and `h2` for the HTTP clients).
#[doc = include_str!("../README.md")]
#[cfg(all(doctest, feature = "macros", feature = "http", feature = "h2"))]
pub struct ReadmeDoctests;
