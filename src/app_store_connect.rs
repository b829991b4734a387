//! App Store Connect API: statuses, error responses, hierarchical error
//! codes and the `X-Rate-Limit` header.
//!
#![doc = include_str!(concat!(env!("OUT_DIR"), "/app_store_connect.md"))]
//!
//! # Reading responses
//!
//! A failed request answers with a [`Status`] and an `ErrorResponse` body
//! listing one or more errors. Each error's `code` is hierarchical
//! (`ENTITY_ERROR.ATTRIBUTE.INVALID`) and Apple says to match it by prefix,
//! which [`ErrorCode::starts_with`] and [`ErrorCode::family`] do for any code, known or
//! not. What to do next follows the status.
//!
//! ```
//! use apple_errors::app_store_connect::{ErrorCodeFamily, Response};
//! use apple_errors::retry::RetryAction;
//!
//! let body = br#"{"errors":[{
//!   "id": "b5a4b9a3-54b1-4b6f-9d0b-3ab0e4f3a9f2",
//!   "status": "409",
//!   "code": "ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG",
//!   "title": "An attribute value is too long.",
//!   "detail": "'name' must be 30 characters or fewer.",
//!   "source": {"pointer": "/data/attributes/name"}
//! }]}"#;
//! let rejection = Response::new(409, body).classify().unwrap_err();
//! let error = &rejection.errors()[0];
//! assert!(error.code().starts_with("ENTITY_ERROR"));
//! assert_eq!(error.code().family(), Some(ErrorCodeFamily::EntityErrorAttributeInvalid));
//! assert_eq!(rejection.retry().action(), RetryAction::AfterFix);
//! ```
//!
//! The statuses and code families are generated from
//! `app_store_connect.json` in the `apple-errors-spec` package.

mod error_code;
mod error_response;
mod rate_limit;
mod response;
#[cfg(feature = "serde")]
mod serialized;

pub use error_code::ErrorCode;
pub use error_response::{ApiError, ErrorResponse, Source};
pub use rate_limit::{RateLimit, RateLimitError, RateLimitReading};
pub use response::{Rejection, Response, Success};

include!(concat!(env!("OUT_DIR"), "/app_store_connect.rs"));
