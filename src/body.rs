//! Reading response bodies, and what can go wrong with them.

use core::fmt;

use crate::KnownValue;
use crate::json::{self, Value};
use crate::wire::Wire;

/// Bodies longer than this are not parsed. APNs error bodies are a few dozen
/// bytes; anything near this size came from something else (a proxy's error
/// page, a misrouted response), and refusing it keeps the work bounded.
pub const MAX_BODY_LEN: usize = 64 * 1024;

/// Bodies of successful responses longer than this are not parsed. A page of
/// notification history is far smaller; the limit keeps work and memory
/// bounded against a hostile or broken peer.
pub const MAX_RESPONSE_LEN: usize = 16 * 1024 * 1024;

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
    /// The body was longer than the limit for its kind ([`MAX_BODY_LEN`]
    /// for error bodies, [`MAX_RESPONSE_LEN`] for other responses) and was
    /// not read.
    TooLarge {
        /// The body's length in bytes.
        len: usize,
        /// The limit it went over.
        limit: usize,
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
            Self::TooLarge { len, limit } => write!(
                f,
                "the body is {len} bytes, over the {limit}-byte limit, and was not read"
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
pub(crate) fn parse_reason_body<R: KnownValue>(body: &[u8], read_timestamp: bool) -> ReasonBody<R> {
    let text = match document(body, MAX_BODY_LEN) {
        Ok(text) => text,
        Err(e) => return ReasonBody::failed(e),
    };
    let mut reason = None;
    let mut timestamp = None;
    let scanned = json::object_document(text, |key, r| {
        if key.eq_str("reason") {
            reason = Some(r.value()?);
        } else if read_timestamp && key.eq_str("timestamp") {
            timestamp = Some(r.value()?);
        }
        Ok::<(), json::Error>(())
    });
    if let Err(e) = scanned {
        return ReasonBody::failed(e.into());
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
        Some(Value::Number(n)) if millis(n).is_some() => out.timestamp = millis(n),
        Some(_) => {
            out.error.get_or_insert(BodyError::InvalidTimestamp);
        }
    }
    out
}

/// Why a JSON response (notification history, an App Store Connect error
/// list) could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseError {
    /// The body as a whole is unusable: empty, too large, not UTF-8, not
    /// JSON, nested too deeply, or not an object.
    Body(BodyError),
    /// A member the response needs is missing or has the wrong type.
    Field {
        /// Where, as a path from the top (`notificationHistory[0].sendAttempts[1].attemptDate`).
        path: String,
        /// What was expected there.
        expected: &'static str,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Body(e) => e.fmt(f),
            Self::Field { path, expected } => write!(f, "`{path}`: expected {expected}"),
        }
    }
}

impl std::error::Error for ParseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Body(e) => Some(e),
            Self::Field { .. } => None,
        }
    }
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

/// One step of a path into a document, for [`ParseError::Field`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum Seg {
    Key(&'static str),
    Index(usize),
}

impl ParseError {
    pub(crate) fn field(path: &[Seg], expected: &'static str) -> Self {
        let mut text = String::new();
        for seg in path {
            match seg {
                Seg::Key(k) if text.is_empty() => text.push_str(k),
                Seg::Key(k) => {
                    text.push('.');
                    text.push_str(k);
                }
                Seg::Index(i) => {
                    let _ = fmt::Write::write_fmt(&mut text, format_args!("[{i}]"));
                }
            }
        }
        ParseError::Field {
            path: text,
            expected,
        }
    }
}

/// Reads a successful response's top-level object (see
/// [`json::object_document`]) after the checks of [`document`].
pub(crate) fn read_response<'a>(
    body: &'a [u8],
    member: impl FnMut(json::Str<'a>, &mut json::Reader<'a>) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    let text = document(body, MAX_RESPONSE_LEN).map_err(ParseError::Body)?;
    match json::object_document(text, member) {
        // A field error stops the walk early; the body being broken further
        // on is the more basic problem, so check the rest before reporting.
        Err(field @ ParseError::Field { .. }) => {
            json::object_document(text, |_, _| Ok::<(), json::Error>(()))?;
            Err(field)
        }
        other => other,
    }
}

/// The body as text, if it is within `limit`, not just white space (after an
/// optional byte-order mark, which the JSON reader skips) and UTF-8.
fn document(body: &[u8], limit: usize) -> Result<&str, BodyError> {
    if body.len() > limit {
        return Err(BodyError::TooLarge {
            len: body.len(),
            limit,
        });
    }
    let content = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if content
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return Err(BodyError::Empty);
    }
    core::str::from_utf8(body).map_err(|e| BodyError::InvalidUtf8 {
        valid_up_to: e.valid_up_to(),
    })
}

/// A string member, `None` for `null`.
pub(crate) fn string(r: &mut json::Reader<'_>, path: &[Seg]) -> Result<Option<String>, ParseError> {
    match r.value()? {
        Value::Str(s) => Ok(Some(s.decode().into_owned())),
        Value::Null => Ok(None),
        _ => Err(ParseError::field(path, "a string")),
    }
}

/// Fails with a field error unless the value at `r` is of `kind`.
pub(crate) fn expect(
    r: &mut json::Reader<'_>,
    kind: json::Kind,
    path: &[Seg],
    what: &'static str,
) -> Result<(), ParseError> {
    if r.kind() == kind {
        Ok(())
    } else {
        // Read it first: a syntax error outranks a type error.
        r.value()?;
        Err(ParseError::field(path, what))
    }
}

/// A whole number of milliseconds that fits in a `u64`, as Apple writes
/// dates; `None` for anything else (negative, fractional, exponent, huge).
pub(crate) fn millis(number: &str) -> Option<u64> {
    if number.bytes().all(|b| b.is_ascii_digit()) {
        number.parse().ok()
    } else {
        None
    }
}
