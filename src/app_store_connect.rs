//! App Store Connect API: statuses, error responses, hierarchical error
//! codes and the `X-Rate-Limit` header.
//!
//! A failed request answers with a [`Status`] and an `ErrorResponse` body
//! listing one or more errors. Each error's `code` is hierarchical
//! (`ENTITY_ERROR.ATTRIBUTE.INVALID`) and Apple says to match it by prefix,
//! which [`ErrorCode::starts_with`] and [`ErrorCode::family`] do for any code, known or
//! not. What to do next follows the status.
//!
//! ```
//! use apple_errors::app_store_connect::{ErrorCodeFamily, Response};
//! use apple_errors::retry::RetryAction;
//!
//! let body = br#"{"errors":[{
//!   "id": "b5a4b9a3-54b1-4b6f-9d0b-3ab0e4f3a9f2",
//!   "status": "409",
//!   "code": "ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG",
//!   "title": "An attribute value is too long.",
//!   "detail": "'name' must be 30 characters or fewer.",
//!   "source": {"pointer": "/data/attributes/name"}
//! }]}"#;
//! let rejection = Response::new(409, body).classify().unwrap_err();
//! let error = &rejection.errors()[0];
//! assert!(error.code().starts_with("ENTITY_ERROR"));
//! assert_eq!(error.code().family(), Some(ErrorCodeFamily::EntityErrorAttributeInvalid));
//! assert_eq!(rejection.retry().action(), RetryAction::AfterFix);
//! ```
//!
//! The statuses and code families are generated from
//! `app_store_connect.json` in the `apple-errors-spec` package.

use core::fmt;

use crate::body::{BodyError, MAX_BODY_LEN, ParseError, Path, read_response, string};
use crate::json::{Kind, Reader, Value};
use crate::retry::RetryPolicy;

include!(concat!(env!("OUT_DIR"), "/app_store_connect.rs"));

/// An error `code` exactly as received, with prefix queries that work
/// whether or not this version knows it.
///
/// ```
/// use apple_errors::app_store_connect::{ErrorCode, ErrorCodeFamily};
///
/// let code: ErrorCode = "ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG".into();
/// assert!(code.starts_with("ENTITY_ERROR"));
/// assert!(!code.starts_with("ENTITY_ERR"));
/// assert_eq!(code.family(), Some(ErrorCodeFamily::EntityErrorAttributeInvalid));
/// assert_eq!(code, "ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ErrorCode(Box<str>);

impl ErrorCode {
    /// Keeps a code string.
    pub fn new(code: &str) -> Self {
        ErrorCode(code.into())
    }

    /// The code exactly as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the code is `prefix` or lies below it in the hierarchy:
    /// `ENTITY_ERROR.ATTRIBUTE.INVALID` starts with `ENTITY_ERROR`,
    /// `ENTITY_ERROR.` and `ENTITY_ERROR.ATTRIBUTE`, but not with
    /// `ENTITY_ERR`.
    pub fn starts_with(&self, prefix: &str) -> bool {
        const SEP: char = ErrorCodeFamily::SEPARATOR;
        let prefix = prefix.strip_suffix(SEP).unwrap_or(prefix);
        match self.0.strip_prefix(prefix) {
            Some(rest) => rest.is_empty() || rest.starts_with(SEP),
            None => false,
        }
    }

    /// Whether the code is `family` or lies below it.
    pub fn is(&self, family: ErrorCodeFamily) -> bool {
        self.starts_with(family.as_str())
    }

    /// The most specific documented code this one is or lies below; `None`
    /// when even its top level is unknown to this version.
    pub fn family(&self) -> Option<ErrorCodeFamily> {
        ErrorCodeFamily::family_of(&self.0)
    }

