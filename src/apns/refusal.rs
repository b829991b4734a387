//! What APNs's refusals share — device-push and broadcast rejections, and
//! GOAWAY frames: a reason as received, known or not, and the rules that
//! turn it and the status (none for a GOAWAY) into a decision. Written once
//! here; the public types hold a [`Refusal`], and [`refusal!`] writes their
//! shared methods and their `AppleError` impl.

use core::fmt;

use crate::KnownValue;
use crate::retry::{RetryAction, RetryPolicy};
use crate::text::Quoted;
use crate::wire::Wire;

/// How a surface decides from the status alone, when the reason is not
/// known: one constant per surface.
pub(crate) struct Fallback {
    /// The retry policy for a status.
    pub(crate) retry: fn(u16) -> RetryPolicy,
    /// The remedy for a status.
    pub(crate) remedy: fn(u16) -> &'static str,
    /// What a status means, if the surface documents it as an error.
    pub(crate) description: fn(u16) -> Option<&'static str>,
}

/// What a refusal answered: a request, with its status and its surface's
/// fallback, or nothing in particular (a GOAWAY closes the connection).
#[derive(Clone, Copy)]
pub(crate) enum Origin {
    /// A response with this status.
    Response(u16, &'static Fallback),
    /// A GOAWAY frame.
    GoAway,
}

/// An APNs refusal's reason, as received.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Refusal<R>(Option<Wire<R>>);

/// What APNs expects after a GOAWAY, whatever its reason: the connection is
/// gone (RFC 9113 §6.8), and requests it had not answered were not
/// delivered. Apple states no rule for GOAWAY; this is HTTP/2's.
const GOAWAY_RETRY: RetryPolicy = RetryPolicy::new(RetryAction::NewConnection).inferred();
const GOAWAY_REMEDY: &str =
    "Open a new connection and send again every request APNs had not answered.";

impl<R: KnownValue> Refusal<R> {
    pub(crate) fn new(reason: Option<Wire<R>>) -> Self {
        Refusal(reason)
    }

    #[inline]
    pub(crate) fn reason(&self) -> Option<R> {
        self.0.as_ref().and_then(Wire::known)
    }

    #[inline]
    pub(crate) fn raw_reason(&self) -> Option<&str> {
        self.0.as_ref().map(Wire::as_str)
    }

    /// The known reason's policy, otherwise the status's; after a GOAWAY,
    /// always a new connection.
    #[inline]
    pub(crate) fn retry(&self, origin: Origin) -> RetryPolicy {
        match (origin, self.reason()) {
            (Origin::GoAway, _) => GOAWAY_RETRY,
            (Origin::Response(..), Some(reason)) => reason.retry(),
            (Origin::Response(status, fallback), None) => (fallback.retry)(status),
        }
    }

    /// The known reason's remedy, otherwise the status's, otherwise (a
    /// GOAWAY) reconnect and resend.
    #[inline]
    pub(crate) fn remedy(&self, origin: Origin) -> &'static str {
        match (self.reason(), origin) {
            (Some(reason), _) => reason.remedy(),
            (None, Origin::Response(status, fallback)) => (fallback.remedy)(status),
            (None, Origin::GoAway) => GOAWAY_REMEDY,
        }
    }

    /// The known reason's meaning, otherwise the status's.
    #[inline]
    pub(crate) fn description(&self, origin: Origin) -> Option<&'static str> {
        match (self.reason(), origin) {
            (Some(reason), _) => Some(reason.description()),
            (None, Origin::Response(status, fallback)) => (fallback.description)(status),
            (None, Origin::GoAway) => None,
        }
    }

    /// For messages: ` (BadDeviceToken)` in the spelling received, or
    /// ` (unknown reason "…")` escaped, or nothing.
    pub(crate) fn note(&self) -> impl fmt::Display + '_ {
        Note(self)
    }
}

struct Note<'a, R>(&'a Refusal<R>);

impl<R: KnownValue> fmt::Display for Note<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.0.0, self.0.reason()) {
            // Known spellings come from the spec: printable ASCII.
            (Some(wire), Some(_)) => write!(f, " ({})", wire.as_str()),
            (Some(wire), None) => write!(f, " (unknown reason {})", Quoted(wire.as_str())),
            (None, _) => Ok(()),
        }
    }
}

