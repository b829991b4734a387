//! APNs device push: what APNs answers to `POST /3/device/<token>`.
//!
#![doc = include_str!(concat!(env!("OUT_DIR"), "/apns.md"))]
//!
//! # Reading responses
//!
//! APNs answers every push with a `:status`; a refusal also carries a small
//! JSON body with a [`Reason`], and a 410 adds the `timestamp` at which the
//! token stopped being valid. [`Response::classify`] turns what your HTTP/2
//! client holds into a [`Delivered`] or a [`Rejection`] that keeps every raw
//! value and knows what to do next.
//!
//! ```
//! use apple_errors::apns::{Reason, Response};
//! use apple_errors::retry::{RetryAction, TokenAction};
//!
//! let body = br#"{"reason":"Unregistered","timestamp":1700000000000}"#;
//! let rejection = Response::new(410, body).classify().unwrap_err();
//! assert_eq!(rejection.reason(), Some(Reason::Unregistered));
//! assert_eq!(rejection.timestamp_millis(), Some(1_700_000_000_000));
//! assert_eq!(rejection.retry().action(), RetryAction::Never);
//! assert_eq!(rejection.retry().token(), TokenAction::Drop);
//! ```
//!
//! [`reason!`] writes a reason as its wire value, checked at compile time:
//!
//! ```
//! use apple_errors::apns::{self, Reason};
//!
//! let retry_later = |reason| matches!(reason, apns::reason!("TooManyRequests"));
//! assert!(retry_later(Reason::TooManyRequests));
//! // Aliases give the documented variant.
//! assert_eq!(apns::reason!("BadEnvironmentKeyInToken"), Reason::BadEnvironmentKeyIdInToken);
//! ```
//!
//! The reasons, statuses, descriptions and retry policies are generated from
//! `apns.json` in the `apple-errors-spec` package (Apple's page: "Handling
//! notification responses from APNs").

use std::time::{Duration, SystemTime};

use crate::body::BodyError;
use crate::header::{HeaderId, header_setters};
use crate::reply::Reply;
use refusal::{Fallback, Refusal, refusal};

pub mod broadcast;
pub mod goaway;
mod reason_body;
mod refusal;
#[cfg(feature = "serde")]
mod serialized;

include!(concat!(env!("OUT_DIR"), "/apns.rs"));

/// A response from APNs to one push, as an HTTP/2 client holds it: the
/// `:status`, the body and, optionally, the identifier headers.
///
/// ```
/// use apple_errors::apns::Response;
///
/// let result = Response::new(200, b"")
///     .apns_id("EC1BF194-B3B2-424A-89A9-5A918A6E6B5E")
///     .classify();
/// let delivered = result.unwrap();
/// assert_eq!(
///     delivered.ids().apns_id().and_then(|id| id.as_str()),
///     Some("EC1BF194-B3B2-424A-89A9-5A918A6E6B5E"),
/// );
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Response<'a> {
    reply: Reply<'a>,
    apns_id: Option<&'a [u8]>,
    unique_id: Option<&'a [u8]>,
    retry_after: Option<&'a [u8]>,
}

impl<'a> Response<'a> {
    /// A response with this `:status` and body (`&[u8]`, `&str`, `&Vec<u8>`, …).
    #[inline]
    pub fn new(status: u16, body: &'a (impl AsRef<[u8]> + ?Sized)) -> Self {
        Response {
            reply: Reply::new(status, body),
            apns_id: None,
            unique_id: None,
            retry_after: None,
        }
    }

    header_setters! {
        /// Adds the `apns-id` header value (for example `HeaderValue::as_bytes()`).
        apns_id,
        /// Adds the `apns-unique-id` header value, which APNs sends in the
        /// development environment only.
        unique_id,
        /// Adds the `Retry-After` header value. APNs sends none, but a
        /// proxy or load balancer in front of it may; its time can only
        /// lengthen the wait ([`Rejection::decision`]).
        retry_after,
    }

    /// Decides what the response means.
    ///
    /// Status 200 is a delivery; the body is not read. Any other status is a
    /// rejection: its body is parsed for `reason` and `timestamp`, and any
    /// problem with the body is recorded in [`Rejection::body_error`] rather
    /// than failing, since the status alone still gives a sound decision.
    /// This never panics, and reads at most [`MAX_BODY_LEN`](crate::body::MAX_BODY_LEN) bytes.
    #[allow(
        clippy::result_large_err,
        reason = "the ids are stored inline so that classifying allocates nothing; the result is written in place, and moving 184 bytes is cheaper than a Box"
    )]
    pub fn classify(self) -> Result<Delivered, Rejection> {
        // Most responses are deliveries with the usual ids: that path
        // saves no registers and writes its result in place. Everything
        // else is one call writing the same result.
        if self.reply.status != Status::Success.code() {
            return self.reject();
        }
        // What production APNs sends: a UUID-long `apns-id` and no
        // `apns-unique-id` (a development-only header).
        if let (Some(id), None) = (self.apns_id, self.unique_id) {
            if let Ok(uuid) = <[u8; 36]>::try_from(id) {
                let ids = Ids {
                    apns_id: Some(HeaderId::uuid_long(uuid)),
                    unique_id: None,
                };
                return Ok(Delivered { ids });
            }
        }
        self.deliver()
    }

    /// A delivery with other ids: out of line, like `reject`, so that
    /// `classify` saves no registers.
    #[inline(never)]
    #[allow(clippy::result_large_err, reason = "as `classify`")]
    fn deliver(self) -> Result<Delivered, Rejection> {
        Ok(Delivered { ids: self.ids() })
    }

    #[inline(never)]
    #[allow(clippy::result_large_err, reason = "as `classify`")]
    fn reject(self) -> Result<Delivered, Rejection> {
        let body = reason_body::parse::<Reason>(self.reply.body, true);
        Err(Rejection {
            status: self.reply.status,
            refusal: Refusal::new(body.reason),
            timestamp: body.timestamp,
            body_error: body.error,
            ids: self.ids(),
            retry_after: crate::retry::read_retry_after(self.retry_after),
        })
    }

    #[inline]
    fn ids(&self) -> Ids {
        Ids {
            apns_id: self.apns_id.map(HeaderId::new),
            unique_id: self.unique_id.map(HeaderId::new),
        }
    }
}