    /// The levels of the code, from the top (`ENTITY_ERROR`, `ATTRIBUTE`, …).
    pub fn levels(&self) -> impl Iterator<Item = &str> {
        self.0.split(ErrorCodeFamily::SEPARATOR)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for ErrorCode {
    fn from(code: &str) -> Self {
        ErrorCode::new(code)
    }
}

impl From<String> for ErrorCode {
    fn from(code: String) -> Self {
        ErrorCode(code.into_boxed_str())
    }
}

impl core::str::FromStr for ErrorCode {
    type Err = core::convert::Infallible;

    /// Every string is a code; this never fails.
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Ok(ErrorCode::new(code))
    }
}

impl AsRef<str> for ErrorCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl From<ErrorCodeFamily> for ErrorCode {
    fn from(family: ErrorCodeFamily) -> Self {
        ErrorCode::new(family.as_str())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(ErrorCode::from)
    }
}

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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.title)?;
        if let Some(detail) = &self.detail {
            write!(f, " ({detail})")?;
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
    /// [`Response::classify`] is lenient instead: it keeps every well-formed
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
fn read_errors(body: &[u8]) -> Result<(Vec<ApiError>, Option<ParseError>), ParseError> {
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

/// HTTP allows only spaces and tabs around header parts.
fn trim(text: &str) -> &str {
    text.trim_matches([' ', '\t'])
}

/// A response to one App Store Connect request: its status and body.
#[derive(Clone, Copy, Debug)]
pub struct Response<'a> {
    status: u16,
    body: &'a [u8],
}

impl<'a> Response<'a> {
    /// A response with this status and body.
    #[inline]
    pub fn new(status: u16, body: &'a (impl AsRef<[u8]> + ?Sized)) -> Self {
        Response {
            status,
            body: body.as_ref(),
        }
    }

    /// Decides what the response means: any 2xx is a [`Success`] (its body
    /// is yours to read); anything else is a [`Rejection`], whose body is
    /// parsed as an `ErrorResponse`, leniently: every well-formed error is
    /// kept and the first problem is recorded in [`Rejection::body_error`]
    /// (406 answers in plain text, for one). The status still decides what
    /// to do. Never panics.
    pub fn classify(self) -> Result<Success, Rejection> {
        if (200..300).contains(&self.status) {
            return Ok(Success {
                status: self.status,
            });
        }
        let (errors, body_error) = match read_errors(self.body) {
            Ok(read) => read,
            Err(e) => (Vec::new(), Some(e)),
        };
        Err(Rejection {
            status: self.status,
            errors,
            body_error,
        })
    }
}

/// The request succeeded (any 2xx status).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Success {
    status: u16,
}

impl Success {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The status, if it is one Apple documents.
    pub fn known_status(&self) -> Option<Status> {
        Status::from_code(self.status)
    }
}

/// An App Store Connect request failed: the status, the errors Apple listed,
/// and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rejection {
    status: u16,
    errors: Vec<ApiError>,
    body_error: Option<ParseError>,
}

impl Rejection {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The status, if it is one Apple documents.
    pub fn known_status(&self) -> Option<Status> {
        Status::from_code(self.status)
    }

    /// The errors of the body, in document order; empty when the body could
    /// not be read.
    pub fn errors(&self) -> &[ApiError] {
        &self.errors
    }

    /// The first problem met reading the body as an `ErrorResponse`, if
    /// any: the whole body (not JSON, too large) or one error in it, which
    /// [`errors`](Self::errors) then leaves out.
    pub fn body_error(&self) -> Option<&ParseError> {
        self.body_error.as_ref()
    }

    /// What the status means, if Apple documents it.
    pub fn description(&self) -> Option<&'static str> {
        self.known_status().map(Status::description)
    }

    /// What to do, by the status (Apple's rule: wait after 429, back off
    /// after 500, fix the request after other 4xx).
    pub fn retry(&self) -> RetryPolicy {
        Status::retry_for_code(self.status)
    }

    /// What the caller should change.
    pub fn remedy(&self) -> &'static str {
        Status::remedy_for_code(self.status)
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "App Store Connect refused the request: {}", self.status)?;
        match (self.errors.first(), &self.body_error) {
            (Some(first), _) => {
                write!(f, " {}: {}", first.code, first.title)?;
                if self.errors.len() > 1 {
                    write!(f, " (and {} more)", self.errors.len() - 1)?;
                }
                Ok(())
            }
            (None, Some(e)) => write!(f, " (body: {e})"),
            (None, None) => Ok(()),
        }
    }
}

impl std::error::Error for Rejection {}

impl crate::AppleError for Rejection {
    fn http_status(&self) -> Option<u16> {
        Some(self.status)
    }

    fn raw_code(&self) -> Option<&str> {
        self.errors.first().map(|e| e.code.as_str())
    }

    fn retry(&self) -> RetryPolicy {
        Rejection::retry(self)
    }

    fn remedy(&self) -> &'static str {
        Rejection::remedy(self)
    }
}

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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RateLimitError {
    /// The value is empty or only separators and spaces.
    Empty,
    /// The value is longer than 1,024 bytes; it was not read.
    TooLong,
    /// The value is not UTF-8.
    NotUtf8,
    /// An entry is not `name:value`.
    Malformed(String),
    /// A known entry's value is not a whole number.
    NotANumber(String),
}

impl fmt::Display for RateLimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the X-Rate-Limit value is empty"),
            Self::TooLong => f.write_str("the X-Rate-Limit value is too long to be one"),
            Self::NotUtf8 => f.write_str("the X-Rate-Limit value is not UTF-8"),
            Self::Malformed(entry) => write!(f, "X-Rate-Limit entry {entry:?} is not name:value"),
            Self::NotANumber(entry) => {
                write!(
                    f,
                    "X-Rate-Limit entry {entry:?} does not hold a whole number"
                )
            }
        }
    }
}

impl std::error::Error for RateLimitError {}

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
