//! The `ErrorResponse` body: the errors a failed request lists.

// Functions that are not generic are `#[inline]`, to be compiled where
// they are used: see "Compiled where used" in lib.rs.

use core::fmt;
use std::collections::HashMap;

use super::ErrorCode;
use crate::body::{BodyError, MAX_ASSOCIATED_PATHS, MAX_BODY_LEN, MAX_ERRORS, ParseError};
use crate::json::walk::{
    Budget, Lenient, Members, Path, lenient_array, read_response, string, wrong_kind,
};
use crate::json::{Kind, Reader, Value};
use crate::text::Plain;

/// One entry of an `ErrorResponse`'s `errors` array, with what it holds.
///
/// Apple's schema requires `status`, `code` and `title`; an error that comes
/// without `status` or `title`, or with one that cannot be read, is still
/// kept, with `None` there, and the problem is reported
/// ([`Rejection::body_error`](super::Rejection::body_error), or the `Err`
/// of the strict [`ErrorResponse::parse`]). Only an error without a usable
/// `code` is left out, since the code is what identifies it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ApiError {
    id: Option<String>,
    status: Option<u16>,
    code: ErrorCode,
    title: Option<String>,
    detail: Option<String>,
    source: Option<Source>,
    about: Option<String>,
    associated: Vec<(String, Vec<ApiError>)>,
}

/// Which part of the request an error is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Source {
    /// A JSON pointer into the request body (`/data/attributes/name`).
    Pointer(String),
    /// A query parameter (`filter[platform]`).
    Parameter(String),
}

impl ApiError {
    /// The error's unique ID, for reports to Apple.
    #[inline]
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The HTTP status the error stands for (Apple sends it as a string,
    /// and a number is accepted too); `None` when the error came without
    /// one, or with something that is not a status from 100 to 599. The
    /// response's own status is always known:
    /// [`Rejection::status`](super::Rejection::status).
    #[inline]
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The hierarchical error code.
    #[inline]
    pub fn code(&self) -> &ErrorCode {
        &self.code
    }

    /// A short summary, in English, for people; `None` when the error came
    /// without one.
    #[inline]
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// A longer explanation for people, when Apple sends one.
    #[inline]
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// The part of the request the error is about.
    #[inline]
    pub fn source(&self) -> Option<&Source> {
        self.source.as_ref()
    }

    /// `links.about`: a page about the error.
    #[inline]
    pub fn about(&self) -> Option<&str> {
        self.about.as_deref()
    }

    /// `meta.associatedErrors`: further errors, by the request path they
    /// concern, in document order (a path given twice keeps its first place
    /// and its last errors).
    #[inline]
    pub fn associated_errors(&self) -> &[(String, Vec<ApiError>)] {
        &self.associated
    }
}

impl fmt::Display for ApiError {
    /// `409 ENTITY_ERROR.ATTRIBUTE.INVALID: title (detail)`, leaving out
    /// what the error did not have, with control characters in the received
    /// text escaped and long texts cut.
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(status) = self.status {
            write!(f, "{status} ")?;
        }
        write!(f, "{}", Plain::new(self.code.as_str()))?;
        if let Some(title) = &self.title {
            write!(f, ": {}", Plain::new(title))?;
        }
        if let Some(detail) = &self.detail {
            write!(f, " ({})", Plain::new(detail))?;
        }
        Ok(())
    }
}

/// The body of a failed App Store Connect request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ErrorResponse {
    errors: Vec<ApiError>,
    body_error: Option<BodyError>,
}

impl ErrorResponse {
    /// Parses an `ErrorResponse` body, strictly: any member this version
    /// reads that has the wrong type, or a missing `status`, `code` or
    /// `title`, is an error naming its path (the first in the document,
    /// once the whole body has been read). Members it does not read are
    /// ignored; `id`, `detail`, `source`, `links` and `meta` may be missing;
    /// `status` may be a string or a number. A member given twice counts
    /// once, the last one, as in JavaScript and `serde_json::Value`: an
    /// earlier one with the wrong type is no error. Bodies over
    /// [`MAX_BODY_LEN`] are refused.
    ///
    /// At most [`MAX_ERRORS`] errors (at every depth together) and
    /// [`MAX_ASSOCIATED_PATHS`] request paths of `associatedErrors` are
    /// read; those past a limit are skipped, and
    /// [`body_error`](Self::body_error) says so.
    ///
    /// [`Response::classify`](super::Response::classify) is lenient instead:
    /// it keeps every error it can and reports the first problem.
    #[inline]
    pub fn parse(body: &[u8]) -> Result<Self, ParseError> {
        let (errors, problem) = read_errors(body)?;
        match problem {
            Some(ParseError::Body(body_error @ BodyError::TooMany { .. })) => Ok(ErrorResponse {
                errors,
                body_error: Some(body_error),
            }),
            Some(problem) => Err(problem),
            None => Ok(ErrorResponse {
                errors,
                body_error: None,
            }),
        }
    }

