//! The `Retry-After` header: RFC 9110's delay-seconds and HTTP-dates, and
//! the UNIX milliseconds the App Store server APIs send, read by one parser.

use core::fmt;
use core::str::FromStr;
use core::time::Duration;
use std::time::SystemTime;

use super::date::{self, HttpDate};

/// Whole numbers from this one on are UNIX time in milliseconds (from
/// 2001-09-09), as the App Store server APIs send; smaller ones are RFC 9110
/// delay-seconds. Read as delay-seconds, such a number would be a wait of
/// over 31,000 years, so no sender means that.
const FIRST_MILLIS: u64 = 1_000_000_000_000;

/// Longer values are refused unread: a number beyond 64 bits has 20 digits
/// and the longest HTTP-date 34 characters.
const MAX_LEN: usize = 64;

/// A `Retry-After` header value, read: a delay, or a time.
///
/// One parser reads every form a response may carry:
///
/// | form | example | from |
/// |---|---|---|
/// | delay-seconds | `120` | RFC 9110 senders: proxies, load balancers |
/// | IMF-fixdate | `Sun, 06 Nov 1994 08:49:37 GMT` | RFC 9110 senders |
/// | RFC 850 date (obsolete) | `Sunday, 06-Nov-94 08:49:37 GMT` | old senders; RFC 9110 requires recipients to accept it |
/// | asctime date (obsolete) | `Sun Nov  6 08:49:37 1994` | old senders; likewise |
/// | UNIX milliseconds | `1700000060000` | the App Store server APIs (Apple's documented form) |
///
/// A whole number is delay-seconds below 10^12 and UNIX milliseconds from
/// 10^12 on (2001-09-09): as delay-seconds that would be a wait of over
/// 31,000 years, and as milliseconds anything smaller would be a time
/// before Apple's APIs existed. White space around the value is ignored;
/// everything else follows RFC 9110's grammar exactly, case included.
///
/// Reading never looks at a clock. A delay and a two-digit year mean
/// something only against the time the response was received, which
/// [`not_before`](Self::not_before) takes as an argument, so the same
/// inputs always give the same time.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use apple_errors::retry::RetryAfter;
///
/// let received = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
///
/// let delay = RetryAfter::parse("120")?;
/// assert_eq!(delay.delay(), Some(Duration::from_secs(120)));
/// assert_eq!(delay.not_before(received), received + Duration::from_secs(120));
///
/// let date = RetryAfter::parse("Tue, 14 Nov 2023 22:15:00 GMT")?;
/// assert_eq!(date.not_before(received), received + Duration::from_secs(100));
///
/// // The App Store server APIs send UNIX time in milliseconds.
/// let millis = RetryAfter::parse("1700000060000")?;
/// assert_eq!(millis.unix_millis(), Some(1_700_000_060_000));
/// assert_eq!(millis.not_before(received), received + Duration::from_secs(60));
///
/// // A bad value is an error to report, not a reason to fail the request.
/// assert!(RetryAfter::parse("soon").is_err());
/// # Ok::<(), apple_errors::retry::RetryAfterError>(())
/// ```
///
/// `Display` writes the value back as a header value, in the form it came
/// in (`FromStr` reads it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RetryAfter(Repr);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Repr {
    /// delay-seconds, below [`FIRST_MILLIS`].
    Seconds(u64),
    /// UNIX time in milliseconds, from [`FIRST_MILLIS`] on.
    UnixMillis(u64),
    Date(HttpDate),
}

/// Why a `Retry-After` value could not be read. The value itself is the
/// caller's: it is not copied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum RetryAfterError {
    /// The value is empty or only white space.
    #[error("the Retry-After value is empty")]
    Empty,
    /// The value is neither a whole number nor an HTTP-date in one of RFC
    /// 9110's three forms (a negative or fractional number, a date in
    /// another format or time zone, a day the month does not have, more
    /// than 64 bytes).
    #[error("the Retry-After value is not delay-seconds, an HTTP-date or UNIX milliseconds")]
    Invalid,
    /// The value is a whole number too large for 64 bits.
    #[error("the Retry-After value is a number too large to be a delay or a time")]
    TooLarge,
}

impl RetryAfter {
    /// Reads a header value (`&str`, `&[u8]`, `http::HeaderValue`, …).
    /// Never panics; reads at most 64 bytes.
    pub fn parse(value: impl AsRef<[u8]>) -> Result<Self, RetryAfterError> {
        let text = value.as_ref().trim_ascii();
        if text.is_empty() {
            return Err(RetryAfterError::Empty);
        }
        if text.len() > MAX_LEN {
            return Err(RetryAfterError::Invalid);
        }
        if text.iter().all(u8::is_ascii_digit) {
            let number = core::str::from_utf8(text)
                .ok()
                .and_then(crate::json::walk::millis)
                .ok_or(RetryAfterError::TooLarge)?;
            return Ok(RetryAfter(if number >= FIRST_MILLIS {
                Repr::UnixMillis(number)
            } else {
                Repr::Seconds(number)
            }));
        }
        HttpDate::parse(text)
            .map(|d| RetryAfter(Repr::Date(d)))
            .ok_or(RetryAfterError::Invalid)
    }

