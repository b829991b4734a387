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
    /// Whether APNs counts a response with this status against the
    /// connection.
    pub(crate) error_condition: fn(u16) -> bool,
}

/// The reason type of an APNs surface, [`apns::Reason`](crate::apns::Reason)
/// or [`apns::broadcast::Reason`](crate::apns::broadcast::Reason): what a
/// refusal needs to know of its reasons beyond [`KnownValue`], the
/// connection facts in the surface's spec file. Sealed: implemented by
/// those two types only.
pub trait ApnsReason: KnownValue + sealed::Sealed {
    #[doc(hidden)]
    fn needs_new_connection(self) -> bool;
    #[doc(hidden)]
    fn needs_new_provider_token(self) -> bool;
    #[doc(hidden)]
    fn is_error_condition(self) -> bool;
    #[doc(hidden)]
    fn closes_connection_sooner(self) -> bool;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for crate::apns::Reason {}
    impl Sealed for crate::apns::broadcast::Reason {}
}

impl ApnsReason for crate::apns::Reason {
    fn needs_new_connection(self) -> bool {
        Self::needs_new_connection(self)
    }

    fn needs_new_provider_token(self) -> bool {
        Self::needs_new_provider_token(self)
    }

    fn is_error_condition(self) -> bool {
        Self::is_error_condition(self)
    }

    fn closes_connection_sooner(self) -> bool {
        Self::closes_connection_sooner(self)
    }
}

/// Apple states the error-condition facts for device push only; broadcast
/// has no 410, so every refusal counts, and none is known to count more.
impl ApnsReason for crate::apns::broadcast::Reason {
    fn needs_new_connection(self) -> bool {
        Self::needs_new_connection(self)
    }

    fn needs_new_provider_token(self) -> bool {
        Self::needs_new_provider_token(self)
    }

    fn is_error_condition(self) -> bool {
        true
    }

    fn closes_connection_sooner(self) -> bool {
        false
    }
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
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Refusal<R>(Option<Wire<R>>);

impl<R: KnownValue> fmt::Debug for Refusal<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Refusal").field(&self.0).finish()
    }
}

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

    /// The known reason's label, otherwise the surface's one label for
    /// everything else: the set stays bounded whatever APNs sends.
    #[inline]
    pub(crate) fn label(&self) -> &'static str {
        self.reason().map_or(R::UNKNOWN_LABEL, R::label)
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

/// The connection facts: the known reason's, otherwise the status's where
/// APNs states one; after a GOAWAY, the connection is gone.
impl<R: ApnsReason> Refusal<R> {
    #[inline]
    pub(crate) fn needs_new_connection(&self, origin: Origin) -> bool {
        matches!(origin, Origin::GoAway) || self.reason().is_some_and(R::needs_new_connection)
    }

    #[inline]
    pub(crate) fn needs_new_provider_token(&self) -> bool {
        self.reason().is_some_and(R::needs_new_provider_token)
    }

    #[inline]
    pub(crate) fn is_error_condition(&self, status: u16, fallback: &Fallback) -> bool {
        match self.reason() {
            Some(reason) => reason.is_error_condition(),
            None => (fallback.error_condition)(status),
        }
    }

