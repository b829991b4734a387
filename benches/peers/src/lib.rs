//! The operations `scripts/instructions.sh` counts: every parse entry point
//! of apple-errors, and beside it the minimal hand classifier ([`hand`]), the
//! real `a2` and `app-store-server-library` crates, or serde-derived structs
//! shaped like Apple's models where no crate parses that body.
//!
//! Each operation is one `#[inline(never)]` function that parses its input
//! and drops the result, so that inlining into the measuring loop favours
//! no side. Inputs are built once, deterministically ([`Inputs::new`]).

// `drop` is written for every result, `Copy` or not, so that each operation
// reads the same.
#![allow(dropping_copy_types, clippy::drop_non_drop)]

use std::hint::black_box;

use apple_errors::apns::{self, broadcast};
use apple_errors::app_store_connect::ErrorResponse;
use apple_errors::app_store_server::notifications::{
    CheckTestNotificationResponse, NotificationHistoryResponse,
};
use apple_errors::{app_store_server, retention_messaging};
use serde::Deserialize;
use serde::de::IntoDeserializer;

#[path = "../../shared/baselines.rs"]
#[allow(dead_code)]
mod baselines;
pub mod hand;
pub mod models;

pub const APNS_ID: &[u8] = b"EC1BF194-B3B2-424A-89A9-5A918A6E6B5E";
pub const BAD_TOKEN: &[u8] = br#"{"reason":"BadDeviceToken"}"#;
pub const UNREGISTERED: &[u8] = br#"{"reason":"Unregistered","timestamp":1700000000000}"#;
pub const UNKNOWN: &[u8] = br#"{"reason":"SomethingAppleAddsLater"}"#;
pub const SHUTDOWN: &[u8] = br#"{"reason":"Shutdown"}"#;
pub const BROADCAST: &[u8] = br#"{"reason":"CannotCreateChannelConfig"}"#;
pub const API_ERROR: &[u8] = br#"{"errorCode":4040010,"errorMessage":"Transaction id not found."}"#;
pub const RETENTION_ERROR: &[u8] =
    br#"{"errorCode":4040002,"errorMessage":"The message identifier was not found."}"#;
pub const ASC_ONE: &[u8] = br#"{"errors":[{"id":"4c5b5bb6-0d1f-4b2b-9d1c-2b0f6a4a8e11","status":"409","code":"ENTITY_ERROR.ATTRIBUTE.INVALID","title":"An attribute value is invalid.","detail":"The value of 'versionString' is not valid.","source":{"pointer":"/data/attributes/versionString"}}]}"#;

/// Responses in the traffic mix: 95 deliveries, 4 `410 Unregistered`, 1
/// `400 BadDeviceToken`, every one with an `apns-id`.
pub const MIX_LEN: usize = 100;

/// Everything the operations read, built once per process.
pub struct Inputs {
    /// (status, body) of the traffic mix, in a fixed order.
    pub mix: Vec<(u16, &'static [u8])>,
    /// A Get Notification History page: 10 items, 25 send attempts, each
    /// `signedPayload` about 8 KB.
    pub history: Vec<u8>,
    /// Get Test Notification Status: one 8 KB payload, 2 attempts.
    pub test_status: Vec<u8>,
    /// An App Store Connect error response with 3 errors, one of them with
    /// `links.about` and `meta.associatedErrors` (2 paths, 2 errors each).
    pub asc_nested: Vec<u8>,
    /// Every APNs reason once, and one this version does not know.
    pub reasons: Vec<&'static str>,
    /// `{"reason":"…"}` for every known APNs reason.
    pub reason_bodies: Vec<Vec<u8>>,
    /// Every App Store Server API error code once, and one unknown.
    pub codes: Vec<u32>,
    /// [`APNS_ID`] as the HTTP client hands it over.
    pub apns_id: http::HeaderValue,
}

/// Base64url text of `len` characters from a fixed seed.
fn base64url(seed: u64, len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            ALPHABET[(x >> 58) as usize] as char
        })
        .collect()
}

/// A JWS-shaped signed payload of about 8 KB (header, payload, signature).
fn signed_payload(seed: u64) -> String {
    format!(
        "eyJhbGciOiJFUzI1NiIsIng1YyI6WyJNSUlF{}.{}.{}",
        base64url(seed, 1500),
        base64url(seed + 1000, 6500),
        base64url(seed + 2000, 86)
    )
}

