//! App Store Connect API: statuses, error responses, hierarchical error
//! codes and the `X-Rate-Limit` header.
//!
//! A failed request answers with a [`Status`] and an `ErrorResponse` body
//! listing one or more errors. Each error's `code` is hierarchical
//! (`ENTITY_ERROR.ATTRIBUTE.INVALID`) and Apple says to match it by prefix,
//! which [`Code::starts_with`] and [`Code::family`] do for any code, known or
//! not. What to do next follows the status.
//!
//! ```
//! use apple_errors::app_store_connect::{ErrorCode, Response};
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
//! assert_eq!(error.code().family(), Some(ErrorCode::EntityErrorAttributeInvalid));
//! assert_eq!(rejection.retry().action(), RetryAction::AfterFix);
//! ```
//!
//! The statuses and code families are generated from
//! `app_store_connect.json` in the `apple-errors-spec` package.

use core::fmt;

use crate::body::{ParseError, Seg, expect, read_response, string};
use crate::json::{Kind, Reader, Value};
use crate::retry::RetryPolicy;

include!(concat!(env!("OUT_DIR"), "/app_store_connect.rs"));

/// An error `code` exactly as received, with prefix queries that work
/// whether or not this version knows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(Box<str>);

impl Code {
    /// Keeps a code string.
    pub fn new(code: &str) -> Self {
        Code(code.into())
    }

    /// The code exactly as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the code is `prefix` or lies below it in the hierarchy:
    /// `ENTITY_ERROR.ATTRIBUTE.INVALID` starts with `ENTITY_ERROR` and with
    /// `ENTITY_ERROR.ATTRIBUTE`, but not with `ENTITY_ERR`.
    pub fn starts_with(&self, prefix: &str) -> bool {
        match self.0.strip_prefix(prefix) {
            Some(rest) => rest.is_empty() || rest.starts_with('.'),
            None => false,
        }
    }

    /// Whether the code is `family` or lies below it.
    pub fn is(&self, family: ErrorCode) -> bool {
        self.starts_with(family.as_str())
    }

    /// The most specific documented code this one is or lies below; `None`
    /// when even its top level is unknown to this version.
    pub fn family(&self) -> Option<ErrorCode> {
        ErrorCode::family_of(&self.0)
    }

