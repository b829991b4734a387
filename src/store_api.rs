//! What the App Store server APIs share — the App Store Server API, the
//! Retention Messaging API and the Advanced Commerce API: an error body
//! `{"errorCode": 4040010, "errorMessage": "…"}`, the `Retry-After` header
//! as UNIX time in milliseconds, and the rules for reading them, written
//! once here. Each API's module gets its `Response`, `Success` and
//! `Rejection` types from [`store_api!`].

// Functions that are not generic are `#[inline]`, to be compiled where
// they are used: see "Compiled where used" in lib.rs.

use std::borrow::Cow;

use crate::KnownValue;
use crate::body::{BodyError, MAX_BODY_LEN};
use crate::json::walk::document;
use crate::json::{self, Value};

/// What an error body held. The message is borrowed from the body unless it
/// had escapes, so reading a known code allocates nothing.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ErrorBody<'a, C> {
    /// `errorCode`, when it is a whole number that fits in an `i64`.
    pub(crate) code: Option<i64>,
    /// `errorCode` as written, whatever it is: a number's text (`4040010`,
    /// `1.5`, `99999999999999999999`) or a string's value.
    pub(crate) code_text: Option<Cow<'a, str>>,
    /// The code, when this version knows it.
    pub(crate) known: Option<C>,
    pub(crate) message: Option<Cow<'a, str>>,
    pub(crate) error: Option<BodyError>,
}

/// Reads `{"errorCode": …, "errorMessage": …}`, ignoring other members; the
/// last of duplicate members wins.
pub(crate) fn parse<C: KnownValue>(body: &[u8]) -> ErrorBody<'_, C> {
    let mut out = ErrorBody {
        code: None,
        code_text: None,
        known: None,
        message: None,
        error: None,
    };
    let text = match document(body, MAX_BODY_LEN) {
        Ok(text) => text,
        Err(e) => {
            out.error = Some(e);
            return out;
        }
    };
    let (mut code, mut message) = (None, None);
    let scanned = json::object_document(text, |key, r| {
        if key.eq_str("errorCode") {
            code = Some(r.value()?);
        } else if key.eq_str("errorMessage") {
            message = Some(r.value()?);
        }
        Ok::<(), json::Error>(())
    });
    if let Err(e) = scanned {
        out.error = Some(e.into());
        return out;
    }
    match code {
        None | Some(Value::Null) => out.error = Some(BodyError::MissingCode),
        Some(Value::Number(digits)) => {
            // Nothing is lost: the text is kept whatever the number.
            out.code_text = Some(Cow::Borrowed(digits));
            match whole(digits) {
                Some(n) => {
                    out.code = Some(n);
                    // Known codes are written as plain digits; so is `n` here.
                    out.known = C::from_wire_bytes(digits.as_bytes());
                }
                None => out.error = Some(BodyError::InvalidCode),
            }
        }
        Some(Value::Str(text)) => {
            out.code_text = Some(text.decode());
            out.error = Some(BodyError::InvalidCode);
        }
        Some(_) => out.error = Some(BodyError::InvalidCode),
    }
    match message {
        None | Some(Value::Null) => {}
        Some(Value::Str(s)) => out.message = Some(s.decode()),
        Some(_) => {
            out.error.get_or_insert(BodyError::InvalidMessage);
        }
    }
    out
}

/// A JSON number that is a whole number fitting an `i64`: digits with an
/// optional minus, no fraction or exponent (JSON forbids leading zeros).
#[inline]
fn whole(number: &str) -> Option<i64> {
    let digits = number.strip_prefix('-').unwrap_or(number);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    number.parse().ok()
}

