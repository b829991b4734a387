//! APNs broadcast push and channel management: the generated tables against
//! `spec/broadcast.json` and Apple's table, and response classification.

use std::collections::BTreeSet;

use crate::common::{Value, check_statuses, check_values, spec, str_field, strings};
use apple_errors::AppleError;
use apple_errors::apns::broadcast::{GoAway, Operation, Reason, Rejection, Response, Status};
use apple_errors::body::BodyError;
use apple_errors::retry::{RetryAction, TokenAction};

#[test]
fn every_reason_matches_its_spec_entry() {
    check_values!(
        Reason,
        &spec("broadcast.json"),
        |reason: Reason, entry: &Value| {
            assert_eq!(
                u64::from(reason.status().code()),
                entry["status"].as_u64().unwrap(),
                "{reason:?}: status"
            );
            let flags = strings(entry, "flags");
            let known = [
                "undocumented",
                "needs_new_connection",
                "needs_new_provider_token",
            ];
            assert!(
                flags.iter().all(|f| known.contains(f)),
                "untested flag in {flags:?}"
            );
            assert_eq!(reason.is_undocumented(), flags.contains(&"undocumented"));
            assert_eq!(
                reason.needs_new_connection(),
                flags.contains(&"needs_new_connection")
            );
            assert_eq!(
                reason.needs_new_provider_token(),
                flags.contains(&"needs_new_provider_token")
            );
            let inferred = strings(entry, "inferred_flags");
            assert_eq!(
                reason.needs_new_connection_is_inferred(),
                inferred.contains(&"needs_new_connection")
            );
            assert_eq!(
                reason.needs_new_provider_token_is_inferred(),
                inferred.contains(&"needs_new_provider_token")
            );
            // Apple publishes no rules for broadcast: every connection fact
            // is our reading of the device-push rules.
            assert_eq!(
                reason.needs_new_connection_is_inferred(),
                reason.needs_new_connection()
            );
            assert_eq!(
                reason.needs_new_provider_token_is_inferred(),
                reason.needs_new_provider_token()
            );
        }
    );
}

#[test]
fn every_status_matches_its_spec_entry() {
    check_statuses!(Status, &spec("broadcast.json"));
}

#[test]
fn every_operation_matches_its_spec_entry() {
    let spec = spec("broadcast.json");
    let entries = crate::common::array(&spec, "operations");
    assert_eq!(Operation::ALL.len(), entries.len());
    for (op, entry) in Operation::ALL.iter().zip(entries) {
        assert_eq!(format!("{op:?}"), str_field(entry, "name"));
        assert_eq!(op.method(), str_field(entry, "method"));
        assert_eq!(op.path(), str_field(entry, "path"));
        assert_eq!(op.description(), str_field(entry, "description"));
        assert_eq!(
            u64::from(op.success_status().code()),
            entry["success"].as_u64().unwrap()
        );
    }
}

/// Apple's table, "Handling error responses from Apple Push Notification service".
const DOCUMENTED: [(u16, &str); 28] = [
    (400, "FeatureNotEnabled"),
    (400, "MissingChannelId"),
    (400, "BadChannelId"),
    (400, "ChannelNotRegistered"),
    (400, "BadRequestParams"),
    (400, "BadRequestPayload"),
    (400, "PayloadEmpty"),
    (400, "BadMessageId"),
    (400, "MissingPushType"),
    (400, "InvalidPushType"),
    (400, "CannotCreateChannelConfig"),
    (400, "BadExpirationDate"),
    (400, "TopicDisallowed"),
    (400, "BadPriority"),
    (403, "BadCertificate"),
    (403, "BadCertificateEnvironment"),
    (403, "TopicMismatch"),
    (403, "MissingProviderToken"),
    (403, "ExpiredProviderToken"),
    (403, "InvalidProviderToken"),
    (404, "BadPath"),
    (405, "MethodNotAllowed"),
    (413, "PayloadTooLarge"),
    (429, "TooManyRequests"),
    (429, "TooManyProviderTokenUpdates"),
    (500, "InternalServerError"),
    (503, "ServiceUnavailable"),
    (503, "Shutdown"),
];

#[test]
fn the_reasons_are_apples_plus_one_undocumented() {
    let documented: BTreeSet<(u16, &str)> = Reason::ALL
        .iter()
        .filter(|r| !r.is_undocumented())
        .map(|r| (r.status().code(), r.as_str()))
        .collect();
    assert_eq!(documented, DOCUMENTED.into_iter().collect());
    let undocumented: Vec<&str> = Reason::ALL
        .iter()
        .filter(|r| r.is_undocumented())
        .map(|r| r.as_str())
        .collect();
    assert_eq!(undocumented, ["MissingChannelQueueSize"]);
    assert_eq!(Reason::MissingChannelQueueSize.status(), Status::BadRequest);
}

