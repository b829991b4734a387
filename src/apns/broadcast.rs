//! APNs broadcast push and channel management: what APNs answers to
//! `/1/apps/{bundleId}/channels`, `/1/apps/{bundleId}/all-channels` and
//! `/4/broadcasts/apps/{bundleId}`.
//!
//! Each [`Operation`] succeeds with exactly one status (creating a channel
//! with 201, deleting one with 204, the rest with 200); any other status is a
//! [`Rejection`], including a success status that belongs to another
//! operation. A refusal carries a JSON body with a [`Reason`] and the
//! `apns-request-id` header; there is no timestamp.
//!
//! ```
//! use apple_errors::apns::broadcast::{Operation, Reason, Response};
//! use apple_errors::retry::{RetryAction, TokenAction};
//!
//! let body = br#"{"reason":"ChannelNotRegistered"}"#;
//! let rejection = Response::new(Operation::Broadcast, 400, body)
//!     .request_id("3b6a1c0e-7f43-4d8e-9a61-2f5c8d9e0b17")
//!     .classify()
//!     .unwrap_err();
//! assert_eq!(rejection.reason(), Some(Reason::ChannelNotRegistered));
//! // The channel is gone for good: stop using its ID.
//! assert_eq!(rejection.retry().action(), RetryAction::Never);
//! assert_eq!(rejection.retry().token(), TokenAction::Drop);
//! ```
//!
//! Apple publishes no retry rules for broadcast; every policy here applies
//! the device-push rules by analogy and says so
//! ([`RetryPolicy::is_inferred`]). The tables are generated from
//! `broadcast.json` in the `apple-errors-spec` package.

use core::fmt;

use crate::body::{self, BodyError};
use crate::header::HeaderId;
use crate::retry::RetryPolicy;
use crate::wire::Wire;

include!(concat!(env!("OUT_DIR"), "/broadcast.rs"));

/// The debug data of a GOAWAY frame on a broadcast or channel-management
/// connection.
pub type GoAway = crate::goaway::GoAway<Reason>;

/// A response to one broadcast or channel-management request, as an HTTP/2
/// client holds it: which operation it answers, the `:status`, the body and,
/// optionally, the identifier headers.
#[derive(Clone, Copy, Debug)]
pub struct Response<'a> {
    operation: Operation,
    status: u16,
    body: &'a [u8],
    request_id: Option<&'a [u8]>,
    channel_id: Option<&'a [u8]>,
    unique_id: Option<&'a [u8]>,
}

impl<'a> Response<'a> {
    /// A response to `operation` with this `:status` and body.
    #[inline]
    pub fn new(operation: Operation, status: u16, body: &'a (impl AsRef<[u8]> + ?Sized)) -> Self {
        Response {
            operation,
            status,
            body: body.as_ref(),
            request_id: None,
            channel_id: None,
            unique_id: None,
        }
    }

    /// Adds the `apns-request-id` header value.
    #[inline]
    pub fn request_id(mut self, value: &'a (impl AsRef<[u8]> + ?Sized)) -> Self {
        self.request_id = Some(value.as_ref());
        self
    }

    /// Adds the `apns-channel-id` header value (the new channel's ID, in the
    /// answer to [`Operation::CreateChannel`]).
    #[inline]
    pub fn channel_id(mut self, value: &'a (impl AsRef<[u8]> + ?Sized)) -> Self {
        self.channel_id = Some(value.as_ref());
        self
    }

    /// Adds the `apns-unique-id` header value (in the answer to
    /// [`Operation::Broadcast`]).
    #[inline]
    pub fn unique_id(mut self, value: &'a (impl AsRef<[u8]> + ?Sized)) -> Self {
        self.unique_id = Some(value.as_ref());
        self
    }

    /// Decides what the response means.
    ///
    /// The operation's success status is a [`Success`]; the body is not read
    /// (list and read bodies are yours to parse). Any other status is a
    /// [`Rejection`] whose body is parsed for `reason`; body problems are
    /// recorded, never raised. Never panics.
    #[allow(
        clippy::result_large_err,
        reason = "the ids are stored inline so that classifying allocates nothing"
    )]
    pub fn classify(self) -> Result<Success, Rejection> {
        let request_id = self.request_id.map(HeaderId::new);
        if self.status == self.operation.success_status().code() {
            return Ok(Success {
                operation: self.operation,
                request_id,
                channel_id: self.channel_id.map(HeaderId::new),
                unique_id: self.unique_id.map(HeaderId::new),
            });
        }
        let body = body::parse_reason_body::<Reason>(self.body, false);
        Err(Rejection {
            operation: self.operation,
            status: self.status,
            reason: body.reason,
            body_error: body.error,
            request_id,
        })
    }
}

/// The operation succeeded with its documented status.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Success {
    operation: Operation,
    request_id: Option<HeaderId>,
    channel_id: Option<HeaderId>,
    unique_id: Option<HeaderId>,
}

