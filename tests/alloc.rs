//! Allocation counts on the hot path, measured with a counting global
//! allocator: classifying a body with a known reason and taking its retry
//! decision allocates nothing; a reason this version does not know costs one
//! allocation (the boxed string that keeps it).

#![allow(
    clippy::result_large_err,
    reason = "results are measured as the entry points return them"
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use apple_errors::apns::{self, Reason, broadcast};
use apple_errors::app_store_connect::ErrorCodeFamily;
use apple_errors::app_store_server::notifications::SendAttemptResult;

struct Counting;

thread_local! {
    // Per thread, so tests running in parallel do not see each other.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    // Bytes live on this thread, and the most seen since the last reset.
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

/// Counts `grow` more live bytes (after `shrink` fewer), with the peak taken
/// before the shrink: a `realloc` may copy, so the old and the new block
/// count together at that moment.
fn track(grow: usize, shrink: usize) {
    let live = LIVE.with(Cell::get).saturating_add(grow);
    PEAK.with(|p| p.set(p.get().max(live)));
    LIVE.with(|l| l.set(live.saturating_sub(shrink)));
}

// SAFETY: forwards every call to the system allocator unchanged; it only
// counts allocations in a const-initialized thread-local without destructor.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        track(layout.size(), 0);
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        track(0, layout.size());
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        track(new_size, layout.size());
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many allocations `f` makes on this thread.
fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let out = f();
    (ALLOCATIONS.with(Cell::get) - before, out)
}

/// An App Store Server API error body with a known code and a plain
/// message: the message is borrowed from the body, nothing is allocated.
#[test]
fn classifying_a_known_error_code_allocates_nothing() {
    use apple_errors::app_store_server::{ErrorCode, Response};
    let body = br#"{"errorCode": 4040010, "errorMessage": "Transaction id not found."}"#;
    let (n, (code, action, message)) = allocations(|| {
        let r = Response::new(404, body)
            .retry_after("1700000060000")
            .classify()
            .unwrap_err();
        let message = r.message().map(str::len);
        (r.error_code(), r.retry().action(), message)
    });
    assert_eq!(n, 0);
    assert_eq!(code, Some(ErrorCode::TransactionIdNotFound));
    assert_eq!(message, Some(25));
    assert_eq!(action, apple_errors::retry::RetryAction::OtherEnvironment);
    // An escaped message is decoded: one allocation.
    let escaped = br#"{"errorCode": 4040010, "errorMessage": "Transaction id not found\u002e"}"#;
    let (n, _) = allocations(|| Response::new(404, escaped).classify().map(|_| ()));
    assert_eq!(n, 1);
}

/// The most heap `f` held at once on this thread, in bytes, its result
/// included: what it allocated beyond what was live when it started.
fn peak_heap<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let out = f();
    (PEAK.with(Cell::get) - before, out)
}

#[test]
fn the_counter_counts() {
    let (n, v) = allocations(|| vec![1u8; 10]);
    assert_eq!((n, v.len()), (1, 10));
    // A `realloc` counts the old and the new block at once.
    let (peak, v) = peak_heap(|| {
        let mut v = Vec::<u8>::with_capacity(100);
        v.reserve_exact(200);
        v
    });
    assert_eq!((peak, v.capacity()), (300, 200));
}

