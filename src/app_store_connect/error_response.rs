//! The `ErrorResponse` body: the errors a failed request lists.

use core::fmt;

use super::ErrorCode;
use crate::body::{BodyError, MAX_BODY_LEN, ParseError};
use crate::json::walk::{Path, read_response, string};
use crate::json::{Kind, Reader, Value};
use crate::text::Plain;

/// One entry of an `ErrorResponse`'s `errors` array.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ApiError {
    id: Option<String>,
    status: u16,
    code: ErrorCode,
    title: String,
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
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The HTTP status the error stands for (Apple sends it as a string).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The hierarchical error code.
    pub fn code(&self) -> &ErrorCode {
        &self.code
    }

    /// A short summary, in English, for people.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// A longer explanation for people, when Apple sends one.
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// The part of the request the error is about.
    pub fn source(&self) -> Option<&Source> {
        self.source.as_ref()
    }

    /// `links.about`: a page about the error.
    pub fn about(&self) -> Option<&str> {
        self.about.as_deref()
    }

    /// `meta.associatedErrors`: further errors, by the request path they
    /// concern, in document order.
    pub fn associated_errors(&self) -> &[(String, Vec<ApiError>)] {
        &self.associated
    }
}

impl fmt::Display for ApiError {
    /// `409 ENTITY_ERROR.ATTRIBUTE.INVALID: title (detail)`, with control
    /// characters in the received text escaped and long texts cut.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (code, title) = (Plain::new(self.code.as_str()), Plain::new(&self.title));
        write!(f, "{} {code}: {title}", self.status)?;
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
}

impl ErrorResponse {
    /// Parses an `ErrorResponse` body, strictly: any member this version
    /// reads that has the wrong type, or a missing `status`, `code` or
    /// `title`, is an error naming its path. Members it does not read are
    /// ignored; `id`, `detail`, `source`, `links` and `meta` may be missing;
    /// `status` may be a string or a number. Bodies over
    /// [`MAX_BODY_LEN`] are refused.
    ///
    /// [`Response::classify`](super::Response::classify) is lenient instead: it keeps every well-formed
    /// error and reports the first problem.
    pub fn parse(body: &[u8]) -> Result<Self, ParseError> {
        let (errors, problem) = read_errors(body)?;
        match problem {
            Some(problem) => Err(problem),
            None => Ok(ErrorResponse { errors }),
        }
    }

    /// The errors, in document order.
    pub fn errors(&self) -> &[ApiError] {
        &self.errors
    }
}

/// The well-formed errors of a body, and the first problem found in the
/// others. Only a body that is unusable as a whole is an `Err`.
pub(super) fn read_errors(body: &[u8]) -> Result<(Vec<ApiError>, Option<ParseError>), ParseError> {
    if body.len() > MAX_BODY_LEN {
        return Err(ParseError::Body(BodyError::TooLarge {
            len: body.len(),
            limit: MAX_BODY_LEN,
        }));
    }
    let mut problem = None;
    let mut errors = None;
    read_response(body, |key, r| {
        if key.eq_str("errors") {
            errors = Some(error_list(r, &Path::Root.key("errors"), &mut problem)?);
        }
        Ok(())
    })?;
    let errors = errors.unwrap_or_else(|| {
        note(&mut problem, &Path::Root.key("errors"), "an array");
        Vec::new()
    });
    Ok((errors, problem))
}

/// Records a field problem unless an earlier one is already recorded.
fn note(problem: &mut Option<ParseError>, path: &Path<'_>, expected: &'static str) {
    problem.get_or_insert_with(|| ParseError::field(path, expected));
}

