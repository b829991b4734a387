//! APNs device push: what APNs answers to `POST /3/device/<token>`.
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
//! The reasons, statuses, descriptions and retry policies are generated from
//! `apns.json` in the `apple-errors-spec` package (Apple's page: "Handling
//! notification responses from APNs").

use core::fmt;
use std::time::{Duration, SystemTime};

use crate::body::{self, BodyError};
use crate::header::HeaderId;
use crate::retry::RetryPolicy;
use crate::wire::Wire;

pub mod broadcast;

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
///     delivered.apns_id().and_then(|id| id.as_str()),
///     Some("EC1BF194-B3B2-424A-89A9-5A918A6E6B5E"),
/// );
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Response<'a> {
    status: u16,
    body: &'a [u8],
    apns_id: Option<&'a [u8]>,
    unique_id: Option<&'a [u8]>,
}

impl<'a> Response<'a> {
    /// A response with this `:status` and body (`&[u8]`, `&str`, `&Vec<u8>`, …).
    #[inline]
    pub fn new(status: u16, body: &'a (impl AsRef<[u8]> + ?Sized)) -> Self {
        Response {
            status,
            body: body.as_ref(),
            apns_id: None,
            unique_id: None,
        }
    }

    /// Adds the `apns-id` header value (for example `HeaderValue::as_bytes()`).
    #[inline]
    pub fn apns_id(mut self, value: &'a (impl AsRef<[u8]> + ?Sized)) -> Self {
        self.apns_id = Some(value.as_ref());
        self
    }

    /// Adds the `apns-unique-id` header value, which APNs sends in the
    /// development environment only.
    #[inline]
    pub fn unique_id(mut self, value: &'a (impl AsRef<[u8]> + ?Sized)) -> Self {
        self.unique_id = Some(value.as_ref());
        self
    }

    /// Decides what the response means.
    ///
    /// Status 200 is a delivery; the body is not read. Any other status is a
    /// rejection: its body is parsed for `reason` and `timestamp`, and any
    /// problem with the body is recorded in [`Rejection::body_error`] rather
    /// than failing, since the status alone still gives a sound decision.
    /// This never panics, and reads at most [`body::MAX_BODY_LEN`] bytes.
    #[allow(
        clippy::result_large_err,
        reason = "the ids are stored inline so that classifying allocates nothing; moving 150 bytes is cheaper than a Box"
    )]
    pub fn classify(self) -> Result<Delivered, Rejection> {
        let ids = Ids {
            apns_id: self.apns_id.map(HeaderId::new),
            unique_id: self.unique_id.map(HeaderId::new),
        };
        if Status::from_code(self.status).is_some_and(Status::is_success) {
            return Ok(Delivered { ids });
        }
        let body = body::parse_reason_body::<Reason>(self.body, true);
        Err(Rejection {
            status: self.status,
            reason: body.reason,
            timestamp: body.timestamp,
            body_error: body.error,
            ids,
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
struct Ids {
    apns_id: Option<HeaderId>,
    unique_id: Option<HeaderId>,
}

/// APNs accepted the push (status 200).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Delivered {
    ids: Ids,
}

impl Delivered {
    /// The `apns-id` header, if it was given to [`Response`].
    #[inline]
    pub fn apns_id(&self) -> Option<&HeaderId> {
        self.ids.apns_id.as_ref()
    }

    /// The `apns-unique-id` header, if it was given to [`Response`].
    #[inline]
    pub fn unique_id(&self) -> Option<&HeaderId> {
        self.ids.unique_id.as_ref()
    }
}

/// APNs refused the push: the status, the reason as received, and what to do.
///
/// Nothing is lost: a reason this version does not know is kept as a string
/// ([`raw_reason`](Self::raw_reason)) while [`reason`](Self::reason) is
/// `None`, so code that matches on known reasons keeps working when Apple
/// adds one. The retry policy comes from the reason when it is known, and
/// from the status otherwise.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rejection {
    status: u16,
    reason: Option<Wire<Reason>>,
    timestamp: Option<u64>,
    body_error: Option<BodyError>,
    ids: Ids,
}

impl Rejection {
    /// The HTTP status, whatever it was.
    #[inline]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The status, if it is one APNs documents.
    #[inline]
    pub fn known_status(&self) -> Option<Status> {
        Status::from_code(self.status)
    }

    /// The reason, if the body held one this version knows (aliases
    /// included).
    #[inline]
    pub fn reason(&self) -> Option<Reason> {
        self.reason.as_ref().and_then(Wire::known)
    }

    /// The `reason` string exactly as received, known or not.
    #[inline]
    pub fn raw_reason(&self) -> Option<&str> {
        self.reason.as_ref().map(Wire::as_str)
    }

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

    /// What was wrong with the body, if anything. The rejection is still
    /// usable: its decision then rests on what could be read, down to the
    /// status alone.
    #[inline]
    pub fn body_error(&self) -> Option<BodyError> {
        self.body_error
    }

    /// The `apns-id` header, if it was given to [`Response`].
    #[inline]
    pub fn apns_id(&self) -> Option<&HeaderId> {
        self.ids.apns_id.as_ref()
    }

    /// The `apns-unique-id` header, if it was given to [`Response`].
    #[inline]
    pub fn unique_id(&self) -> Option<&HeaderId> {
        self.ids.unique_id.as_ref()
    }

    /// What to do about the push: the known reason's policy, otherwise the
    /// status's (with Apple's class rules for undocumented statuses).
    #[inline]
    pub fn retry(&self) -> RetryPolicy {
        match self.reason() {
            Some(reason) => reason.retry(),
            None => Status::retry_for_code(self.status),
        }
    }

    /// What the caller should change, by the same precedence as
    /// [`retry`](Self::retry).
    #[inline]
    pub fn remedy(&self) -> &'static str {
        match self.reason() {
            Some(reason) => reason.remedy(),
            None => Status::remedy_for_code(self.status),
        }
    }

    /// What the rejection means, by the same precedence as
    /// [`retry`](Self::retry); `None` for an undocumented status without a
    /// known reason.
    #[inline]
    pub fn description(&self) -> Option<&'static str> {
        match self.reason() {
            Some(reason) => Some(reason.description()),
            None => self.known_status().map(Status::description),
        }
    }
}

impl fmt::Display for Rejection {
    /// `APNs rejected the push: 410 Unregistered: <meaning>`, degrading to
    /// what is known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "APNs rejected the push: {}", self.status)?;
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
pub type GoAway = crate::goaway::GoAway<Reason>;
