//! serde-derived structs shaped like Apple's models, for the bodies no
//! published crate reads.

use std::collections::BTreeMap;

use apple_errors::app_store_server;
use serde::Deserialize;

/// The broadcast reasons as a serde-derived enum (a2 has none), shared
/// with `benches/parse.rs`.
pub use crate::baselines::BroadcastReason;

#[derive(Debug, Deserialize)]
pub struct BroadcastBody {
    pub reason: BroadcastReason,
}

/// The error body as `app-store-server-library` reads it (its private
/// `ErrorPayload` in `api_client.rs`, behind the `api-client` feature, and
/// Apple's own libraries' model): a code and a message.
#[derive(Debug, Deserialize)]
pub struct ErrorPayload {
    #[serde(rename = "errorCode")]
    pub error_code: Option<i64>,
    #[serde(rename = "errorMessage")]
    pub error_message: Option<String>,
}

/// What a client then holds: the status, the code looked up (as Apple's
/// libraries map it to their `APIError` enum) and the message.
#[inline(always)]
pub fn api_error(
    status: u16,
    body: &[u8],
) -> Option<(u16, Option<app_store_server::ErrorCode>, Option<String>)> {
    let payload = serde_json::from_slice::<ErrorPayload>(body).ok()?;
    let code = payload
        .error_code
        .and_then(|c| u32::try_from(c).ok())
        .and_then(app_store_server::ErrorCode::from_code);
    Some((status, code, payload.error_message))
}

/// App Store Connect's `ErrorResponse`, as Apple's OpenAPI document
/// describes it (`ErrorResponse.Errors`, `ErrorSourcePointer`,
/// `ErrorSourceParameter`, `ErrorLinks`, and `meta.associatedErrors`; a
/// `BTreeMap` rather than a `HashMap`, whose random seed would make the
/// counts vary from run to run).
#[derive(Debug, Deserialize)]
pub struct ErrorResponse {
    pub errors: Vec<ApiError>,
}

#[derive(Debug, Deserialize)]
pub struct ApiError {
    pub id: Option<String>,
    pub status: String,
    pub code: String,
    pub title: String,
    pub detail: Option<String>,
    pub source: Option<Source>,
    pub links: Option<Links>,
    pub meta: Option<Meta>,
}

/// `ErrorSourcePointer` or `ErrorSourceParameter`, read as one struct
/// (cheaper for serde than an untagged enum, which buffers).
#[derive(Debug, Deserialize)]
pub struct Source {
    pub pointer: Option<String>,
    pub parameter: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Links {
    pub about: Option<String>,
    pub associated: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
pub struct Meta {
    #[serde(rename = "associatedErrors")]
    pub associated_errors: Option<BTreeMap<String, Vec<ApiError>>>,
}
