//! The checked-literal macros of the bundled vocabularies: a literal is the
//! variant, aliases give the canonical one, and the expansion works in
//! expressions, constants and patterns. Their compile errors are in
//! `tests/ui/`.

use apple_errors::apns::{self, Reason, broadcast};
use apple_errors::app_store_connect::{self, ErrorCodeFamily};
use apple_errors::app_store_server::notifications::{self, SendAttemptResult};

const DEAD: Reason = apns::reason!("Unregistered");

fn is_token_problem(reason: Reason) -> bool {
    matches!(
        reason,
        apns::reason!("BadDeviceToken") | apns::reason!("DeviceTokenNotForTopic")
    )
}

#[test]
fn literals_are_the_variants() {
    assert_eq!(DEAD, Reason::Unregistered);
    assert_eq!(apns::reason!("BadTopic"), Reason::BadTopic);
    assert_eq!(
        broadcast::reason!("ChannelNotRegistered"),
        broadcast::Reason::ChannelNotRegistered
    );
    assert_eq!(
        notifications::send_attempt_result!("TIMED_OUT"),
        SendAttemptResult::TimedOut
    );
    assert_eq!(
        app_store_connect::error_code_family!("ENTITY_ERROR.ATTRIBUTE.INVALID"),
        ErrorCodeFamily::EntityErrorAttributeInvalid
    );
}

#[test]
fn literals_work_in_patterns() {
    assert!(is_token_problem(Reason::BadDeviceToken));
    assert!(is_token_problem(Reason::DeviceTokenNotForTopic));
    assert!(!is_token_problem(Reason::BadTopic));
    let label = match Reason::from_wire("TooManyRequests") {
        Some(apns::reason!("TooManyRequests")) => "slow down",
        Some(_) => "other",
        None => "unknown",
    };
    assert_eq!(label, "slow down");
}

#[test]
fn aliases_give_the_canonical_variant() {
    assert_eq!(
        apns::reason!("BadEnvironmentKeyInToken"),
        Reason::BadEnvironmentKeyIdInToken
    );
    assert_eq!(
        notifications::send_attempt_result!("SSL_ISSUE"),
        SendAttemptResult::TlsIssue
    );
    assert_eq!(
        broadcast::reason!("Service Unavailable"),
        broadcast::reason!("ServiceUnavailable")
    );
}

/// With the `macros` feature, a known value the exact-string arms cannot
/// see as text is still its variant: a raw string, an escaped one, or a
/// literal another macro passed on whole.
#[cfg(feature = "macros")]
#[test]
fn known_values_written_another_way() {
    macro_rules! forward {
        ($reason:literal) => {
            apns::reason!($reason)
        };
    }
    assert_eq!(apns::reason!(r"BadTopic"), Reason::BadTopic);
    assert_eq!(apns::reason!("Bad\x54opic"), Reason::BadTopic);
    assert_eq!(forward!("Unregistered"), Reason::Unregistered);
    assert!(matches!(Reason::Shutdown, forward!("Shutdown")));
}