impl Success {
    /// The operation that succeeded.
    #[inline]
    pub fn operation(&self) -> Operation {
        self.operation
    }

    /// The `apns-request-id` header, if it was given to [`Response`].
    #[inline]
    pub fn request_id(&self) -> Option<&HeaderId> {
        self.request_id.as_ref()
    }

    /// The `apns-channel-id` header: the new channel's ID after
    /// [`Operation::CreateChannel`], if it was given to [`Response`].
    #[inline]
    pub fn channel_id(&self) -> Option<&HeaderId> {
        self.channel_id.as_ref()
    }

    /// The `apns-unique-id` header after [`Operation::Broadcast`], if it was
    /// given to [`Response`].
    #[inline]
    pub fn unique_id(&self) -> Option<&HeaderId> {
        self.unique_id.as_ref()
    }
}

/// APNs did not do what the operation asked: the status, the reason as
/// received, and what to do.
///
/// As for device pushes, an unknown reason is kept as a string
/// ([`raw_reason`](Self::raw_reason)) and the retry policy then comes from
/// the status.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rejection {
    operation: Operation,
    status: u16,
    reason: Option<Wire<Reason>>,
    body_error: Option<BodyError>,
    request_id: Option<HeaderId>,
}

impl Rejection {
    /// The operation that was refused.
    #[inline]
    pub fn operation(&self) -> Operation {
        self.operation
    }

    /// The HTTP status, whatever it was.
    #[inline]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The status, if it is one APNs documents for broadcast.
    #[inline]
    pub fn known_status(&self) -> Option<Status> {
        Status::from_code(self.status)
    }

    /// Whether the status is a success status, but that of another
    /// operation (a 200 to a channel creation, say). The request may have
    /// done something; check which operation you classified the response as.
    #[inline]
    pub fn is_unexpected_success(&self) -> bool {
        self.known_status().is_some_and(Status::is_success)
    }

    /// The reason, if the body held one this version knows (the misprint
    /// `Service Unavailable` included).
    #[inline]
    pub fn reason(&self) -> Option<Reason> {
        self.reason.as_ref().and_then(Wire::known)
    }

    /// The `reason` string exactly as received, known or not.
    #[inline]
    pub fn raw_reason(&self) -> Option<&str> {
        self.reason.as_ref().map(Wire::as_str)
    }

    /// What was wrong with the body, if anything.
    #[inline]
    pub fn body_error(&self) -> Option<BodyError> {
        self.body_error
    }

    /// The `apns-request-id` header, if it was given to [`Response`].
    #[inline]
    pub fn request_id(&self) -> Option<&HeaderId> {
        self.request_id.as_ref()
    }

    /// What to do: the known reason's policy, otherwise the status's; for an
    /// [unexpected success](Self::is_unexpected_success), do not resend
    /// blindly, since the request may have taken effect.
    #[inline]
    pub fn retry(&self) -> RetryPolicy {
        match self.reason() {
            Some(reason) => reason.retry(),
            None if self.is_unexpected_success() => Operation::retry_for_unexpected_success(),
            None => Status::retry_for_code(self.status),
        }
    }

    /// What the caller should change, by the same precedence as
    /// [`retry`](Self::retry).
    #[inline]
    pub fn remedy(&self) -> &'static str {
        match self.reason() {
            Some(reason) => reason.remedy(),
            None if self.is_unexpected_success() => Operation::remedy_for_unexpected_success(),
            None => Status::remedy_for_code(self.status),
        }
    }

    /// What the rejection means, by the same precedence as
    /// [`retry`](Self::retry); `None` without a known reason or error status.
    #[inline]
    pub fn description(&self) -> Option<&'static str> {
        match (self.reason(), self.known_status()) {
            (Some(reason), _) => Some(reason.description()),
            (None, Some(status)) if !status.is_success() => Some(status.description()),
            _ => None,
        }
    }
}

impl fmt::Display for Rejection {
    /// `APNs refused CreateChannel: 400 CannotCreateChannelConfig: <meaning>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "APNs refused {:?}: {}", self.operation, self.status)?;
        if self.reason.is_none() && self.is_unexpected_success() {
            let expected = self.operation.success_status().code();
            let op = self.operation;
            return write!(
                f,
                " (a success status, but {op:?} succeeds with {expected})"
            );
        }
        let (raw, reason, status) = (self.raw_reason(), self.reason(), self.known_status());
        body::write_reason(f, raw, reason, status, self.body_error)
    }
}

impl std::error::Error for Rejection {}

impl crate::AppleError for Rejection {
    fn http_status(&self) -> Option<u16> {
        Some(self.status)
    }

    fn raw_code(&self) -> Option<&str> {
        self.raw_reason()
    }

    fn retry(&self) -> RetryPolicy {
        Rejection::retry(self)
    }

    fn remedy(&self) -> &'static str {
        Rejection::remedy(self)
    }
}