#[test]
fn apples_misprint_is_an_alias() {
    assert_eq!(
        Reason::from_wire("Service Unavailable"),
        Some(Reason::ServiceUnavailable)
    );
    assert_eq!(Reason::ServiceUnavailable.as_str(), "ServiceUnavailable");
}

#[test]
fn statuses_and_operations_are_apples() {
    let codes: Vec<u16> = Status::ALL.iter().map(|s| s.code()).collect();
    assert_eq!(
        codes,
        [200, 201, 204, 400, 403, 404, 405, 408, 413, 429, 500, 503]
    );
    assert!(Status::from_code(410).is_none(), "broadcast has no 410");
    // 408 is not Apple's: a proxy or load balancer sends it.
    assert!(
        Status::RequestTimeout
            .description()
            .contains("proxy or load balancer")
    );
    assert!(
        !Reason::ALL
            .iter()
            .any(|r| r.status() == Status::RequestTimeout)
    );
    let success: Vec<(&str, &str, u16)> = Operation::ALL
        .iter()
        .map(|op| (op.method(), op.path(), op.success_status().code()))
        .collect();
    assert_eq!(
        success,
        [
            ("POST", "/1/apps/{bundleId}/channels", 201),
            ("GET", "/1/apps/{bundleId}/channels", 200),
            ("DELETE", "/1/apps/{bundleId}/channels", 204),
            ("GET", "/1/apps/{bundleId}/all-channels", 200),
            ("POST", "/4/broadcasts/apps/{bundleId}", 200),
        ]
    );
}

#[test]
fn every_rule_is_marked_as_inferred() {
    for reason in Reason::ALL {
        assert!(reason.retry().is_inferred(), "{reason:?}");
    }
    for status in Status::ALL.iter().filter(|s| !s.is_success()) {
        assert!(status.retry().is_inferred(), "{status:?}");
    }
}

#[test]
fn the_remedies_that_matter() {
    // Channels do not cross environments, so an unknown channel may be the
    // other environment's: check before dropping it.
    let gone = Reason::ChannelNotRegistered.retry();
    assert_eq!(
        (gone.action(), gone.token()),
        (RetryAction::Never, TokenAction::CheckEnvironment)
    );
    assert!(gone.is_token_inferred());
    assert!(
        Reason::ChannelNotRegistered
            .description()
            .contains("other environment")
    );
    assert!(
        Reason::CannotCreateChannelConfig
            .remedy()
            .contains("10,000")
    );
    assert!(
        Reason::CannotCreateChannelConfig
            .remedy()
            .contains("Delete")
    );
    assert!(Reason::FeatureNotEnabled.remedy().contains("Enable"));
    assert!(
        Reason::BadExpirationDate
            .remedy()
            .contains("`message-storage-policy` 0, send 0")
    );
    let gone = Reason::ChannelNotRegistered.remedy();
    assert!(
        gone.contains("environment")
            && gone.contains("stop using this ID")
            && gone.contains("create a new channel"),
        "{gone}"
    );
    // Broadcast pushes must carry `apns-priority` and `apns-expiration`.
    let priority = Reason::BadPriority.remedy();
    assert!(priority.contains("must always carry"), "{priority}");
    for omit in ["leave", "omit", "without"] {
        assert!(!priority.contains(omit), "{priority}");
    }
    // Apple's 503 rule, applied by analogy, with the reconnect advice kept.
    let shutdown = Reason::Shutdown.retry();
    assert_eq!(shutdown.action(), RetryAction::BackOff);
    assert_eq!(
        shutdown.min_delay(),
        Some(std::time::Duration::from_secs(900))
    );
    assert!(Reason::Shutdown.remedy().contains("new connection"));
    let tokens = Reason::TooManyProviderTokenUpdates.remedy();
    assert!(
        tokens.contains("last provider token APNs accepted"),
        "{tokens}"
    );
    let status = Status::TooManyRequests.remedy();
    assert!(
        status.contains("`TooManyRequests`") && status.contains("`TooManyProviderTokenUpdates`"),
        "{status}"
    );
}

#[test]
fn broadcast_text_is_its_own() {
    use apple_errors::apns;
    for reason in Reason::ALL {
        if let Some(device) = apns::Reason::from_wire(reason.as_str()) {
            assert_ne!(reason.description(), device.description(), "{reason:?}");
            assert_ne!(reason.remedy(), device.remedy(), "{reason:?}");
        }
    }
}

