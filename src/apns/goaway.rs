//! GOAWAY frames: how APNs closes a connection, on every APNs surface.
//!
//! [`GoAway`] is generic over the surface's reason type; use the aliases
//! [`apns::GoAway`](super::GoAway) for device push and
//! [`apns::broadcast::GoAway`](super::broadcast::GoAway) for broadcast and
//! channel management.

use super::reason_body;
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
}
