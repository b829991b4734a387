//! GOAWAY frames: how APNs closes a connection, on every APNs surface.
//!
//! [`GoAway`] is generic over the surface's reason type; use the aliases
//! [`apns::GoAway`](super::GoAway) for device push and
//! [`apns::broadcast::GoAway`](super::broadcast::GoAway) for broadcast and
//! channel management.
//!
//! # What to do
//!
//! Whatever its reason, a GOAWAY ends the connection: open a new one. APNs
//! processed none of the requests on streams above the frame's last stream
//! ID (RFC 9113 §6.8), so sending those again on the new connection cannot
//! deliver a push twice; h2 fails exactly those with the GOAWAY's error.
//! A request at or below that ID that was cut off without a response may
//! have been delivered: sending it again may show the push twice (use the
//! same `apns-collapse-id` if that matters). The frame's
//! debug data, the same `{"reason": …}` JSON as an error body, says why,
//! and sometimes what to change first (a new provider token after
//! `ExpiredProviderToken`, say); without it, the first response on the new
//! connection tells the same in its own body.
//!
//! # With h2 and hyper
//!
//! What h2 0.4 and hyper 1 give you when APNs sends a GOAWAY
//! (`tests/it/round_trip.rs` checks it against a real frame):
//!
//! - A request APNs did not process fails with an `h2::Error` for which
//!   `is_go_away()` and `is_remote()` are true, and `reason()` is the
//!   frame's HTTP/2 error code. hyper returns it as the
//!   [`source`](std::error::Error::source) of its own `hyper::Error`.
//! - The debug data does not reach you. h2 keeps it inside the error without
//!   an accessor, and shows it only in the error's `Display` text, as an
//!   escaped Rust byte string: text for people, not an interface to parse.
//!   hyper adds no way to it, so no feature of this crate can honestly read
//!   it through them. (h2's server side cannot send it either:
//!   `graceful_shutdown` and `abrupt_shutdown` send GOAWAY frames without
//!   debug data.)
//! - A request given to the connection after the GOAWAY is not sent at all:
//!   hyper fails it with `is_canceled()`, not with h2's GOAWAY error. Send
//!   it on a new connection.
//! - hyper-util's pooled legacy `Client`, which reqwest uses, sends requests
//!   that a pooled connection closed before starting them again on a new
//!   connection by itself (`retry_canceled_requests`, on by default): those
//!   never reach you. Requests already sent fail as above.
//! - reqwest 0.13 (with its `http2` feature) goes further: its default retry
//!   policy sends a request again on a new connection when a GOAWAY with
//!   `NO_ERROR` refused it (or a `RST_STREAM` with `REFUSED_STREAM`), within
//!   its retry budget, so such a GOAWAY never reaches you. With another
//!   error code, past the budget, or with `retry(reqwest::retry::never())`,
//!   the request fails with a `reqwest::Error` whose source chain holds h2's
//!   error, as above.
//!
//! So with h2 or hyper, feature `h2` gives [`GoAway::from_error`], which
//! finds APNs's GOAWAY in the error a request failed with and gives the
//! decision; without the feature, the same is a few lines:
//!
//! ```
//! use std::error::Error;
//!
//! use apple_errors::apns::GoAway;
//!
//! /// APNs's GOAWAY behind a failed request, if that is why it failed.
//! fn goaway(error: &(dyn Error + 'static)) -> Option<GoAway> {
//!     let h2 = std::iter::successors(Some(error), |&e| e.source())
//!         .find_map(|e| e.downcast_ref::<h2::Error>())?;
//!     (h2.is_go_away() && h2.is_remote()).then(GoAway::without_data)
//! }
//! # assert_eq!(goaway(&std::io::Error::other("reset")), None);
//! ```
//!
//! Where a stack does hand you the frame's debug data (your own frame
//! handling, or an HTTP/2 library that exposes it), [`GoAway::parse`] reads
//! the reason from it. `examples/apns_client.rs` is a whole hyper client
//! that does all this.

use super::reason_body;
pub use super::refusal::ApnsReason;
use super::refusal::{Refusal, refusal};
use crate::KnownValue;
use crate::body::BodyError;