const FAILURES: [&str; 5] = [
    "NO_RESPONSE",
    "TIMED_OUT",
    "TLS_ISSUE",
    "SOCKET_ISSUE",
    "UNSUCCESSFUL_HTTP_RESPONSE_CODE",
];

fn attempts(n: usize, first: u64, k: &mut usize) -> String {
    let mut out = Vec::new();
    for i in 0..n {
        // Failures first, the last attempt a success.
        let result = if i + 1 == n {
            "SUCCESS"
        } else {
            *k += 1;
            FAILURES[*k % FAILURES.len()]
        };
        out.push(format!(
            r#"{{"attemptDate":{},"sendAttemptResult":"{result}"}}"#,
            first + i as u64 * 3_600_000
        ));
    }
    format!("[{}]", out.join(","))
}

fn history() -> Vec<u8> {
    // 25 attempts over 10 items.
    const PER_ITEM: [usize; 10] = [3, 3, 3, 3, 3, 2, 2, 2, 2, 2];
    let mut k = 0;
    let items: Vec<String> = PER_ITEM
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            format!(
                r#"{{"sendAttempts":{},"signedPayload":"{}"}}"#,
                attempts(n, 1_698_148_900_000 + i as u64 * 86_400_000, &mut k),
                signed_payload(i as u64 + 1)
            )
        })
        .collect();
    format!(
        r#"{{"notificationHistory":[{}],"hasMore":true,"paginationToken":"57715481-805a-4283-8499-1c19b5d6b20a"}}"#,
        items.join(",")
    )
    .into_bytes()
}

fn test_status() -> Vec<u8> {
    let mut k = 0;
    format!(
        r#"{{"signedPayload":"{}","sendAttempts":{}}}"#,
        signed_payload(99),
        attempts(2, 1_698_148_900_000, &mut k)
    )
    .into_bytes()
}

fn asc_error(id: &str, code: &str, extra: &str) -> String {
    format!(
        r#"{{"id":"{id}","status":"409","code":"{code}","title":"The provided entity includes an attribute with an invalid value","detail":"The value of the attribute is not valid for this entity.","source":{{"pointer":"/data/attributes/versionString"}}{extra}}}"#
    )
}

