//! Reading App Store Server, Retention Messaging and Advanced Commerce API
//! responses: Apple's published examples, and every kind of broken body,
//! each with a documented outcome and never a panic.

use std::error::Error as _;
use std::time::{Duration, SystemTime};

use apple_errors::AppleError;
use apple_errors::body::BodyError;
use apple_errors::retry::{RetryAction, RetryAfterError};
use apple_errors::{advanced_commerce, app_store_server, retention_messaging};

use app_store_server::{ErrorCode, Rejection, Response, Status};

fn reject(status: u16, body: &[u8]) -> Rejection<'_> {
    match Response::new(status, body).classify() {
        Ok(s) => panic!("status {status} was a success: {s:?}"),
        Err(r) => r,
    }
}

#[test]
fn apples_examples() {
    // Transaction id not found, from production: try the sandbox.
    let r = reject(
        404,
        br#"{"errorCode": 4040010, "errorMessage": "Transaction id not found."}"#,
    );
    assert_eq!(r.error_code(), Some(ErrorCode::TransactionIdNotFound));
    assert_eq!(r.code(), Some(4_040_010));
    assert_eq!(r.message(), Some("Transaction id not found."));
    assert_eq!(r.retry().action(), RetryAction::OtherEnvironment);
    assert_eq!(r.known_status(), Some(Status::NotFound));
    assert!(!r.status_disagrees());
    assert_eq!(r.body_error(), None);
    assert_eq!(
        r.to_string(),
        "App Store Server API refused the request with status 404 (4040010 TransactionIdNotFound)"
    );
    assert_eq!(r.raw_code(), Some("4040010"));

    // A code this version does not know keeps its number and message; the
    // status decides.
    let r = reject(
        400,
        br#"{"errorCode": 9990000, "errorMessage": "Something new."}"#,
    );
    assert_eq!((r.code(), r.error_code()), (Some(9_990_000), None));
    assert_eq!(r.message(), Some("Something new."));
    assert_eq!(r.retry(), Status::BadRequest.retry());
    assert_eq!(
        r.to_string(),
        r#"App Store Server API refused the request with status 400 (unknown code "9990000": "Something new.")"#
    );
}

#[test]
fn successes_are_any_2xx() {
    for status in [200, 202, 204, 299] {
        let ok = Response::new(status, b"{}").classify().unwrap();
        assert_eq!(ok.status(), status);
    }
}

