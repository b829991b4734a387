//! Walking a parsed response: paths for error messages, the checks every
//! body gets before it is read, and readers for the member types Apple's
//! responses use.

use core::cell::Cell;
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

/// What reading one member gave when its problems are data: the value, and
/// the first problem found in it. `Err` is kept for the body as a whole
/// (not JSON, nested too deeply), which ends the walk.
pub(crate) type Lenient<T> = Result<(T, Option<ParseError>), ParseError>;

/// The problems of one object's members while it is read, one slot per
/// member name. When a name comes twice the last member wins, as in
/// JavaScript and `serde_json::Value`, and its problem, or its lack of one,
/// replaces the earlier member's: `{"a": 1, "a": "x"}` reads like
/// `{"a": "x"}`.
///
/// Problems are kept with the order they were read in. Only the members a
/// reader knows (a handful of names, or at most
/// [`MAX_ASSOCIATED_PATHS`](crate::body::MAX_ASSOCIATED_PATHS) positions)
/// are recorded, so a short list, searched in order, is all it takes; most
/// objects have no problem at all and never look at it.
#[derive(Debug)]
pub(crate) struct Members<K = &'static str> {
    problems: Vec<(K, usize, ParseError)>,
    read: usize,
}

impl<K> Default for Members<K> {
    fn default() -> Self {
        Members {
            problems: Vec::new(),
            read: 0,
        }
    }
}

impl<K: PartialEq> Members<K> {
    /// Records how reading member `key` went, forgetting what an earlier
    /// member of that name left.
    pub(crate) fn set(&mut self, key: K, problem: Option<ParseError>) {
        self.read += 1;
        let earlier = self.problems.iter().position(|(k, ..)| *k == key);
        match (problem, earlier) {
            (Some(problem), Some(i)) => self.problems[i] = (key, self.read, problem),
            (Some(problem), None) => self.problems.push((key, self.read, problem)),
            (None, Some(i)) => {
                self.problems.remove(i);
            }
            (None, None) => {}
        }
    }

    /// [`set`](Self::set) for a read that consumed the whole value (a
    /// scalar, or [`expect`] and [`string`]): its value, or `None` with the
    /// problem recorded. A problem of the body as a whole stays an error.
    pub(crate) fn take<T>(
        &mut self,
        key: K,
        read: Result<T, ParseError>,
    ) -> Result<Option<T>, ParseError> {
        match read {
            Ok(value) => {
                self.set(key, None);
                Ok(Some(value))
            }
            Err(problem @ ParseError::Field { .. }) => {
                self.set(key, Some(problem));
                Ok(None)
            }
            Err(body) => Err(body),
        }
    }

    /// Records the problem of a member read with [`Lenient`] reading, and
    /// passes its value on.
    pub(crate) fn lenient<T>(&mut self, key: K, read: Lenient<T>) -> Result<T, ParseError> {
        let (value, problem) = read?;
        self.set(key, problem);
        Ok(value)
    }

    /// Whether member `key`'s last reading left a problem.
    pub(crate) fn has_problem(&self, key: &K) -> bool {
        self.problems.iter().any(|(k, ..)| k == key)
    }

    /// The first problem left, in document order.
    pub(crate) fn first(self) -> Option<ParseError> {
        let first = self.problems.into_iter().min_by_key(|(_, read, _)| *read);
        first.map(|(.., problem)| problem)
    }
}

impl Members {
    /// Reads string member `key` of the object at `at` ([`string`]): its
    /// text, or `None` for `null` or (with the problem recorded) another
    /// type.
    pub(crate) fn string(
        &mut self,
        key: &'static str,
        r: &mut json::Reader<'_>,
        at: &Path<'_>,
    ) -> Result<Option<String>, ParseError> {
        let read = string(r, &at.key(key));
        Ok(self.take(key, read)?.flatten())
    }
}

/// [`expect`] with the problem as data: reads past a value that is not of
/// `kind` and returns its problem; `Ok(None)` when the value is of `kind`
/// and still to be read.
pub(crate) fn wrong_kind(
    r: &mut json::Reader<'_>,
    kind: json::Kind,
    path: &Path<'_>,
    what: &'static str,
) -> Result<Option<ParseError>, ParseError> {
    match expect(r, kind, path, what) {
        Ok(()) => Ok(None),
        Err(problem @ ParseError::Field { .. }) => Ok(Some(problem)),
        Err(body) => Err(body),
    }
}

/// How many more elements of a kind may be read, so that the heap a body
/// costs stays bounded by its length ([`BodyError::TooMany`]). Shared by
/// reference, so nested lists can draw on one budget (every error of an App
/// Store Connect body).
#[derive(Debug)]
pub(crate) struct Budget {
    left: Cell<usize>,
    hit: Cell<bool>,
    limit: usize,
    what: &'static str,
}

impl Budget {
    pub(crate) const fn new(limit: usize, what: &'static str) -> Self {
        Budget {
            left: Cell::new(limit),
            hit: Cell::new(false),
            limit,
            what,
        }
    }

    /// Takes one element, if any is left; remembers that one was refused.
    pub(crate) fn take(&self) -> bool {
        match self.left.get().checked_sub(1) {
            Some(left) => {
                self.left.set(left);
                true
            }
            None => {
                self.hit.set(true);
                false
            }
        }
    }

    /// [`BodyError::TooMany`], once an element was refused.
    pub(crate) fn exceeded(&self) -> Option<BodyError> {
        self.hit.get().then_some(BodyError::TooMany {
            what: self.what,
            limit: self.limit,
        })
    }
}

/// Reads the array at `r`, each element with `element`, which gets the
/// element's path and gives its value, if usable, with its problems as
/// data. Keeps the values and the first problem; a value that is not an
/// array is itself the problem. Elements past what `budget` allows are
/// checked as JSON but not read (nothing of them is kept).
pub(crate) fn lenient_array<'a, T>(
    r: &mut json::Reader<'a>,
    path: &Path<'_>,
    budget: &Budget,
    mut element: impl FnMut(&mut json::Reader<'a>, &Path<'_>) -> Lenient<Option<T>>,
) -> Lenient<Vec<T>> {
    let mut list = Vec::new();
    if let Some(problem) = wrong_kind(r, json::Kind::Array, path, "an array")? {
        return Ok((list, Some(problem)));
    }
    let (mut problem, mut index) = (None, 0);
    r.array(|r| {
        if budget.take() {
            let (value, element_problem) = element(r, &path.index(index))?;
            list.extend(value);
            problem = problem.take().or(element_problem);
        }
        index += 1;
        Ok::<(), ParseError>(())
    })?;
    // Growth by doubling leaves up to half the room unused; lists are read
    // once and kept, so give it back (many short lists would otherwise cost
    // several times their bytes in the body).
    list.shrink_to_fit();
    Ok((list, problem))
}