    #[inline]
    pub(crate) fn closes_connection_sooner(&self) -> bool {
        self.reason().is_some_and(R::closes_connection_sooner)
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

            /// Whether APNs counts this response against the connection when
            /// it decides to close it. Apple: error responses slow a
            /// connection down and too many close it, but a 410 (a dead
            /// token) does not count. The known reason decides, otherwise
            /// the status. Apple states nothing of the kind for broadcast,
            /// which has no 410: every refusal counts there (our reading).
            #[inline]
            pub fn is_error_condition(&self) -> bool {
                self.refusal.is_error_condition(self.status, &$fallback)
            }

            /// Whether APNs closes a connection that keeps producing this
            /// error sooner than for other errors, so that repeating it is
            /// costly: `BadDeviceToken`, by Apple's statement. Stop sending
            /// to such tokens quickly.
            #[inline]
            pub fn closes_connection_sooner(&self) -> bool {
                self.refusal.closes_connection_sooner()
            }

            $crate::retry::retry_after_methods! {
                /// The `Retry-After` header given to the `Response`, read. APNs
                /// sends none; a proxy or load balancer in front of it may.
                /// Such a time can only lengthen the wait: the decision keeps
                /// Apple's floors (15 minutes after a 5xx) whatever it says.
                /// `None` when none was given, or when it could not be read
                /// ([`retry_after_error`](Self::retry_after_error)).
            }
        }
        $crate::apns::refusal::refusal!(
            @common impl $(<$($generic: $bound),*>)? $name $(<$($param),*>)?,
            reason: $reason,
            apple_error: {
                fn retry_after(&self) -> ::core::option::Option<$crate::retry::RetryAfter> {
                    Self::retry_after(self)
                }
            },
            $($rest)*
        );
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
        $crate::apns::refusal::refusal!(
            @common impl $(<$($generic: $bound),*>)? $name $(<$($param),*>)?,
            reason: $reason,
            apple_error: {},
            $($rest)*
        );
    };
    (
        @common impl $(<$($generic:ident: $bound:path),*>)? $name:ident $(<$($param:ident),*>)?,
        reason: $reason:ty,
        apple_error: { $($apple_error:tt)* },
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

            /// A stable, low-cardinality name for metrics and logs: the known
            /// reason's [`label`](crate::KnownValue::label)
            /// (`apns.bad_device_token`), or the surface's one label for a
            /// reason this version does not know or no reason at all
            /// ([`UNKNOWN_LABEL`](crate::KnownValue::UNKNOWN_LABEL), `apns.unknown`).
            /// [`raw_reason`](Self::raw_reason) keeps the string.
            #[inline]
            pub fn label(&self) -> &'static str {
                self.refusal.label()
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

        // The connection facts need the surface's reason type, not any
        // known value.
        impl $(<$($generic: $crate::apns::refusal::ApnsReason),*>)? $name $(<$($param),*>)? {
            /// Whether the request cannot succeed on the connection it was
            /// sent on, so that it must go, once fixed, on a new one (and a
            /// connection pool should retire a connection that is closing):
            ///
            /// | what | why | source |
            /// |---|---|---|
            /// | any GOAWAY | the connection is closed (RFC 9113 §6.8) | HTTP/2 |
            /// | `UnrelatedKeyIdInToken` | APNs binds a connection to the first signing key used on it | Apple |
            /// | `IdleTimeout` | APNs is dropping the idle connection | our reading |
            /// | `Shutdown` | the server behind the connection is going away | our reading |
            /// | `BadEnvironmentKeyIdInToken` | the fix is the other host, or another key, which this connection would refuse as `UnrelatedKeyIdInToken` | our reading |
            /// | `BadCertificate`, `BadCertificateEnvironment` | the client certificate belongs to the TLS handshake, so a corrected one needs a new connection | our reading (of TLS) |
            ///
            /// Broadcast has `Shutdown` and the certificate reasons, all our
            /// reading (Apple publishes no rules for broadcast). Any other
            /// reason, and a reason this version does not know, keeps the
            /// connection. In code, the reason's
            /// [`needs_new_connection_is_inferred`](crate::apns::Reason::needs_new_connection_is_inferred)
            /// tells Apple's statement from our reading.
            #[inline]
            pub fn needs_new_connection(&self) -> bool {
                self.refusal.needs_new_connection(self.origin())
            }

            /// Whether the request needs a provider token (JWT) other than
            /// the one it carried: after `ExpiredProviderToken` a newly signed
            /// one (Apple's statement; for broadcast, our reading), after
            /// `InvalidProviderToken` a correctly signed one (our reading: the
            /// key ID, team ID or key was wrong). The reason's
            /// [`needs_new_provider_token_is_inferred`](crate::apns::Reason::needs_new_provider_token_is_inferred)
            /// tells the two apart in code.
            /// Not after `TooManyProviderTokenUpdates`, which asks for the
            /// reverse (keep the last token APNs accepted); nor after
            /// `MissingProviderToken` or `BadEnvironmentKeyIdInToken`, where
            /// another fix may be the right one (a client certificate; the
            /// other host).
            #[inline]
            pub fn needs_new_provider_token(&self) -> bool {
                self.refusal.needs_new_provider_token()
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

            fn label(&self) -> &'static str {
                self.refusal.label()
            }

            fn retry(&self) -> $crate::retry::RetryPolicy {
                self.refusal.retry(self.origin())
            }

            fn remedy(&self) -> &'static str {
                self.refusal.remedy(self.origin())
            }

            $($apple_error)*
        }
    };
}
pub(crate) use refusal;