/// The identifier headers of a device-push response, as given to
/// [`Response`]: kept on both outcomes, to match an answer to its push.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Ids {
    apns_id: Option<HeaderId>,
    unique_id: Option<HeaderId>,
}

impl Ids {
    /// The `apns-id` header: the push's ID, yours if you set one, otherwise
    /// a UUID APNs made.
    #[inline]
    pub fn apns_id(&self) -> Option<&HeaderId> {
        self.apns_id.as_ref()
    }

    /// The `apns-unique-id` header, which APNs sends in the development
    /// environment only.
    #[inline]
    pub fn unique_id(&self) -> Option<&HeaderId> {
        self.unique_id.as_ref()
    }
}

/// APNs accepted the push (status 200).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Delivered {
    ids: Ids,
}

impl Delivered {
    /// The identifier headers given to [`Response`].
    #[inline]
    pub fn ids(&self) -> &Ids {
        &self.ids
    }
}

/// APNs refused the push: the status, the reason as received, and what to do.
///
/// Nothing is lost: a reason this version does not know is kept as a string
/// ([`raw_reason`](Self::raw_reason)) while [`reason`](Self::reason) is
/// `None`, so code that matches on known reasons keeps working when Apple
/// adds one. The retry policy comes from the reason when it is known, and
/// from the status otherwise.
///
/// Its message names the status and the reason, known or not
/// (`APNs rejected the push with status 410 (Unregistered)`); a problem with
/// the body is its [`source`](std::error::Error::source).
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("APNs rejected the push with status {status}{}", .refusal.note())]
pub struct Rejection {
    status: u16,
    refusal: Refusal<Reason>,
    timestamp: Option<u64>,
    #[source]
    body_error: Option<BodyError>,
    ids: Ids,
    retry_after: crate::retry::RetryAfterReading,
}

/// Device push decides from the status when the reason is not known.
const DEVICE_PUSH: Fallback = Fallback {
    retry: Status::retry_for_code,
    remedy: Status::remedy_for_code,
    description: |code| match Status::from_code(code) {
        Some(status) => Some(status.description()),
        None => None,
    },
    // An undocumented status is an error like any other.
    error_condition: |code| Status::from_code(code).is_none_or(Status::is_error_condition),
};

refusal! {
    impl Rejection, reason: Reason, status: Status, fallback: DEVICE_PUSH,
    /// What to do about the push: the known reason's policy, otherwise the
    /// status's (with Apple's class rules for undocumented statuses).
    retry,
    /// What the rejection means, by the same precedence as
    /// [`retry`](Self::retry); `None` for an undocumented status without a
    /// known reason.
    description,
}

impl Rejection {
    /// The `timestamp` from the body, in milliseconds since the UNIX epoch:
    /// when APNs confirmed the token stopped being valid for the topic. APNs
    /// sends it with status 410 (for every 410 reason).
    #[inline]
    pub fn timestamp_millis(&self) -> Option<u64> {
        self.timestamp
    }

    /// [`timestamp_millis`](Self::timestamp_millis) as a `SystemTime`.
    #[inline]
    pub fn timestamp(&self) -> Option<SystemTime> {
        SystemTime::UNIX_EPOCH.checked_add(Duration::from_millis(self.timestamp?))
    }

    /// The identifier headers given to [`Response`].
    #[inline]
    pub fn ids(&self) -> &Ids {
        &self.ids
    }
}

/// The debug data of a GOAWAY frame on a device-push connection.
///
/// ```
/// use apple_errors::apns::{GoAway, Reason};
/// use apple_errors::retry::RetryAction;
///
/// let goaway = GoAway::parse(br#"{"reason":"Shutdown"}"#);
/// assert_eq!(goaway.reason(), Some(Reason::Shutdown));
/// assert_eq!(goaway.retry().action(), RetryAction::NewConnection);
///
/// // No debug data at all is common; the connection is still gone.
/// let goaway = GoAway::parse(b"");
/// assert_eq!(goaway.reason(), None);
/// assert_eq!(goaway.retry().action(), RetryAction::NewConnection);
/// ```
pub type GoAway = goaway::GoAway<Reason>;

/// For the fuzz targets: whether both APNs reason types read `body` the same
/// way on the fast and the general path.
#[cfg(fuzzing)]
pub(crate) fn reason_body_paths_agree(body: &[u8]) -> bool {
    reason_body::paths_agree::<Reason>(body) && reason_body::paths_agree::<broadcast::Reason>(body)
}
