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
//!
//! Header values (ids, `X-Rate-Limit`) are bytes: ids are kept byte for byte
//! even when not UTF-8 ([`HeaderId`](crate::HeaderId)).

use core::fmt;

use crate::KnownValue;
use crate::json::{self, Value};
use crate::wire::Wire;

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

impl BodyError {
    /// Whether the body as a whole was unusable, so nothing was read from
    /// it; otherwise only one member was (a missing or mistyped `reason`, a
    /// bad `timestamp`).
    pub const fn is_whole_body(self) -> bool {
        !matches!(
            self,
            Self::MissingReason | Self::ReasonNotString | Self::InvalidTimestamp
        )
    }
}

impl std::error::Error for BodyError {}

/// The end of a rejection's one-line description: ` <raw>: <meaning>` for a
/// known reason (in the spelling received), ` "<raw>" (…)` for an unknown
/// one, otherwise the status's meaning and the body's problem.
pub(crate) fn write_reason<R: KnownValue, S: KnownValue>(
    f: &mut fmt::Formatter<'_>,
    raw: Option<&str>,
    reason: Option<R>,
    status: Option<S>,
    error: Option<BodyError>,
) -> fmt::Result {
    match (raw, reason) {
        (Some(raw), Some(reason)) => write!(f, " {raw}: {}", reason.description()),
        (Some(raw), None) => write!(f, " {raw:?} (a reason this version does not know)"),
        (None, _) => {
            if let Some(status) = status {
                write!(f, ": {}", status.description())?;
            }
            match error {
                Some(e) => write!(f, " ({e})"),
                None => Ok(()),
            }
        }
    }
}

/// What a reason body held. On a body error, the fields read before it was
/// found are kept only when the error concerns a single field.
#[derive(Debug, PartialEq, Eq)]
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
    // The size limit comes first for both paths.
    if body.len() <= MAX_BODY_LEN {
        if let Some((reason, timestamp)) = fast_reason_body::<R>(body, read_timestamp) {
            return ReasonBody {
                reason: Some(reason),
                timestamp,
                error: None,
            };
        }
    }
    general_reason_body(body, read_timestamp)
}

/// The two shapes APNs actually sends, read directly:
/// `{"reason":"…"}` and, with `read_timestamp`, `{"reason":"…","timestamp":…}`,
/// byte for byte, with a reason that is a known spelling or printable ASCII
/// without escapes, and a timestamp of at most 19 digits (so it fits a
/// `u64`) without a leading zero. `None` for anything else, which the general
/// parser then reads.
///
/// Every body this accepts is valid JSON that the general parser reads the
/// same way; `paths_agree` checks that, and the tests and fuzz targets call
/// it on every input they make.
fn fast_reason_body<R: KnownValue>(
    body: &[u8],
    read_timestamp: bool,
) -> Option<(Wire<R>, Option<u64>)> {
    let rest = body.strip_prefix(b"{\"reason\":\"")?;
    let end = rest.iter().position(|&b| b == b'"')?;
    let (reason, rest) = rest.split_at(end);
    let timestamp = match &rest[1..] {
        b"}" => None,
        rest if read_timestamp => {
            let digits = rest.strip_prefix(b",\"timestamp\":")?.strip_suffix(b"}")?;
            if !matches!(digits, [b'1'..=b'9', ..] | [b'0']) || digits.len() > 19 {
                return None;
            }
            // At most 19 digits: the sum cannot overflow.
            let mut ms = 0u64;
            for d in digits {
                if !d.is_ascii_digit() {
                    return None;
                }
                ms = ms * 10 + u64::from(d - b'0');
            }
            Some(ms)
        }
        _ => return None,
    };
    // Known spellings are plain ASCII, so a match needs no further check.
    let reason = match Wire::known_bytes(reason) {
        Some(known) => known,
        None if reason
            .iter()
            .all(|b| (0x20..0x7F).contains(b) && *b != b'\\') =>
        {
            Wire::Unknown(core::str::from_utf8(reason).ok()?.into())
        }
        None => return None,
    };
    Some((reason, timestamp))
}

/// Whether the fast path, where it applies, reads `body` as the general
/// parser does. For tests and fuzzing.
pub(crate) fn paths_agree<R: KnownValue>(body: &[u8]) -> bool {
    [false, true].into_iter().all(|read_timestamp| {
        let general = general_reason_body::<R>(body, read_timestamp);
        let used = parse_reason_body::<R>(body, read_timestamp);
        let fast_agrees = match fast_reason_body::<R>(body, read_timestamp) {
            // Within the size limit the fast path must read what the
            // general parser reads; beyond it, it is never used.
            Some((reason, timestamp)) if body.len() <= MAX_BODY_LEN => {
                general.reason == Some(reason)
                    && general.timestamp == timestamp
                    && general.error.is_none()
            }
            _ => true,
        };
        fast_agrees && used == general
    })
}

