//! The `X-Rate-Limit` header.

// Functions that are not generic are `#[inline]`, to be compiled where
// they are used: see "Compiled where used" in lib.rs.

use crate::text::Quoted;

/// The `X-Rate-Limit` header every response carries: the API key's quota
/// for the rolling hour and, on some responses, the minute.
///
/// [`RateLimit::read`] reads what it can and reports the rest;
/// [`RateLimit::parse`] wants the whole value to be readable.
///
/// ```
/// use apple_errors::app_store_connect::{RateLimit, RateLimitError};
///
/// let limit = RateLimit::parse(b"user-hour-lim:3600;user-hour-rem:3599;")?;
/// assert_eq!(limit.hour_limit(), Some(3600));
/// assert_eq!(limit.hour_remaining(), Some(3599));
/// assert_eq!(limit.minute_limit(), None);
///
/// // One bad entry does not hide the others, and is reported.
/// let reading = RateLimit::read(b"user-hour-lim:3600;user-hour-rem:lots;user-minute-rem:-2");
/// assert_eq!(reading.limit().hour_limit(), Some(3600));
/// assert_eq!(reading.limit().minute_remaining(), Some(-2));
/// assert!(reading.limit().is_exhausted());
/// assert_eq!(
///     reading.problems(),
///     [RateLimitError::NotANumber("user-hour-rem:lots".into())]
/// );
/// # Ok::<(), RateLimitError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RateLimit {
    hour_limit: Option<u64>,
    hour_remaining: Option<i64>,
    minute_limit: Option<u64>,
    minute_remaining: Option<i64>,
}

/// Why an `X-Rate-Limit` value, or one entry of it, could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum RateLimitError {
    /// The value is empty or only separators and spaces.
    #[error("the X-Rate-Limit value is empty")]
    Empty,
    /// The value is longer than 1,024 bytes; it was not read.
    #[error("the X-Rate-Limit value is too long to be one")]
    TooLong,
    /// An entry is not UTF-8; the others are still read.
    #[error("an X-Rate-Limit entry is not UTF-8")]
    NotUtf8,
    /// An entry is not `name:value`.
    #[error("X-Rate-Limit entry {} is not name:value", Quoted(.0))]
    Malformed(String),
    /// A known entry's value is not a whole number: a limit must be one of
    /// at least 0, a remaining count may also be negative.
    #[error("X-Rate-Limit entry {} does not hold a whole number", Quoted(.0))]
    NotANumber(String),
}

/// What [`RateLimit::read`] found: the quotas of every entry it could read,
/// and a problem for each entry (or the whole value) it could not. Nothing
/// is left out silently.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[must_use]
pub struct RateLimitReading {
    limit: RateLimit,
    problems: Vec<RateLimitError>,
}

impl RateLimitReading {
    /// The quotas read; those whose entries were missing or unreadable are
    /// `None`.
    #[inline]
    pub fn limit(&self) -> RateLimit {
        self.limit
    }

    /// What could not be read, in the order of the value.
    #[inline]
    pub fn problems(&self) -> &[RateLimitError] {
        &self.problems
    }

    /// Whether every entry could be read.
    #[inline]
    pub fn is_complete(&self) -> bool {
        self.problems.is_empty()
    }

    /// The quotas if every entry could be read, otherwise the first problem.
    #[inline]
    pub fn into_result(self) -> Result<RateLimit, RateLimitError> {
        match self.problems.into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(self.limit),
        }
    }
}