fn asc_nested() -> Vec<u8> {
    let inner = |n: usize| {
        (0..2)
            .map(|i| {
                asc_error(
                    &format!("a{n}{i}c5b5bb6-0d1f-4b2b-9d1c-2b0f6a4a8e11"),
                    "ENTITY_ERROR.ATTRIBUTE.REQUIRED",
                    "",
                )
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let meta = format!(
        r#","links":{{"about":"https://developer.apple.com/documentation/appstoreconnectapi/errors"}},"meta":{{"associatedErrors":{{"/v1/appStoreVersionLocalizations/":[{}],"/v1/appStoreReviewDetails/":[{}]}}}}"#,
        inner(0),
        inner(1)
    );
    let errors = [
        asc_error(
            "4c5b5bb6-0d1f-4b2b-9d1c-2b0f6a4a8e11",
            "ENTITY_ERROR.ATTRIBUTE.INVALID",
            "",
        ),
        asc_error(
            "5d6c6cc7-1e2f-4c3c-8e2d-3c1f7b5b9f22",
            "STATE_ERROR.ENTITY_STATE_INVALID",
            &meta,
        ),
        asc_error(
            "6e7d7dd8-2f3f-4d4d-9f3e-4d2f8c6c0f33",
            "ENTITY_ERROR.RELATIONSHIP.INVALID",
            "",
        ),
    ];
    format!(r#"{{"errors":[{}]}}"#, errors.join(",")).into_bytes()
}

impl Inputs {
    pub fn new() -> Self {
        let mix = (0..MIX_LEN)
            .map(|i| match i {
                50 => (400, BAD_TOKEN),
                _ if i % 25 == 7 => (410, UNREGISTERED),
                _ => (200, &b""[..]),
            })
            .collect();
        let reason_bodies = apns::Reason::ALL
            .iter()
            .map(|r| format!(r#"{{"reason":"{r}"}}"#).into_bytes())
            .collect();
        let mut reasons: Vec<&str> = apns::Reason::ALL.iter().map(|r| r.as_str()).collect();
        reasons.push("SomethingAppleAddsLater");
        let mut codes: Vec<u32> = app_store_server::ErrorCode::ALL
            .iter()
            .map(|c| c.code())
            .collect();
        codes.push(4_040_999);
        Inputs {
            mix,
            history: history(),
            test_status: test_status(),
            asc_nested: asc_nested(),
            reasons,
            reason_bodies,
            codes,
            apns_id: http::HeaderValue::from_bytes(APNS_ID).expect("a header value"),
        }
    }
}

impl Default for Inputs {
    fn default() -> Self {
        Self::new()
    }
}

/// `a2`'s reading of a response (`a2::Client::send`): the `apns-id` header
/// through `HeaderValue::to_str` into a `String`, and for any status but 200
/// the body through `serde_json` into `a2::ErrorBody`, an unreadable body
/// becoming `None`. (Finding the header in the `HeaderMap` is left out, as
/// on the apple-errors side.)
#[inline(always)]
fn a2_response(status: u16, apns_id: Option<&http::HeaderValue>, body: &[u8]) -> a2::Response {
    a2::Response {
        apns_id: apns_id.and_then(|s| s.to_str().ok()).map(String::from),
        error: if status == 200 {
            None
        } else {
            serde_json::from_slice::<a2::ErrorBody>(body).ok()
        },
        code: status,
    }
}

macro_rules! op {
    ($name:ident, |$i:ident| $body:expr) => {
        #[inline(never)]
        pub fn $name($i: &Inputs) {
            let _ = &$i;
            drop(black_box($body));
        }
    };
}

/// Shows a result of an operation run in a loop to the optimiser by
/// reference, where it was built, and drops it: a large result (a
/// `Rejection` is 176 bytes) is then not copied into `black_box`'s slot, a
/// copy a caller would not make.
macro_rules! seen {
    ($result:expr $(,)?) => {{
        let result = $result;
        black_box(&result);
    }};
}

// The empty operation: the call and the loop around it, subtracted from
// every other count.
op!(empty, |i| ());

// APNs device pushes.
op!(apns_200_crate, |i| apns::Response::new(black_box(200), b"")
    .apns_id(black_box(&i.apns_id).as_bytes())
    .classify());
op!(apns_200_a2, |i| a2_response(
    black_box(200),
    Some(black_box(&i.apns_id)),
    b""
));
// The three sides of an APNs rejection row, without ids.
macro_rules! apns_rows {
    ($($krate:ident, $hand:ident, $a2:ident: $status:literal, $body:ident;)*) => {$(
        op!($krate, |i| apns::Response::new(black_box($status), black_box($body)).classify());
        op!($hand, |i| hand::classify(black_box($status), black_box($body)));
        op!($a2, |i| a2_response(black_box($status), None, black_box($body)));
    )*};
}
apns_rows! {
    apns_bad_token_crate, apns_bad_token_hand, apns_bad_token_a2: 400, BAD_TOKEN;
    apns_unregistered_crate, apns_unregistered_hand, apns_unregistered_a2: 410, UNREGISTERED;
    apns_unknown_crate, apns_unknown_hand, apns_unknown_a2: 400, UNKNOWN;
}

// Every known reason once per call, as 400 responses without ids.
macro_rules! each_reason {
    ($($name:ident: |$body:ident| $op:expr;)*) => {$(
        #[inline(never)]
        pub fn $name(i: &Inputs) {
            for $body in black_box(&i.reason_bodies) {
                seen!($op);
            }
        }
    )*};
}
each_reason! {
    apns_every_reason_crate: |body| apns::Response::new(400, &body[..]).classify();
    apns_every_reason_hand: |body| hand::classify(400, body);
    apns_every_reason_a2: |body| a2_response(400, None, body);
}

// The mix: 100 responses per call, each with an `apns-id`.
#[inline(never)]
pub fn apns_mix_crate(i: &Inputs) {
    for &(status, body) in black_box(&i.mix) {
        seen!(
            apns::Response::new(status, body)
                .apns_id(black_box(&i.apns_id).as_bytes())
                .classify(),
        );
    }
}
#[inline(never)]
pub fn apns_mix_a2(i: &Inputs) {
    for &(status, body) in black_box(&i.mix) {
        seen!(a2_response(status, Some(black_box(&i.apns_id)), body));
    }
}

// GOAWAY debug data: a2 does not read it; its `ErrorBody` would.
op!(goaway_crate, |i| apns::GoAway::parse(black_box(SHUTDOWN)));
op!(goaway_hand, |i| hand::parse(black_box(SHUTDOWN)));
op!(goaway_a2, |i| serde_json::from_slice::<a2::ErrorBody>(
    black_box(SHUTDOWN)
)
.ok());

// Broadcast push: no crate reads it; serde-derived struct and enum.
op!(broadcast_crate, |i| broadcast::Response::new(
    broadcast::Operation::CreateChannel,
    black_box(400),
    black_box(BROADCAST)
)
.classify());
op!(broadcast_serde, |i| serde_json::from_slice::<
    models::BroadcastBody,
>(black_box(BROADCAST))
.ok());

// App Store Server API error body, and the Retention Messaging API (the same
// core as the Advanced Commerce API).
op!(server_error_crate, |i| app_store_server::Response::new(
    black_box(404),
    black_box(API_ERROR)
)
.classify());
op!(server_error_serde, |i| models::api_error(
    black_box(404),
    black_box(API_ERROR)
));
op!(retention_error_crate, |i| {
    retention_messaging::Response::new(black_box(404), black_box(RETENTION_ERROR)).classify()
});
op!(retention_error_serde, |i| models::api_error(
    black_box(404),
    black_box(RETENTION_ERROR)
));

// App Store Server Notifications.
op!(history_crate, |i| NotificationHistoryResponse::parse(
    black_box(&i.history)
));
op!(history_lib, |i| serde_json::from_slice::<
    app_store_server_library::models::notification_history_response::NotificationHistoryResponse,
>(black_box(&i.history))
.ok());
op!(test_status_crate, |i| CheckTestNotificationResponse::parse(
    black_box(&i.test_status)
));
op!(test_status_lib, |i| {
    serde_json::from_slice::<
    app_store_server_library::models::check_test_notification_response::CheckTestNotificationResponse,
>(black_box(&i.test_status))
.ok()
});

// The short bodies of the criterion bench (benches/parse.rs), so that its
// times can be read beside counts.
pub const HISTORY_SHORT: &[u8] = br#"{"notificationHistory":[{"sendAttempts":[{"attemptDate":1698148900000,"sendAttemptResult":"NO_RESPONSE"},{"attemptDate":1698152500000,"sendAttemptResult":"SUCCESS"}],"signedPayload":"eyJhbGciOiJFUzI1NiIsIng1YyI6WyJNSUlCIl19.eyJub3RpZmljYXRpb25UeXBlIjoiU1VCU0NSSUJFRCJ9.c2lnbmF0dXJl"},{"sendAttempts":[{"attemptDate":1698148900000,"sendAttemptResult":"TLS_ISSUE"}],"signedPayload":"eyJhbGciOiJFUzI1NiJ9.e30.c2ln"}],"hasMore":true,"paginationToken":"57715481-805a-4283-8499-1c19b5d6b20a"}"#;
pub const TEST_STATUS_SHORT: &[u8] = br#"{"signedPayload":"eyJhbGciOiJFUzI1NiJ9.eyJub3RpZmljYXRpb25UeXBlIjoiVEVTVCJ9.c2ln","sendAttempts":[{"attemptDate":1698148900000,"sendAttemptResult":"TIMED_OUT"},{"attemptDate":1698152500000,"sendAttemptResult":"SUCCESS"}]}"#;
op!(history_short_crate, |i| NotificationHistoryResponse::parse(
    black_box(HISTORY_SHORT)
));
op!(history_short_lib, |i| serde_json::from_slice::<
    app_store_server_library::models::notification_history_response::NotificationHistoryResponse,
>(black_box(HISTORY_SHORT))
.ok());
op!(test_status_short_crate, |i| {
    CheckTestNotificationResponse::parse(black_box(TEST_STATUS_SHORT))
});
op!(test_status_short_lib, |i| {
    serde_json::from_slice::<
    app_store_server_library::models::check_test_notification_response::CheckTestNotificationResponse,
>(black_box(TEST_STATUS_SHORT))
.ok()
});

// App Store Connect API error responses.
op!(asc_one_crate, |i| ErrorResponse::parse(black_box(ASC_ONE)));
op!(asc_one_serde, |i| serde_json::from_slice::<
    models::ErrorResponse,
>(black_box(ASC_ONE))
.ok());
op!(asc_nested_crate, |i| ErrorResponse::parse(black_box(
    &i.asc_nested
)));
op!(asc_nested_serde, |i| serde_json::from_slice::<
    models::ErrorResponse,
>(black_box(&i.asc_nested))
.ok());

// App Store Connect as a client sees it: status, body and `X-Rate-Limit`;
// and the two header parsers on their own. No peer reads these headers.
pub const RATE_LIMIT: &[u8] = b"user-hour-lim:3600;user-hour-rem:3599;";
pub const RETRY_AFTER_DATE: &[u8] = b"Sun, 06 Nov 1994 08:49:37 GMT";
op!(asc_response_crate, |i| {
    apple_errors::app_store_connect::Response::new(black_box(409), black_box(ASC_ONE))
        .rate_limit(black_box(RATE_LIMIT))
        .classify()
});
op!(rate_limit_crate, |i| {
    apple_errors::app_store_connect::RateLimit::read(black_box(RATE_LIMIT))
});
op!(retry_after_crate, |i| {
    apple_errors::retry::RetryAfter::parse(black_box(RETRY_AFTER_DATE))
});

// Lookups: every value once and one unknown, per call.
#[inline(never)]
pub fn reason_lookup_crate(i: &Inputs) {
    for wire in black_box(&i.reasons) {
        drop(black_box(apns::Reason::from_wire(wire)));
    }
}
#[inline(never)]
pub fn reason_lookup_a2(i: &Inputs) {
    for wire in black_box(&i.reasons) {
        let r: Result<a2::ErrorReason, serde::de::value::Error> =
            a2::ErrorReason::deserialize((*wire).into_deserializer());
        drop(black_box(r));
    }
}
#[inline(never)]
pub fn code_lookup_crate(i: &Inputs) {
    for &code in black_box(&i.codes) {
        drop(black_box(app_store_server::ErrorCode::from_code(code)));
    }
}

/// One operation as the harness runs it.
pub struct Op {
    /// The row it belongs to.
    pub row: &'static str,
    /// `crate`, `hand` or `peer`.
    pub side: &'static str,
    /// What the peer is, for the table.
    pub what: &'static str,
    /// Items one call handles (the count is divided by it).
    pub items: fn(&Inputs) -> usize,
    pub run: fn(&Inputs),
}

fn one(_: &Inputs) -> usize {
    1
}

macro_rules! ops {
    ($($row:literal: $($side:ident $what:literal $f:ident $(/ $items:expr)?),+;)*) => {
        pub const OPS: &[Op] = &[$($(Op {
            row: $row,
            side: stringify!($side),
            what: $what,
            items: ops!(@items $($items)?),
            run: $f,
        }),+),*];
    };
    (@items) => { one };
    (@items $e:expr) => { $e };
}

ops! {
    "APNs 200 with apns-id":
        krate "" apns_200_crate, peer "a2 0.10" apns_200_a2;
    "APNs 400 BadDeviceToken":
        krate "" apns_bad_token_crate, hand "" apns_bad_token_hand, peer "a2 0.10" apns_bad_token_a2;
    "APNs 410 Unregistered + timestamp":
        krate "" apns_unregistered_crate, hand "" apns_unregistered_hand, peer "a2 0.10" apns_unregistered_a2;
    "APNs 400 unknown reason":
        krate "" apns_unknown_crate, hand "" apns_unknown_hand, peer "a2 0.10" apns_unknown_a2;
    "APNs 400, each known reason once (per response)":
        krate "" apns_every_reason_crate / |i| i.reason_bodies.len(), hand "" apns_every_reason_hand / |i| i.reason_bodies.len(), peer "a2 0.10" apns_every_reason_a2 / |i| i.reason_bodies.len();
    "APNs mix 95% 200 / 4% 410 / 1% 400 (per response)":
        krate "" apns_mix_crate / |_| MIX_LEN, peer "a2 0.10" apns_mix_a2 / |_| MIX_LEN;
    "APNs GOAWAY data Shutdown":
        krate "" goaway_crate, hand "" goaway_hand, peer "a2::ErrorBody" goaway_a2;
    "broadcast 400 CannotCreateChannelConfig":
        krate "" broadcast_crate, peer "serde structs" broadcast_serde;
    "App Store Server API 404 error body":
        krate "" server_error_crate, peer "serde structs" server_error_serde;
    "Retention Messaging API 404 error body":
        krate "" retention_error_crate, peer "serde structs" retention_error_serde;
    "notification history page (10 items, 25 attempts, 8 KB payloads)":
        krate "" history_crate, peer "app-store-server-library 6.0" history_lib;
    "test notification status (8 KB payload, 2 attempts)":
        krate "" test_status_crate, peer "app-store-server-library 6.0" test_status_lib;
    "notification history, short page (2 items, 3 attempts; the criterion body)":
        krate "" history_short_crate, peer "app-store-server-library 6.0" history_short_lib;
    "test notification status, short payload (the criterion body)":
        krate "" test_status_short_crate, peer "app-store-server-library 6.0" test_status_short_lib;
    "App Store Connect, one error":
        krate "" asc_one_crate, peer "serde structs" asc_one_serde;
    "App Store Connect, 3 errors + 4 nested":
        krate "" asc_nested_crate, peer "serde structs" asc_nested_serde;
    "App Store Connect 409 response (one error, X-Rate-Limit)":
        krate "" asc_response_crate;
    "X-Rate-Limit header (RateLimit::read)":
        krate "" rate_limit_crate;
    "Retry-After HTTP-date (RetryAfter::parse)":
        krate "" retry_after_crate;
    "apns::Reason::from_wire (per lookup, 32 + 1 unknown)":
        krate "" reason_lookup_crate / |i| i.reasons.len(), peer "a2::ErrorReason via serde" reason_lookup_a2 / |i| i.reasons.len();
    "app_store_server::ErrorCode::from_code (per lookup, 68 + 1 unknown)":
        krate "" code_lookup_crate / |i| i.codes.len();
}

/// The operation measured as the empty one.
pub const EMPTY: fn(&Inputs) = empty;

/// Checks that every operation reads what it should: the peers accept the
/// bodies, and the crate finds the same reasons.
pub fn check(i: &Inputs) {
    assert!(
        NotificationHistoryResponse::parse(&i.history).is_ok(),
        "the history page parses"
    );
    let page = serde_json::from_slice::<
        app_store_server_library::models::notification_history_response::NotificationHistoryResponse,
    >(&i.history)
    .expect("app-store-server-library reads the history page");
    let items = page.notification_history.unwrap();
    assert_eq!(items.len(), 10);
    let attempts: usize = items
        .iter()
        .map(|it| it.send_attempts.as_ref().unwrap().len())
        .sum();
    assert_eq!(attempts, 25);
    assert!(items.iter().all(|it| {
        let n = it.signed_payload.as_ref().unwrap().len();
        (8000..8400).contains(&n)
    }));
    assert!(CheckTestNotificationResponse::parse(&i.test_status).is_ok());
    let asc = ErrorResponse::parse(&i.asc_nested).expect("the nested ASC body parses");
    assert_eq!(asc.errors().len(), 3);
    assert_eq!(asc.errors()[1].associated_errors().len(), 2);
    serde_json::from_slice::<models::ErrorResponse>(&i.asc_nested).expect("serde reads it");
    serde_json::from_slice::<models::ErrorResponse>(ASC_ONE).expect("serde reads it");
    assert!(ErrorResponse::parse(ASC_ONE).is_ok());
    assert!(apple_errors::app_store_connect::RateLimit::parse(RATE_LIMIT).is_ok());
    assert!(apple_errors::retry::RetryAfter::parse(RETRY_AFTER_DATE).is_ok());
    for body in &i.reason_bodies {
        let ours = apns::Response::new(400, body).classify().unwrap_err();
        let theirs = hand::classify(400, body).unwrap_err();
        assert!(ours.reason().is_some(), "{ours}");
        assert!(matches!(theirs.reason, Some(Some(_))), "{ours}");
    }
    for (status, body) in [(400, BAD_TOKEN), (410, UNREGISTERED), (400, UNKNOWN)] {
        let ours = apns::Response::new(status, body).classify().unwrap_err();
        let theirs = hand::classify(status, body).unwrap_err();
        assert_eq!(ours.raw_reason().is_some(), theirs.reason.is_some());
        assert_eq!(ours.timestamp_millis(), theirs.timestamp);
        let a2 = a2_response(status, None, body);
        assert_eq!(a2.error.is_some(), body != UNKNOWN);
    }
    assert!(models::api_error(404, API_ERROR).is_some());
    assert!(serde_json::from_slice::<models::BroadcastBody>(BROADCAST).is_ok());
    assert_eq!(
        i.mix.iter().filter(|m| m.0 == 200).count(),
        95,
        "the mix has 95 deliveries"
    );
}
