//! GOAWAY frames from APNs, for every APNs surface.

use core::fmt;

use crate::KnownValue;
use crate::body::{self, BodyError};
use crate::retry::{RetryAction, RetryPolicy};
use crate::wire::Wire;

/// The debug data of a GOAWAY frame from APNs: the same `{"reason": …}` JSON
/// as an error body, sent when APNs closes the connection.
///
/// `R` is the reason type of the connection's surface; use the aliases
/// [`apns::GoAway`](crate::apns::GoAway) and
/// [`apns::broadcast::GoAway`](crate::apns::broadcast::GoAway).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GoAway<R> {
    reason: Option<Wire<R>>,
    body_error: Option<BodyError>,
}

impl<R: KnownValue> GoAway<R> {
    /// Parses a GOAWAY frame's debug data. Never fails: problems are kept in
    /// [`body_error`](Self::body_error).
    pub fn parse(debug_data: &[u8]) -> Self {
        let body = body::parse_reason_body::<R>(debug_data, false);
        GoAway {
            reason: body.reason,
            body_error: body.error,
        }
    }

    /// The reason, if the data held one this version knows.
    #[inline]
    pub fn reason(&self) -> Option<R> {
        self.reason.as_ref().and_then(Wire::known)
    }

    /// The `reason` string exactly as received, known or not.
    #[inline]
    pub fn raw_reason(&self) -> Option<&str> {
        self.reason.as_ref().map(Wire::as_str)
    }

    /// What was wrong with the debug data, if anything ([`BodyError::Empty`]
    /// when there was none).
    #[inline]
    pub fn body_error(&self) -> Option<BodyError> {
        self.body_error
    }

    /// What to do next: [`RetryAction::NewConnection`], whatever the reason.
    ///
    /// A GOAWAY ends the connection (RFC 9113 §6.8), and requests APNs had
    /// not answered were not delivered: send them again on a new connection.
    /// When the reason is known, its own policy
    /// (`goaway.reason().map(|r| r.retry())`) says what else to change
    /// first, such as signing a new provider token.
    #[inline]
    pub fn retry(&self) -> RetryPolicy {
        // Apple states no rule for GOAWAY; this is HTTP/2's.
        RetryPolicy::new(RetryAction::NewConnection).inferred()
    }

    /// What the caller should do: the known reason's remedy, otherwise
    /// reconnect and resend.
    #[inline]
    pub fn remedy(&self) -> &'static str {
        match self.reason() {
            Some(reason) => reason.remedy(),
            None => "Open a new connection and send again every request APNs had not answered.",
        }
    }
}

impl<R: KnownValue> fmt::Display for GoAway<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("APNs closed the connection")?;
        match (self.raw_reason(), self.reason()) {
            (Some(raw), Some(reason)) => write!(f, ": {raw}: {}", reason.description()),
            (Some(raw), None) => write!(f, ": {raw:?} (a reason this version does not know)"),
            (None, _) => Ok(()),
        }
    }
}

impl<R: KnownValue> std::error::Error for GoAway<R> {}

impl<R: KnownValue> crate::AppleError for GoAway<R> {
    fn http_status(&self) -> Option<u16> {
        None
    }

    fn raw_code(&self) -> Option<&str> {
        self.raw_reason()
    }

    fn retry(&self) -> RetryPolicy {
        GoAway::retry(self)
    }

    fn remedy(&self) -> &'static str {
        GoAway::remedy(self)
    }
}