fn general_reason_body<R: KnownValue>(body: &[u8], read_timestamp: bool) -> ReasonBody<R> {
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

/// Where a value is in a document: a chain of steps kept on the stack, so a
/// path costs nothing until an error names it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Path<'p> {
    Root,
    Key(&'p Path<'p>, &'static str),
    Index(&'p Path<'p>, usize),
}

impl<'p> Path<'p> {
    pub(crate) fn key(&'p self, key: &'static str) -> Path<'p> {
        Path::Key(self, key)
    }

    pub(crate) fn index(&'p self, index: usize) -> Path<'p> {
        Path::Index(self, index)
    }

    /// `errors[0].meta.associatedErrors`. Recursion is bounded by the
    /// reader's depth limit.
    fn render(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.render(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Path::Index(parent, index) => {
                parent.render(out);
                let _ = fmt::Write::write_fmt(out, format_args!("[{index}]"));
            }
        }
    }
}

impl ParseError {
    pub(crate) fn field(path: &Path<'_>, expected: &'static str) -> Self {
        let mut text = String::new();
        path.render(&mut text);
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
pub(crate) fn string(
    r: &mut json::Reader<'_>,
    path: &Path<'_>,
) -> Result<Option<String>, ParseError> {
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
    path: &Path<'_>,
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
    if number.is_empty() {
        return None;
    }
    number.bytes().try_fold(0u64, |ms, d| {
        let digit = d.checked_sub(b'0').filter(|d| *d <= 9)?;
        ms.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apns::Reason;
    use proptest::prelude::*;

    #[test]
    fn the_fast_path_takes_the_usual_shapes_only() {
        let fast = |b: &[u8], t| fast_reason_body::<Reason>(b, t).is_some();
        assert!(fast(br#"{"reason":"BadDeviceToken"}"#, false));
        assert!(fast(
            br#"{"reason":"Unregistered","timestamp":1700000000000}"#,
            true
        ));
        assert!(fast(br#"{"reason":"X","timestamp":0}"#, true));
        assert!(!fast(br#"{"reason":"X","timestamp":0}"#, false));
        assert!(!fast(br#"{"reason":"X","timestamp":01}"#, true));
        assert!(!fast(
            br#"{"reason":"X","timestamp":18446744073709551615}"#,
            true
        ));
        assert!(!fast(br#"{"reason":"B\u0061d"}"#, false));
        assert!(!fast(br#"{"reason":"X"} "#, false));
        assert!(!fast(br#"{ "reason":"X"}"#, false));
        assert!(!fast(b"{\"reason\":\"\xC3\xA9\"}", false));
        assert!(!fast(br#"{"reason":"X","reason":"Y"}"#, false));
    }

    /// Bodies near the fast path's shapes: the usual ones with a few bytes
    /// changed, inserted or cut.
    fn near_fast_shapes() -> impl Strategy<Value = Vec<u8>> {
        let reason = prop_oneof![
            prop::sample::select(Reason::ALL).prop_map(|r| r.as_str().to_owned()),
            "[ -~]{0,12}",
        ];
        let shape = (reason, proptest::option::of(any::<u64>())).prop_map(|(reason, ts)| {
            let mut body = format!(r#"{{"reason":"{reason}""#);
            if let Some(ts) = ts {
                body.push_str(&format!(r#","timestamp":{ts}"#));
            }
            body.push('}');
            body.into_bytes()
        });
        let edits =
            prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 0..3);
        (shape, edits).prop_map(|(mut body, edits)| {
            for (at, byte, kind) in edits {
                let i = at.index(body.len() + 1);
                match kind {
                    0 if i < body.len() => body[i] = byte,
                    1 => body.insert(i, byte),
                    _ if i < body.len() => {
                        body.remove(i);
                    }
                    _ => {}
                }
            }
            body
        })
    }

    #[test]
    fn the_size_limit_applies_to_the_fast_path_too() {
        let mut body = br#"{"reason":""#.to_vec();
        body.resize(MAX_BODY_LEN, b'x');
        body.extend_from_slice(br#""}"#);
        assert!(fast_reason_body::<Reason>(&body, false).is_some());
        assert!(paths_agree::<Reason>(&body));
        let parsed = parse_reason_body::<Reason>(&body, false);
        assert_eq!(
            parsed.error,
            Some(BodyError::TooLarge {
                len: MAX_BODY_LEN + 2,
                limit: MAX_BODY_LEN
            })
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn the_fast_path_agrees_with_the_general_parser(body in near_fast_shapes()) {
            prop_assert!(paths_agree::<Reason>(&body));
            prop_assert!(paths_agree::<crate::apns::broadcast::Reason>(&body));
        }

        #[test]
        fn the_paths_agree_on_any_bytes(tail in prop::collection::vec(any::<u8>(), 0..48)) {
            // After the prefix the fast path looks for, so it gets a chance.
            let mut body = br#"{"reason":""#.to_vec();
            body.extend_from_slice(&tail);
            prop_assert!(paths_agree::<Reason>(&body));
            prop_assert!(paths_agree::<Reason>(&tail));
        }
    }
}