impl RateLimit {
    /// Reads the header value, keeping every entry it can: `name:value`
    /// entries separated by `;`, in any order, with optional spaces or tabs
    /// and a trailing `;`. Several header lines joined with `,` (as HTTP
    /// libraries combine repeated fields, RFC 9110 §5.3) are read as one
    /// list, and a name given twice counts once, the last time.
    ///
    /// Entries with names this version does not know are skipped. A
    /// remaining count below zero, which the service sends once a quota is
    /// overused, is kept as it is and counts as exhausted. Each entry that
    /// cannot be read is a problem in [`RateLimitReading::problems`], and
    /// the other entries are still read; so is a value with no entry at all
    /// ([`RateLimitError::Empty`]) or one over 1,024 bytes
    /// ([`RateLimitError::TooLong`]), which is not read.
    #[inline]
    pub fn read(value: &[u8]) -> RateLimitReading {
        let mut reading = RateLimitReading::default();
        // Real values are about 70 bytes a line; a huge one is not this
        // header.
        if value.len() > 1024 {
            reading.problems.push(RateLimitError::TooLong);
            return reading;
        }
        // Each problem with the entry name it belongs to, if known, so that
        // a later entry of that name replaces it.
        let mut problems: Vec<(Option<usize>, RateLimitError)> = Vec::new();
        let mut entries = 0;
        let separators = |b: &u8| matches!(b, b';' | b',');
        for entry in value.split(separators).map(trim).filter(|e| !e.is_empty()) {
            entries += 1;
            let Ok(entry) = core::str::from_utf8(entry) else {
                problems.push((None, RateLimitError::NotUtf8));
                continue;
            };
            let Some((name, number)) = entry.split_once(':') else {
                problems.push((None, RateLimitError::Malformed(entry.into())));
                continue;
            };
            // Limits are counts; remaining counts go below zero when overused.
            let (number, limit) = (trim_str(number), &mut reading.limit);
            let (slot, read) = match trim_str(name) {
                "user-hour-lim" => (0, store(&mut limit.hour_limit, count(number))),
                "user-hour-rem" => (1, store(&mut limit.hour_remaining, signed_count(number))),
                "user-minute-lim" => (2, store(&mut limit.minute_limit, count(number))),
                "user-minute-rem" => (3, store(&mut limit.minute_remaining, signed_count(number))),
                _ => continue,
            };
            // The last entry of a name wins, its problem or lack of one too.
            problems.retain(|(earlier, _)| *earlier != Some(slot));
            if !read {
                problems.push((Some(slot), RateLimitError::NotANumber(entry.into())));
            }
        }
        if entries == 0 {
            problems.push((None, RateLimitError::Empty));
        }
        reading.problems = problems.into_iter().map(|(_, problem)| problem).collect();
        reading
    }

    /// Parses the header value under the rules of [`read`](Self::read), but
    /// only when all of it can be read: otherwise the first problem is the
    /// error. Use `read` to keep the entries that could be read.
    #[inline]
    pub fn parse(value: &[u8]) -> Result<Self, RateLimitError> {
        Self::read(value).into_result()
    }

    /// Requests allowed in the rolling hour (`user-hour-lim`).
    #[inline]
    pub fn hour_limit(&self) -> Option<u64> {
        self.hour_limit
    }

    /// Requests left in the rolling hour (`user-hour-rem`); below zero when
    /// the quota has been overused.
    #[inline]
    pub fn hour_remaining(&self) -> Option<i64> {
        self.hour_remaining
    }

    /// Requests allowed per minute (`user-minute-lim`), when sent.
    #[inline]
    pub fn minute_limit(&self) -> Option<u64> {
        self.minute_limit
    }

    /// Requests left this minute (`user-minute-rem`), when sent; below zero
    /// when the quota has been overused.
    #[inline]
    pub fn minute_remaining(&self) -> Option<i64> {
        self.minute_remaining
    }

    /// Whether either quota is used up: nothing left, or overused.
    #[inline]
    pub fn is_exhausted(&self) -> bool {
        [self.hour_remaining, self.minute_remaining]
            .iter()
            .any(|left| left.is_some_and(|n| n <= 0))
    }
}

/// Puts `value` in `slot`; whether it was one.
fn store<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
    *slot = value;
    slot.is_some()
}

/// ASCII digits that fit a `u64`.
#[inline]
fn count(text: &str) -> Option<u64> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| text.parse().ok()).flatten()
}

/// ASCII digits, perhaps after a `-`, that fit an `i64`.
#[inline]
fn signed_count(text: &str) -> Option<i64> {
    let magnitude = text.strip_prefix('-').unwrap_or(text);
    let digits = !magnitude.is_empty() && magnitude.bytes().all(|b| b.is_ascii_digit());
    // Parsed with its sign, so that `i64::MIN` fits too.
    digits.then(|| text.parse().ok()).flatten()
}

/// HTTP allows only spaces and tabs around header parts.
#[inline]
fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !matches!(b, b' ' | b'\t'));
    let end = bytes.iter().rposition(|b| !matches!(b, b' ' | b'\t'));
    match (start, end) {
        (Some(start), Some(end)) => &bytes[start..=end],
        _ => &[],
    }
}

/// [`trim`] for text.
#[inline]
fn trim_str(text: &str) -> &str {
    text.trim_matches([' ', '\t'])
}