    /// The errors, in document order.
    #[inline]
    pub fn errors(&self) -> &[ApiError] {
        &self.errors
    }

    /// [`BodyError::TooMany`] when the body listed more errors than
    /// [`MAX_ERRORS`] or more request paths than [`MAX_ASSOCIATED_PATHS`]:
    /// the first ones were kept and the rest skipped. `None` otherwise.
    #[inline]
    pub fn body_error(&self) -> Option<BodyError> {
        self.body_error
    }
}

/// The errors of a body, each with what it has, and the first problem
/// found in them, or else [`BodyError::TooMany`] if a limit was reached.
/// Only a body that is unusable as a whole is an `Err`.
#[inline]
pub(super) fn read_errors(body: &[u8]) -> Result<(Vec<ApiError>, Option<ParseError>), ParseError> {
    if body.len() > MAX_BODY_LEN {
        return Err(ParseError::Body(BodyError::TooLarge {
            len: body.len(),
            limit: MAX_BODY_LEN,
        }));
    }
    let mut members = Members::default();
    let mut errors = None;
    let mut over = None;
    read_response(body, |key, r| {
        if key.eq_str("errors") {
            // The last `errors` counts, with its own limits.
            let limits = Limits::default();
            let read = error_list(r, &Path::Root.key("errors"), &limits);
            errors = Some(members.lenient("errors", read)?);
            over = limits.errors.exceeded().or(limits.paths.exceeded());
        }
        Ok(())
    })?;
    if errors.is_none() {
        let missing = ParseError::field(&Path::Root.key("errors"), "an array");
        members.set("errors", Some(missing));
    }
    let problem = members.first().or(over.map(ParseError::Body));
    Ok((errors.unwrap_or_default(), problem))
}

/// What is left to read of one body's errors and request paths, at every
/// depth together.
struct Limits {
    errors: Budget,
    paths: Budget,
}

impl Default for Limits {
    #[inline]
    fn default() -> Self {
        Limits {
            errors: Budget::new(MAX_ERRORS, "errors"),
            paths: Budget::new(MAX_ASSOCIATED_PATHS, "request paths of associated errors"),
        }
    }
}

#[inline]
fn error_list(r: &mut Reader<'_>, path: &Path<'_>, limits: &Limits) -> Lenient<Vec<ApiError>> {
    lenient_array(r, path, &limits.errors, |r, at| api_error(r, at, limits))
}

/// One error object, with what it has; `None` when it is not an object or
/// has no usable `code`. The problem, if any, comes with it.
#[inline]
fn api_error(r: &mut Reader<'_>, path: &Path<'_>, limits: &Limits) -> Lenient<Option<ApiError>> {
    if let Some(problem) = wrong_kind(r, Kind::Object, path, "an object")? {
        return Ok((None, Some(problem)));
    }
    let (mut id, mut status, mut code, mut title, mut detail) = (None, None, None, None, None);
    let (mut source, mut about, mut associated) = (None, None, Vec::new());
    let mut members = Members::default();
    r.object(|key, r| {
        // One `match` on the key (borrowed unless it has escapes) instead of
        // a chain of comparisons.
        match &*key.decode() {
            "id" => id = members.string("id", r, path)?,
            "status" => {
                let read = http_status(r, &path.key("status"));
                status = members.take("status", read)?.flatten();
            }
            "code" => code = members.string("code", r, path)?,
            "title" => title = members.string("title", r, path)?,
            "detail" => detail = members.string("detail", r, path)?,
            "source" => source = members.lenient("source", read_source(r, &path.key("source")))?,
            "links" => about = members.lenient("links", read_about(r, &path.key("links")))?,
            "meta" => {
                associated = members.lenient("meta", read_meta(r, &path.key("meta"), limits))?
            }
            _ => {}
        }
        Ok::<(), ParseError>(())
    })?;
    for (key, absent) in [
        ("status", status.is_none()),
        ("code", code.is_none()),
        ("title", title.is_none()),
    ] {
        if absent && !members.has_problem(&key) {
            members.set(key, Some(ParseError::field(&path.key(key), "a value")));
        }
    }
    let error = code.map(|code: String| ApiError {
        id,
        status,
        code: ErrorCode::from(code),
        title,
        detail,
        source,
        about,
        associated,
    });
    Ok((error, members.first()))
}

