//! `vocabulary!` end to end, on the spec of a made-up pager service written
//! for the examples (`examples/specs/pager.json`): the same generated API as the
//! bundled tables, read back against the JSON independently.

use apple_errors::KnownValue;
use apple_errors::retry::{RetryAction, TokenAction};

mod pager {
    apple_errors::vocabulary!("examples/specs/pager.json", path = vocabulary::pager);
}

use pager::{ErrorCode, Status};

const GONE: ErrorCode = pager::error_code!("NO_SUCH_PERSON");

#[test]
fn every_entry_matches_the_spec() {
    use crate::common::{check_statuses, check_values, spec};
    let json = spec("../examples/specs/pager.json");
    check_values!(
        ErrorCode,
        &json,
        |code: ErrorCode, entry: &crate::common::Value| {
            assert_eq!(
                u64::from(code.status().code()),
                entry["status"].as_u64().unwrap()
            );
        }
    );
    check_statuses!(Status, &json);
}

#[test]
fn lookups_round_trips_and_policies() {
    assert_eq!(
        ErrorCode::from_wire("RATE_LIMITED"),
        Some(ErrorCode::RateLimited)
    );
    assert_eq!(ErrorCode::from_wire("UNKNOWN_PERSON"), Some(GONE));
    assert_eq!(ErrorCode::from_wire("rate_limited"), None);
    for &code in ErrorCode::ALL {
        assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(code));
    }
    let err = "PAGER_ON_FIRE".parse::<ErrorCode>().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"unknown pager error code "PAGER_ON_FIRE""#
    );

    let policy = pager::error_code!("NO_SUCH_PERSON").retry();
    assert_eq!(policy.action(), RetryAction::Never);
    assert_eq!(policy.token(), TokenAction::Drop);
    let policy = ErrorCode::Maintenance.retry();
    assert_eq!(policy.action(), RetryAction::BackOff);
    assert_eq!(
        policy.min_delay(),
        Some(std::time::Duration::from_secs(300))
    );
    assert!(policy.is_inferred());
    assert_eq!(Status::retry_for_code(502).action(), RetryAction::BackOff);
    assert_eq!(<ErrorCode as KnownValue>::NOUN, "pager error code");
}

#[test]
fn checked_literals_in_patterns_take_aliases() {
    let label = |code| match code {
        pager::error_code!("UNKNOWN_PERSON") => "gone",
        pager::error_code!("RATE_LIMITED") => "later",
        _ => "other",
    };
    assert_eq!(label(ErrorCode::NoSuchPerson), "gone");
    assert_eq!(label(ErrorCode::RateLimited), "later");
    assert_eq!(label(ErrorCode::Maintenance), "other");
}

#[cfg(feature = "serde")]
#[test]
fn serde_uses_the_wire_values() {
    let json = serde_json::to_string(&[ErrorCode::RateLimited, GONE]).unwrap();
    assert_eq!(json, r#"["RATE_LIMITED","NO_SUCH_PERSON"]"#);
    let back: Vec<ErrorCode> = serde_json::from_str(r#"["UNKNOWN_PERSON","MAINTENANCE"]"#).unwrap();
    assert_eq!(back, [GONE, ErrorCode::Maintenance]);
    assert_eq!(
        serde_json::to_string(&Status::TooManyRequests).unwrap(),
        "429"
    );
    // A user vocabulary's received values are written in their wire form
    // too: statuses as numbers, codes as strings.
    use apple_errors::Received;
    const { assert!(Status::NUMERIC && !ErrorCode::NUMERIC) };
    let status = Received::<Status>::new("599");
    assert_eq!(serde_json::to_string(&status).unwrap(), "599");
    let code = Received::<ErrorCode>::new("PAGER_ON_FIRE");
    assert_eq!(serde_json::to_string(&code).unwrap(), r#""PAGER_ON_FIRE""#);
}

#[cfg(feature = "strum")]
#[test]
fn strum_sees_a_user_vocabulary_too() {
    use strum::{EnumCount, EnumMessage, IntoEnumIterator, VariantNames};
    assert_eq!(ErrorCode::COUNT, 3);
    assert_eq!(
        <ErrorCode as VariantNames>::VARIANTS,
        ["NO_SUCH_PERSON", "RATE_LIMITED", "MAINTENANCE"]
    );
    assert_eq!(ErrorCode::iter().last(), Some(ErrorCode::Maintenance));
    assert_eq!(
        GONE.get_serializations(),
        ["NO_SUCH_PERSON", "UNKNOWN_PERSON"]
    );
    assert_eq!(GONE.get_detailed_message(), Some(GONE.remedy()));
}
