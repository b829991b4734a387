//! Labels for metrics and logs: every known value, status and retry or
//! token action has one, made by one rule, unique across the crate, and
//! pinned in `labels.txt` so that a change to one (which breaks whoever
//! counts by it) shows up as a failing test and a diff. Rejections map
//! unknown values to one label per surface.

use std::collections::BTreeSet;

use apple_errors::apns::{self, broadcast};
use apple_errors::app_store_server::notifications::SendAttemptResult;
use apple_errors::retry::{RetryAction, TokenAction};
use apple_errors::{
    AppleError, KnownValue, advanced_commerce, app_store_connect, app_store_server,
    retention_messaging,
};

use crate::common::snake_case;

/// Every label of `T`, the unknown one included.
fn labels_of<T: KnownValue>() -> impl Iterator<Item = &'static str> {
    T::ALL.iter().map(|v| v.label()).chain([T::UNKNOWN_LABEL])
}

fn every_label() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = Vec::new();
    all.extend(labels_of::<apns::Reason>());
    all.extend(labels_of::<apns::Status>());
    all.extend(labels_of::<broadcast::Reason>());
    all.extend(labels_of::<broadcast::Status>());
    all.extend(labels_of::<SendAttemptResult>());
    all.extend(labels_of::<app_store_connect::ErrorCodeFamily>());
    all.extend(labels_of::<app_store_connect::Status>());
    all.extend(labels_of::<app_store_server::ErrorCode>());
    all.extend(labels_of::<app_store_server::Status>());
    all.extend(labels_of::<retention_messaging::ErrorCode>());
    all.extend(labels_of::<retention_messaging::Status>());
    all.extend(labels_of::<advanced_commerce::ErrorCode>());
    all.extend(labels_of::<advanced_commerce::Status>());
    all.extend(RetryAction::ALL.iter().map(|a| a.label()));
    all.extend(TokenAction::ALL.iter().map(|a| a.label()));
    all
}

#[test]
fn labels_are_unique_and_low_cardinality_text() {
    let all = every_label();
    let unique: BTreeSet<_> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "a label names one thing");
    for label in all {
        let well_formed = label.split('.').count() >= 2
            && label.split('.').all(|part| {
                part.starts_with(|c: char| c.is_ascii_lowercase())
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            });
        assert!(well_formed, "{label:?}: dotted snake_case");
    }
}

#[test]
fn labels_are_the_module_path_and_the_variant_name() {
    fn check<T: KnownValue>(prefix: &str) {
        for v in T::ALL {
            let expected = format!("{prefix}.{}", snake_case(&format!("{v:?}")));
            assert_eq!(v.label(), expected);
        }
        assert_eq!(T::UNKNOWN_LABEL, format!("{prefix}.unknown"));
    }
    check::<apns::Reason>("apns");
    check::<apns::Status>("apns.status");
    check::<broadcast::Reason>("apns.broadcast");
    check::<SendAttemptResult>("app_store_server.notifications");
    check::<app_store_connect::ErrorCodeFamily>("app_store_connect");
    check::<app_store_connect::Status>("app_store_connect.status");
    check::<app_store_server::ErrorCode>("app_store_server");
    check::<retention_messaging::ErrorCode>("retention_messaging");
    check::<advanced_commerce::Status>("advanced_commerce.status");
    check::<advanced_commerce::ErrorCode>("advanced_commerce");
    assert_eq!(
        apns::Reason::BadDeviceToken.label(),
        "apns.bad_device_token"
    );
    assert_eq!(
        broadcast::Reason::ChannelNotRegistered.label(),
        "apns.broadcast.channel_not_registered"
    );
    assert_eq!(
        app_store_server::ErrorCode::TransactionIdNotFound.label(),
        "app_store_server.transaction_id_not_found"
    );
    // A plural acronym stays one word.
    assert_eq!(
        advanced_commerce::ErrorCode::DependentSKUsCannotBeChained.label(),
        "advanced_commerce.dependent_skus_cannot_be_chained"
    );
    // Apple's own `OTHER` result is a known value, not the unknown label.
    assert_eq!(
        SendAttemptResult::Other.label(),
        "app_store_server.notifications.other"
    );
}

#[test]
fn action_labels_are_the_spec_keywords() {
    for a in RetryAction::ALL {
        assert_eq!(
            a.label(),
            format!("retry.{}", snake_case(&format!("{a:?}")))
        );
    }
    for t in TokenAction::ALL {
        assert_eq!(
            t.label(),
            format!("token.{}", snake_case(&format!("{t:?}")))
        );
    }
    assert_eq!(RetryAction::BackOff.label(), "retry.back_off");
    assert_eq!(TokenAction::Drop.label(), "token.drop");
}