/// `status`: three ASCII digits from 100 to 599, as a string or a number;
/// `null` reads as absent.
#[inline]
fn http_status(r: &mut Reader<'_>, path: &Path<'_>) -> Result<Option<u16>, ParseError> {
    let status = match r.value()? {
        Value::Str(s) => status_code(&s.decode()),
        Value::Number(n) => status_code(n),
        Value::Null => return Ok(None),
        _ => None,
    };
    status
        .map(Some)
        .ok_or_else(|| ParseError::field(path, "an HTTP status"))
}

/// Three ASCII digits from 100 to 599.
#[inline]
fn status_code(text: &str) -> Option<u16> {
    let plain = text.len() == 3 && text.bytes().all(|b| b.is_ascii_digit());
    plain
        .then(|| text.parse().ok())
        .flatten()
        .filter(|s| (100..600).contains(s))
}

/// `{"pointer": …}` or `{"parameter": …}`, whichever comes last; another
/// shape is no source.
#[inline]
fn read_source(r: &mut Reader<'_>, path: &Path<'_>) -> Lenient<Option<Source>> {
    if r.kind() != Kind::Object {
        r.value()?;
        return Ok((None, None));
    }
    let mut source = None;
    let mut members = Members::default();
    r.object(|key, r| {
        let (key, make): (&'static str, fn(String) -> Source) = if key.eq_str("pointer") {
            ("pointer", Source::Pointer)
        } else if key.eq_str("parameter") {
            ("parameter", Source::Parameter)
        } else {
            return Ok(());
        };
        match members.take(key, string(r, &path.key(key)))? {
            Some(Some(text)) => source = Some(make(text)),
            // A null or mistyped member replaces an earlier one of its
            // name, not one of the other name.
            _ if source.as_ref().is_some_and(|s| source_key(s) == key) => source = None,
            _ => {}
        }
        Ok::<(), ParseError>(())
    })?;
    Ok((source, members.first()))
}

#[inline]
fn source_key(source: &Source) -> &'static str {
    match source {
        Source::Pointer(_) => "pointer",
        Source::Parameter(_) => "parameter",
    }
}

/// `links.about`, when it is a string.
#[inline]
fn read_about(r: &mut Reader<'_>, path: &Path<'_>) -> Lenient<Option<String>> {
    if r.kind() != Kind::Object {
        r.value()?;
        return Ok((None, None));
    }
    let mut about = None;
    let mut members = Members::default();
    r.object(|key, r| {
        if key.eq_str("about") {
            about = members.string("about", r, path)?;
        }
        Ok::<(), ParseError>(())
    })?;
    Ok((about, members.first()))
}

/// `meta.associatedErrors`: an object of arrays of errors. Other members of
/// `meta` are ignored.
#[inline]
fn read_meta(
    r: &mut Reader<'_>,
    path: &Path<'_>,
    limits: &Limits,
) -> Lenient<Vec<(String, Vec<ApiError>)>> {
    let mut associated = Vec::new();
    if r.kind() != Kind::Object {
        r.value()?;
        return Ok((associated, None));
    }
    let mut members = Members::default();
    r.object(|key, r| {
        if key.eq_str("associatedErrors") {
            let read = read_associated(r, &path.key("associatedErrors"), limits);
            associated = members.lenient("associatedErrors", read)?;
        }
        Ok::<(), ParseError>(())
    })?;
    Ok((associated, members.first()))
}

/// The object of `associatedErrors`, by request path. A path given twice
/// keeps its first place and takes the last list, with its problems.
/// Request paths past [`MAX_ASSOCIATED_PATHS`] in the whole body are
/// skipped with their errors.
#[inline]
fn read_associated(
    r: &mut Reader<'_>,
    path: &Path<'_>,
    limits: &Limits,
) -> Lenient<Vec<(String, Vec<ApiError>)>> {
    let mut associated: Vec<(String, Vec<ApiError>)> = Vec::new();
    if let Some(problem) = wrong_kind(r, Kind::Object, path, "an object")? {
        return Ok((associated, Some(problem)));
    }
    let mut members = Members::<usize>::default();
    // Where each request path is in `associated`, for duplicates.
    let mut seen: HashMap<String, usize> = HashMap::new();
    r.object(|request_path, r| {
        if !limits.paths.take() {
            return Ok(());
        }
        let request_path = request_path.decode();
        let index = seen
            .get(request_path.as_ref())
            .copied()
            .unwrap_or(associated.len());
        // Request paths are data, not names known in advance, so an error
        // inside names the member by position.
        let (errors, problem) = error_list(r, &path.index(index), limits)?;
        match associated.get_mut(index) {
            Some((_, earlier)) => *earlier = errors,
            None => {
                let request_path = request_path.into_owned();
                seen.insert(request_path.clone(), index);
                associated.push((request_path, errors));
            }
        }
        members.set(index, problem);
        Ok::<(), ParseError>(())
    })?;
    associated.shrink_to_fit();
    Ok((associated, members.first()))
}
