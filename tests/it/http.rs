//! Feature `http`: every surface's `Response` from an `http::Response` or
//! its parts reads the status, the body and exactly the headers that surface
//! defines, and decides as the plain builder does.

use apple_errors::apns::{self, broadcast};
use apple_errors::retry::{RetryAction, TokenAction};
use apple_errors::{advanced_commerce, app_store_connect, app_store_server, retention_messaging};
use http::{HeaderMap, HeaderValue, StatusCode};

const UUID: &str = "EC1BF194-B3B2-424A-89A9-5A918A6E6B5E";
const OTHER_UUID: &str = "3B6A1C0E-7F43-4D8E-9A61-2F5C8D9E0B17";

fn response<B>(status: u16, headers: &[(&str, &[u8])], body: B) -> http::Response<B> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, HeaderValue::from_bytes(value).unwrap());
    }
    builder.body(body).unwrap()
}

#[test]
fn apns_reads_status_ids_and_body() {
    let r = response(
        400,
        &[
            ("apns-id", UUID.as_bytes()),
            ("apns-unique-id", OTHER_UUID.as_bytes()),
        ],
        br#"{"reason":"BadDeviceToken"}"#.to_vec(),
    );
    let rejection = apns::Response::from(&r).classify().unwrap_err();
    assert_eq!(rejection.status(), 400);
    assert_eq!(rejection.reason(), Some(apns::Reason::BadDeviceToken));
    assert_eq!(rejection.retry().token(), TokenAction::CheckEnvironment);
    assert_eq!(rejection.ids().apns_id().unwrap().as_str(), Some(UUID));
    assert_eq!(
        rejection.ids().unique_id().unwrap().as_str(),
        Some(OTHER_UUID)
    );

    // The same through the parts, and on a delivery; header names are
    // case-insensitive, and the values are kept byte for byte.
    let (parts, body) = response(200, &[("APNS-ID", b"not \xFF a uuid")], "").into_parts();
    let delivered = apns::Response::from_parts(parts.status, &parts.headers, &body)
        .classify()
        .unwrap();
    assert_eq!(
        delivered.ids().apns_id().unwrap().as_bytes(),
        b"not \xFF a uuid"
    );
    assert_eq!(delivered.ids().unique_id(), None);
}

#[test]
fn apns_without_headers_or_body() {
    let r = response(503, &[], Vec::new());
    let rejection = apns::Response::from(&r).classify().unwrap_err();
    assert_eq!(rejection.ids(), &apns::Ids::default());
    assert_eq!(rejection.retry().action(), RetryAction::BackOff);
    assert!(rejection.body_error().is_some());
}

#[test]
fn the_first_of_repeated_headers_is_read() {
    let mut headers = HeaderMap::new();
    headers.append("apns-id", HeaderValue::from_static(UUID));
    headers.append("apns-id", HeaderValue::from_static(OTHER_UUID));
    let delivered = apns::Response::from_parts(StatusCode::OK, &headers, b"")
        .classify()
        .unwrap();
    assert_eq!(delivered.ids().apns_id().unwrap().as_str(), Some(UUID));
}

#[test]
fn any_byte_body_will_do() {
    let body = br#"{"reason":"Unregistered","timestamp":1700000000000}"#;
    let expected = apns::Response::new(410, body).classify().unwrap_err();
    let from_vec = response(410, &[], body.to_vec());
    let from_str = response(410, &[], core::str::from_utf8(body).unwrap().to_owned());
    let from_slice = response(410, &[], &body[..]);
    assert_eq!(
        apns::Response::from(&from_vec).classify(),
        Err(expected.clone())
    );
    assert_eq!(
        apns::Response::from(&from_str).classify(),
        Err(expected.clone())
    );
    assert_eq!(apns::Response::from(&from_slice).classify(), Err(expected));
}

#[test]
fn broadcast_reads_its_three_headers() {
    let r = response(
        201,
        &[
            ("apns-request-id", UUID.as_bytes()),
            ("apns-channel-id", b"dHN0LTI1Ni1jaGFubmVsLWlk"),
            ("apns-unique-id", OTHER_UUID.as_bytes()),
            // Not a broadcast header: ignored.
            ("apns-id", b"ignored"),
        ],
        Vec::new(),
    );
    let success = broadcast::Response::from_http(broadcast::Operation::CreateChannel, &r)
        .classify()
        .unwrap();
    assert_eq!(success.request_id().unwrap().as_str(), Some(UUID));
    assert_eq!(
        success.channel_id().unwrap().as_str(),
        Some("dHN0LTI1Ni1jaGFubmVsLWlk")
    );
    assert_eq!(success.unique_id().unwrap().as_str(), Some(OTHER_UUID));

    // The same response answers another operation with the wrong status.
    let (parts, body) = r.into_parts();
    let rejection = broadcast::Response::from_parts(
        broadcast::Operation::Broadcast,
        parts.status,
        &parts.headers,
        &body,
    )
    .classify()
    .unwrap_err();
    assert!(rejection.is_unexpected_success());
    assert_eq!(rejection.request_id().unwrap().as_str(), Some(UUID));
}

