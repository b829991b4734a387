//! Checks the generated `apns` API against `spec/apns.json`, read here
//! directly, entry by entry.

use crate::common::{Value, bool_field, check_statuses, check_values, spec, strings};
use apple_errors::apns::{Reason, Status};

#[test]
fn every_reason_matches_its_spec_entry() {
    check_values!(
        Reason,
        &spec("apns.json"),
        |reason: Reason, entry: &Value| {
            let wire = reason.as_str();
            assert_eq!(
                u64::from(reason.status().code()),
                entry["status"].as_u64().expect("status is a number"),
                "{wire}: status"
            );
            let flags = strings(entry, "flags");
            let known = [
                "not_an_error_condition",
                "closes_connection_sooner",
                "needs_new_connection",
                "needs_new_provider_token",
            ];
            assert!(
                flags.iter().all(|f| known.contains(f)),
                "{wire}: untested flag in {flags:?}"
            );
            assert_eq!(
                reason.is_error_condition(),
                !flags.contains(&"not_an_error_condition"),
                "{wire}: error condition"
            );
            assert_eq!(
                reason.closes_connection_sooner(),
                flags.contains(&"closes_connection_sooner"),
                "{wire}: closes connection sooner"
            );
            assert_eq!(
                reason.needs_new_connection(),
                flags.contains(&"needs_new_connection"),
                "{wire}: new connection"
            );
            assert_eq!(
                reason.needs_new_provider_token(),
                flags.contains(&"needs_new_provider_token"),
                "{wire}: new provider token"
            );
            let inferred = strings(entry, "inferred_flags");
            assert_eq!(
                reason.needs_new_connection_is_inferred(),
                inferred.contains(&"needs_new_connection"),
                "{wire}: new connection inferred"
            );
            assert_eq!(
                reason.needs_new_provider_token_is_inferred(),
                inferred.contains(&"needs_new_provider_token"),
                "{wire}: new provider token inferred"
            );
        }
    );
}

/// Apple's reason table states two connection facts: `UnrelatedKeyIdInToken`
/// needs a new connection, `ExpiredProviderToken` a new provider token. Every
/// other one is our reading, and says so.
#[test]
fn connection_facts_apple_states_are_not_marked_inferred() {
    for reason in Reason::ALL.iter().copied() {
        let apple_states_connection = reason == Reason::UnrelatedKeyIdInToken;
        let apple_states_token = reason == Reason::ExpiredProviderToken;
        assert_eq!(
            reason.needs_new_connection_is_inferred(),
            reason.needs_new_connection() && !apple_states_connection,
            "{reason:?}"
        );
        assert_eq!(
            reason.needs_new_provider_token_is_inferred(),
            reason.needs_new_provider_token() && !apple_states_token,
            "{reason:?}"
        );
    }
    assert!(Reason::UnrelatedKeyIdInToken.needs_new_connection());
    assert!(Reason::ExpiredProviderToken.needs_new_provider_token());
    assert!(Reason::IdleTimeout.needs_new_connection_is_inferred());
    assert!(Reason::InvalidProviderToken.needs_new_provider_token_is_inferred());
}

#[test]
fn every_status_matches_its_spec_entry() {
    let spec = spec("apns.json");
    check_statuses!(Status, &spec);
    for entry in crate::common::array(&spec, "statuses") {
        let code = u16::try_from(entry["code"].as_u64().unwrap()).unwrap();
        let status = Status::from_code(code).unwrap();
        let error = !bool_field(entry, "success")
            && !strings(entry, "flags").contains(&"not_an_error_condition");
        assert_eq!(
            status.is_error_condition(),
            error,
            "{code}: error condition"
        );
    }
}