#[test]
fn bodies_without_a_code_leave_the_decision_to_the_status() {
    // A bad or expired JWT: 401 without a body. Make a new token.
    let r = reject(401, b"");
    assert_eq!(r.body_error(), Some(BodyError::Empty));
    assert_eq!(r.retry().action(), RetryAction::NewProviderToken);
    assert_eq!(r.code(), None);
    assert_eq!(
        r.source().and_then(|e| e.downcast_ref::<BodyError>()),
        Some(&BodyError::Empty)
    );
    // A malformed request: 400 without a code. Fix it.
    let r = reject(400, br#"{"message":"bad"}"#);
    assert_eq!(r.body_error(), Some(BodyError::MissingCode));
    assert_eq!(r.retry().action(), RetryAction::AfterFix);
    // A proxy's page.
    let r = reject(503, b"<html><body>503</body></html>");
    assert_eq!(r.body_error(), Some(BodyError::Syntax { offset: 0 }));
    assert_eq!(r.retry(), Status::retry_for_code(503));
    assert_eq!(
        r.to_string(),
        "App Store Server API refused the request with status 503"
    );
}

#[test]
fn odd_codes_have_a_documented_outcome() {
    // Not a whole number in 64 bits: no code, but nothing lost either.
    for (body, raw) in [
        (&br#"{"errorCode": "4040010"}"#[..], Some("4040010")),
        (br#"{"errorCode": 4040010.0}"#, Some("4040010.0")),
        (br#"{"errorCode": 4.04001e6}"#, Some("4.04001e6")),
        (
            br#"{"errorCode": 18446744073709551616}"#,
            Some("18446744073709551616"),
        ),
        (br#"{"errorCode": [4040010]}"#, None),
    ] {
        let r = reject(404, body);
        assert_eq!(r.body_error(), Some(BodyError::InvalidCode), "{body:?}");
        assert_eq!((r.code(), r.error_code()), (None, None), "{body:?}");
        assert_eq!(r.raw_code(), raw, "{body:?}");
        assert_eq!(AppleError::raw_code(&r), raw);
        assert_eq!(r.retry(), Status::NotFound.retry());
        if let Some(raw) = raw {
            assert!(
                r.to_string().contains(&format!("(unknown code {raw:?})")),
                "{r}"
            );
        }
    }
    // Without a code, the message is what there is to show.
    let r = reject(400, br#"{"errorMessage": "Bad request."}"#);
    assert_eq!(
        r.to_string(),
        r#"App Store Server API refused the request with status 400 ("Bad request.")"#
    );
    // A negative code is a whole number, just not one Apple uses.
    let r = reject(400, br#"{"errorCode": -4000000}"#);
    assert_eq!(
        (r.code(), r.error_code(), r.body_error()),
        (Some(-4_000_000), None, None)
    );
    // No message is not a problem; a message of another type is.
    let r = reject(404, br#"{"errorCode": 4040010}"#);
    assert_eq!((r.message(), r.body_error()), (None, None));
    assert_eq!(r.error_code(), Some(ErrorCode::TransactionIdNotFound));
    let r = reject(404, br#"{"errorCode": 4040010, "errorMessage": 17}"#);
    assert_eq!(r.body_error(), Some(BodyError::InvalidMessage));
    assert_eq!(r.error_code(), Some(ErrorCode::TransactionIdNotFound));
    // The last of duplicate members wins, whatever came before.
    let r = reject(404, br#"{"errorCode": "x", "errorCode": 4040010}"#);
    assert_eq!(r.error_code(), Some(ErrorCode::TransactionIdNotFound));
}

#[test]
fn a_code_whose_status_disagrees_still_decides() {
    let r = reject(
        500,
        br#"{"errorCode": 4040010, "errorMessage": "Transaction id not found."}"#,
    );
    assert!(r.status_disagrees());
    assert_eq!(r.error_code(), Some(ErrorCode::TransactionIdNotFound));
    assert_eq!(r.retry().action(), RetryAction::OtherEnvironment);
}

#[test]
fn retry_after_is_the_time_to_wait_for() {
    let body = br#"{"errorCode": 4290000, "errorMessage": "Rate limit exceeded."}"#;
    let r = Response::new(429, body)
        .retry_after("1700000060000")
        .classify()
        .unwrap_err();
    assert_eq!(r.error_code(), Some(ErrorCode::RateLimitExceeded));
    assert_eq!(r.retry().action(), RetryAction::AfterDelay);
    assert_eq!(r.retry_at_millis(), Some(1_700_000_060_000));
    assert_eq!(
        r.retry_at(),
        Some(SystemTime::UNIX_EPOCH + Duration::from_millis(1_700_000_060_000))
    );
    assert_eq!(r.retry_after_error(), None);
    let received = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let decision = r.decision(received);
    assert_eq!(decision.policy(), r.retry());
    assert_eq!(decision.least_delay(received), Duration::from_secs(60));

    // A proxy's RFC 9110 forms are read too; they are not Apple's form.
    for (value, wait) in [
        ("120", 120),
        ("Tue, 14 Nov 2023 22:15:00 GMT", 100),
        ("Tuesday, 14-Nov-23 22:15:00 GMT", 100),
        ("Tue Nov 14 22:15:00 2023", 100),
    ] {
        let r = Response::new(429, body)
            .retry_after(value)
            .classify()
            .unwrap_err();
        assert_eq!(r.retry_at_millis(), None, "{value}");
        assert_eq!(
            r.retry_after().map(|v| v.to_string()).as_deref(),
            Some(value)
        );
        let decision = r.decision(received);
        assert_eq!(
            decision.least_delay(received),
            Duration::from_secs(wait),
            "{value}"
        );
    }

    // A value that cannot be read is reported; the decision stands.
    let bad = Response::new(429, body)
        .retry_after("soon")
        .classify()
        .unwrap_err();
    assert_eq!(bad.retry_after_error(), Some(RetryAfterError::Invalid));
    for bad in [
        &b"-1"[..],
        b"1.5",
        b"",
        b"\xFF\xFE",
        b"Wed, 21 Oct 2015 07:28:00 UTC",
    ] {
        let r = Response::new(429, body)
            .retry_after(bad)
            .classify()
            .unwrap_err();
        assert_eq!(r.retry_at_millis(), None, "{bad:?}");
        assert!(r.retry_after_error().is_some(), "{bad:?}");
        assert_eq!(r.retry().action(), RetryAction::AfterDelay);
        assert_eq!(r.decision(received).not_before(), None, "{bad:?}");
    }
}

#[test]
fn rejections_can_outlive_the_body() {
    let owned: Rejection<'static> = {
        let body = String::from(r#"{"errorCode": 9990000, "errorMessage": "Gone \u00e9"}"#);
        reject(400, body.as_bytes()).into_owned()
    };
    assert_eq!(owned.message(), Some("Gone é"));
    assert_eq!(owned.raw_code(), Some("9990000"));
    let boxed: Box<dyn AppleError> = Box::new(owned);
    assert_eq!(boxed.http_status(), Some(400));
}

/// The same reading for the other two APIs, with their own codes: the same
/// numbers can mean something else in each.
#[test]
fn the_other_apis_read_the_same_body() {
    let body = br#"{"errorCode": 4000006, "errorMessage": "Invalid transaction id."}"#;
    let ass = app_store_server::Response::new(400, body)
        .classify()
        .unwrap_err();
    let rm = retention_messaging::Response::new(400, body)
        .classify()
        .unwrap_err();
    let ac = advanced_commerce::Response::new(400, body)
        .classify()
        .unwrap_err();
    assert_eq!(
        ass.error_code().map(|c| c.name()),
        Some("InvalidTransactionId")
    );
    assert_eq!(
        rm.error_code().map(|c| c.name()),
        Some("BadRequestTransactionId")
    );
    assert_eq!(ac.code(), Some(4_000_006));
    assert!(
        rm.to_string()
            .starts_with("Retention Messaging API refused the request with status 400")
    );
    // Advanced Commerce answers a rejected JWT with a code.
    let r = advanced_commerce::Response::new(
        401,
        br#"{"errorCode": 4010000, "errorMessage": "Unauthorized."}"#,
    )
    .classify()
    .unwrap_err();
    assert_eq!(r.error_code().map(|c| c.name()), Some("Unauthorized"));
    assert_eq!(r.retry().action(), RetryAction::NewProviderToken);
    // Retention Messaging lists 5000000 among the errors to retry.
    let r = retention_messaging::Response::new(500, br#"{"errorCode": 5000000}"#)
        .classify()
        .unwrap_err();
    assert_eq!(r.retry().action(), RetryAction::BackOff);
    assert!(!r.retry().is_inferred());
}