/// The `Response`, `Success` and `Rejection` types of one App Store server
/// API, in the module that invokes it: `api` names the API in docs and
/// messages; `ErrorCode` and `Status` are the module's generated types.
macro_rules! store_api {
    (api: $api:literal, example: $example:literal) => {
        #[doc = ::core::concat!("A response from the ", $api, ", as an HTTP client holds it: the status, the body and, optionally, the `Retry-After` header.")]
        #[derive(Clone, Copy, Debug)]
        pub struct Response<'a> {
            reply: $crate::reply::Reply<'a>,
            retry_after: ::core::option::Option<&'a [u8]>,
        }

        impl<'a> Response<'a> {
            /// A response with this status and body (`&[u8]`, `&str`, `&Vec<u8>`, …).
            #[inline]
            pub fn new(status: u16, body: &'a (impl ::core::convert::AsRef<[u8]> + ?Sized)) -> Self {
                Response {
                    reply: $crate::reply::Reply::new(status, body),
                    retry_after: ::core::option::Option::None,
                }
            }

            /// Adds the `Retry-After` header value, which these APIs send with
            /// 429 as the UNIX time in milliseconds from which to send again
            /// (a proxy on the way may send RFC 9110's delay-seconds or
            /// HTTP-date instead: every form is read, by
            /// [`RetryAfter`](crate::retry::RetryAfter)).
            #[inline]
            pub fn retry_after(mut self, value: &'a (impl ::core::convert::AsRef<[u8]> + ?Sized)) -> Self {
                self.retry_after = ::core::option::Option::Some(value.as_ref());
                self
            }

            /// Decides what the response means: any 2xx is a [`Success`] (its
            /// body is yours to read); anything else is a [`Rejection`], whose
            /// body is read for `errorCode` and `errorMessage`. Problems with the
            /// body or `Retry-After` are recorded, never raised: the status still
            /// decides. Never panics; reads at most
            /// [`MAX_BODY_LEN`](crate::body::MAX_BODY_LEN) bytes. Reading a body
            /// with a known code and a plain message allocates nothing: the
            /// message is borrowed from the body
            /// ([`Rejection::into_owned`] copies it).
            #[inline]
            pub fn classify(self) -> ::core::result::Result<Success, Rejection<'a>> {
                let status = self.reply.status;
                if (200..300).contains(&status) {
                    return ::core::result::Result::Ok(Success { status });
                }
                let body = $crate::store_api::parse::<ErrorCode>(self.reply.body);
                ::core::result::Result::Err(Rejection {
                    status,
                    code: body.code,
                    code_text: body.code_text,
                    known: body.known,
                    message: body.message,
                    retry_after: $crate::retry::read_retry_after(self.retry_after),
                    body_error: body.error,
                })
            }
        }

        /// Reads the status, `Retry-After` and the body.
        #[cfg(feature = "http")]
        #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
        impl<'a, B: ::core::convert::AsRef<[u8]>> ::core::convert::From<&'a ::http::Response<B>> for Response<'a> {
            #[inline]
            fn from(response: &'a ::http::Response<B>) -> Self {
                Self::from_parts(response.status(), response.headers(), response.body())
            }
        }

        #[cfg(feature = "http")]
        #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
        impl<'a> Response<'a> {
            /// A response from the parts an HTTP client gives: the status, the
            /// headers (`Retry-After` is read, its first value) and the body.
            /// `From<&http::Response<B>>` does the same for a whole response.
            ///
            /// ```
            #[doc = ::core::concat!("use apple_errors::", $example, "::Response;")]
            ///
            /// let response = http::Response::builder()
            ///     .status(429)
            ///     .header("retry-after", "1700000060000")
            ///     .body(Vec::new())?;
            /// let (parts, body) = response.into_parts();
            /// let rejection = Response::from_parts(parts.status, &parts.headers, &body)
            ///     .classify()
            ///     .unwrap_err();
            /// assert_eq!(rejection.retry_at_millis(), Some(1_700_000_060_000));
            /// # Ok::<(), http::Error>(())
            /// ```
            #[inline]
            pub fn from_parts(
                status: ::http::StatusCode,
                headers: &'a ::http::HeaderMap,
                body: &'a (impl ::core::convert::AsRef<[u8]> + ?Sized),
            ) -> Self {
                $crate::http::with_headers(
                    Self::new(status.as_u16(), body),
                    headers,
                    [(&$crate::http::RETRY_AFTER, |r, v| r.retry_after(v))],
                )
            }
        }

        #[doc = ::core::concat!("The ", $api, " answered with a 2xx status.")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct Success {
            status: u16,
        }

        impl Success {
            $crate::store_api::status_methods!();
        }

        #[doc = ::core::concat!("The ", $api, " refused a request: the status, the `errorCode` (known or not) and `errorMessage` as received, the `Retry-After` time, and what to do.")]
        ///
        /// The retry policy comes from the code when this version knows it,
        /// and from the status otherwise, so a body without a code (a 401 for
        /// a bad or expired JWT, a 400 for a malformed request, a proxy's HTML
        /// page) still gets a sound decision. The message borrows from the
        /// body; [`into_owned`](Self::into_owned) makes a `'static` copy to
        /// keep or to box as an error. A problem with the body is the error's
        /// [`source`](std::error::Error::source).
        ///
        /// ```
        #[doc = ::core::concat!("use apple_errors::", $example, "::{ErrorCode, Response};")]
        /// use apple_errors::retry::RetryAction;
        ///
        /// let body = br#"{"errorCode": 9990000, "errorMessage": "Something new."}"#;
        /// let rejection = Response::new(400, body).classify().unwrap_err();
        /// assert_eq!(rejection.code(), Some(9_990_000));
        /// assert_eq!(rejection.error_code(), None::<ErrorCode>);
        /// assert_eq!(rejection.message(), Some("Something new."));
        /// // An unknown code: the status decides.
        /// assert_eq!(rejection.retry().action(), RetryAction::AfterFix);
        /// ```
        #[derive(Clone, Debug, PartialEq, Eq, Hash, ::thiserror::Error)]
        #[error("{}", self.message_line())]
        pub struct Rejection<'a> {
            status: u16,
            code: ::core::option::Option<i64>,
            code_text: ::core::option::Option<::std::borrow::Cow<'a, str>>,
            known: ::core::option::Option<ErrorCode>,
            message: ::core::option::Option<::std::borrow::Cow<'a, str>>,
            retry_after: $crate::retry::RetryAfterReading,
            #[source]
            body_error: ::core::option::Option<$crate::body::BodyError>,
        }

        impl<'a> Rejection<'a> {
            $crate::store_api::status_methods!();

            /// `errorCode` as received, known or not, when it is a whole number
            /// that fits in an `i64` (see [`body_error`](Self::body_error)
            /// otherwise).
            #[inline]
            pub fn code(&self) -> ::core::option::Option<i64> {
                self.code
            }

            /// `errorCode` exactly as written, whatever it is: the number's
            /// text (`4040010`, also `1.5` or `99999999999999999999`), or the
            /// value of a string (`"4040010"`). Also
            /// [`AppleError::raw_code`](crate::AppleError::raw_code).
            #[inline]
            pub fn raw_code(&self) -> ::core::option::Option<&str> {
                self.code_text.as_deref()
            }

            /// The code, if this version knows it.
            #[inline]
            pub fn error_code(&self) -> ::core::option::Option<ErrorCode> {
                self.known
            }

            /// `errorMessage` as received: text for people, in English.
            #[inline]
            pub fn message(&self) -> ::core::option::Option<&str> {
                self.message.as_deref()
            }

            /// Whether a known code belongs with another status than the one
            /// received (a proxy may have rewritten the status). The code
            /// still decides.
            #[inline]
            pub fn status_disagrees(&self) -> bool {
                self.known.is_some_and(|k| k.status().code() != self.status)
            }

            /// The `Retry-After` time, in milliseconds since the UNIX epoch, when
            /// the value was in these APIs' own form: not before then may the
            /// request go again. For a value in another form (a proxy's
            /// delay-seconds or HTTP-date), see [`retry_after`](Self::retry_after).
            #[inline]
            pub fn retry_at_millis(&self) -> ::core::option::Option<u64> {
                self.retry_after().and_then(|r| r.unix_millis())
            }

            /// [`retry_at_millis`](Self::retry_at_millis) as a `SystemTime`.
            #[inline]
            pub fn retry_at(&self) -> ::core::option::Option<::std::time::SystemTime> {
                ::std::time::SystemTime::UNIX_EPOCH
                    .checked_add(::core::time::Duration::from_millis(self.retry_at_millis()?))
            }

            $crate::retry::retry_after_methods! {
                /// The `Retry-After` header given to [`Response`], read: in these
                /// APIs' form, UNIX time in milliseconds, or a proxy's
                /// delay-seconds or HTTP-date. `None` when none was given, or
                /// when it could not be read
                /// ([`retry_after_error`](Self::retry_after_error)).
            }

            /// What was wrong with the body, if anything; also the error's
            /// [`source`](std::error::Error::source). The decision stands: it
            /// rests on the status when no known code could be read.
            #[inline]
            pub fn body_error(&self) -> ::core::option::Option<$crate::body::BodyError> {
                self.body_error
            }

            /// What to do: the known code's policy, otherwise the status's
            /// (Apple's rules for the status, then this crate's class rules).
            /// After a 429, wait until the `Retry-After` time:
            /// [`decision`](Self::decision) joins the two.
            #[inline]
            pub fn retry(&self) -> $crate::retry::RetryPolicy {
                match self.known {
                    ::core::option::Option::Some(code) => code.retry(),
                    ::core::option::Option::None => Status::retry_for_code(self.status),
                }
            }

            /// What the caller should change, by the same precedence as
            /// [`retry`](Self::retry).
            #[inline]
            pub fn remedy(&self) -> &'static str {
                match self.known {
                    ::core::option::Option::Some(code) => code.remedy(),
                    ::core::option::Option::None => Status::remedy_for_code(self.status),
                }
            }

            /// A stable, low-cardinality name for metrics and logs: the
            /// known code's [`label`](ErrorCode::label), or the API's one
            /// label for a code this version does not know or no code at all
            /// ([`UNKNOWN_LABEL`](crate::KnownValue::UNKNOWN_LABEL));
            /// [`raw_code`](Self::raw_code) keeps the code.
            #[inline]
            pub fn label(&self) -> &'static str {
                match self.known {
                    ::core::option::Option::Some(code) => code.label(),
                    ::core::option::Option::None => {
                        <ErrorCode as $crate::KnownValue>::UNKNOWN_LABEL
                    }
                }
            }

            /// What the rejection means, by the same precedence as
            /// [`retry`](Self::retry); `None` for an undocumented status
            /// without a known code.
            #[inline]
            pub fn description(&self) -> ::core::option::Option<&'static str> {
                match self.known {
                    ::core::option::Option::Some(code) => ::core::option::Option::Some(code.description()),
                    ::core::option::Option::None => self.known_status().map(Status::description),
                }
            }

            #[inline]
            fn message_line(&self) -> $crate::store_api::Message<'_> {
                $crate::store_api::Message {
                    api: $api,
                    status: self.status,
                    code: self.code_text.as_deref(),
                    known: self.known.map(ErrorCode::name),
                    message: self.message.as_deref(),
                }
            }

            /// The same rejection with its own copy of the message, to keep
            /// beyond the body or to box as `dyn Error + 'static`.
            #[inline]
            pub fn into_owned(self) -> Rejection<'static> {
                Rejection {
                    status: self.status,
                    code: self.code,
                    code_text: self.code_text.map(|c| ::std::borrow::Cow::Owned(c.into_owned())),
                    known: self.known,
                    message: self.message.map(|m| ::std::borrow::Cow::Owned(m.into_owned())),
                    retry_after: self.retry_after,
                    body_error: self.body_error,
                }
            }
        }

        /// A flat object, members left out when the rejection has no value
        /// for them:
        ///
        /// ```json
        /// {"status": 429, "code": 4290000, "known": true, "label": "app_store_server.rate_limit_exceeded",
        ///  "message": "Rate limit exceeded.", "action": "after_delay", "token": "keep",
        ///  "inferred": false, "token_inferred": false, "retry_after": "1700000060000"}
        /// ```
        ///
        /// In order: `status`; `code`, a number when the body's `errorCode`
        /// was a whole number, otherwise its text as a string (left out
        /// without one; a [`Received`](crate::Received) of the module's
        /// `ErrorCode` reads it back); `known` and `label`; `message`, the
        /// `errorMessage` as received; `status_disagrees`, only when true;
        /// the [retry policy's members](crate::retry::RetryPolicy#serde),
        /// so that the object reads as its policy; `retry_after` (the header
        /// value, as read) or `retry_after_error`; and `body_error` as
        /// text. Written only: the [`Decision`](crate::retry::Decision) is
        /// what goes to a job queue and comes back.
        ///
        /// Text that came in the body (`message`, a `code` that is not a
        /// number) is escaped as in `Display`: control characters (C0, DEL
        /// and C1), U+2028/U+2029 and the characters that reorder or hide
        /// text are written `\u{…}`, so that nothing a peer sent reaches a
        /// log raw (serde_json itself escapes only U+0000–U+001F). Unlike in
        /// messages it is not cut.
        #[cfg(feature = "serde")]
        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        impl ::serde::Serialize for Rejection<'_> {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::serde_fields::serialize(
                    &$crate::store_api::RejectionFields {
                        status: self.status,
                        code: self.code,
                        code_text: self.code_text.as_deref(),
                        known: self.known.is_some(),
                        label: self.label(),
                        message: self.message.as_deref(),
                        status_disagrees: self.status_disagrees(),
                        policy: self.retry(),
                        retry_after: self.retry_after(),
                        retry_after_error: self.retry_after_error(),
                        body_error: self.body_error,
                    },
                    serializer,
                )
            }
        }

        impl $crate::AppleError for Rejection<'_> {
            #[inline]
            fn http_status(&self) -> ::core::option::Option<u16> {
                ::core::option::Option::Some(self.status)
            }

            #[inline]
            fn raw_code(&self) -> ::core::option::Option<&str> {
                Rejection::raw_code(self)
            }

            #[inline]
            fn retry(&self) -> $crate::retry::RetryPolicy {
                Rejection::retry(self)
            }

            #[inline]
            fn remedy(&self) -> &'static str {
                Rejection::remedy(self)
            }

            #[inline]
            fn retry_after(&self) -> ::core::option::Option<$crate::retry::RetryAfter> {
                Rejection::retry_after(self)
            }

            #[inline]
            fn label(&self) -> &'static str {
                Rejection::label(self)
            }
        }
    };
}
pub(crate) use store_api;