/// Keeps a field's value, or records its problem and keeps nothing. Errors
/// of the body as a whole pass through.
fn keep<T>(
    problem: &mut Option<ParseError>,
    read: Result<Option<T>, ParseError>,
) -> Result<Option<T>, ParseError> {
    match read {
        Ok(value) => Ok(value),
        Err(e @ ParseError::Field { .. }) => {
            problem.get_or_insert(e);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Skips a value of the wrong kind, recording the problem. `true` when the
/// value is of `kind` and still to be read.
fn kind_is(
    r: &mut Reader<'_>,
    kind: Kind,
    path: &Path<'_>,
    expected: &'static str,
    problem: &mut Option<ParseError>,
) -> Result<bool, ParseError> {
    if r.kind() == kind {
        return Ok(true);
    }
    r.value()?;
    note(problem, path, expected);
    Ok(false)
}

fn error_list(
    r: &mut Reader<'_>,
    path: &Path<'_>,
    problem: &mut Option<ParseError>,
) -> Result<Vec<ApiError>, ParseError> {
    let mut list = Vec::new();
    if !kind_is(r, Kind::Array, path, "an array", problem)? {
        return Ok(list);
    }
    let mut index = 0;
    r.array(|r| {
        if let Some(error) = api_error(r, &path.index(index), problem)? {
            list.push(error);
        }
        index += 1;
        Ok::<(), ParseError>(())
    })?;
    Ok(list)
}

/// One error object; `None` (with the problem recorded) when it lacks what
/// every error has.
fn api_error(
    r: &mut Reader<'_>,
    path: &Path<'_>,
    problem: &mut Option<ParseError>,
) -> Result<Option<ApiError>, ParseError> {
    if !kind_is(r, Kind::Object, path, "an object", problem)? {
        return Ok(None);
    }
    let (mut id, mut status, mut code, mut title, mut detail) = (None, None, None, None, None);
    let (mut source, mut about, mut associated) = (None, None, Vec::new());
    let mut broken = false;
    r.object(|key, r| {
        // One `match` on the key (borrowed unless it has escapes) instead of
        // a chain of comparisons.
        match &*key.decode() {
            "id" => id = keep(problem, string(r, &path.key("id")))?,
            "status" => {
                status = match r.value()? {
                    Value::Str(s) => http_status(&s.decode()),
                    Value::Number(n) => http_status(n),
                    _ => None,
                };
                if status.is_none() {
                    note(problem, &path.key("status"), "an HTTP status");
                    broken = true;
                }
            }
            "code" => code = keep(problem, string(r, &path.key("code")))?,
            "title" => title = keep(problem, string(r, &path.key("title")))?,
            "detail" => detail = keep(problem, string(r, &path.key("detail")))?,
            "source" => source = read_source(r, &path.key("source"), problem)?,
            "links" => about = read_about(r, &path.key("links"), problem)?,
            "meta" => associated = read_meta(r, &path.key("meta"), problem)?,
            _ => {}
        }
        Ok::<(), ParseError>(())
    })?;
    let present = [
        ("status", status.is_some()),
        ("code", code.is_some()),
        ("title", title.is_some()),
    ];
    let (Some(status), Some(code), Some(title), false) = (status, code, title, broken) else {
        for (key, _) in present.iter().filter(|(_, here)| !here) {
            note(problem, &path.key(key), "a value");
        }
        return Ok(None);
    };
    Ok(Some(ApiError {
        id,
        status,
        code: ErrorCode::from(code),
        title,
        detail,
        source,
        about,
        associated,
    }))
}

/// Three ASCII digits from 100 to 599.
fn http_status(text: &str) -> Option<u16> {
    let plain = text.len() == 3 && text.bytes().all(|b| b.is_ascii_digit());
    plain
        .then(|| text.parse().ok())
        .flatten()
        .filter(|s| (100..600).contains(s))
}

/// `{"pointer": …}` or `{"parameter": …}`; another shape is no source.
fn read_source(
    r: &mut Reader<'_>,
    path: &Path<'_>,
    problem: &mut Option<ParseError>,
) -> Result<Option<Source>, ParseError> {
    if r.kind() != Kind::Object {
        r.value()?;
        return Ok(None);
    }
    let mut source = None;
    r.object(|key, r| {
        if key.eq_str("pointer") {
            let pointer = keep(problem, string(r, &path.key("pointer")))?;
            source = pointer.map(Source::Pointer).or(source.take());
        } else if key.eq_str("parameter") {
            let parameter = keep(problem, string(r, &path.key("parameter")))?;
            source = parameter.map(Source::Parameter).or(source.take());
        }
        Ok::<(), ParseError>(())
    })?;
    Ok(source)
}

/// `links.about`, when it is a string.
fn read_about(
    r: &mut Reader<'_>,
    path: &Path<'_>,
    problem: &mut Option<ParseError>,
) -> Result<Option<String>, ParseError> {
    if r.kind() != Kind::Object {
        r.value()?;
        return Ok(None);
    }
    let mut about = None;
    r.object(|key, r| {
        if key.eq_str("about") {
            about = keep(problem, string(r, &path.key("about")))?;
        }
        Ok::<(), ParseError>(())
    })?;
    Ok(about)
}

/// `meta.associatedErrors`: an object of arrays of errors. Other members of
/// `meta` are ignored.
fn read_meta(
    r: &mut Reader<'_>,
    path: &Path<'_>,
    problem: &mut Option<ParseError>,
) -> Result<Vec<(String, Vec<ApiError>)>, ParseError> {
    let mut associated = Vec::new();
    if r.kind() != Kind::Object {
        r.value()?;
        return Ok(associated);
    }
    r.object(|key, r| {
        if key.eq_str("associatedErrors") {
            let path = path.key("associatedErrors");
            if kind_is(r, Kind::Object, &path, "an object", problem)? {
                r.object(|request_path, r| {
                    // Request paths are data, not names known in advance, so
                    // an error inside names the member by position.
                    let errors = error_list(r, &path.index(associated.len()), problem)?;
                    associated.push((request_path.decode().into_owned(), errors));
                    Ok::<(), ParseError>(())
                })?;
            }
        }
        Ok::<(), ParseError>(())
    })?;
    Ok(associated)
}
