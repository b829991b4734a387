//! The limits that bound the memory a body can make a parser hold: past
//! each, the rest is skipped and reported as `BodyError::TooMany`, and what
//! came before is kept.

use apple_errors::HeaderId;
use apple_errors::apns;
use apple_errors::app_store_connect::{self, ErrorResponse};
use apple_errors::app_store_server::notifications::{
    CheckTestNotificationResponse, NotificationHistoryResponse,
};
use apple_errors::body::{
    BodyError, MAX_ASSOCIATED_PATHS, MAX_ERRORS, MAX_HISTORY_ITEMS, MAX_SEND_ATTEMPTS, ParseError,
};

fn list(item: impl Fn(usize) -> String, n: usize) -> String {
    (0..n).map(item).collect::<Vec<_>>().join(",")
}

fn attempt(i: usize) -> String {
    format!(r#"{{"attemptDate":{i},"sendAttemptResult":"TIMED_OUT"}}"#)
}

fn history(items: usize, attempts: usize) -> String {
    let item = |i| {
        format!(
            r#"{{"signedPayload":"p{i}","sendAttempts":[{}]}}"#,
            list(attempt, attempts)
        )
    };
    format!(
        r#"{{"notificationHistory":[{}],"hasMore":true,"paginationToken":"t"}}"#,
        list(item, items)
    )
}

#[test]
fn history_items_past_the_limit_are_skipped_and_reported() {
    let at_limit =
        NotificationHistoryResponse::parse(history(MAX_HISTORY_ITEMS, 1).as_bytes()).unwrap();
    assert_eq!(at_limit.items().len(), MAX_HISTORY_ITEMS);
    assert_eq!(at_limit.body_error(), None);

    let over =
        NotificationHistoryResponse::parse(history(MAX_HISTORY_ITEMS + 5, 1).as_bytes()).unwrap();
    assert_eq!(over.items().len(), MAX_HISTORY_ITEMS);
    let last = &over.items()[MAX_HISTORY_ITEMS - 1];
    assert_eq!(
        last.signed_payload(),
        Some(&*format!("p{}", MAX_HISTORY_ITEMS - 1))
    );
    // Members after the list are still read.
    assert_eq!(
        (over.has_more(), over.pagination_token()),
        (Some(true), Some("t"))
    );
    let error = over.body_error().unwrap();
    assert_eq!(
        error,
        BodyError::TooMany {
            what: "notification history items",
            limit: MAX_HISTORY_ITEMS
        }
    );
    assert_eq!(
        error.to_string(),
        "the body lists more than 200 notification history items; the rest were skipped"
    );
    assert!(!error.is_whole_body());
}

#[test]
fn send_attempts_past_the_limit_are_skipped_and_reported() {
    let over =
        NotificationHistoryResponse::parse(history(2, MAX_SEND_ATTEMPTS + 1).as_bytes()).unwrap();
    for item in over.items() {
        let attempts = item.send_attempts();
        assert_eq!(attempts.len(), MAX_SEND_ATTEMPTS);
        assert_eq!(
            attempts[MAX_SEND_ATTEMPTS - 1].attempt_date_millis(),
            MAX_SEND_ATTEMPTS as u64 - 1
        );
    }
    let too_many = BodyError::TooMany {
        what: "send attempts in one notification",
        limit: MAX_SEND_ATTEMPTS,
    };
    assert_eq!(over.body_error(), Some(too_many));
    let at_limit =
        NotificationHistoryResponse::parse(history(2, MAX_SEND_ATTEMPTS).as_bytes()).unwrap();
    assert_eq!(at_limit.body_error(), None);

    let status = format!(
        r#"{{"sendAttempts":[{}]}}"#,
        list(attempt, MAX_SEND_ATTEMPTS + 1)
    );
    let status = CheckTestNotificationResponse::parse(status.as_bytes()).unwrap();
    assert_eq!(status.send_attempts().len(), MAX_SEND_ATTEMPTS);
    assert_eq!(status.body_error(), Some(too_many));
}

#[test]
fn skipped_elements_are_still_checked_as_json() {
    let broken = format!(
        r#"{{"notificationHistory":[{},{{]}}"#,
        list(|_| "{}".into(), MAX_HISTORY_ITEMS)
    );
    assert!(matches!(
        NotificationHistoryResponse::parse(broken.as_bytes()),
        Err(ParseError::Body(BodyError::Syntax { .. }))
    ));
}

fn error(i: usize) -> String {
    format!(r#"{{"status":"409","code":"E{i}","title":"t"}}"#)
}

#[test]
fn errors_past_the_limit_are_skipped_and_reported() {
    let body = format!(r#"{{"errors":[{}]}}"#, list(error, MAX_ERRORS + 1));
    let parsed = ErrorResponse::parse(body.as_bytes()).unwrap();
    assert_eq!(parsed.errors().len(), MAX_ERRORS);
    assert_eq!(
        parsed.errors()[MAX_ERRORS - 1].code().as_str(),
        format!("E{}", MAX_ERRORS - 1)
    );
    let too_many = BodyError::TooMany {
        what: "errors",
        limit: MAX_ERRORS,
    };
    assert_eq!(parsed.body_error(), Some(too_many));
    let rejection = app_store_connect::Response::new(409, &body)
        .classify()
        .unwrap_err();
    assert_eq!(rejection.errors().len(), MAX_ERRORS);
    assert_eq!(rejection.body_error(), Some(&ParseError::Body(too_many)));

    let body = format!(r#"{{"errors":[{}]}}"#, list(error, MAX_ERRORS));
    assert_eq!(
        ErrorResponse::parse(body.as_bytes()).unwrap().body_error(),
        None
    );
}

#[test]
fn associated_errors_count_against_the_same_limit() {
    // One top-level error with MAX_ERRORS associated ones: one too many.
    let body = format!(
        r#"{{"errors":[{{"status":"409","code":"TOP","title":"t","meta":{{"associatedErrors":{{"/a":[{}]}}}}}}]}}"#,
        list(error, MAX_ERRORS)
    );
    let parsed = ErrorResponse::parse(body.as_bytes()).unwrap();
    let associated = parsed.errors()[0].associated_errors();
    assert_eq!(associated[0].1.len(), MAX_ERRORS - 1);
    assert_eq!(
        parsed.body_error().map(|e| e.to_string()).as_deref(),
        Some("the body lists more than 100 errors; the rest were skipped")
    );
}

#[test]
fn associated_request_paths_past_the_limit_are_skipped() {
    let paths = list(|i| format!(r#""/p{i}":[]"#), MAX_ASSOCIATED_PATHS + 1);
    let body = format!(
        r#"{{"errors":[{{"status":"409","code":"TOP","title":"t","meta":{{"associatedErrors":{{{paths}}}}}}}]}}"#
    );
    let parsed = ErrorResponse::parse(body.as_bytes()).unwrap();
    let associated = parsed.errors()[0].associated_errors();
    assert_eq!(associated.len(), MAX_ASSOCIATED_PATHS);
    assert_eq!(
        associated[MAX_ASSOCIATED_PATHS - 1].0,
        format!("/p{}", MAX_ASSOCIATED_PATHS - 1)
    );
    assert_eq!(
        parsed.body_error(),
        Some(BodyError::TooMany {
            what: "request paths of associated errors",
            limit: MAX_ASSOCIATED_PATHS
        })
    );
}

#[test]
fn a_field_problem_outranks_the_limit() {
    let body = format!(
        r#"{{"errors":[{{"code":"X"}},{}]}}"#,
        list(error, MAX_ERRORS)
    );
    assert!(matches!(
        ErrorResponse::parse(body.as_bytes()),
        Err(ParseError::Field { .. })
    ));
    let rejection = app_store_connect::Response::new(409, &body)
        .classify()
        .unwrap_err();
    assert_eq!(rejection.errors().len(), MAX_ERRORS);
    assert!(matches!(
        rejection.body_error(),
        Some(ParseError::Field { .. })
    ));
}

#[test]
fn id_headers_over_the_limit_are_refused_and_the_decision_made() {
    let long = vec![b'a'; HeaderId::MAX_LEN + 1];
    let rejection = apns::Response::new(410, br#"{"reason":"Unregistered","timestamp":1}"#)
        .apns_id(&long)
        .unique_id("EC1BF194-B3B2-424A-89A9-5A918A6E6B5E")
        .classify()
        .unwrap_err();
    assert_eq!(rejection.reason(), Some(apns::Reason::Unregistered));
    let ids = rejection.ids();
    assert_eq!(
        ids.apns_id().unwrap().too_long(),
        Some(HeaderId::MAX_LEN + 1)
    );
    assert_eq!(ids.unique_id().unwrap().too_long(), None);
    let kept = vec![b'a'; HeaderId::MAX_LEN];
    let delivered = apns::Response::new(200, b"")
        .apns_id(&kept)
        .classify()
        .unwrap();
    assert_eq!(delivered.ids().apns_id().unwrap().as_bytes(), &kept[..]);
}
