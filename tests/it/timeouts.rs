//! HTTP 408 on every surface with a status table: a proxy or load balancer
//! between the client and Apple gave up waiting. That is a timeout, not a
//! fault in the request, so the answer is to wait and send again (our
//! reading: Apple documents no 408). The spec entries are read here
//! directly, and responses are classified end to end.

use crate::common::{Value, array, bool_field, spec, str_field};
use apple_errors::retry::{RetryAction, RetryPolicy};
use apple_errors::{apns, app_store_connect};

/// The spec's 408 entry, checked for what every surface must say.
fn timeout_entry(file: &str) -> Value {
    let spec = spec(file);
    let entry = array(&spec, "statuses")
        .iter()
        .find(|s| s["code"].as_u64() == Some(408))
        .unwrap_or_else(|| panic!("{file}: no 408 entry"))
        .clone();
    assert_eq!(str_field(&entry, "name"), "RequestTimeout", "{file}");
    assert!(!bool_field(&entry, "success"), "{file}");
    let retry = &entry["retry"];
    assert_eq!(str_field(retry, "action"), "after_delay", "{file}");
    assert!(
        bool_field(retry, "inferred"),
        "{file}: Apple documents no 408"
    );
    assert!(retry.get("token").is_none(), "{file}: the token is fine");
    let description = str_field(&entry, "description");
    assert!(
        description.contains("proxy or load balancer"),
        "{file}: say who sends it: {description}"
    );
    entry
}

fn is_wait_and_retry(policy: RetryPolicy) -> bool {
    policy.action() == RetryAction::AfterDelay && policy.is_inferred() && policy.may_retry()
}

#[test]
fn every_status_table_reads_408_as_a_timeout() {
    for file in [
        "apns.json",
        "broadcast.json",
        "app_store_connect.json",
        "app_store_server.json",
        "retention_messaging.json",
        "advanced_commerce.json",
    ] {
        timeout_entry(file);
    }
    assert!(is_wait_and_retry(
        apple_errors::app_store_server::Status::retry_for_code(408)
    ));
    assert!(is_wait_and_retry(
        apple_errors::retention_messaging::Status::retry_for_code(408)
    ));
    assert!(is_wait_and_retry(
        apple_errors::advanced_commerce::Status::retry_for_code(408)
    ));
    assert!(is_wait_and_retry(apns::Status::retry_for_code(408)));
    assert!(is_wait_and_retry(apns::broadcast::Status::retry_for_code(
        408
    )));
    assert!(is_wait_and_retry(
        app_store_connect::Status::retry_for_code(408)
    ));
    // The class rule for other unlisted 4xx is unchanged: fix the request.
    for code in [402, 418, 499] {
        assert_eq!(
            apns::Status::retry_for_code(code).action(),
            RetryAction::AfterFix
        );
        assert_eq!(
            apns::broadcast::Status::retry_for_code(code).action(),
            RetryAction::AfterFix
        );
        assert_eq!(
            app_store_connect::Status::retry_for_code(code).action(),
            RetryAction::AfterFix
        );
    }
}

/// What an intermediary typically sends with its 408.
const PROXY_PAGE: &[u8] = b"<html><body><h1>408 Request Time-out</h1></body></html>";

#[test]
fn a_proxys_408_is_classified_as_a_timeout() {
    let apns = apns::Response::new(408, PROXY_PAGE).classify().unwrap_err();
    assert!(is_wait_and_retry(apns.retry()));
    assert_eq!(apns.remedy(), apns::Status::RequestTimeout.remedy());

    let op = apns::broadcast::Operation::Broadcast;
    let broadcast = apns::broadcast::Response::new(op, 408, PROXY_PAGE)
        .classify()
        .unwrap_err();
    assert!(is_wait_and_retry(broadcast.retry()));

    let connect = app_store_connect::Response::new(408, PROXY_PAGE)
        .classify()
        .unwrap_err();
    assert!(is_wait_and_retry(connect.retry()));
    assert_eq!(
        connect.known_status(),
        Some(app_store_connect::Status::RequestTimeout)
    );
    assert!(connect.body_error().is_some(), "the page is not JSON");

    let store = apple_errors::app_store_server::Response::new(408, PROXY_PAGE)
        .classify()
        .unwrap_err();
    assert!(is_wait_and_retry(store.retry()));
    assert_eq!(store.code(), None);
}
