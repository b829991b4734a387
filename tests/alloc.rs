//! Allocation counts on the hot path, measured with a counting global
//! allocator: classifying a body with a known reason and taking its retry
//! decision allocates nothing; a reason this version does not know costs one
//! allocation (the boxed string that keeps it).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use apple_errors::apns::{self, Reason, broadcast};
use apple_errors::app_store_connect::ErrorCodeFamily;
use apple_errors::app_store_server::notifications::SendAttemptResult;

struct Counting;

thread_local! {
    // Per thread, so tests running in parallel do not see each other.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards every call to the system allocator unchanged; it only
// counts allocations in a const-initialized thread-local without destructor.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
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

#[test]
fn the_counter_counts() {
    let (n, v) = allocations(|| vec![1u8; 10]);
    assert_eq!((n, v.len()), (1, 10));
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
fn an_unknown_reason_costs_one_allocation() {
    let (n, raw) = allocations(|| {
        let r = apns::Response::new(400, br#"{"reason":"SomethingNew"}"#)
            .classify()
            .unwrap_err();
        (r.raw_reason().map(str::len), r.retry())
    });
    assert_eq!(n, 1);
    assert_eq!(raw.0, Some(12));
    // An escaped unknown reason needs one more, to decode it first.
    let (n, _) = allocations(|| {
        apns::Response::new(400, br#"{"reason":"Some\u0074hingNew"}"#)
            .classify()
            .unwrap_err()
    });
    assert_eq!(n, 2);
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
