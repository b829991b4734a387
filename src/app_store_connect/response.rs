//! Classifying a response: success, or a rejection with its errors and
//! what to do.

// Functions that are not generic are `#[inline]`, to be compiled where
// they are used: see "Compiled where used" in lib.rs.

use core::fmt;

use super::error_response::read_errors;
use super::{ApiError, RateLimit, RateLimitReading, Status};
use crate::body::ParseError;
use crate::header::header_setters;
use crate::reply::Reply;
use crate::retry::RetryPolicy;
use crate::text::{Plain, Quoted};

/// A response to one App Store Connect request: its status, its body and,
/// optionally, its `X-Rate-Limit` header.
///
/// ```
/// use apple_errors::app_store_connect::Response;
///
/// let rejection = Response::new(429, b"")
///     .rate_limit("user-hour-lim:3600;user-hour-rem:0;")
///     .classify()
///     .unwrap_err();
/// let limit = rejection.rate_limit().map(|reading| reading.limit());
/// assert_eq!(limit.and_then(|l| l.hour_remaining()), Some(0));
/// assert!(limit.is_some_and(|l| l.is_exhausted()));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Response<'a> {
    reply: Reply<'a>,
    rate_limit: Option<&'a [u8]>,
    retry_after: Option<&'a [u8]>,
}

impl<'a> Response<'a> {
    /// A response with this status and body.
    #[inline]
    pub fn new(status: u16, body: &'a (impl AsRef<[u8]> + ?Sized)) -> Self {
        Response {
            reply: Reply::new(status, body),
            rate_limit: None,
            retry_after: None,
        }
    }

    header_setters! {
        /// Adds the `X-Rate-Limit` header value, which every response
        /// carries; the outcome's `rate_limit()` gives what
        /// [`RateLimit::read`] makes of it.
        rate_limit,
        /// Adds the `Retry-After` header value. Apple does not document one
        /// for this API, but a 429 or 503 may carry one (from Apple or a
        /// proxy), in any of RFC 9110's forms.
        retry_after,
    }

    /// Decides what the response means: any 2xx is a [`Success`] (its body
    /// is yours to read); anything else is a [`Rejection`], whose body is
    /// parsed as an `ErrorResponse`, leniently: every error with a code is
    /// kept, with what it has, and the first problem is recorded in
    /// [`Rejection::body_error`]
    /// (406 answers in plain text, for one). The status still decides what
    /// to do. Never panics.
    #[allow(
        clippy::result_large_err,
        reason = "the X-Rate-Limit reading is stored inline so that reading a valid one allocates nothing"
    )]
    #[inline]
    pub fn classify(self) -> Result<Success, Rejection> {
        let rate_limit = self.rate_limit.map(RateLimit::read);
        if (200..300).contains(&self.reply.status) {
            return Ok(Success {
                status: self.reply.status,
                rate_limit,
            });
        }
        let (errors, body_error) = match read_errors(self.reply.body) {
            Ok(read) => read,
            Err(e) => (Vec::new(), Some(e)),
        };
        Err(Rejection {
            status: self.reply.status,
            errors,
            body_error,
            rate_limit,
            retry_after: crate::retry::read_retry_after(self.retry_after),
        })
    }
}

/// The request succeeded (any 2xx status).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Success {
    status: u16,
    rate_limit: Option<RateLimitReading>,
}

impl Success {
    /// The HTTP status.
    #[inline]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The status, if it is one Apple documents.
    #[inline]
    pub fn known_status(&self) -> Option<Status> {
        Status::from_code(self.status)
    }

    /// The `X-Rate-Limit` header given to [`Response`], as
    /// [`RateLimit::read`] reads it: the quotas left, and any entry that
    /// could not be read.
    #[inline]
    pub fn rate_limit(&self) -> Option<&RateLimitReading> {
        self.rate_limit.as_ref()
    }
}

/// An App Store Connect request failed: the status, the errors Apple listed,
/// and what to do.
///
/// Its message names the status and the first error's code and title
/// (`App Store Connect refused the request with status 409
/// (ENTITY_ERROR.ATTRIBUTE.INVALID "An attribute value is too long.")`);
/// a problem with the body is its [`source`](std::error::Error::source).
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("App Store Connect refused the request with status {status}{}", Errors(.errors))]
pub struct Rejection {
    status: u16,
    errors: Vec<ApiError>,
    #[source]
    body_error: Option<ParseError>,
    rate_limit: Option<RateLimitReading>,
    retry_after: crate::retry::RetryAfterReading,
}