#[test]
fn classifying_a_known_reason_allocates_nothing() {
    let bodies: [(u16, &[u8]); 4] = [
        (400, br#"{"reason":"BadDeviceToken"}"#),
        (
            410,
            br#"{"reason":"Unregistered","timestamp":1700000000000}"#,
        ),
        (403, br#"{"reason":"BadEnvironmentKeyInToken"}"#),
        (
            503,
            br#"{ "reason" : "Shutdown", "extra": [1, {"x": null}] }"#,
        ),
    ];
    for (status, body) in bodies {
        let (n, policy) = allocations(|| {
            let rejection = apns::Response::new(status, body)
                .apns_id("EC1BF194-B3B2-424A-89A9-5A918A6E6B5E")
                .classify()
                .unwrap_err();
            (
                rejection.reason(),
                rejection.retry(),
                rejection.remedy().len(),
            )
        });
        assert_eq!(n, 0, "{}", String::from_utf8_lossy(body));
        assert!(policy.0.is_some());
    }
}

#[test]
fn escapes_cost_only_when_the_reason_itself_is_escaped() {
    // Escaped keys are compared without decoding them into a `String`.
    let (n, _) = allocations(|| {
        apns::Response::new(400, br#"{"x\n":1,"y\t":2,"re\u0061son":"BadTopic"}"#)
            .classify()
            .unwrap_err()
            .retry()
    });
    assert_eq!(n, 0);
    // An escaped reason is decoded once to be looked up.
    let (n, reason) = allocations(|| {
        apns::Response::new(400, br#"{"reason":"Bad\u0054opic"}"#)
            .classify()
            .unwrap_err()
            .reason()
    });
    assert_eq!((n, reason), (1, Some(Reason::BadTopic)));
}

#[test]
fn bad_bodies_allocate_nothing() {
    for body in [
        &b""[..],
        b"<html>",
        b"\xFF",
        br#"{"reason":17}"#,
        br#"{"reason":"BadTopic""#,
    ] {
        let (n, _) = allocations(|| {
            apns::Response::new(500, body)
                .classify()
                .unwrap_err()
                .retry()
        });
        assert_eq!(n, 0, "{body:?}");
    }
}

#[test]
fn an_unknown_reason_allocates_only_when_long() {
    // Up to 30 bytes it is kept inline: Apple's longest reason today is 27.
    for reason in ["SomethingNew", "TooManyProviderTokenUpdatesNew"] {
        let body = format!(r#"{{"reason":"{reason}"}}"#);
        let (n, kept) = allocations(|| {
            let r = apns::Response::new(400, &body).classify().unwrap_err();
            r.raw_reason() == Some(reason)
        });
        assert_eq!((n, kept), (0, true), "{reason}");
    }
    let (n, _) = allocations(|| {
        apns::Response::new(400, br#"{"reason":"TooManyProviderTokenUpdatesNew1"}"#)
            .classify()
            .unwrap_err()
    });
    assert_eq!(n, 1);
    // An escaped unknown reason needs one, to decode it first.
    let (n, _) = allocations(|| {
        apns::Response::new(400, br#"{"reason":"Some\u0074hingNew"}"#)
            .classify()
            .unwrap_err()
    });
    assert_eq!(n, 1);
}

#[test]
fn broadcast_and_goaway_allocate_nothing_for_known_reasons() {
    let (n, _) = allocations(|| {
        broadcast::Response::new(
            broadcast::Operation::CreateChannel,
            400,
            br#"{"reason":"CannotCreateChannelConfig"}"#,
        )
        .request_id("3b6a1c0e-7f43-4d8e-9a61-2f5c8d9e0b17")
        .classify()
        .unwrap_err()
        .retry()
    });
    assert_eq!(n, 0);
    let (n, _) = allocations(|| apns::GoAway::parse(br#"{"reason":"Shutdown"}"#).reason());
    assert_eq!(n, 0);
}

#[test]
fn lookups_allocate_nothing() {
    let (n, found) = allocations(|| {
        let mut found = 0;
        for r in Reason::ALL {
            found += usize::from(Reason::from_wire(r.as_str()).is_some());
            let _ = r.retry();
        }
        for r in SendAttemptResult::ALL {
            found += usize::from(SendAttemptResult::from_wire(r.as_str()).is_some());
        }
        found += usize::from(
            ErrorCodeFamily::family_of("ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG").is_some(),
        );
        found += usize::from(Reason::from_wire("Unknown").is_some());
        found
    });
    assert_eq!(n, 0);
    assert_eq!(found, Reason::ALL.len() + SendAttemptResult::ALL.len() + 1);
}

#[test]
fn a_huge_body_is_refused_without_copying_it() {
    // 100 MB of an otherwise valid body: refused by its length alone.
    let mut body = br#"{"reason":"BadTopic","padding":""#.to_vec();
    body.resize(100 * 1024 * 1024, b'x');
    body.extend_from_slice(br#""}"#);
    let (n, rejection) = allocations(|| apns::Response::new(400, &body).classify().unwrap_err());
    assert_eq!(n, 0);
    assert!(matches!(
        rejection.body_error(),
        Some(apple_errors::body::BodyError::TooLarge { .. })
    ));
    let (n, history) = allocations(|| {
        apple_errors::app_store_server::notifications::NotificationHistoryResponse::parse(&body)
    });
    assert_eq!(n, 0);
    assert!(history.is_err());
    let (n, errors) = allocations(|| apple_errors::app_store_connect::ErrorResponse::parse(&body));
    assert_eq!(n, 0);
    assert!(errors.is_err());
}

/// Feature `http`: reading an `http::Response` copies no header value and
/// no body, so the decision still allocates nothing for a known reason or
/// code, or a readable `X-Rate-Limit`.
#[cfg(feature = "http")]
#[test]
fn classifying_an_http_response_allocates_nothing() {
    use apple_errors::{app_store_connect, app_store_server};
    let apns_response = http::Response::builder()
        .status(400)
        .header("apns-id", "EC1BF194-B3B2-424A-89A9-5A918A6E6B5E")
        .header("apns-unique-id", "3B6A1C0E-7F43-4D8E-9A61-2F5C8D9E0B17")
        .body(br#"{"reason":"BadDeviceToken"}"#.to_vec())
        .unwrap();
    let (n, reason) = allocations(|| {
        apns::Response::from(&apns_response)
            .classify()
            .unwrap_err()
            .reason()
    });
    assert_eq!((n, reason), (0, Some(Reason::BadDeviceToken)));

    let connect = http::Response::builder()
        .status(429)
        .header("x-rate-limit", "user-hour-lim:3600;user-hour-rem:0;")
        .body(Vec::new())
        .unwrap();
    let (n, exhausted) = allocations(|| {
        let rejection = app_store_connect::Response::from(&connect)
            .classify()
            .unwrap_err();
        rejection.rate_limit().map(|r| r.limit().is_exhausted())
    });
    assert_eq!((n, exhausted), (0, Some(true)));

    let store = http::Response::builder()
        .status(429)
        .header("retry-after", "1700000060000")
        .body(br#"{"errorCode": 4290000, "errorMessage": "Rate limit exceeded."}"#.to_vec())
        .unwrap();
    let (n, at) = allocations(|| {
        app_store_server::Response::from(&store)
            .classify()
            .unwrap_err()
            .retry_at_millis()
    });
    assert_eq!((n, at), (0, Some(1_700_000_060_000)));
}

/// Worst-case bodies for peak heap: as many of the cheapest things an entry
/// point keeps as fit under its length limit.
mod worst {
    use apple_errors::body::{
        MAX_ASSOCIATED_PATHS, MAX_BODY_LEN, MAX_ERRORS, MAX_HISTORY_ITEMS, MAX_RESPONSE_LEN,
        MAX_SEND_ATTEMPTS,
    };

    /// `head`, then `item` repeated (comma-separated) while the whole stays
    /// within `limit`, then `tail`.
    pub fn repeat(head: &str, item: &str, tail: &str, limit: usize) -> Vec<u8> {
        let mut body = head.as_bytes().to_vec();
        let room = limit - head.len() - tail.len();
        let n = (room + 1) / (item.len() + 1);
        body.reserve_exact(n * (item.len() + 1) + tail.len());
        for i in 0..n {
            if i > 0 {
                body.push(b',');
            }
            body.extend_from_slice(item.as_bytes());
        }
        body.extend_from_slice(tail.as_bytes());
        assert!(body.len() <= limit);
        body
    }

    /// `head`, `n` times `item` (comma-separated), `tail`.
    pub fn times(head: &str, item: &str, n: usize, tail: &str) -> Vec<u8> {
        let items = vec![item; n].join(",");
        format!("{head}{items}{tail}").into_bytes()
    }

    /// Distinct keys `"0"`, `"1"`, … each with `value`, in an object
    /// between `head` and `tail`.
    pub fn keys(head: &str, value: &str, tail: &str, limit: usize) -> Vec<u8> {
        let mut body = head.as_bytes().to_vec();
        let mut i = 0usize;
        loop {
            let member = format!("{}\"{i}\":{value}", if i > 0 { "," } else { "" });
            if body.len() + member.len() + tail.len() > limit {
                break;
            }
            body.extend_from_slice(member.as_bytes());
            i += 1;
        }
        body.extend_from_slice(tail.as_bytes());
        body
    }

    pub fn history() -> Vec<(&'static str, Vec<u8>)> {
        let h = r#"{"notificationHistory":["#;
        let big = MAX_RESPONSE_LEN;
        vec![
            ("empty items", repeat(h, "{}", "]}", big)),
            (
                "one-byte payloads",
                repeat(h, r#"{"signedPayload":"a"}"#, "]}", big),
            ),
            (
                "escaped payloads",
                repeat(h, r#"{"signedPayload":"\u0041"}"#, "]}", big),
            ),
            (
                "one unknown attempt each",
                repeat(
                    h,
                    r#"{"sendAttempts":[{"attemptDate":0,"sendAttemptResult":"X"}]}"#,
                    "]}",
                    big,
                ),
            ),
            (
                "known attempts",
                repeat(
                    r#"{"notificationHistory":[{"sendAttempts":["#,
                    r#"{"attemptDate":0,"sendAttemptResult":"TIMED_OUT"}"#,
                    "]}]}",
                    big,
                ),
            ),
            (
                "unknown attempts",
                repeat(
                    r#"{"notificationHistory":[{"sendAttempts":["#,
                    r#"{"attemptDate":0,"sendAttemptResult":"\u0041"}"#,
                    "]}]}",
                    big,
                ),
            ),
            (
                "broken attempts",
                repeat(h, r#"{"sendAttempts":[{}]}"#, "]}", big),
            ),
            ("not objects", repeat(h, "1", "]}", big)),
            (
                "empty items at the limit",
                times(h, "{}", MAX_HISTORY_ITEMS, "]}"),
            ),
            (
                "one unknown attempt each, at the limit",
                times(
                    h,
                    r#"{"sendAttempts":[{"attemptDate":0,"sendAttemptResult":"X"}]}"#,
                    MAX_HISTORY_ITEMS,
                    "]}",
                ),
            ),
            (
                "unknown attempts at the limit",
                times(
                    r#"{"notificationHistory":[{"sendAttempts":["#,
                    r#"{"attemptDate":0,"sendAttemptResult":"X"}"#,
                    MAX_SEND_ATTEMPTS,
                    "]}]}",
                ),
            ),
            (
                "escaped token",
                repeat(
                    r#"{"notificationHistory":[],"paginationToken":""#,
                    r"\u0041",
                    r#""}"#,
                    big,
                ),
            ),
        ]
    }

    pub fn test_status() -> Vec<(&'static str, Vec<u8>)> {
        let big = MAX_RESPONSE_LEN;
        vec![
            (
                "known attempts",
                repeat(
                    r#"{"sendAttempts":["#,
                    r#"{"attemptDate":0,"sendAttemptResult":"TIMED_OUT"}"#,
                    "]}",
                    big,
                ),
            ),
            (
                "unknown attempts",
                repeat(
                    r#"{"sendAttempts":["#,
                    r#"{"attemptDate":0,"sendAttemptResult":"X"}"#,
                    "]}",
                    big,
                ),
            ),
            (
                "broken attempts",
                repeat(r#"{"sendAttempts":["#, "{}", "]}", big),
            ),
            (
                "escaped payload",
                repeat(r#"{"signedPayload":""#, r"\u0041", r#""}"#, big),
            ),
            (
                "unknown attempts at the limit",
                times(
                    r#"{"sendAttempts":["#,
                    r#"{"attemptDate":0,"sendAttemptResult":"X"}"#,
                    MAX_SEND_ATTEMPTS,
                    "]}",
                ),
            ),
        ]
    }

    pub fn connect() -> Vec<(&'static str, Vec<u8>)> {
        let e = r#"{"errors":["#;
        let max = MAX_BODY_LEN;
        let assoc = r#"{"errors":[{"code":"","meta":{"associatedErrors":{"#;
        vec![
            ("empty codes", repeat(e, r#"{"code":""}"#, "]}", max)),
            ("one-byte codes", repeat(e, r#"{"code":"a"}"#, "]}", max)),
            (
                "escaped codes",
                repeat(e, r#"{"code":"\u0041"}"#, "]}", max),
            ),
            (
                "every member",
                repeat(
                    e,
                    r#"{"code":"a","id":"b","title":"c","detail":"d","status":"400","source":{"pointer":"e"},"links":{"about":"f"}}"#,
                    "]}",
                    max,
                ),
            ),
            ("no codes", repeat(e, "{}", "]}", max)),
            (
                "empty codes at the limit",
                times(e, r#"{"code":""}"#, MAX_ERRORS, "]}"),
            ),
            (
                "associated paths with an error, at the limit",
                keys(
                    assoc,
                    r#"[{"code":""}]"#,
                    "}}}]}",
                    17 * MAX_ASSOCIATED_PATHS,
                ),
            ),
            (
                "associated errors",
                repeat(
                    r#"{"errors":[{"code":"","meta":{"associatedErrors":{"a":["#,
                    r#"{"code":""}"#,
                    "]}}}]}",
                    max,
                ),
            ),
            ("associated paths", keys(assoc, "[]", "}}}]}", max)),
            (
                "associated paths with an error",
                keys(assoc, r#"[{"code":""}]"#, "}}}]}", max),
            ),
            ("nested associated errors", {
                let open = r#"{"code":"","meta":{"associatedErrors":{"a":["#;
                let n = 30;
                let mut s = String::from(r#"{"errors":["#);
                for _ in 0..n {
                    s.push_str(open);
                }
                s.push_str(r#"{"code":""}"#);
                for _ in 0..n {
                    s.push_str("]}}}");
                }
                s.push_str("]}");
                s.into_bytes()
            }),
        ]
    }

    /// Reason bodies (APNs, broadcast, GOAWAY) and App Store server API
    /// error bodies.
    pub fn reason() -> Vec<(&'static str, Vec<u8>)> {
        let max = MAX_BODY_LEN;
        vec![
            (
                "escaped unknown reason",
                repeat(r#"{"reason":""#, r"\u0041", r#""}"#, max),
            ),
            (
                "long unknown reason",
                repeat(r#"{"reason":""#, "A", r#""}"#, max),
            ),
            (
                "reasons given many times",
                repeat("{", r#""reason":"\u0041""#, "}", max),
            ),
        ]
    }

    pub fn store() -> Vec<(&'static str, Vec<u8>)> {
        let max = MAX_BODY_LEN;
        vec![
            (
                "escaped message",
                repeat(
                    r#"{"errorCode":4040010,"errorMessage":""#,
                    r"\u0041",
                    r#""}"#,
                    max,
                ),
            ),
            (
                "long message",
                repeat(
                    r#"{"errorCode":4040010,"errorMessage":""#,
                    "A",
                    r#""}"#,
                    max,
                ),
            ),
            (
                "messages given many times",
                repeat(r#"{"errorCode":1,"#, r#""errorMessage":"\u0041""#, "}", max),
            ),
        ]
    }
}

/// The heap a parse may take whatever the body, as in issue 11: four times
/// the body's length, but at least [`SMALL_HEAP`]. What the limits let a
/// tiny body keep (200 empty notifications, 100 errors of 200 bytes each)
/// is a few dozen kilobytes whatever its length; no more than the largest
/// error body, 64 KiB, is allowed for it.
const SMALL_HEAP: usize = 64 * 1024;

/// Asserts that `parse` holds at most [`SMALL_HEAP`] or 4× the body's
/// length of heap at once on every body, its result included; gives the
/// highest ratio to the length.
fn assert_bounded<T>(entry: &str, bodies: &[(&str, Vec<u8>)], parse: impl Fn(&[u8]) -> T) -> f64 {
    let mut worst = 0f64;
    for (what, body) in bodies {
        let (peak, out) = peak_heap(|| parse(body));
        drop(out);
        let bound = (4 * body.len()).max(SMALL_HEAP);
        assert!(
            peak <= bound,
            "{entry}, {what}: {peak} bytes of heap for {} bytes of body",
            body.len()
        );
        worst = worst.max(peak as f64 / body.len() as f64);
        if std::env::var_os("PEAK_HEAP").is_some() {
            eprintln!(
                "{entry:24} {what:46} {:>9} B  peak {peak:>9} B  {:.2}×",
                body.len(),
                peak as f64 / body.len() as f64
            );
        }
    }
    worst
}

#[test]
fn notification_history_holds_at_most_four_times_the_body() {
    use apple_errors::app_store_server::notifications::NotificationHistoryResponse;
    assert_bounded(
        "history",
        &worst::history(),
        NotificationHistoryResponse::parse,
    );
}

#[test]
fn test_notification_status_holds_at_most_four_times_the_body() {
    use apple_errors::app_store_server::notifications::CheckTestNotificationResponse;
    assert_bounded(
        "test status",
        &worst::test_status(),
        CheckTestNotificationResponse::parse,
    );
}

#[test]
fn app_store_connect_error_response_holds_at_most_four_times_the_body() {
    use apple_errors::app_store_connect::ErrorResponse;
    assert_bounded(
        "ErrorResponse::parse",
        &worst::connect(),
        ErrorResponse::parse,
    );
}

#[test]
fn app_store_connect_classify_holds_at_most_four_times_the_body() {
    use apple_errors::app_store_connect::Response;
    assert_bounded("connect classify", &worst::connect(), |body| {
        Response::new(409, body).classify()
    });
}

#[test]
fn apns_classify_holds_at_most_four_times_the_body() {
    let huge_id = vec![b'x'; 1 << 20];
    assert_bounded("apns classify", &worst::reason(), |body| {
        apns::Response::new(400, body)
            .apns_id(&huge_id)
            .unique_id(&huge_id)
            .classify()
    });
}

#[test]
fn broadcast_classify_holds_at_most_four_times_the_body() {
    let huge_id = vec![b'x'; 1 << 20];
    assert_bounded("broadcast classify", &worst::reason(), |body| {
        broadcast::Response::new(broadcast::Operation::CreateChannel, 400, body)
            .request_id(&huge_id)
            .channel_id(&huge_id)
            .unique_id(&huge_id)
            .classify()
    });
}

#[test]
fn goaway_holds_at_most_four_times_the_debug_data() {
    assert_bounded("goaway", &worst::reason(), apns::GoAway::parse);
}

#[test]
fn store_api_classify_holds_at_most_four_times_the_body() {
    use apple_errors::{advanced_commerce, app_store_server, retention_messaging};
    let bodies = worst::store();
    assert_bounded("App Store Server API", &bodies, |body| {
        app_store_server::Response::new(404, body)
            .classify()
            .err()
            .map(|r| r.message().map(str::len))
    });
    assert_bounded("Advanced Commerce API", &bodies, |body| {
        advanced_commerce::Response::new(404, body)
            .classify()
            .err()
            .map(|r| r.message().map(str::len))
    });
    assert_bounded("Retention Messaging API", &bodies, |body| {
        retention_messaging::Response::new(404, body)
            .classify()
            .err()
            .map(|r| r.message().map(str::len))
    });
}

/// An identifier header of any length costs no heap: over
/// `HeaderId::MAX_LEN` it is refused, only its length kept.
#[test]
fn a_huge_id_header_is_refused_without_copying_it() {
    let huge = vec![b'x'; 1 << 20];
    let (n, delivered) = allocations(|| apns::Response::new(200, b"").apns_id(&huge).classify());
    assert_eq!(n, 0);
    let delivered = delivered.unwrap();
    assert_eq!(delivered.ids().apns_id().unwrap().too_long(), Some(1 << 20));
    let (n, id) =
        allocations(|| apple_errors::HeaderId::new(&huge[..apple_errors::HeaderId::MAX_LEN]));
    assert_eq!(
        (n, id.as_bytes().len()),
        (1, apple_errors::HeaderId::MAX_LEN)
    );
}
