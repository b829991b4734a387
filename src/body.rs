//! Reading response bodies, and what can go wrong with them.
//!
//! Every parse entry point takes untrusted bytes and never panics. What it
//! does with hostile or broken input:
//!
//! | input | outcome |
//! |---|---|
//! | empty, or only white space | [`BodyError::Empty`] |
//! | over [`MAX_BODY_LEN`] (error bodies) or [`MAX_RESPONSE_LEN`] (other responses), 100 MB included | [`BodyError::TooLarge`], from the length alone: nothing is read or copied |
//! | not UTF-8 | [`BodyError::InvalidUtf8`] with the offset of the first bad byte |
//! | not JSON (an HTML page, truncated text, a raw NUL or control character in a string) | [`BodyError::Syntax`] with the byte offset |
//! | nested deeper than 127 levels (10,000 included) | [`BodyError::TooDeep`]; skipped values cost no recursion |
//! | JSON that is not an object | [`BodyError::NotObject`] |
//! | a leading UTF-8 byte-order mark | skipped (RFC 8259 allows it); offsets still count from the first byte |
//! | a member given twice | the last one wins, as in JavaScript and `serde_json::Value` |
//! | `"reason"` missing or `null`; not a string (`17`) | [`BodyError::MissingReason`]; [`BodyError::ReasonNotString`] — the status decides |
//! | an escaped reason (`"Bad\u0054opic"`), `\u0000` included | decoded and kept; an unknown one is kept as decoded |
//! | `"timestamp"` negative, fractional, with an exponent (`1e3`, `1e400`), over `u64::MAX`, not a number (`false`) | [`BodyError::InvalidTimestamp`]; the reason is still read |
//! | `"timestamp": null` | no timestamp, no error |
//! | numbers out of `f64` range elsewhere (`1e400`) | accepted: they are valid JSON |
//! | App Store server APIs: `"errorCode"` missing or `null` | [`BodyError::MissingCode`]; the status decides (a 401 for a bad JWT, a 400 for a malformed request) |
//! | `"errorCode"` a string (`"4040010"`), fractional, with an exponent, beyond 64 bits, not a number | [`BodyError::InvalidCode`]; the status decides, the message is still read |
//! | `"errorCode"` negative or unknown (`9990000`) | kept as the number; the status decides |
//! | `"errorCode"` known but with another status than the one received | kept; the code decides (`status_disagrees()`) |
//! | `"errorMessage"` missing or `null`; not a string | no message; [`BodyError::InvalidMessage`], the code still decides |
//! | `Retry-After` not UNIX milliseconds (delay-seconds, a date, before 2001) | reported by `retry_after_error()`; the decision stands |
//! | more than [`MAX_HISTORY_ITEMS`] notifications, [`MAX_SEND_ATTEMPTS`] attempts for one, [`MAX_ERRORS`] App Store Connect errors (every depth together) or [`MAX_ASSOCIATED_PATHS`] request paths | [`BodyError::TooMany`] in `body_error()`; the first ones are kept, the rest checked as JSON and skipped |
//! | an id header over [`HeaderId::MAX_LEN`](crate::HeaderId::MAX_LEN) bytes, 1 MB included | refused, not copied: only its length is kept ([`HeaderId::too_long`](crate::HeaderId::too_long)); the decision stands |
//!
//! Header values (ids, `X-Rate-Limit`) are bytes: ids are kept byte for byte
//! even when not UTF-8 ([`HeaderId`](crate::HeaderId)).
//!
//! Memory is bounded by the body: no entry point holds more than four times
//! the body's length of heap at once, or 64 KiB for a shorter body (what the
//! limits above let a few hundred bytes keep), its result included. The
//! `tests/alloc.rs` tests check this on the worst bodies for each.

use crate::json;

/// Error bodies longer than this are not parsed: APNs reason bodies and App
/// Store Connect `ErrorResponse` bodies. An APNs body is a few dozen bytes
/// and an App Store Connect one rarely more than a few kilobytes; anything
/// near this size came from something else (a proxy's error page, a
/// misrouted response), and refusing it keeps work and memory bounded.
pub const MAX_BODY_LEN: usize = 64 * 1024;

/// Bodies of successful responses longer than this are not parsed. A page of
/// notification history is far smaller; the limit keeps work and memory
/// bounded against a hostile or broken peer.
pub const MAX_RESPONSE_LEN: usize = 16 * 1024 * 1024;

/// The most notifications read from one page of notification history.
/// Apple sends at most 20 per page (`hasMore` says when more follow); ten
/// times that leaves room for change, and bounds the heap a page of empty
/// items (`[{},{},…]`, 3 bytes and 48 bytes of heap each) can take.
/// The rest are skipped and reported as [`BodyError::TooMany`].
pub const MAX_HISTORY_ITEMS: usize = 200;

/// The most send attempts read for one notification (history item or test
/// notification). Apple's schedule makes at most 6 (a first try and five
/// resends, over three days); 64 is ten times that, rounded up. The rest
/// are skipped and reported as [`BodyError::TooMany`].
pub const MAX_SEND_ATTEMPTS: usize = 64;

/// The most errors read from one App Store Connect `ErrorResponse`,
/// counting `errors` and every `meta.associatedErrors` list at any depth
/// together. A response lists a few errors, and rarely more than a few
/// dozen associated ones; an error takes about 180 bytes of heap for as
/// little as 12 bytes of body (`{"code":""}`). The rest are skipped and
/// reported as [`BodyError::TooMany`].
pub const MAX_ERRORS: usize = 100;

