//! Feature `http`: every surface's `Response` from an [`http::Response`], or
//! from the status, headers and body of one, reading the headers that
//! surface defines. Nothing is copied: the `Response` borrows the header
//! values and the body.
//!
//! The App Store server APIs get theirs from `store_api!`, through
//! [`with_headers`].

use ::http::{HeaderMap, HeaderName, StatusCode};

use crate::apns::{self, broadcast};
use crate::app_store_connect;

const APNS_ID: HeaderName = HeaderName::from_static("apns-id");
const APNS_UNIQUE_ID: HeaderName = HeaderName::from_static("apns-unique-id");
const APNS_REQUEST_ID: HeaderName = HeaderName::from_static("apns-request-id");
const APNS_CHANNEL_ID: HeaderName = HeaderName::from_static("apns-channel-id");
const X_RATE_LIMIT: HeaderName = HeaderName::from_static("x-rate-limit");
pub(crate) const RETRY_AFTER: HeaderName = ::http::header::RETRY_AFTER;

/// A `Response` builder method that takes a header value.
type Setter<'a, R> = fn(R, &'a [u8]) -> R;

/// Gives `response` the first value of each named header that `headers`
/// holds, through the builder method paired with its name.
#[inline]
pub(crate) fn with_headers<'a, R, const N: usize>(
    mut response: R,
    headers: &'a HeaderMap,
    setters: [(&HeaderName, Setter<'a, R>); N],
) -> R {
    for (name, set) in setters {
        if let Some(value) = headers.get(name) {
            response = set(response, value.as_bytes());
        }
    }
    response
}

/// Reads the status, `apns-id`, `apns-unique-id` and `Retry-After` (which
/// APNs does not send but a proxy in front of it may), and the body.
///
/// ```
/// use apple_errors::apns;
///
/// let response = http::Response::builder()
///     .status(400)
///     .header("apns-id", "EC1BF194-B3B2-424A-89A9-5A918A6E6B5E")
///     .body(br#"{"reason":"BadDeviceToken"}"#.to_vec())?;
/// let rejection = apns::Response::from(&response).classify().unwrap_err();
/// assert_eq!(rejection.reason(), Some(apns::Reason::BadDeviceToken));
/// assert!(rejection.ids().apns_id().is_some());
/// # Ok::<(), http::Error>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl<'a, B: AsRef<[u8]>> From<&'a ::http::Response<B>> for apns::Response<'a> {
    #[inline]
    fn from(response: &'a ::http::Response<B>) -> Self {
        Self::from_parts(response.status(), response.headers(), response.body())
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl<'a> apns::Response<'a> {
    /// A response from the parts an HTTP client gives: the status, the
    /// headers (`apns-id`, `apns-unique-id` and `Retry-After` are read, the
    /// first value of each) and the body. `From<&http::Response<B>>` does the same for a
    /// whole response.
    #[inline]
    pub fn from_parts(
        status: StatusCode,
        headers: &'a HeaderMap,
        body: &'a (impl AsRef<[u8]> + ?Sized),
    ) -> Self {
        with_headers(
            Self::new(status.as_u16(), body),
            headers,
            [
                (&APNS_ID, |r, v| r.apns_id(v)),
                (&APNS_UNIQUE_ID, |r, v| r.unique_id(v)),
                (&RETRY_AFTER, |r, v| r.retry_after(v)),
            ],
        )
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl<'a> broadcast::Response<'a> {
    /// A response to `operation` from an [`http::Response`]: its status, the
    /// `apns-request-id`, `apns-channel-id`, `apns-unique-id` and
    /// `Retry-After` headers, and its body. (Not a `From`, since the operation is not in the
    /// response.)
    ///
    /// ```
    /// use apple_errors::apns::broadcast::{Operation, Response};
    ///
    /// let response = http::Response::builder()
    ///     .status(201)
    ///     .header("apns-request-id", "3b6a1c0e-7f43-4d8e-9a61-2f5c8d9e0b17")
    ///     .header("apns-channel-id", "dHN0LTI1Ni1jaGFubmVsLWlk")
    ///     .body(Vec::new())?;
    /// let success = Response::from_http(Operation::CreateChannel, &response)
    ///     .classify()
    ///     .unwrap();
    /// assert_eq!(
    ///     success.channel_id().and_then(|id| id.as_str()),
    ///     Some("dHN0LTI1Ni1jaGFubmVsLWlk"),
    /// );
    /// # Ok::<(), http::Error>(())
    /// ```
    #[inline]
    pub fn from_http<B: AsRef<[u8]>>(
        operation: broadcast::Operation,
        response: &'a ::http::Response<B>,
    ) -> Self {
        Self::from_parts(
            operation,
            response.status(),
            response.headers(),
            response.body(),
        )
    }

    /// [`from_http`](Self::from_http) from the parts an HTTP client gives:
    /// the status, the headers (the first value of each) and the body.
    #[inline]
    pub fn from_parts(
        operation: broadcast::Operation,
        status: StatusCode,
        headers: &'a HeaderMap,
        body: &'a (impl AsRef<[u8]> + ?Sized),
    ) -> Self {
        with_headers(
            Self::new(operation, status.as_u16(), body),
            headers,
            [
                (&APNS_REQUEST_ID, |r, v| r.request_id(v)),
                (&APNS_CHANNEL_ID, |r, v| r.channel_id(v)),
                (&APNS_UNIQUE_ID, |r, v| r.unique_id(v)),
                (&RETRY_AFTER, |r, v| r.retry_after(v)),
            ],
        )
    }
}

/// Reads the status, `X-Rate-Limit`, `Retry-After` and the body.
///
/// ```
/// use apple_errors::app_store_connect::Response;
///
/// let response = http::Response::builder()
///     .status(429)
///     .header("x-rate-limit", "user-hour-lim:3600;user-hour-rem:0;")
///     .body("")?;
/// let rejection = Response::from(&response).classify().unwrap_err();
/// let limit = rejection.rate_limit().unwrap().limit();
/// assert!(limit.is_exhausted());
/// # Ok::<(), http::Error>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl<'a, B: AsRef<[u8]>> From<&'a ::http::Response<B>> for app_store_connect::Response<'a> {
    #[inline]
    fn from(response: &'a ::http::Response<B>) -> Self {
        Self::from_parts(response.status(), response.headers(), response.body())
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl<'a> app_store_connect::Response<'a> {
    /// A response from the parts an HTTP client gives: the status, the
    /// headers (`X-Rate-Limit` and `Retry-After` are read, the first value
    /// of each) and the body.
    /// `From<&http::Response<B>>` does the same for a whole response.
    #[inline]
    pub fn from_parts(
        status: StatusCode,
        headers: &'a HeaderMap,
        body: &'a (impl AsRef<[u8]> + ?Sized),
    ) -> Self {
        with_headers(
            Self::new(status.as_u16(), body),
            headers,
            [
                (&X_RATE_LIMIT, |r, v| r.rate_limit(v)),
                (&RETRY_AFTER, |r, v| r.retry_after(v)),
            ],
        )
    }
}