#[test]
fn app_store_connect_reads_x_rate_limit() {
    let body = br#"{"errors":[{"status":"429","code":"RATE_LIMIT_EXCEEDED","title":"The request rate limit has been reached."}]}"#;
    let r = response(
        429,
        &[(
            "X-Rate-Limit",
            b"user-hour-lim:3600;user-hour-rem:0;user-minute-rem:lots",
        )],
        &body[..],
    );
    let rejection = app_store_connect::Response::from(&r)
        .classify()
        .unwrap_err();
    assert_eq!(rejection.retry().action(), RetryAction::AfterDelay);
    assert_eq!(rejection.errors()[0].code().as_str(), "RATE_LIMIT_EXCEEDED");
    let reading = rejection.rate_limit().unwrap();
    assert_eq!(reading.limit().hour_limit(), Some(3600));
    assert!(reading.limit().is_exhausted());
    // What `RateLimit::read` gives, problems included.
    assert_eq!(
        reading,
        &app_store_connect::RateLimit::read(
            b"user-hour-lim:3600;user-hour-rem:0;user-minute-rem:lots"
        )
    );
    assert_eq!(reading.problems().len(), 1);

    let (parts, body) = response(
        200,
        &[("x-rate-limit", b"user-hour-lim:3600;user-hour-rem:3599;")],
        "{}",
    )
    .into_parts();
    let success = app_store_connect::Response::from_parts(parts.status, &parts.headers, &body)
        .classify()
        .unwrap();
    assert_eq!(
        success.rate_limit().unwrap().limit().hour_remaining(),
        Some(3599)
    );
    let no_header = response(200, &[], "{}");
    assert_eq!(
        app_store_connect::Response::from(&no_header)
            .classify()
            .unwrap()
            .rate_limit(),
        None
    );
}

/// Each App Store server API reads `Retry-After` as UNIX milliseconds.
macro_rules! store_api_reads_retry_after {
    ($($api:ident),*) => {$({
        use $api::Response;
        let r = response(429, &[("retry-after", b"1700000060000")], br#"{"errorCode":4290000}"#.to_vec());
        let rejection = Response::from(&r).classify().unwrap_err();
        assert_eq!(rejection.status(), 429, stringify!($api));
        assert_eq!(rejection.retry_at_millis(), Some(1_700_000_060_000), stringify!($api));
        assert_eq!(rejection.retry().action(), RetryAction::AfterDelay, stringify!($api));

        let (parts, body) = response(429, &[("Retry-After", b"soon")], Vec::new()).into_parts();
        let rejection = Response::from_parts(parts.status, &parts.headers, &body).classify().unwrap_err();
        assert_eq!(rejection.retry_at_millis(), None, stringify!($api));
        assert!(rejection.retry_after_error().is_some(), stringify!($api));

        let ok = response(200, &[("retry-after", b"1700000060000")], "{}");
        assert_eq!(Response::from(&ok).classify().unwrap().status(), 200, stringify!($api));
    })*};
}

#[test]
fn app_store_server_apis_read_retry_after() {
    store_api_reads_retry_after!(app_store_server, retention_messaging, advanced_commerce);
}

#[test]
fn agrees_with_the_plain_builder() {
    let body = br#"{"reason":"TooManyRequests"}"#;
    let r = response(429, &[("apns-id", UUID.as_bytes())], &body[..]);
    assert_eq!(
        apns::Response::from(&r).classify(),
        apns::Response::new(429, body).apns_id(UUID).classify()
    );
}

/// A proxy or load balancer in front of APNs or App Store Connect may send
/// `Retry-After`; every surface reads it, in any of its forms, and a bad
/// value is reported without changing the decision.
#[test]
fn every_surface_reads_retry_after() {
    use std::time::{Duration, SystemTime};

    let received = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let later = received + Duration::from_secs(120);
    let headers: &[(&str, &[u8])] = &[("retry-after", b"120")];
    let bad: &[(&str, &[u8])] = &[("retry-after", b"soon")];

    let r = response(503, headers, br#"{"reason":"ServiceUnavailable"}"#.to_vec());
    let rejection = apns::Response::from(&r).classify().unwrap_err();
    assert_eq!(rejection.decision(received).not_before(), Some(later));
    let r = response(503, bad, br#"{"reason":"ServiceUnavailable"}"#.to_vec());
    let rejection = apns::Response::from(&r).classify().unwrap_err();
    assert!(rejection.retry_after_error().is_some());
    assert_eq!(rejection.decision(received).not_before(), None);
    assert_eq!(rejection.retry().action(), RetryAction::BackOff);

    let r = response(429, headers, br#"{"reason":"TooManyRequests"}"#.to_vec());
    let rejection = broadcast::Response::from_http(broadcast::Operation::Broadcast, &r)
        .classify()
        .unwrap_err();
    assert_eq!(rejection.decision(received).not_before(), Some(later));

    let date: &[(&str, &[u8])] = &[("retry-after", b"Tue, 14 Nov 2023 22:15:20 GMT")];
    let r = response(429, date, Vec::new());
    let rejection = app_store_connect::Response::from(&r)
        .classify()
        .unwrap_err();
    assert_eq!(rejection.decision(received).not_before(), Some(later));
}