/// The labels are an interface: dashboards and alerts count by them.
/// `UPDATE_SNAPSHOTS=1` rewrites `labels.txt` for review.
#[test]
fn labels_are_stable() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/labels.txt");
    let mut now: Vec<&str> = every_label();
    now.sort_unstable();
    let text = now.join("\n") + "\n";
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &text).expect("labels.txt is writable");
        return;
    }
    let pinned = std::fs::read_to_string(path).expect("tests/it/labels.txt exists");
    let pinned: BTreeSet<&str> = pinned.lines().collect();
    let now: BTreeSet<&str> = now.into_iter().collect();
    let gone: Vec<_> = pinned.difference(&now).collect();
    let new: Vec<_> = now.difference(&pinned).collect();
    assert!(
        gone.is_empty() && new.is_empty(),
        "labels changed (gone: {gone:?}; new: {new:?}); a renamed label breaks whoever counts by \
         it. If that is intended, run with UPDATE_SNAPSHOTS=1 and commit tests/it/labels.txt"
    );
}

#[test]
fn rejections_label_known_values_and_bound_the_rest() {
    let label = |status, body: &[u8]| {
        apns::Response::new(status, body)
            .classify()
            .unwrap_err()
            .label()
    };
    assert_eq!(
        label(400, br#"{"reason":"BadDeviceToken"}"#),
        "apns.bad_device_token"
    );
    // An alias is the same value, so the same label.
    assert_eq!(
        label(403, br#"{"reason":"BadEnvironmentKeyInToken"}"#),
        apns::Reason::BadEnvironmentKeyIdInToken.label()
    );
    let unknown = apns::Response::new(400, br#"{"reason":"BrandNew"}"#)
        .classify()
        .unwrap_err();
    assert_eq!(unknown.label(), "apns.unknown");
    assert_eq!(unknown.raw_reason(), Some("BrandNew"));
    assert_eq!(label(503, b"<html>busy</html>"), "apns.unknown");

    let goaway = apns::GoAway::parse(br#"{"reason":"Shutdown"}"#);
    assert_eq!(goaway.label(), "apns.shutdown");
    assert_eq!(apns::GoAway::parse(b"").label(), "apns.unknown");
    let goaway = broadcast::GoAway::parse(br#"{"reason":"Nope"}"#);
    assert_eq!(goaway.label(), "apns.broadcast.unknown");

    let rejection = broadcast::Response::new(
        broadcast::Operation::Broadcast,
        400,
        br#"{"reason":"ChannelNotRegistered"}"#,
    )
    .classify()
    .unwrap_err();
    assert_eq!(rejection.label(), "apns.broadcast.channel_not_registered");

    let body = br#"{"errors":[{"status":"409","code":"ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG","title":"t"}]}"#;
    let rejection = app_store_connect::Response::new(409, body)
        .classify()
        .unwrap_err();
    assert_eq!(
        rejection.label(),
        app_store_connect::ErrorCodeFamily::EntityErrorAttributeInvalid.label()
    );
    let body = br#"{"errors":[{"status":"409","code":"NEW_FAMILY.X","title":"t"}]}"#;
    let rejection = app_store_connect::Response::new(409, body)
        .classify()
        .unwrap_err();
    assert_eq!(rejection.label(), "app_store_connect.unknown");
    assert_eq!(rejection.errors()[0].code().as_str(), "NEW_FAMILY.X");
    let rejection = app_store_connect::Response::new(429, b"")
        .classify()
        .unwrap_err();
    assert_eq!(rejection.label(), "app_store_connect.unknown");

    let body = br#"{"errorCode":4040010,"errorMessage":"Transaction id not found."}"#;
    let rejection = app_store_server::Response::new(404, body)
        .classify()
        .unwrap_err();
    assert_eq!(
        rejection.label(),
        "app_store_server.transaction_id_not_found"
    );
    let rejection = retention_messaging::Response::new(400, br#"{"errorCode":9990000}"#)
        .classify()
        .unwrap_err();
    assert_eq!(rejection.label(), "retention_messaging.unknown");
    assert_eq!(rejection.raw_code(), Some("9990000"));
    let rejection = advanced_commerce::Response::new(401, b"")
        .classify()
        .unwrap_err();
    assert_eq!(rejection.label(), "advanced_commerce.unknown");

    // The same answers through the trait, for code over several APIs.
    let errors: Vec<Box<dyn AppleError>> = vec![
        Box::new(
            apns::Response::new(410, br#"{"reason":"Unregistered"}"#)
                .classify()
                .unwrap_err(),
        ),
        Box::new(
            app_store_server::Response::new(404, body)
                .classify()
                .unwrap_err()
                .into_owned(),
        ),
    ];
    let labels: Vec<_> = errors.iter().map(|e| e.label()).collect();
    assert_eq!(
        labels,
        [
            "apns.unregistered",
            "app_store_server.transaction_id_not_found"
        ]
    );
}
