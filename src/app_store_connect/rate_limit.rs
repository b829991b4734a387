//! The `X-Rate-Limit` header.

use crate::text::Quoted;

/// The `X-Rate-Limit` header every response carries: the API key's quota
/// for the rolling hour and, on some responses, the minute.
///
/// ```
/// use apple_errors::app_store_connect::RateLimit;
///
/// let limit = RateLimit::parse(b"user-hour-lim:3600;user-hour-rem:3599;")?;
/// assert_eq!(limit.hour_limit(), Some(3600));
/// assert_eq!(limit.hour_remaining(), Some(3599));
/// assert_eq!(limit.minute_limit(), None);
/// # Ok::<(), apple_errors::app_store_connect::RateLimitError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RateLimit {
    hour_limit: Option<u64>,
    hour_remaining: Option<u64>,
    minute_limit: Option<u64>,
    minute_remaining: Option<u64>,
}

/// Why an `X-Rate-Limit` header value could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum RateLimitError {
    /// The value is empty or only separators and spaces.
    #[error("the X-Rate-Limit value is empty")]
    Empty,
    /// The value is longer than 1,024 bytes; it was not read.
    #[error("the X-Rate-Limit value is too long to be one")]
    TooLong,
    /// The value is not UTF-8.
    #[error("the X-Rate-Limit value is not UTF-8")]
    NotUtf8,
    /// An entry is not `name:value`.
    #[error("X-Rate-Limit entry {} is not name:value", Quoted(.0))]
    Malformed(String),
    /// A known entry's value is not a whole number.
    #[error("X-Rate-Limit entry {} does not hold a whole number", Quoted(.0))]
    NotANumber(String),
}

impl RateLimit {
    /// Parses the header value: `name:value` entries separated by `;`, in
    /// any order, with optional spaces or tabs and a trailing `;`. Entries
    /// with names this version does not know are skipped; a value with no
    /// entry at all is [`RateLimitError::Empty`].
    pub fn parse(value: &[u8]) -> Result<Self, RateLimitError> {
        // Real values are about 70 bytes; a huge one is not this header.
        if value.len() > 1024 {
            return Err(RateLimitError::TooLong);
        }
        let text = core::str::from_utf8(value).map_err(|_| RateLimitError::NotUtf8)?;
        let mut out = RateLimit::default();
        let mut entries = 0;
        for entry in text.split(';').map(trim).filter(|e| !e.is_empty()) {
            entries += 1;
            let (name, number) = entry
                .split_once(':')
                .ok_or_else(|| RateLimitError::Malformed(entry.into()))?;
            let slot = match trim(name) {
                "user-hour-lim" => &mut out.hour_limit,
                "user-hour-rem" => &mut out.hour_remaining,
                "user-minute-lim" => &mut out.minute_limit,
                "user-minute-rem" => &mut out.minute_remaining,
                _ => continue,
            };
            let number = trim(number);
            if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
                return Err(RateLimitError::NotANumber(entry.into()));
            }
            *slot = Some(
                number
                    .parse()
                    .map_err(|_| RateLimitError::NotANumber(entry.into()))?,
            );
        }
        if entries == 0 {
            return Err(RateLimitError::Empty);
        }
        Ok(out)
    }

    /// Requests allowed in the rolling hour (`user-hour-lim`).
    pub fn hour_limit(&self) -> Option<u64> {
        self.hour_limit
    }

    /// Requests left in the rolling hour (`user-hour-rem`).
    pub fn hour_remaining(&self) -> Option<u64> {
        self.hour_remaining
    }

    /// Requests allowed per minute (`user-minute-lim`), when sent.
    pub fn minute_limit(&self) -> Option<u64> {
        self.minute_limit
    }

    /// Requests left this minute (`user-minute-rem`), when sent.
    pub fn minute_remaining(&self) -> Option<u64> {
        self.minute_remaining
    }

    /// Whether either quota is used up.
    pub fn is_exhausted(&self) -> bool {
        self.hour_remaining == Some(0) || self.minute_remaining == Some(0)
    }
}

/// HTTP allows only spaces and tabs around header parts.
fn trim(text: &str) -> &str {
    text.trim_matches([' ', '\t'])
}
