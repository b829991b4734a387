//! Reading the `{"reason": …}` bodies that APNs sends, and what can go wrong.

use core::fmt;

use crate::KnownValue;
use crate::json::{self, Value};
use crate::wire::Wire;

/// Bodies longer than this are not parsed. APNs error bodies are a few dozen
/// bytes; anything near this size came from something else (a proxy's error
/// page, a misrouted response), and refusing it keeps the work bounded.
pub const MAX_BODY_LEN: usize = 64 * 1024;

/// Why a response body could not be read in full.
///
/// A rejection with a body error still has a retry decision: it falls back to
/// the HTTP status, which is always present. The variants are ordered from
/// "nothing could be read" to "one field was unusable".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyError {
    /// The body was empty or only white space where an error body was expected.
    Empty,
    /// The body was longer than [`MAX_BODY_LEN`] and was not read.
    TooLarge {
        /// The body's length in bytes.
        len: usize,
    },
    /// The body was not valid UTF-8, so it cannot be JSON.
    InvalidUtf8 {
        /// Length of the longest valid UTF-8 prefix.
        valid_up_to: usize,
    },
    /// The body was not JSON (an HTML error page, truncated text, …).
    Syntax {
        /// Byte offset at which the JSON grammar broke.
        offset: usize,
    },
    /// The JSON nests containers deeper than 127 levels.
    TooDeep,
    /// The body was JSON, but not an object.
    NotObject,
    /// The object has no `reason` member, or it is `null`.
    MissingReason,
    /// The `reason` member is not a string (for example `"reason": 17`).
    ReasonNotString,
    /// The `timestamp` member is not a whole, non-negative number of
    /// milliseconds that fits in a `u64` (for example `false`, `-1`, `1.5`
    /// or `1e400`). The reason, if any, was still read.
    InvalidTimestamp,
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the body is empty"),
            Self::TooLarge { len } => write!(
                f,
                "the body is {len} bytes, over the {MAX_BODY_LEN}-byte limit, and was not read"
            ),
            Self::InvalidUtf8 { valid_up_to } => {
                write!(
                    f,
                    "the body is not UTF-8 (bad byte at offset {valid_up_to})"
                )
            }
            Self::Syntax { offset } => write!(f, "the body is not JSON (at byte {offset})"),
            Self::TooDeep => f.write_str("the body's JSON is nested too deeply"),
            Self::NotObject => f.write_str("the body is JSON but not an object"),
            Self::MissingReason => f.write_str("the body has no `reason`"),
            Self::ReasonNotString => f.write_str("the body's `reason` is not a string"),
            Self::InvalidTimestamp => {
                f.write_str("the body's `timestamp` is not a whole number of milliseconds")
            }
        }
    }
}

impl std::error::Error for BodyError {}

/// What a reason body held. On a body error, the fields read before it was
/// found are kept only when the error concerns a single field.
#[derive(Debug)]
pub(crate) struct ReasonBody<R> {
    pub(crate) reason: Option<Wire<R>>,
    pub(crate) timestamp: Option<u64>,
    pub(crate) error: Option<BodyError>,
}

impl<R> ReasonBody<R> {
    fn failed(error: BodyError) -> Self {
        ReasonBody {
            reason: None,
            timestamp: None,
            error: Some(error),
        }
    }
}

/// Parses `{"reason": "…", "timestamp": …}`, ignoring other members. With
/// duplicate keys the last one wins, as in JavaScript and `serde_json::Value`.
/// A leading UTF-8 byte-order mark is skipped (RFC 8259 allows that).
pub(crate) fn parse_reason_body<R: KnownValue>(body: &[u8], read_timestamp: bool) -> ReasonBody<R> {
    if body.len() > MAX_BODY_LEN {
        return ReasonBody::failed(BodyError::TooLarge { len: body.len() });
    }
    // Offsets in errors count from the start of the body as received.
    let (bom, body) = match body.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, body),
    };
    if body
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return ReasonBody::failed(BodyError::Empty);
    }
    let text = match core::str::from_utf8(body) {
        Ok(text) => text,
        Err(e) => {
            return ReasonBody::failed(BodyError::InvalidUtf8 {
                valid_up_to: bom + e.valid_up_to(),
            });
        }
    };

    let mut reason = None;
    let mut timestamp = None;
    let scanned = json::members(text, |key, value| {
        if key.eq_str("reason") {
            reason = Some(value);
        } else if read_timestamp && key.eq_str("timestamp") {
            timestamp = Some(value);
        }
    });
    if let Err(e) = scanned {
        return ReasonBody::failed(match e {
            json::Error::Syntax(offset) => BodyError::Syntax {
                offset: bom + offset,
            },
            json::Error::TooDeep => BodyError::TooDeep,
            json::Error::NotObject => BodyError::NotObject,
        });
    }

    let mut out = ReasonBody {
        reason: None,
        timestamp: None,
        error: None,
    };
    match reason {
        Some(Value::Str(s)) => out.reason = Some(Wire::parse(&s.decode())),
        None | Some(Value::Null) => out.error = Some(BodyError::MissingReason),
        Some(_) => out.error = Some(BodyError::ReasonNotString),
    }
    match timestamp {
        None | Some(Value::Null) => {}
        Some(Value::Number(n)) if n.bytes().all(|b| b.is_ascii_digit()) => match n.parse() {
            Ok(ms) => out.timestamp = Some(ms),
            Err(_) => {
                out.error.get_or_insert(BodyError::InvalidTimestamp);
            }
        },
        Some(_) => {
            out.error.get_or_insert(BodyError::InvalidTimestamp);
        }
    }
    out
}
