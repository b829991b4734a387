//! Walking a parsed response: paths for error messages, the checks every
//! body gets before it is read, and readers for the member types Apple's
//! responses use.

use core::fmt;

use crate::body::{BodyError, MAX_RESPONSE_LEN, ParseError};
use crate::json::{self, Value};

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
pub(crate) fn document(body: &[u8], limit: usize) -> Result<&str, BodyError> {
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
