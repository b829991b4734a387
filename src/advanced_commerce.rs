//! The Advanced Commerce API: its error codes, what to do about each, and reading its
//! responses.
//!
#![doc = include_str!(concat!(env!("OUT_DIR"), "/advanced_commerce.md"))]
//!
//! # Reading responses
//!
//! A refused request answers with an HTTP status and a JSON body
//! `{"errorCode": …, "errorMessage": "…"}`; a 429 also carries
//! `Retry-After`, the UNIX time in milliseconds from which to send again.
//! [`Response::classify`] turns what your HTTP client holds into a
//! [`Success`] or a [`Rejection`] that keeps the status, the code (known or
//! not) and the message, and knows what to do next.
//!
//! Codes are per API: the same number can mean something else in another
//! App Store server API, so each API has its own [`ErrorCode`].
//!
//! The codes and statuses are generated from `advanced_commerce.json` in the
//! `apple-errors-spec` package.

use crate::store_api::store_api;

include!(concat!(env!("OUT_DIR"), "/advanced_commerce.rs"));

store_api!(api: "Advanced Commerce API", example: "advanced_commerce");