/// The most request paths read from the `meta.associatedErrors` objects of
/// one App Store Connect `ErrorResponse`, at any depth together. Each is a
/// request the errors under it concern; a path past the limit is skipped
/// with its errors and reported as [`BodyError::TooMany`].
pub const MAX_ASSOCIATED_PATHS: usize = 100;

/// Why a response body could not be read in full.
///
/// A rejection with a body error still has a retry decision: it falls back to
/// the HTTP status, which is always present. The variants are ordered from
/// "nothing could be read" to "one field was unusable".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum BodyError {
    /// The body was empty or only white space where an error body was expected.
    #[error("the body is empty")]
    Empty,
    /// The body was longer than the limit for its kind ([`MAX_BODY_LEN`]
    /// for error bodies, [`MAX_RESPONSE_LEN`] for other responses) and was
    /// not read.
    #[error("the body is {len} bytes, over the {limit}-byte limit, and was not read")]
    TooLarge {
        /// The body's length in bytes.
        len: usize,
        /// The limit it went over.
        limit: usize,
    },
    /// The body was not valid UTF-8, so it cannot be JSON.
    #[error("the body is not UTF-8 (bad byte at offset {valid_up_to})")]
    InvalidUtf8 {
        /// Length of the longest valid UTF-8 prefix.
        valid_up_to: usize,
    },
    /// The body was not JSON (an HTML error page, truncated text, …).
    #[error("the body is not JSON (at byte {offset})")]
    Syntax {
        /// Byte offset at which the JSON grammar broke.
        offset: usize,
    },
    /// The JSON nests containers deeper than 127 levels.
    #[error("the body's JSON is nested too deeply")]
    TooDeep,
    /// The body was JSON, but not an object.
    #[error("the body is JSON but not an object")]
    NotObject,
    /// The object has no `reason` member, or it is `null`.
    #[error("the body has no `reason`")]
    MissingReason,
    /// The `reason` member is not a string (for example `"reason": 17`).
    #[error("the body's `reason` is not a string")]
    ReasonNotString,
    /// The `timestamp` member is not a whole, non-negative number of
    /// milliseconds that fits in a `u64` (for example `false`, `-1`, `1.5`
    /// or `1e400`). The reason, if any, was still read.
    #[error("the body's `timestamp` is not a whole number of milliseconds")]
    InvalidTimestamp,
    /// An App Store server API error body has no `errorCode`, or it is
    /// `null`: the status decides.
    #[error("the body has no `errorCode`")]
    MissingCode,
    /// The `errorCode` member is not a whole number that fits in 64 bits (a
    /// string, `1.5`, `1e7`, `99999999999999999999`): the status decides.
    #[error("the body's `errorCode` is not a whole number")]
    InvalidCode,
    /// The `errorMessage` member is not a string; the code was still read.
    #[error("the body's `errorMessage` is not a string")]
    InvalidMessage,
    /// The body lists more of something than this crate reads: more than
    /// [`MAX_HISTORY_ITEMS`] notifications, [`MAX_SEND_ATTEMPTS`] attempts
    /// for one notification, [`MAX_ERRORS`] errors or
    /// [`MAX_ASSOCIATED_PATHS`] request paths. Apple's responses stay far
    /// below these limits; they bound the memory a hostile or broken body
    /// can make a parser hold. What came before the limit is kept, the rest
    /// was checked as JSON and skipped.
    #[error("the body lists more than {limit} {what}; the rest were skipped")]
    TooMany {
        /// What there were too many of (`"send attempts in one notification"`).
        what: &'static str,
        /// How many were read and kept.
        limit: usize,
    },
}

impl BodyError {
    /// Whether the body as a whole was unusable, so nothing was read from
    /// it; otherwise only one member was (a missing or mistyped `reason`,
    /// `errorCode` or `errorMessage`, a bad `timestamp`), or the body listed
    /// more than is read ([`TooMany`](Self::TooMany)).
    pub const fn is_whole_body(self) -> bool {
        !matches!(
            self,
            Self::MissingReason
                | Self::ReasonNotString
                | Self::InvalidTimestamp
                | Self::MissingCode
                | Self::InvalidCode
                | Self::InvalidMessage
                | Self::TooMany { .. }
        )
    }
}

/// Why a JSON response (notification history, an App Store Connect error
/// list) could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The body as a whole is unusable: empty, too large, not UTF-8, not
    /// JSON, nested too deeply, or not an object. Also, where errors are
    /// kept with what was read ([`app_store_connect::Rejection::body_error`](crate::app_store_connect::Rejection::body_error)),
    /// [`BodyError::TooMany`]: the body listed more than is read.
    ///
    /// Transparent: it reads as the [`BodyError`] itself, and its
    /// [`source`](std::error::Error::source) is the body error's (none), so
    /// a report of the chain prints the problem once. Match on the variant
    /// to get the [`BodyError`].
    #[error(transparent)]
    Body(#[from] BodyError),
    /// A member the response needs is missing or has the wrong type.
    #[error("`{path}`: expected {expected}")]
    Field {
        /// Where, as a path from the top (`notificationHistory[0].sendAttempts[1].attemptDate`).
        path: String,
        /// What was expected there.
        expected: &'static str,
    },
}

impl From<json::Error> for BodyError {
    fn from(e: json::Error) -> Self {
        match e {
            json::Error::Syntax(offset) => BodyError::Syntax { offset },
            json::Error::TooDeep => BodyError::TooDeep,
            json::Error::NotObject => BodyError::NotObject,
        }
    }
}

impl From<json::Error> for ParseError {
    fn from(e: json::Error) -> Self {
        ParseError::Body(e.into())
    }
}