/// The methods every APNs refusal shares, written once, and its
/// [`AppleError`](crate::AppleError) impl. The type needs a `refusal: Refusal<R>` field and a
/// `body_error: Option<BodyError>` field; a rejection also a `status: u16`
/// field, and names its status type and its surface's [`Fallback`]. The
/// docs that differ between surfaces come from the caller.
macro_rules! refusal {
    (
        impl $(<$($generic:ident: $bound:path),*>)? $name:ident $(<$($param:ident),*>)?,
        reason: $reason:ty,
        status: $status:ty,
        fallback: $fallback:expr,
        $($rest:tt)*
    ) => {
        impl $(<$($generic: $bound),*>)? $name $(<$($param),*>)? {
            /// The HTTP status, whatever it was.
            #[inline]
            pub fn status(&self) -> u16 {
                self.status
            }

            /// The status, if it is one APNs documents for this surface.
            #[inline]
            pub fn known_status(&self) -> ::core::option::Option<$status> {
                <$status>::from_code(self.status)
            }

            fn origin(&self) -> $crate::apns::refusal::Origin {
                $crate::apns::refusal::Origin::Response(self.status, &$fallback)
            }
        }
        $crate::apns::refusal::refusal!(@common impl $(<$($generic: $bound),*>)? $name $(<$($param),*>)?, reason: $reason, $($rest)*);
    };
    (
        impl $(<$($generic:ident: $bound:path),*>)? $name:ident $(<$($param:ident),*>)?,
        reason: $reason:ty,
        goaway,
        $($rest:tt)*
    ) => {
        impl $(<$($generic: $bound),*>)? $name $(<$($param),*>)? {
            fn origin(&self) -> $crate::apns::refusal::Origin {
                $crate::apns::refusal::Origin::GoAway
            }
        }
        $crate::apns::refusal::refusal!(@common impl $(<$($generic: $bound),*>)? $name $(<$($param),*>)?, reason: $reason, $($rest)*);
    };
    (
        @common impl $(<$($generic:ident: $bound:path),*>)? $name:ident $(<$($param:ident),*>)?,
        reason: $reason:ty,
        $(#[$retry:meta])* retry,
        $(#[$description:meta])* description $(,)?
    ) => {
        impl $(<$($generic: $bound),*>)? $name $(<$($param),*>)? {
            /// The reason, if the body held one this version knows (aliases
            /// included).
            #[inline]
            pub fn reason(&self) -> ::core::option::Option<$reason> {
                self.refusal.reason()
            }

            /// The `reason` string exactly as received, known or not.
            #[inline]
            pub fn raw_reason(&self) -> ::core::option::Option<&str> {
                self.refusal.raw_reason()
            }

            /// What was wrong with the body (or the GOAWAY debug data), if
            /// anything; also the error's [`source`](std::error::Error::source).
            /// The decision stands either way: it rests on what could be read.
            #[inline]
            pub fn body_error(&self) -> ::core::option::Option<$crate::body::BodyError> {
                self.body_error
            }

            $(#[$retry])*
            #[inline]
            pub fn retry(&self) -> $crate::retry::RetryPolicy {
                self.refusal.retry(self.origin())
            }

            /// What the caller should change: the known reason's remedy,
            /// otherwise the rule for the status (after a GOAWAY: reconnect
            /// and send again what was not answered).
            #[inline]
            pub fn remedy(&self) -> &'static str {
                self.refusal.remedy(self.origin())
            }

            $(#[$description])*
            #[inline]
            pub fn description(&self) -> ::core::option::Option<&'static str> {
                self.refusal.description(self.origin())
            }
        }

        impl $(<$($generic: $bound),*>)? $crate::AppleError for $name $(<$($param),*>)? {
            fn http_status(&self) -> ::core::option::Option<u16> {
                match self.origin() {
                    $crate::apns::refusal::Origin::Response(status, _) => {
                        ::core::option::Option::Some(status)
                    }
                    $crate::apns::refusal::Origin::GoAway => ::core::option::Option::None,
                }
            }

            fn raw_code(&self) -> ::core::option::Option<&str> {
                self.refusal.raw_reason()
            }

            fn retry(&self) -> $crate::retry::RetryPolicy {
                self.refusal.retry(self.origin())
            }

            fn remedy(&self) -> &'static str {
                self.refusal.remedy(self.origin())
            }
        }
    };
}
pub(crate) use refusal;