    /// The levels of the code, from the top (`ENTITY_ERROR`, `ATTRIBUTE`, …).
    pub fn levels(&self) -> impl Iterator<Item = &str> {
        self.0.split('.')
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One entry of an `ErrorResponse`'s `errors` array.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ApiError {
    id: Option<String>,
    status: u16,
    code: Code,
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
    pub fn code(&self) -> &Code {
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
    /// Parses an `ErrorResponse` body. Members this version does not read
    /// are ignored; `id`, `detail`, `source`, `links` and `meta` may be
    /// missing; `status`, `code` and `title` are required, and `status` may
    /// be a string or a number.
    pub fn parse(body: &[u8]) -> Result<Self, ParseError> {
        let mut errors = None;
        read_response(body, |key, r| {
            if key.eq_str("errors") {
                errors = Some(error_list(r, &[Seg::Key("errors")])?);
            }
            Ok(())
        })?;
        match errors {
            Some(errors) => Ok(ErrorResponse { errors }),
            None => Err(ParseError::field(&[Seg::Key("errors")], "an array")),
        }
    }

    /// The errors, in document order.
    pub fn errors(&self) -> &[ApiError] {
        &self.errors
    }
}

fn error_list(r: &mut Reader<'_>, path: &[Seg]) -> Result<Vec<ApiError>, ParseError> {
    expect(r, Kind::Array, path, "an array")?;
    let mut list = Vec::new();
    r.array(|r| {
        let here = [path, &[Seg::Index(list.len())]].concat();
        list.push(api_error(r, &here)?);
        Ok::<(), ParseError>(())
    })?;
    Ok(list)
}

fn api_error(r: &mut Reader<'_>, path: &[Seg]) -> Result<ApiError, ParseError> {
    expect(r, Kind::Object, path, "an object")?;
    let at = |key: &'static str| [path, &[Seg::Key(key)]].concat();
    let (mut id, mut status, mut code, mut title, mut detail) = (None, None, None, None, None);
    let (mut source, mut about, mut associated) = (None, None, Vec::new());
    r.object(|key, r| {
        if key.eq_str("id") {
            id = string(r, &at("id"))?;
        } else if key.eq_str("status") {
            status = match r.value()? {
                Value::Str(s) => s.decode().parse::<u16>().ok(),
                Value::Number(n) => n.parse::<u16>().ok(),
                _ => None,
            };
            if status.is_none() {
                return Err(ParseError::field(&at("status"), "an HTTP status"));
            }
        } else if key.eq_str("code") {
            code = string(r, &at("code"))?;
        } else if key.eq_str("title") {
            title = string(r, &at("title"))?;
        } else if key.eq_str("detail") {
            detail = string(r, &at("detail"))?;
        } else if key.eq_str("source") {
            source = read_source(r, &at("source"))?;
        } else if key.eq_str("links") {
            about = read_about(r, &at("links"))?;
        } else if key.eq_str("meta") {
            associated = read_meta(r, &at("meta"))?;
        }
        Ok::<(), ParseError>(())
    })?;
    let missing = |key| ParseError::field(&at(key), "a value");
    Ok(ApiError {
        id,
        status: status.ok_or_else(|| missing("status"))?,
        code: Code::new(&code.ok_or_else(|| missing("code"))?),
        title: title.ok_or_else(|| missing("title"))?,
        detail,
        source,
        about,
        associated,
    })
}

/// `{"pointer": …}` or `{"parameter": …}`; anything else is kept as `None`.
fn read_source(r: &mut Reader<'_>, path: &[Seg]) -> Result<Option<Source>, ParseError> {
    if r.kind() != Kind::Object {
        r.value()?;
        return Ok(None);
    }
    let mut source = None;
    r.object(|key, r| {
        if key.eq_str("pointer") {
            let p = [path, &[Seg::Key("pointer")]].concat();
            source = string(r, &p)?.map(Source::Pointer).or(source.take());
        } else if key.eq_str("parameter") {
            let p = [path, &[Seg::Key("parameter")]].concat();
            source = string(r, &p)?.map(Source::Parameter).or(source.take());
        }
        Ok::<(), ParseError>(())
    })?;
    Ok(source)
}

/// `links.about`, when it is a string.
fn read_about(r: &mut Reader<'_>, path: &[Seg]) -> Result<Option<String>, ParseError> {
    if r.kind() != Kind::Object {
        r.value()?;
        return Ok(None);
    }
    let mut about = None;
    r.object(|key, r| {
        if key.eq_str("about") {
            about = string(r, &[path, &[Seg::Key("about")]].concat())?;
        }
        Ok::<(), ParseError>(())
    })?;
    Ok(about)
}

/// `meta.associatedErrors`: an object of arrays of errors.
fn read_meta(r: &mut Reader<'_>, path: &[Seg]) -> Result<Vec<(String, Vec<ApiError>)>, ParseError> {
    let mut associated = Vec::new();
    if r.kind() != Kind::Object {
        r.value()?;
        return Ok(associated);
    }
    r.object(|key, r| {
        if key.eq_str("associatedErrors") {
            let path = [path, &[Seg::Key("associatedErrors")]].concat();
            expect(r, Kind::Object, &path, "an object")?;
            r.object(|request_path, r| {
                // Paths are data, not names known in advance: the error path
                // names the member by position instead.
                let here = [&path[..], &[Seg::Index(associated.len())]].concat();
                let errors = error_list(r, &here)?;
                associated.push((request_path.decode().into_owned(), errors));
                Ok::<(), ParseError>(())
            })?;
        }
        Ok::<(), ParseError>(())
    })?;
    Ok(associated)
}

/// A response to one App Store Connect request: its status and body.
#[derive(Clone, Copy, Debug)]
pub struct Response<'a> {
    status: u16,
    body: &'a [u8],
}

impl<'a> Response<'a> {
    /// A response with this status and body.
    pub fn new(status: u16, body: &'a (impl AsRef<[u8]> + ?Sized)) -> Self {
        Response {
            status,
            body: body.as_ref(),
        }
    }

    /// Decides what the response means: any 2xx is a success (its body is
    /// yours to read); anything else is a [`Rejection`], whose body is parsed
    /// as an `ErrorResponse`. A body that is not one (406 answers in plain
    /// text) is recorded in [`Rejection::body_error`]; the status still
    /// decides what to do. Never panics.
    pub fn classify(self) -> Result<u16, Rejection> {
        if (200..300).contains(&self.status) {
            return Ok(self.status);
        }
        let (errors, body_error) = match ErrorResponse::parse(self.body) {
            Ok(response) => (response.errors, None),
            Err(e) => (Vec::new(), Some(e)),
        };
        Err(Rejection {
            status: self.status,
            errors,
            body_error,
        })
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

    /// Why the body could not be read as an `ErrorResponse`, if it could not.
    pub fn body_error(&self) -> Option<&ParseError> {
        self.body_error.as_ref()
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
    /// any order, with optional spaces and a trailing `;`. Entries with
    /// names this version does not know are skipped.
    pub fn parse(value: &[u8]) -> Result<Self, RateLimitError> {
        let text = core::str::from_utf8(value).map_err(|_| RateLimitError::NotUtf8)?;
        let mut out = RateLimit::default();
        for entry in text.split(';').map(str::trim).filter(|e| !e.is_empty()) {
            let (name, number) = entry
                .split_once(':')
                .ok_or_else(|| RateLimitError::Malformed(entry.into()))?;
            let slot = match name.trim() {
                "user-hour-lim" => &mut out.hour_limit,
                "user-hour-rem" => &mut out.hour_remaining,
                "user-minute-lim" => &mut out.minute_limit,
                "user-minute-rem" => &mut out.minute_remaining,
                _ => continue,
            };
            let number = number.trim();
            if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
                return Err(RateLimitError::NotANumber(entry.into()));
            }
            *slot = Some(
                number
                    .parse()
                    .map_err(|_| RateLimitError::NotANumber(entry.into()))?,
            );
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