/// The debug data of a GOAWAY frame from APNs: the same `{"reason": …}` JSON
/// as an error body, sent when APNs closes the connection.
///
/// `R` is the reason type of the connection's surface:
/// [`apns::Reason`](super::Reason) or
/// [`apns::broadcast::Reason`](super::broadcast::Reason).
///
/// ```
/// use apple_errors::apns::{GoAway, Reason};
/// use apple_errors::retry::RetryAction;
///
/// let goaway = GoAway::parse(br#"{"reason":"Shutdown"}"#);
/// assert_eq!(goaway.reason(), Some(Reason::Shutdown));
/// assert_eq!(goaway.retry().action(), RetryAction::NewConnection);
/// assert_eq!(goaway.to_string(), "APNs closed the connection (Shutdown)");
///
/// // No debug data at all is common; the connection is still gone.
/// let goaway = GoAway::parse(b"");
/// assert_eq!(goaway.reason(), None);
/// assert_eq!(goaway.retry().action(), RetryAction::NewConnection);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("APNs closed the connection{}", .refusal.note())]
pub struct GoAway<R: KnownValue> {
    refusal: Refusal<R>,
    #[source]
    body_error: Option<BodyError>,
}

refusal! {
    impl<R: KnownValue> GoAway<R>, reason: R, goaway,
    /// What to do next: [`RetryAction::NewConnection`](crate::retry::RetryAction::NewConnection),
    /// whatever the reason.
    ///
    /// A GOAWAY ends the connection (RFC 9113 §6.8), and requests APNs had
    /// not answered were not delivered: send them again on a new connection.
    /// When the reason is known, its own policy
    /// (`goaway.reason().map(|r| r.retry())`) says what else to change
    /// first, such as signing a new provider token.
    retry,
    /// What the known reason means; `None` without one.
    description,
}

impl<R: KnownValue> GoAway<R> {
    /// Parses a GOAWAY frame's debug data. Never fails: problems are kept in
    /// [`body_error`](Self::body_error). No debug data at all (empty or
    /// white space) is normal for a GOAWAY, so it is not a problem: no
    /// reason, and no body error.
    pub fn parse(debug_data: &[u8]) -> Self {
        let body = reason_body::parse::<R>(debug_data, false);
        GoAway {
            refusal: Refusal::new(body.reason),
            body_error: body.error.filter(|e| *e != BodyError::Empty),
        }
    }

    /// A GOAWAY whose debug data your HTTP/2 stack did not give you (h2 and
    /// hyper keep it private): no reason, and the decision every GOAWAY
    /// calls for, a new connection. The same as `GoAway::parse(b"")`.
    #[inline]
    pub fn without_data() -> Self {
        GoAway {
            refusal: Refusal::new(None),
            body_error: None,
        }
    }

    /// APNs's GOAWAY, if `error` is one or was caused by one: an
    /// [`h2::Error`] in its [`source`](std::error::Error::source) chain
    /// that came from a GOAWAY frame APNs sent. That is what a request gets
    /// from h2, or from hyper, when APNs closes the connection before
    /// answering it; such a request was not processed and can go again on a
    /// new connection.
    ///
    /// h2 does not give out the frame's debug data, so the GOAWAY has no
    /// reason ([`without_data`](Self::without_data)). A GOAWAY that h2
    /// itself sent (on a protocol error) is not APNs's, and gives `None`.
    ///
    /// ```
    /// use apple_errors::apns::GoAway;
    /// use apple_errors::retry::RetryAction;
    ///
    /// // What hyper returned for a request (here: nothing to do with GOAWAY).
    /// let error = std::io::Error::other("connection reset");
    /// assert_eq!(GoAway::from_error(&error), None);
    /// let gone = GoAway::without_data();
    /// assert_eq!(gone.retry().action(), RetryAction::NewConnection);
    /// ```
    #[cfg(feature = "h2")]
    #[cfg_attr(docsrs, doc(cfg(feature = "h2")))]
    pub fn from_error(error: &(dyn std::error::Error + 'static)) -> Option<Self> {
        core::iter::successors(Some(error), |&e| e.source())
            .filter_map(|e| e.downcast_ref::<h2::Error>())
            .any(|e| e.is_go_away() && e.is_remote())
            .then(Self::without_data)
    }
}