/// `status()` and `known_status()`, for a type with a `status: u16` field in
/// a module with a generated `Status`.
macro_rules! status_methods {
    () => {
        /// The HTTP status, whatever it was.
        #[inline]
        pub fn status(&self) -> u16 {
            self.status
        }

        /// The status, if the API documents it.
        #[inline]
        pub fn known_status(&self) -> ::core::option::Option<Status> {
            Status::from_code(self.status)
        }
    };
}
pub(crate) use status_methods;

/// What a rejection of the App Store server APIs writes with serde; the
/// shape is documented on the `Serialize` impl `store_api!` writes.
#[cfg(feature = "serde")]
pub(crate) struct RejectionFields<'r> {
    pub(crate) status: u16,
    pub(crate) code: Option<i64>,
    pub(crate) code_text: Option<&'r str>,
    pub(crate) known: bool,
    pub(crate) label: &'static str,
    pub(crate) message: Option<&'r str>,
    pub(crate) status_disagrees: bool,
    pub(crate) policy: crate::retry::RetryPolicy,
    pub(crate) retry_after: Option<crate::retry::RetryAfter>,
    pub(crate) retry_after_error: Option<crate::retry::RetryAfterError>,
    pub(crate) body_error: Option<BodyError>,
}

#[cfg(feature = "serde")]
impl crate::serde_fields::Fields for RejectionFields<'_> {
    const NAME: &'static str = "Rejection";

    fn fields<S: crate::serde_fields::Sink>(&self, sink: &mut S) -> Result<(), S::Error> {
        sink.field("status", &self.status)?;
        match (self.code, self.code_text) {
            (Some(code), _) => sink.field("code", &code)?,
            (None, text) => sink.opt("code", text.map(crate::serde_fields::received))?,
        }
        sink.field("known", &self.known)?;
        sink.field("label", self.label)?;
        sink.opt("message", self.message.map(crate::serde_fields::received))?;
        sink.opt("status_disagrees", self.status_disagrees.then_some(true))?;
        crate::serde_fields::tail_fields(
            self.policy,
            self.retry_after,
            self.retry_after_error,
            self.body_error,
            sink,
        )
    }
}

