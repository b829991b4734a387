//! Checks the APNs tables against Apple's documentation, transcribed here
//! independently of the spec file: the wire values must be exact, and the
//! rules Apple states must hold.

use std::collections::BTreeSet;
use std::time::Duration;

use apple_errors::apns::{Reason, Status};
use apple_errors::retry::{RetryAction, TokenAction};

/// Apple's table, "Handling notification responses from APNs".
const DOCUMENTED: [(u16, &str); 32] = [
    (400, "BadCollapseId"),
    (400, "BadDeviceToken"),
    (400, "BadExpirationDate"),
    (400, "BadMessageId"),
    (400, "BadPriority"),
    (400, "BadTopic"),
    (400, "DeviceTokenNotForTopic"),
    (400, "DuplicateHeaders"),
    (400, "IdleTimeout"),
    (400, "InvalidPushType"),
    (400, "MissingDeviceToken"),
    (400, "MissingTopic"),
    (400, "PayloadEmpty"),
    (400, "TopicDisallowed"),
    (403, "BadCertificate"),
    (403, "BadCertificateEnvironment"),
    (403, "ExpiredProviderToken"),
    (403, "Forbidden"),
    (403, "InvalidProviderToken"),
    (403, "MissingProviderToken"),
    (403, "UnrelatedKeyIdInToken"),
    (403, "BadEnvironmentKeyIdInToken"),
    (404, "BadPath"),
    (405, "MethodNotAllowed"),
    (410, "ExpiredToken"),
    (410, "Unregistered"),
    (413, "PayloadTooLarge"),
    (429, "TooManyProviderTokenUpdates"),
    (429, "TooManyRequests"),
    (500, "InternalServerError"),
    (503, "ServiceUnavailable"),
    (503, "Shutdown"),
];

#[test]
fn the_reasons_are_exactly_apples() {
    let ours: BTreeSet<(u16, &str)> = Reason::ALL
        .iter()
        .map(|r| (r.status().code(), r.as_str()))
        .collect();
    let apples: BTreeSet<(u16, &str)> = DOCUMENTED.into_iter().collect();
    assert_eq!(ours, apples);
}

#[test]
fn the_statuses_are_apples_plus_an_intermediarys_timeout() {
    let codes: Vec<u16> = Status::ALL.iter().map(|s| s.code()).collect();
    assert_eq!(
        codes,
        [200, 400, 403, 404, 405, 408, 410, 413, 429, 500, 503]
    );
    assert!(
        Status::ALL
            .iter()
            .all(|s| s.is_success() == (s.code() == 200))
    );
    // 408 is not Apple's: a proxy or load balancer sends it, so it is no
    // fault in the request and its rule is ours.
    let timeout = Status::RequestTimeout;
    assert_eq!(timeout.code(), 408);
    assert_eq!(timeout.retry().action(), RetryAction::AfterDelay);
    assert!(timeout.retry().is_inferred());
    assert!(timeout.description().contains("proxy or load balancer"));
    assert!(!Reason::ALL.iter().any(|r| r.status() == timeout));
}

#[test]
fn the_reported_misspelling_is_an_alias() {
    assert_eq!(
        Reason::from_wire("BadEnvironmentKeyInToken"),
        Some(Reason::BadEnvironmentKeyIdInToken)
    );
    assert_eq!(
        Reason::BadEnvironmentKeyIdInToken.as_str(),
        "BadEnvironmentKeyIdInToken"
    );
}

#[test]
fn apple_says_never_retry_these() {
    for reason in [
        Reason::BadDeviceToken,
        Reason::DeviceTokenNotForTopic,
        Reason::Forbidden,
        Reason::ExpiredToken,
        Reason::Unregistered,
        Reason::PayloadTooLarge,
    ] {
        assert_eq!(reason.retry().action(), RetryAction::Never, "{reason:?}");
        assert!(!reason.retry().may_retry());
    }
}

#[test]
fn server_errors_wait_at_least_fifteen_minutes() {
    let fifteen = Duration::from_secs(15 * 60);
    // Every 5xx reason, Shutdown included: Apple's rule for the class wins
    // over any advice of ours.
    let server_errors: Vec<Reason> = Reason::ALL
        .iter()
        .copied()
        .filter(|r| r.status().code() >= 500)
        .collect();
    assert_eq!(
        server_errors,
        [
            Reason::InternalServerError,
            Reason::ServiceUnavailable,
            Reason::Shutdown
        ]
    );
    for reason in server_errors {
        assert_eq!(reason.retry().action(), RetryAction::BackOff, "{reason:?}");
        assert_eq!(reason.retry().min_delay(), Some(fifteen), "{reason:?}");
        assert!(
            !reason.retry().is_inferred(),
            "{reason:?}: Apple states this rule"
        );
    }
    for code in [500, 502, 503, 504] {
        let policy = Status::retry_for_code(code);
        assert_eq!(policy.action(), RetryAction::BackOff, "{code}");
        assert_eq!(policy.min_delay(), Some(fifteen), "{code}");
        assert!(!policy.is_inferred(), "{code}");
    }
}

