//! Feature `serde`: APNs refusals as flat JSON objects, for logs and job
//! queues. Written only: a refusal is what APNs said, and the
//! [`Decision`](crate::retry::Decision) is what comes back from a queue.

use serde::{Serialize, Serializer};

use super::broadcast;
use super::goaway::{ApnsReason, GoAway};
use super::{Ids, Rejection};
use crate::KnownValue;
use crate::serde_fields::{self, Fields, Sink, header_text, received, tail_fields};

/// `reason`, `known` and `label`: the reason as received (escaped for a
/// log), whether this version knows it, and its label.
fn reason_fields<S: Sink, R: KnownValue>(
    raw: Option<&str>,
    known: Option<R>,
    label: &'static str,
    sink: &mut S,
) -> Result<(), S::Error> {
    sink.opt("reason", raw.map(received))?;
    sink.field("known", &known.is_some())?;
    sink.field("label", label)
}

/// The connection facts every APNs refusal has.
fn connection_fields<S: Sink>(
    new_connection: bool,
    new_provider_token: bool,
    sink: &mut S,
) -> Result<(), S::Error> {
    sink.field("needs_new_connection", &new_connection)?;
    sink.field("needs_new_provider_token", &new_provider_token)
}

fn ids_fields<S: Sink>(ids: &Ids, sink: &mut S) -> Result<(), S::Error> {
    sink.opt("apns_id", ids.apns_id().map(header_text))?;
    sink.opt("unique_id", ids.unique_id().map(header_text))
}

impl Fields for Rejection {
    const NAME: &'static str = "Rejection";

    fn fields<S: Sink>(&self, sink: &mut S) -> Result<(), S::Error> {
        sink.field("status", &self.status())?;
        reason_fields(self.raw_reason(), self.reason(), self.label(), sink)?;
        sink.opt("timestamp_ms", self.timestamp_millis())?;
        ids_fields(self.ids(), sink)?;
        connection_fields(
            self.needs_new_connection(),
            self.needs_new_provider_token(),
            sink,
        )?;
        tail_fields(
            self.retry(),
            self.retry_after(),
            self.retry_after_error(),
            self.body_error(),
            sink,
        )
    }
}

impl Fields for broadcast::Rejection {
    const NAME: &'static str = "Rejection";

    fn fields<S: Sink>(&self, sink: &mut S) -> Result<(), S::Error> {
        sink.field("operation", &format_args!("{:?}", self.operation()))?;
        sink.field("status", &self.status())?;
        reason_fields(self.raw_reason(), self.reason(), self.label(), sink)?;
        sink.opt("request_id", self.request_id().map(header_text))?;
        sink.field("unexpected_success", &self.is_unexpected_success())?;
        connection_fields(
            self.needs_new_connection(),
            self.needs_new_provider_token(),
            sink,
        )?;
        tail_fields(
            self.retry(),
            self.retry_after(),
            self.retry_after_error(),
            self.body_error(),
            sink,
        )
    }
}

impl<R: ApnsReason> Fields for GoAway<R> {
    const NAME: &'static str = "GoAway";

    fn fields<S: Sink>(&self, sink: &mut S) -> Result<(), S::Error> {
        reason_fields(self.raw_reason(), self.reason(), self.label(), sink)?;
        connection_fields(
            self.needs_new_connection(),
            self.needs_new_provider_token(),
            sink,
        )?;
        tail_fields(self.retry(), None, None, self.body_error(), sink)
    }
}

/// A flat object, members left out when the rejection has no value for
/// them:
///
/// ```json
/// {"status": 400, "reason": "BadDeviceToken", "known": true, "label": "apns.bad_device_token",
///  "apns_id": "EC1BF194-B3B2-424A-89A9-5A918A6E6B5E", "needs_new_connection": false,
///  "needs_new_provider_token": false, "action": "never", "token": "check_environment",
///  "inferred": false, "token_inferred": true}
/// ```
///
/// In order: `status`; `reason` as received (left out without one),
/// `known` (whether this version knows it; a [`Received`](crate::Received)
/// reads `reason` back) and `label`; `timestamp_ms` (a 410's), `apns_id`
/// and `unique_id` (header values, with U+FFFD for bytes that are not
/// UTF-8); the connection facts
/// `needs_new_connection` and `needs_new_provider_token`; the
/// [retry policy's members](crate::retry::RetryPolicy#serde), so that the
/// object reads as its policy; `retry_after` (the header value, as read)
/// or `retry_after_error`; and `body_error`, the problem with the body as
/// text. Written only: the [`Decision`](crate::retry::Decision) is what
/// goes to a job queue and comes back.
///
/// Text that came in the response (`reason`, the header values) is escaped
/// as in `Display`: control characters (C0, DEL and C1), U+2028/U+2029 and
/// the characters that reorder or hide text are written `\u{…}`, so that
/// nothing a peer sent reaches a log raw (serde_json itself escapes only
/// U+0000–U+001F). Unlike in messages it is not cut. A reason with no such
/// characters, which every real one is, is written exactly.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Rejection {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde_fields::serialize(self, serializer)
    }
}

/// A flat object as for a device push
/// ([`apns::Rejection`](crate::apns::Rejection#impl-Serialize-for-Rejection)),
/// with `operation` first (`"CreateChannel"`), `request_id` instead of the
/// device-push ids, `unexpected_success`, and no `timestamp_ms`; received
/// text is escaped in the same way:
///
/// ```json
/// {"operation": "Broadcast", "status": 400, "reason": "BadChannelId", "known": true,
///  "label": "apns.broadcast.bad_channel_id", "unexpected_success": false,
///  "needs_new_connection": false, "needs_new_provider_token": false,
///  "action": "after_fix", "token": "keep", "inferred": true, "token_inferred": false}
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for broadcast::Rejection {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde_fields::serialize(self, serializer)
    }
}

/// A flat object as for a rejection
/// ([`apns::Rejection`](crate::apns::Rejection#impl-Serialize-for-Rejection)),
/// without a status, ids or `Retry-After`; a received `reason` is escaped
/// in the same way:
///
/// ```json
/// {"reason": "Shutdown", "known": true, "label": "apns.shutdown", "needs_new_connection": true,
///  "needs_new_provider_token": false, "action": "new_connection", "token": "keep",
///  "inferred": true, "token_inferred": false}
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<R: ApnsReason> Serialize for GoAway<R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde_fields::serialize(self, serializer)
    }
}