impl Rejection {
    /// The HTTP status.
    #[inline]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The status, if it is one Apple documents.
    #[inline]
    pub fn known_status(&self) -> Option<Status> {
        Status::from_code(self.status)
    }

    /// The errors of the body, in document order; empty when the body could
    /// not be read.
    #[inline]
    pub fn errors(&self) -> &[ApiError] {
        &self.errors
    }

    /// The first problem met reading the body as an `ErrorResponse`, if
    /// any: the whole body (not JSON, too large), or a member of one error;
    /// without either, [`BodyError::TooMany`](crate::body::BodyError::TooMany)
    /// when the body listed more errors or request paths than are read
    /// ([`MAX_ERRORS`](crate::body::MAX_ERRORS),
    /// [`MAX_ASSOCIATED_PATHS`](crate::body::MAX_ASSOCIATED_PATHS)): the
    /// first ones are kept.
    /// An error without a usable `code` is left out of
    /// [`errors`](Self::errors); one with a missing or unreadable `status`
    /// or `title`, or a mistyped optional member, is kept with what it has.
    /// Also the rejection's [`source`](std::error::Error::source).
    #[inline]
    pub fn body_error(&self) -> Option<&ParseError> {
        self.body_error.as_ref()
    }

    /// The `X-Rate-Limit` header given to [`Response`], as
    /// [`RateLimit::read`] reads it. After a 429, an exhausted hourly quota
    /// ([`RateLimit::is_exhausted`]) means waiting for the rolling hour to
    /// free requests, not only a short back-off.
    #[inline]
    pub fn rate_limit(&self) -> Option<&RateLimitReading> {
        self.rate_limit.as_ref()
    }

    /// What the status means, if Apple documents it.
    #[inline]
    pub fn description(&self) -> Option<&'static str> {
        self.known_status().map(Status::description)
    }

    /// What to do, by the status (Apple's rule: wait after 429, back off
    /// after 500, fix the request after other 4xx).
    #[inline]
    pub fn retry(&self) -> RetryPolicy {
        Status::retry_for_code(self.status)
    }

    /// What the caller should change.
    #[inline]
    pub fn remedy(&self) -> &'static str {
        Status::remedy_for_code(self.status)
    }

    crate::retry::retry_after_methods! {
        /// The `Retry-After` header given to [`Response`], read, in any of
        /// RFC 9110's forms; `None` when none was given, or when it could
        /// not be read ([`retry_after_error`](Self::retry_after_error)).
    }

    /// A stable, low-cardinality name for metrics and logs: the first
    /// error's [`label`](super::ErrorCode::label), the label of its code's
    /// family (`app_store_connect.entity_error_attribute_invalid`), or
    /// `app_store_connect.unknown` for a code whose top level this version
    /// does not know or a body without errors.
    #[inline]
    pub fn label(&self) -> &'static str {
        match self.errors.first() {
            Some(error) => error.code().label(),
            None => <super::ErrorCodeFamily as crate::KnownValue>::UNKNOWN_LABEL,
        }
    }
}

/// ` (CODE "title", and 2 more errors)`, escaped, without the title when
/// the first error has none; nothing without errors.
struct Errors<'a>(&'a [ApiError]);

impl fmt::Display for Errors<'_> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(first) = self.0.first() else {
            return Ok(());
        };
        write!(f, " ({}", Plain::new(first.code().as_str()))?;
        if let Some(title) = first.title() {
            write!(f, " {}", Quoted(title))?;
        }
        match self.0.len() - 1 {
            0 => {}
            1 => f.write_str(", and 1 more error")?,
            more => write!(f, ", and {more} more errors")?,
        }
        f.write_str(")")
    }
}

impl crate::AppleError for Rejection {
    #[inline]
    fn http_status(&self) -> Option<u16> {
        Some(self.status)
    }

    #[inline]
    fn raw_code(&self) -> Option<&str> {
        self.errors.first().map(|e| e.code().as_str())
    }

    #[inline]
    fn retry(&self) -> RetryPolicy {
        Rejection::retry(self)
    }

    #[inline]
    fn remedy(&self) -> &'static str {
        Rejection::remedy(self)
    }

    #[inline]
    fn retry_after(&self) -> Option<crate::retry::RetryAfter> {
        Rejection::retry_after(self)
    }

    #[inline]
    fn label(&self) -> &'static str {
        Rejection::label(self)
    }
}
