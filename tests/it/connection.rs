//! The connection facts on APNs refusals: whether the connection must be
//! replaced, whether the response counts toward APNs closing it, and
//! whether a new provider token is needed, for responses and GOAWAYs of
//! both surfaces, known and unknown reasons.

use apple_errors::apns::{self, broadcast};

fn device(status: u16, body: &str) -> apns::Rejection {
    apns::Response::new(status, body).classify().unwrap_err()
}

/// (needs a new connection, counts toward closing it, counts more, needs a
/// new provider token)
fn facts(r: &apns::Rejection) -> (bool, bool, bool, bool) {
    (
        r.needs_new_connection(),
        r.is_error_condition(),
        r.closes_connection_sooner(),
        r.needs_new_provider_token(),
    )
}

#[test]
fn device_push_responses() {
    let cases = [
        // A dead token does not count against the connection (Apple).
        (
            410,
            r#"{"reason":"Unregistered"}"#,
            (false, false, false, false),
        ),
        (
            410,
            r#"{"reason":"ExpiredToken"}"#,
            (false, false, false, false),
        ),
        // A bad token counts, and counts more (Apple).
        (
            400,
            r#"{"reason":"BadDeviceToken"}"#,
            (false, true, true, false),
        ),
        (400, r#"{"reason":"BadTopic"}"#, (false, true, false, false)),
        (
            400,
            r#"{"reason":"IdleTimeout"}"#,
            (true, true, false, false),
        ),
        (503, r#"{"reason":"Shutdown"}"#, (true, true, false, false)),
        (
            403,
            r#"{"reason":"UnrelatedKeyIdInToken"}"#,
            (true, true, false, false),
        ),
        (
            403,
            r#"{"reason":"BadCertificate"}"#,
            (true, true, false, false),
        ),
        (
            403,
            r#"{"reason":"ExpiredProviderToken"}"#,
            (false, true, false, true),
        ),
        (
            403,
            r#"{"reason":"InvalidProviderToken"}"#,
            (false, true, false, true),
        ),
        // Keep the token APNs accepted last: no new one.
        (
            429,
            r#"{"reason":"TooManyProviderTokenUpdates"}"#,
            (false, true, false, false),
        ),
        // Unknown reasons and bodies: the status decides what it can.
        (
            410,
            r#"{"reason":"SomethingNew"}"#,
            (false, false, false, false),
        ),
        (
            400,
            r#"{"reason":"SomethingNew"}"#,
            (false, true, false, false),
        ),
        (503, "<html>busy</html>", (false, true, false, false)),
    ];
    for (status, body, expected) in cases {
        assert_eq!(facts(&device(status, body)), expected, "{status} {body}");
    }
}

#[test]
fn a_goaway_always_ends_the_connection() {
    for data in [
        &br#"{"reason":"Shutdown"}"#[..],
        br#"{"reason":"BadTopic"}"#,
        br#"{"reason":"SomethingNew"}"#,
        b"",
        b"\xff not json",
    ] {
        assert!(apns::GoAway::parse(data).needs_new_connection(), "{data:?}");
        assert!(
            broadcast::GoAway::parse(data).needs_new_connection(),
            "{data:?}"
        );
    }
    assert!(apns::GoAway::without_data().needs_new_connection());
    let expired = apns::GoAway::parse(br#"{"reason":"ExpiredProviderToken"}"#);
    assert!(expired.needs_new_provider_token());
    assert!(!apns::GoAway::without_data().needs_new_provider_token());
}

#[test]
fn broadcast_responses() {
    let reject = |status: u16, body: &str| {
        broadcast::Response::new(broadcast::Operation::Broadcast, status, body.as_bytes())
            .classify()
            .unwrap_err()
    };
    let shutdown = reject(503, r#"{"reason":"Shutdown"}"#);
    assert!(shutdown.needs_new_connection());
    assert!(shutdown.is_error_condition());
    let expired = reject(403, r#"{"reason":"ExpiredProviderToken"}"#);
    assert!(expired.needs_new_provider_token() && !expired.needs_new_connection());
    let unknown = reject(400, r#"{"reason":"SomethingNew"}"#);
    assert!(!unknown.needs_new_connection() && !unknown.closes_connection_sooner());
}