    /// A delay of `secs` seconds, as delay-seconds. Delays of 10^12 seconds
    /// or more (over 31,000 years) are cut to just under, since a number
    /// that large reads as UNIX milliseconds.
    pub const fn from_secs(secs: u64) -> Self {
        let secs = if secs < FIRST_MILLIS {
            secs
        } else {
            FIRST_MILLIS - 1
        };
        RetryAfter(Repr::Seconds(secs))
    }

    /// The time `at` as an IMF-fixdate, the form RFC 9110 senders use (for
    /// a mock server, say), rounded up to the whole second so that it is
    /// never earlier; `None` outside the years 0000 to 9999.
    pub fn at(at: SystemTime) -> Option<Self> {
        let mut secs = date::unix_secs(at);
        if date::from_unix_secs(secs) < at {
            secs = secs.checked_add(1)?;
        }
        HttpDate::imf_fixdate(secs).map(|d| RetryAfter(Repr::Date(d)))
    }

    /// The delay, when the value is delay-seconds.
    pub const fn delay(&self) -> Option<Duration> {
        match self.0 {
            Repr::Seconds(secs) => Some(Duration::from_secs(secs)),
            Repr::UnixMillis(_) | Repr::Date(_) => None,
        }
    }

    /// The time in milliseconds since the UNIX epoch, when the value is in
    /// the App Store server APIs' form.
    pub const fn unix_millis(&self) -> Option<u64> {
        match self.0 {
            Repr::UnixMillis(ms) => Some(ms),
            Repr::Seconds(_) | Repr::Date(_) => None,
        }
    }

    /// Whether the value is an HTTP-date (in any of its three forms).
    pub const fn is_http_date(&self) -> bool {
        matches!(self.0, Repr::Date(_))
    }

    /// The time from which the request may be sent again, for a response
    /// received at `received_at`: that time plus a delay, or the time the
    /// value names. An RFC 850 date's two-digit year is read as RFC 9110
    /// says: the date is the latest with those digits that is not more than
    /// 50 years after `received_at`. Never panics: a time past what the
    /// platform's `SystemTime` holds becomes the latest one it holds.
    pub fn not_before(&self, received_at: SystemTime) -> SystemTime {
        match self.0 {
            Repr::Seconds(secs) => date::saturating_add(received_at, Duration::from_secs(secs)),
            Repr::UnixMillis(ms) => {
                date::saturating_add(SystemTime::UNIX_EPOCH, Duration::from_millis(ms))
            }
            Repr::Date(d) => date::from_unix_secs(d.unix_secs(date::unix_secs(received_at))),
        }
    }
}

impl fmt::Display for RetryAfter {
    /// The header value, in the form the value came in.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Seconds(n) | Repr::UnixMillis(n) => write!(f, "{n}"),
            Repr::Date(d) => write!(f, "{d}"),
        }
    }
}

impl FromStr for RetryAfter {
    type Err = RetryAfterError;

    fn from_str(value: &str) -> Result<Self, RetryAfterError> {
        Self::parse(value)
    }
}

/// What a response's `Retry-After` header gave, as the rejections keep it:
/// nothing, a value, or why the value could not be read.
pub(crate) type Reading = Option<Result<RetryAfter, RetryAfterError>>;

/// Reads an optional header value for a rejection. Inlined: most responses
/// have none.
#[inline]
pub(crate) fn read(value: Option<&[u8]>) -> Reading {
    value.map(RetryAfter::parse)
}

/// `retry_after()`, `retry_after_error()` and `decision(received_at)`, for
/// a rejection with a `retry_after: RetryAfterReading` field and a
/// `retry()` method. The doc of `retry_after()`, which says what the
/// surface's senders put there, comes from the caller.
macro_rules! retry_after_methods {
    ($(#[$doc:meta])*) => {
        $(#[$doc])*
        #[inline]
        pub fn retry_after(&self) -> ::core::option::Option<$crate::retry::RetryAfter> {
            self.retry_after.and_then(::core::result::Result::ok)
        }

        /// Why the `Retry-After` value given to the `Response` could not be
        /// read, if it could not. The decision stands: it rests on the
        /// policy alone.
        #[inline]
        pub fn retry_after_error(&self) -> ::core::option::Option<$crate::retry::RetryAfterError> {
            self.retry_after.and_then(::core::result::Result::err)
        }

        /// What to do and from when, for the response received at
        /// `received_at`: the [`retry`](Self::retry) policy, and the time the
        /// `Retry-After` value names (a delay counts from `received_at`).
        /// [`Backoff::next`](crate::retry::Backoff::next) schedules it.
        #[inline]
        pub fn decision(&self, received_at: ::std::time::SystemTime) -> $crate::retry::Decision {
            $crate::retry::Decision::from_retry_after(self.retry(), self.retry_after(), received_at)
        }
    };
}
pub(crate) use retry_after_methods;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_split_at_ten_to_the_twelfth() {
        let r = RetryAfter::parse("999999999999").unwrap();
        assert_eq!(r.delay(), Some(Duration::from_secs(999_999_999_999)));
        let r = RetryAfter::parse("1000000000000").unwrap();
        assert_eq!(r.unix_millis(), Some(FIRST_MILLIS));
        assert_eq!(
            RetryAfter::from_secs(u64::MAX).delay(),
            Some(Duration::from_secs(FIRST_MILLIS - 1))
        );
    }
}