#[test]
fn shutdown_keeps_apples_rule_and_the_advice_to_reconnect() {
    let remedy = Reason::Shutdown.remedy();
    assert!(remedy.contains("15 minutes"), "{remedy}");
    assert!(remedy.contains("new connection"), "{remedy}");
    assert!(
        remedy.contains("our reading"),
        "the reconnect advice is ours: {remedy}"
    );
    let status = Status::ServiceUnavailable.remedy();
    assert!(
        status.contains("15 minutes") && status.contains("`Shutdown`"),
        "{status}"
    );
}

#[test]
fn too_many_requests_waits() {
    let reason = Reason::TooManyRequests.retry();
    assert_eq!(reason.action(), RetryAction::AfterDelay);
    assert!(!reason.is_inferred(), "Apple states it for this reason");
    // The status also carries TooManyProviderTokenUpdates, for which Apple
    // states no delay: applying the delay to the status is our reading, and
    // its text must fit both reasons.
    let status = Status::TooManyRequests;
    assert_eq!(status.retry().action(), RetryAction::AfterDelay);
    assert!(status.retry().is_inferred());
    for text in [status.description(), status.remedy()] {
        assert!(text.contains("device token"), "{text}");
        assert!(
            text.contains("provider-token") || text.contains("provider token"),
            "{text}"
        );
    }
    assert!(status.remedy().contains("`TooManyRequests`"));
    assert!(status.remedy().contains("`TooManyProviderTokenUpdates`"));
    assert!(
        status
            .remedy()
            .contains("last provider token APNs accepted")
    );
}

#[test]
fn provider_tokens_are_replaced_at_most_every_twenty_minutes() {
    let policy = Reason::TooManyProviderTokenUpdates.retry();
    assert_eq!(policy.action(), RetryAction::ReuseProviderToken);
    assert_eq!(
        policy.provider_token_min_age(),
        Some(Duration::from_secs(20 * 60))
    );
    assert_eq!(
        policy.min_delay(),
        None,
        "the request itself may go again at once"
    );
    assert!(!policy.is_inferred(), "Apple states the 20 minutes");
    let remedy = Reason::TooManyProviderTokenUpdates.remedy();
    assert!(
        remedy.contains("the last one APNs accepted") && remedy.contains("20 minutes"),
        "the remedy names the token to keep: {remedy}"
    );
}

#[test]
fn apples_own_statements_are_not_marked_inferred() {
    // Apple's reason table says what to do about these two.
    for (reason, action) in [
        (Reason::ExpiredProviderToken, RetryAction::NewProviderToken),
        (Reason::UnrelatedKeyIdInToken, RetryAction::NewConnection),
    ] {
        assert_eq!(reason.retry().action(), action, "{reason:?}");
        assert!(!reason.retry().is_inferred(), "{reason:?}");
    }
}

#[test]
fn inferred_actions_are_marked_as_such() {
    let idle = Reason::IdleTimeout.retry();
    assert_eq!(idle.action(), RetryAction::NewConnection);
    assert!(idle.is_inferred(), "Apple only names the timeout");
    for code in [401, 402, 406, 418, 499, 600, 0] {
        assert!(Status::retry_for_code(code).is_inferred(), "{code}");
    }
}

#[test]
fn every_410_drops_the_token_and_is_not_an_error_condition() {
    for reason in Reason::ALL.iter().filter(|r| r.status() == Status::Gone) {
        assert_eq!(reason.retry().token(), TokenAction::Drop, "{reason:?}");
        assert!(
            reason.retry().is_token_inferred(),
            "common practice, not Apple's words"
        );
        assert!(!reason.is_error_condition(), "{reason:?}");
    }
    assert!(!Status::Gone.is_error_condition());
    assert!(!Status::Success.is_error_condition());
    assert!(Status::BadRequest.is_error_condition());
    let others = Reason::ALL.iter().filter(|r| r.status() != Status::Gone);
    for reason in others {
        assert_ne!(reason.retry().token(), TokenAction::Drop, "{reason:?}");
        assert!(reason.is_error_condition(), "{reason:?}");
    }
}

#[test]
fn a_bad_device_token_may_be_an_environment_mix_up() {
    let policy = Reason::BadDeviceToken.retry();
    assert_eq!(policy.token(), TokenAction::CheckEnvironment);
    assert!(policy.is_token_inferred());
    assert!(!policy.is_inferred(), "Apple says never retry it");
    let policy = Reason::DeviceTokenNotForTopic.retry();
    assert_eq!(policy.token(), TokenAction::CheckTopic);
    assert!(policy.is_token_inferred());
    assert!(!policy.is_inferred(), "Apple says never retry it");
    assert!(Reason::BadDeviceToken.closes_connection_sooner());
}