/// `App Store Server API refused the request with status 404 (4040010
/// TransactionIdNotFound)`; an unknown code comes with its message, quoted
/// and escaped.
pub(crate) struct Message<'m> {
    pub(crate) api: &'static str,
    pub(crate) status: u16,
    /// `errorCode` as written.
    pub(crate) code: Option<&'m str>,
    pub(crate) known: Option<&'static str>,
    pub(crate) message: Option<&'m str>,
}

impl core::fmt::Display for Message<'_> {
    #[inline]
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use crate::text::Quoted;
        write!(
            f,
            "{} refused the request with status {}",
            self.api, self.status
        )?;
        match (self.code, self.known, self.message) {
            // A known code is plain digits.
            (Some(code), Some(name), _) => write!(f, " ({code} {name})"),
            (Some(code), None, Some(message)) => {
                write!(f, " (unknown code {}: {})", Quoted(code), Quoted(message))
            }
            (Some(code), None, None) => write!(f, " (unknown code {})", Quoted(code)),
            (None, _, Some(message)) => write!(f, " ({})", Quoted(message)),
            (None, _, None) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app_store_connect::ErrorCodeFamily as AnyKnown;

    fn read(body: &[u8]) -> ErrorBody<'_, AnyKnown> {
        parse(body)
    }

    #[test]
    fn codes_and_messages() {
        let b = read(br#"{"errorCode": 4040010, "errorMessage": "Transaction id not found."}"#);
        assert_eq!(b.code, Some(4_040_010));
        assert_eq!(b.message.as_deref(), Some("Transaction id not found."));
        assert!(matches!(b.message, Some(Cow::Borrowed(_))));
        assert_eq!(b.error, None);
        let b = read(br#"{"errorCode": -7}"#);
        assert_eq!((b.code, b.error), (Some(-7), None));
        for bad in [
            &br#"{"errorCode": "4040010"}"#[..],
            br#"{"errorCode": 1.5}"#,
            br#"{"errorCode": 1e7}"#,
            br#"{"errorCode": 99999999999999999999}"#,
            br#"{"errorCode": true}"#,
        ] {
            let b = read(bad);
            assert_eq!(
                (b.code, b.error),
                (None, Some(BodyError::InvalidCode)),
                "{bad:?}"
            );
        }
        let b = read(br#"{"errorMessage": "no code"}"#);
        assert_eq!(b.error, Some(BodyError::MissingCode));
        assert_eq!(b.message.as_deref(), Some("no code"));
        let b = read(br#"{"errorCode": 1, "errorMessage": 2}"#);
        assert_eq!(
            (b.code, b.error),
            (Some(1), Some(BodyError::InvalidMessage))
        );
        let b = read(br#"{"errorCode": "x", "errorCode": 4040010}"#);
        assert_eq!(
            (b.code, b.error),
            (Some(4_040_010), None),
            "the last duplicate wins"
        );
        assert_eq!(read(b"").error, Some(BodyError::Empty));
        assert_eq!(read(b"<html>").error, Some(BodyError::Syntax { offset: 0 }));
    }
}
