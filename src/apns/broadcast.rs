//! APNs broadcast push and channel management: what APNs answers to
//! `/1/apps/{bundleId}/channels`, `/1/apps/{bundleId}/all-channels` and
//! `/4/broadcasts/apps/{bundleId}`.
//!
#![doc = include_str!(concat!(env!("OUT_DIR"), "/broadcast.md"))]
//!
//! # Reading responses
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
//! // Not again as it is: the channel was deleted, or it belongs to the other
//! // environment (channels do not cross over). Check before dropping its ID.
//! assert_eq!(rejection.retry().action(), RetryAction::Never);
//! assert_eq!(rejection.retry().token(), TokenAction::CheckEnvironment);
//! ```
//!
//! Apple publishes no retry rules for broadcast; every policy here applies
//! the device-push rules by analogy and says so
//! ([`RetryPolicy::is_inferred`](crate::retry::RetryPolicy::is_inferred)). The tables are generated from
//! `broadcast.json` in the `apple-errors-spec` package.

// Functions that are not generic are `#[inline]`, to be compiled where
// they are used: see "Compiled where used" in lib.rs.

use core::fmt;

use super::reason_body;
use super::refusal::{Fallback, Refusal, refusal};
use crate::body::BodyError;
use crate::header::{HeaderId, header_setters};
use crate::reply::Reply;

include!(concat!(env!("OUT_DIR"), "/broadcast.rs"));

/// The debug data of a GOAWAY frame on a broadcast or channel-management
/// connection.
pub type GoAway = super::goaway::GoAway<Reason>;

/// A response to one broadcast or channel-management request, as an HTTP/2
/// client holds it: which operation it answers, the `:status`, the body and,
/// optionally, the identifier headers.
#[derive(Clone, Copy, Debug)]
pub struct Response<'a> {
    operation: Operation,
    reply: Reply<'a>,
    request_id: Option<&'a [u8]>,
    channel_id: Option<&'a [u8]>,
    unique_id: Option<&'a [u8]>,
    retry_after: Option<&'a [u8]>,
}

impl<'a> Response<'a> {
    /// A response to `operation` with this `:status` and body.
    #[inline]
    pub fn new(operation: Operation, status: u16, body: &'a (impl AsRef<[u8]> + ?Sized)) -> Self {
        Response {
            operation,
            reply: Reply::new(status, body),
            request_id: None,
            channel_id: None,
            unique_id: None,
            retry_after: None,
        }
    }

    header_setters! {
        /// Adds the `apns-request-id` header value.
        request_id,
        /// Adds the `apns-channel-id` header value (the new channel's ID, in
        /// the answer to [`Operation::CreateChannel`]).
        channel_id,
        /// Adds the `apns-unique-id` header value (in the answer to
        /// [`Operation::Broadcast`]).
        unique_id,
        /// Adds the `Retry-After` header value. APNs sends none, but a
        /// proxy or load balancer in front of it may; its time can only
        /// lengthen the wait ([`Rejection::decision`]).
        retry_after,
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
    #[inline]
    pub fn classify(self) -> Result<Success, Rejection> {
        let request_id = self.request_id.map(HeaderId::new);
        if self.reply.status == self.operation.success_status().code() {
            return Ok(Success {
                operation: self.operation,
                request_id,
                channel_id: self.channel_id.map(HeaderId::new),
                unique_id: self.unique_id.map(HeaderId::new),
            });
        }
        let body = reason_body::parse::<Reason>(self.reply.body, false);
        Err(Rejection {
            operation: self.operation,
            status: self.reply.status,
            refusal: Refusal::new(body.reason),
            body_error: body.error,
            request_id,
            retry_after: crate::retry::read_retry_after(self.retry_after),
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
///
/// Its message names the operation, the status and the reason
/// (`APNs refused CreateChannel with status 400 (CannotCreateChannelConfig)`);
/// a problem with the body is its [`source`](std::error::Error::source).
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{}", Message(self))]
pub struct Rejection {
    operation: Operation,
    status: u16,
    refusal: Refusal<Reason>,
    #[source]
    body_error: Option<BodyError>,
    request_id: Option<HeaderId>,
    retry_after: crate::retry::RetryAfterReading,
}

/// Broadcast decides from the status when the reason is not known; a
/// success status here is another operation's, and the request may have
/// taken effect.
const BROADCAST: Fallback = Fallback {
    retry: |code| {
        if unexpected_success(code) {
            Operation::retry_for_unexpected_success()
        } else {
            Status::retry_for_code(code)
        }
    },
    remedy: |code| {
        if unexpected_success(code) {
            Operation::remedy_for_unexpected_success()
        } else {
            Status::remedy_for_code(code)
        }
    },
    description: |code| match Status::from_code(code) {
        Some(status) if !status.is_success() => Some(status.description()),
        _ => None,
    },
    // Another operation's success status is no error to APNs.
    error_condition: |code| !unexpected_success(code),
};

/// Whether a rejection's status is a success status, which makes it the
/// success status of another operation.
#[inline]
fn unexpected_success(code: u16) -> bool {
    Status::from_code(code).is_some_and(Status::is_success)
}

refusal! {
    impl Rejection, reason: Reason, status: Status, fallback: BROADCAST,
    /// What to do: the known reason's policy, otherwise the status's; for an
    /// [unexpected success](Self::is_unexpected_success), do not resend
    /// blindly, since the request may have taken effect.
    retry,
    /// What the rejection means, by the same precedence as
    /// [`retry`](Self::retry); `None` without a known reason or error status.
    description,
}

impl Rejection {
    /// The operation that was refused.
    #[inline]
    pub fn operation(&self) -> Operation {
        self.operation
    }

    /// Whether the status is a success status, but that of another
    /// operation (a 200 to a channel creation, say). The request may have
    /// done something; check which operation you classified the response as.
    #[inline]
    pub fn is_unexpected_success(&self) -> bool {
        unexpected_success(self.status)
    }

    /// The `apns-request-id` header, if it was given to [`Response`].
    #[inline]
    pub fn request_id(&self) -> Option<&HeaderId> {
        self.request_id.as_ref()
    }
}

/// `APNs refused CreateChannel with status 400 (CannotCreateChannelConfig)`,
/// or for another operation's success status without a reason,
/// `APNs answered CreateChannel with status 200, not its success status 201`.
struct Message<'a>(&'a Rejection);

impl fmt::Display for Message<'_> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Rejection {
            operation, status, ..
        } = self.0;
        if self.0.raw_reason().is_none() && self.0.is_unexpected_success() {
            let expected = operation.success_status().code();
            return write!(
                f,
                "APNs answered {operation:?} with status {status}, not its success status {expected}"
            );
        }
        write!(
            f,
            "APNs refused {operation:?} with status {status}{}",
            self.0.refusal.note()
        )
    }
}