fn reject(op: Operation, status: u16, body: &[u8]) -> Rejection {
    match Response::new(op, status, body).classify() {
        Ok(s) => panic!("{op:?} {status} classified as success: {s:?}"),
        Err(r) => r,
    }
}

#[test]
fn each_operation_succeeds_with_its_own_status_only() {
    for &op in Operation::ALL {
        let ok = op.success_status().code();
        let success = Response::new(op, ok, b"")
            .request_id("req")
            .classify()
            .unwrap();
        assert_eq!(success.operation(), op);
        assert_eq!(success.request_id().unwrap().as_str(), Some("req"));
        for other in [200, 201, 204].into_iter().filter(|c| *c != ok) {
            let r = reject(op, other, b"");
            assert!(r.is_unexpected_success(), "{op:?} {other}");
            assert_eq!(r.retry(), Operation::retry_for_unexpected_success());
            assert!(!r.retry().may_retry(), "it may have taken effect");
            assert_eq!(r.remedy(), Operation::remedy_for_unexpected_success());
            assert_eq!(
                r.to_string(),
                format!("APNs answered {op:?} with status {other}, not its success status {ok}")
            );
        }
    }
}

#[test]
fn success_keeps_the_returned_ids() {
    let created = Response::new(Operation::CreateChannel, 201, b"")
        .channel_id("dHN0LTEyMzQ1Njc4OTA=")
        .classify()
        .unwrap();
    assert_eq!(
        created.channel_id().unwrap().as_str(),
        Some("dHN0LTEyMzQ1Njc4OTA=")
    );
    let sent = Response::new(Operation::Broadcast, 200, b"")
        .unique_id("a8f90e6b-c6e8-4bda-9d07-17e2c1b1a6a2")
        .classify()
        .unwrap();
    assert!(sent.unique_id().is_some());
    assert!(sent.channel_id().is_none());
}

#[test]
fn a_rejection_keeps_reason_and_request_id() {
    let r = Response::new(
        Operation::CreateChannel,
        400,
        br#"{"reason":"CannotCreateChannelConfig"}"#,
    )
    .request_id(b"\xFFraw")
    .classify()
    .unwrap_err();
    assert_eq!(r.operation(), Operation::CreateChannel);
    assert_eq!(r.reason(), Some(Reason::CannotCreateChannelConfig));
    assert_eq!(r.request_id().unwrap().as_bytes(), b"\xFFraw");
    assert_eq!(r.retry(), Reason::CannotCreateChannelConfig.retry());
    assert!(!r.is_unexpected_success());
    assert_eq!(r.http_status(), Some(400));
}

#[test]
fn the_misprinted_reason_keeps_its_spelling() {
    let r = reject(
        Operation::Broadcast,
        503,
        br#"{"reason":"Service Unavailable"}"#,
    );
    assert_eq!(r.reason(), Some(Reason::ServiceUnavailable));
    assert_eq!(r.raw_reason(), Some("Service Unavailable"));
}

#[test]
fn unknown_reasons_and_bad_bodies_fall_back_to_the_status() {
    let r = reject(
        Operation::ReadChannel,
        400,
        br#"{"reason":"ChannelArchived"}"#,
    );
    assert_eq!(
        (r.reason(), r.raw_reason()),
        (None, Some("ChannelArchived"))
    );
    assert_eq!(r.retry(), Status::BadRequest.retry());

    for (body, error) in [
        (&b""[..], BodyError::Empty),
        (b"<html>", BodyError::Syntax { offset: 0 }),
        (b"\xC3\x28", BodyError::InvalidUtf8 { valid_up_to: 0 }),
        (br#"{"reason":17}"#, BodyError::ReasonNotString),
        (br#"["x"]"#, BodyError::NotObject),
    ] {
        let r = reject(Operation::DeleteChannel, 500, body);
        assert_eq!(r.body_error(), Some(error), "{body:?}");
        assert_eq!(r.retry(), Status::InternalServerError.retry());
    }
    let r = reject(Operation::Broadcast, 502, b"");
    assert_eq!(r.retry().action(), RetryAction::BackOff);
    assert_eq!(r.description(), None);
}

#[test]
fn a_timestamp_is_not_expected_and_not_an_error() {
    let r = reject(
        Operation::Broadcast,
        400,
        br#"{"reason":"PayloadEmpty","timestamp":false}"#,
    );
    assert_eq!(r.body_error(), None);
}

#[test]
fn goaway_data_uses_broadcast_reasons() {
    let g = GoAway::parse(br#"{"reason":"Service Unavailable"}"#);
    assert_eq!(g.reason(), Some(Reason::ServiceUnavailable));
    assert_eq!(g.retry().action(), RetryAction::NewConnection);
}
