//! Feature `serde`: App Store Connect rejections and their errors as JSON
//! objects, for logs and job queues. Written only, in this crate's
//! snake_case shape rather than Apple's (which [`ErrorResponse::parse`]
//! reads).

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::{ApiError, ErrorResponse, RateLimit, Rejection, Source};
use crate::serde_fields::{self, Fields, Sink, Text, received, tail_fields};

impl Fields for Rejection {
    const NAME: &'static str = "Rejection";

    fn fields<S: Sink>(&self, sink: &mut S) -> Result<(), S::Error> {
        let first = self.errors().first();
        sink.field("status", &self.status())?;
        sink.opt("code", first.map(|e| Text(e.code())))?;
        sink.field("known", &first.is_some_and(|e| e.code().family().is_some()))?;
        sink.field("label", self.label())?;
        sink.field("errors", self.errors())?;
        sink.opt("rate_limit", self.rate_limit().map(|r| Limit(r.limit())))?;
        tail_fields(
            self.retry(),
            self.retry_after(),
            self.retry_after_error(),
            self.body_error(),
            sink,
        )
    }
}

/// A flat object, members left out when the rejection has no value for
/// them:
///
/// ```json
/// {"status": 409, "code": "ENTITY_ERROR.ATTRIBUTE.INVALID", "known": true,
///  "label": "app_store_connect.entity_error_attribute_invalid",
///  "errors": [{"status": 409, "code": "ENTITY_ERROR.ATTRIBUTE.INVALID",
///              "label": "app_store_connect.entity_error_attribute_invalid",
///              "title": "An attribute value is invalid."}],
///  "action": "after_fix", "token": "keep", "inferred": true, "token_inferred": false}
/// ```
///
/// In order: `status`; `code`, the first error's code as received (left
/// out without errors), `known` (whether this version knows its family)
/// and `label`; `errors`, every error ([`ApiError`'s
/// shape](ApiError#impl-Serialize-for-ApiError)); `rate_limit`, the
/// `X-Rate-Limit` quotas read (`hour_limit`, `hour_remaining`,
/// `minute_limit`, `minute_remaining`, each left out when the header did
/// not give it); the [retry policy's members](crate::retry::RetryPolicy#serde),
/// so that the object reads as its policy; `retry_after` (the header value,
/// as read) or `retry_after_error`; and `body_error`, the first problem
/// with the body, as text. Written only: the
/// [`Decision`](crate::retry::Decision) is what goes to a job queue and
/// comes back.
///
/// Text that came in the body (codes, titles, details, sources, ids, links,
/// request paths) is escaped as in `Display`: control characters (C0, DEL
/// and C1), U+2028/U+2029 and the characters that reorder or hide text are
/// written `\u{…}`, so that nothing a peer sent reaches a log raw
/// (serde_json itself escapes only U+0000–U+001F). Unlike in messages it is
/// not cut.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Rejection {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde_fields::serialize(self, serializer)
    }
}

impl Fields for ApiError {
    const NAME: &'static str = "ApiError";

    fn fields<S: Sink>(&self, sink: &mut S) -> Result<(), S::Error> {
        sink.opt("id", self.id().map(received))?;
        sink.opt("status", self.status())?;
        sink.field("code", &Text(self.code()))?;
        sink.field("label", self.code().label())?;
        sink.opt("title", self.title().map(received))?;
        sink.opt("detail", self.detail().map(received))?;
        sink.opt("source", self.source())?;
        sink.opt("about", self.about().map(received))?;
        let associated = self.associated_errors();
        sink.opt(
            "associated_errors",
            (!associated.is_empty()).then_some(Associated(associated)),
        )
    }
}

/// An object, members left out when the error has none:
///
/// ```json
/// {"id": "b5a4b9a3-54b1-4b6f-9d0b-3ab0e4f3a9f2", "status": 409,
///  "code": "ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG",
///  "label": "app_store_connect.entity_error_attribute_invalid",
///  "title": "An attribute value is too long.", "detail": "'name' must be 30 characters or fewer.",
///  "source": {"pointer": "/data/attributes/name"}, "about": "https://…",
///  "associated_errors": {"/v1/builds": [{"code": "…", "label": "…"}]}}
/// ```
///
/// `status` is a number; `code` is as received and `label` its family's;
/// `source` has `pointer` or `parameter`; `associated_errors` keeps
/// document order. Received text is escaped as in `Display`, as for a
/// [`Rejection`](Rejection#impl-Serialize-for-Rejection).
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for ApiError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde_fields::serialize(self, serializer)
    }
}

/// `{"pointer": "/data/attributes/name"}` or
/// `{"parameter": "filter[platform]"}`, as Apple writes it, escaped as in
/// `Display`.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Source {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Source::Pointer(pointer) => map.serialize_entry("pointer", &received(pointer))?,
            Source::Parameter(parameter) => {
                map.serialize_entry("parameter", &received(parameter))?
            }
        }
        map.end()
    }
}

/// `{"errors": […]}`, each error in [`ApiError`'s
/// shape](ApiError#impl-Serialize-for-ApiError).
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for ErrorResponse {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("errors", self.errors())?;
        map.end()
    }
}

/// `associatedErrors`: the request paths in document order, each with its
/// errors.
struct Associated<'a>(&'a [(String, Vec<ApiError>)]);

impl Serialize for Associated<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (path, errors) in self.0 {
            map.serialize_entry(&received(path), errors)?;
        }
        map.end()
    }
}

/// The quotas an `X-Rate-Limit` header gave.
struct Limit(RateLimit);

impl Fields for Limit {
    const NAME: &'static str = "RateLimit";

    fn fields<S: Sink>(&self, sink: &mut S) -> Result<(), S::Error> {
        sink.opt("hour_limit", self.0.hour_limit())?;
        sink.opt("hour_remaining", self.0.hour_remaining())?;
        sink.opt("minute_limit", self.0.minute_limit())?;
        sink.opt("minute_remaining", self.0.minute_remaining())
    }
}

impl Serialize for Limit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde_fields::serialize(self, serializer)
    }
}
