//! The snapshots of the spec crate's test specs (`spec/tests/specs/`),
//! compiled here against the runtime and checked for behaviour. Each sits in
//! a module named after its spec's `module`, so `core` and `std` are
//! shadowed the way a user's crate might shadow them; the hostile specs name
//! their types `Result`, `Option`, `Box`, `String` and `Vec`, and their
//! variants after prelude items and keywords.
//!
//! Code here writes `::core` and `::std` in full: the modules below shadow
//! the short names.

use ::core::time::Duration;

use apple_errors::retry::{RetryAction, TokenAction};
use apple_errors::{KnownValue, UnknownValue};

// The specs pick odd names and text on purpose; clippy's style lints about
// them are the spec author's business, not the emitter's.
#[allow(dead_code, clippy::enum_variant_names)]
mod everything {
    include!("../../spec/tests/snapshots/everything.rs");
}

#[allow(dead_code)]
mod numeric {
    include!("../../spec/tests/snapshots/numeric.rs");
}

#[allow(dead_code)]
mod loose_values {
    include!("../../spec/tests/snapshots/loose_values.rs");
}

#[allow(dead_code, clippy::enum_variant_names, clippy::upper_case_acronyms)]
mod core {
    include!("../../spec/tests/snapshots/hostile_prelude.rs");
}

#[allow(dead_code, clippy::tabs_in_doc_comments)]
mod std {
    include!("../../spec/tests/snapshots/hostile_keywords.rs");
}

/// A label is the prefix of the type's `UNKNOWN_LABEL`, a dot and the
/// variant's name in snake_case, worked out here independently.
fn check_label<T: KnownValue>(value: T) {
    let prefix = T::UNKNOWN_LABEL
        .strip_suffix(".unknown")
        .unwrap_or_else(|| panic!("{}: ends with .unknown", T::UNKNOWN_LABEL));
    let name = crate::common::snake_case(&format!("{value:?}"));
    assert_eq!(value.label(), format!("{prefix}.{name}"), "{value:?}");
    assert_ne!(value.label(), T::UNKNOWN_LABEL);
}

/// What every generated vocabulary type promises, through the trait only.
fn check_known_value<T: KnownValue>(noun: &str) {
    assert_eq!(T::NOUN, noun);
    assert!(!T::ALL.is_empty());
    for &value in T::ALL {
        assert_eq!(T::from_wire(value.as_str()), Some(value), "{value:?}");
        assert_eq!(T::from_wire_bytes(value.as_str().as_bytes()), Some(value));
        assert_eq!(value.as_str().parse::<T>(), Ok(value));
        // As `http::Method` does: the wire value, not the meaning.
        assert_eq!(value.to_string(), value.as_str());
        assert!(!value.description().is_empty());
        assert!(!value.remedy().is_empty());
        check_label::<T>(value);
        for alias in value.aliases() {
            assert_eq!(T::from_wire(alias), Some(value), "{alias}");
        }
    }
    let err: UnknownValue = "\u{1}no such value".parse::<T>().unwrap_err();
    assert_eq!(err.value(), "\u{1}no such value");
    assert_eq!(T::from_wire(""), None);
}

/// Every entry of every test spec, read from its JSON independently, against
/// the generated types, as for the bundled specs.
#[test]
fn every_entry_matches_its_spec() {
    use crate::common::{check_statuses, check_values, spec};
    let everything = spec("tests/specs/everything.json");
    check_values!(everything::Problem, &everything, |_, _| {});
    check_statuses!(everything::Status, &everything);
    let loose = spec("tests/specs/loose_values.json");
    check_values!(loose_values::Code, &loose, |_, _| {});
    check_statuses!(loose_values::Status, &loose);
    let prelude = spec("tests/specs/hostile_prelude.json");
    check_values!(core::Result, &prelude, |_, _| {});
    check_statuses!(core::Option, &prelude);
    let numbers = spec("tests/specs/numeric.json");
    check_values!(
        numeric::ErrorCode,
        &numbers,
        |code: numeric::ErrorCode, entry: &crate::common::Value| {
            assert_eq!(u64::from(code.code()), entry["wire"].as_u64().unwrap());
            assert_eq!(code.name(), crate::common::str_field(entry, "name"));
            assert_eq!(
                code.deprecation(),
                entry.get("deprecated").and_then(|d| d.as_str())
            );
        }
    );
    check_statuses!(numeric::Status, &numbers);
    let keywords = spec("tests/specs/hostile_keywords.json");
    check_values!(std::String, &keywords, |_, _| {});
    check_statuses!(std::Vec, &keywords);
}

#[test]
fn every_type_is_a_known_value() {
    check_known_value::<everything::Problem>("everything problem");
    check_known_value::<everything::Status>("Everything service status");
    check_known_value::<loose_values::Code>("loose values code");
    check_known_value::<loose_values::Status>("Loose values service status");
    check_known_value::<core::Result>("prelude clash result");
    check_known_value::<core::Option>("Prelude clash service status");
    check_known_value::<std::String>("keyword value");
    check_known_value::<std::Vec>("Keyword service status");
}

mod everything_spec {
    use super::*;
    use everything::{Operation, PROBE_DELAYS, Problem, RESEND_DELAYS, Status};

    #[test]
    fn lookups_are_exact_and_take_aliases() {
        assert_eq!(Problem::ALL.len(), 13);
        assert_eq!(Problem::from_wire("BadThing"), Some(Problem::BadThing));
        assert_eq!(Problem::from_wire("badthing"), None);
        assert_eq!(Problem::from_wire("BadThing "), None);
        assert_eq!(Problem::from_wire("Slow Down"), Some(Problem::SlowDown));
        assert_eq!(
            Problem::from_wire("shutting-down"),
            Some(Problem::ServerShutdown)
        );
        assert_eq!(
            Problem::from_wire_bytes(b"TooFresh"),
            Some(Problem::CredentialsTooFresh)
        );
        assert_eq!(
            Problem::CredentialsTooFresh.aliases(),
            ["CredentialsTooFresh", "TooFresh"]
        );
        assert_eq!(Problem::BadThing.aliases(), [] as [&str; 0]);
        assert_eq!(
            Problem::CredentialsTooFresh.as_str(),
            "CREDENTIALS_TOO_FRESH"
        );
        assert_eq!(
            "THING_ERROR.NAME.LONG".parse::<Problem>(),
            Ok(Problem::ThingErrorNameTooLong)
        );
    }

    #[test]
    fn display_writes_the_wire_value() {
        assert_eq!(Problem::ServerShutdown.to_string(), "shutting-down");
        assert_eq!(
            Problem::ServerShutdown.description(),
            "The server is going away; quotes \"like this\", a {brace} and \u{201c}curly\u{201d} quotes survive."
        );
        assert_eq!(Status::Gone.to_string(), "410");
        // An operation has no wire value: it writes what it does.
        assert_eq!(Operation::ReadThing.to_string(), "Read one thing.");
    }

    #[test]
    fn labels_follow_the_module_path() {
        assert_eq!(
            Problem::ServerShutdown.label(),
            "generated.everything.server_shutdown"
        );
        assert_eq!(
            <Problem as KnownValue>::UNKNOWN_LABEL,
            "generated.everything.unknown"
        );
        assert_eq!(Status::Gone.label(), "generated.everything.status.gone");
        assert_eq!(
            <Status as KnownValue>::UNKNOWN_LABEL,
            "generated.everything.status.unknown"
        );
    }

    #[test]
    fn values_carry_their_status_and_policy() {
        assert_eq!(Problem::Busy.status(), Status::ServiceUnavailable);
        assert_eq!(Problem::Accepted.status(), Status::Ok);

        let fresh = Problem::CredentialsTooFresh.retry();
        assert_eq!(fresh.action(), RetryAction::ReuseProviderToken);
        assert_eq!(
            fresh.provider_token_min_age(),
            Some(Duration::from_secs(1200))
        );
        assert!(!fresh.is_inferred());

        let topic = Problem::WrongTopic.retry();
        assert_eq!(topic.token(), TokenAction::CheckTopic);
        assert!(topic.is_token_inferred() && !topic.is_inferred());

        let gone = Problem::Unregistered.retry();
        assert_eq!(
            (gone.action(), gone.token()),
            (RetryAction::Never, TokenAction::Drop)
        );
        assert!(gone.is_inferred() && gone.is_token_inferred());

        assert_eq!(
            Problem::WrongEnvironment.retry().token(),
            TokenAction::CheckEnvironment
        );
        assert_eq!(
            Problem::Busy.retry().min_delay(),
            Some(Duration::from_secs(5))
        );
        assert_eq!(Problem::Busy.retry().action(), RetryAction::BackOff);
        assert_eq!(Problem::SlowDown.retry().action(), RetryAction::AfterDelay);
        assert_eq!(
            Problem::ExpiredCredentials.retry().action(),
            RetryAction::NewProviderToken
        );
        assert_eq!(
            Problem::ServerShutdown.retry().action(),
            RetryAction::NewConnection
        );
    }

    #[test]
    fn flags_become_queries() {
        assert!(!Problem::Unregistered.is_error_condition());
        assert!(!Problem::Accepted.is_error_condition());
        assert!(Problem::BadThing.is_error_condition());
        assert!(Problem::ExpiredCredentials.closes_connection_sooner());
        assert!(!Problem::BadThing.closes_connection_sooner());
        assert!(Problem::ServerShutdown.is_undocumented());
        assert!(Problem::Accepted.is_success());
        assert!(!Problem::Busy.is_success());

        // A success is never an error condition, flag or not.
        assert!(!Status::Ok.is_error_condition());
        assert!(!Status::Gone.is_error_condition());
        assert!(Status::BadRequest.is_error_condition());
        assert!(Status::Forbidden.closes_connection_sooner());
        assert!(Status::TooManyRequests.is_undocumented());
    }

    #[test]
    fn statuses_answer_for_every_code() {
        assert_eq!(Status::Gone.code(), 410);
        assert_eq!(Status::Gone.as_str(), "410");
        assert_eq!(Status::from_code(410), Some(Status::Gone));
        assert_eq!(Status::from_code(418), None);
        assert_eq!(Status::from_wire("503"), Some(Status::ServiceUnavailable));
        for bad in ["", "41", "4100", "041", "+41", "41x", " 410"] {
            assert_eq!(Status::from_wire(bad), None, "{bad:?}");
        }
        assert!(Status::Created.is_success() && Status::NoContent.is_success());
        assert!(!Status::BadRequest.is_success());

        assert_eq!(
            Status::retry_for_code(429).min_delay(),
            Some(Duration::from_secs(90))
        );
        let client = Status::retry_for_code(418);
        assert_eq!(client.action(), RetryAction::AfterFix);
        assert!(client.is_inferred());
        let server = Status::retry_for_code(599);
        assert_eq!(server.action(), RetryAction::BackOff);
        assert_eq!(server.min_delay(), Some(Duration::from_secs(900)));
        let other = Status::retry_for_code(302);
        assert_eq!(other.action(), RetryAction::Never);
        assert!(other.is_inferred());
        // The class rule, even for a listed code.
        assert_eq!(
            Status::retry_for_unlisted(410).action(),
            RetryAction::AfterFix
        );
        assert_eq!(Status::remedy_for_code(410), Status::Gone.remedy());
        assert_eq!(
            Status::remedy_for_code(502),
            "Send again later, waiting longer after each failure."
        );
        assert_eq!(
            Status::remedy_for_unlisted(100),
            "Check what sits between you and the service."
        );
    }

    #[test]
    fn families_fall_back_level_by_level() {
        assert_eq!(Problem::SEPARATOR, '.');
        assert_eq!(
            Problem::family_of("THING_ERROR.NAME.TOO_LONG"),
            Some(Problem::ThingErrorNameTooLong)
        );
        assert_eq!(
            Problem::family_of("THING_ERROR.NAME.LONG.BY_FAR"),
            Some(Problem::ThingErrorNameTooLong)
        );
        assert_eq!(
            Problem::family_of("THING_ERROR.NAME.EMPTY"),
            Some(Problem::ThingErrorName)
        );
        assert_eq!(
            Problem::family_of("THING_ERROR.COLOUR"),
            Some(Problem::ThingError)
        );
        assert_eq!(Problem::family_of("THING_ERRORS.NAME"), None);
        assert_eq!(Problem::family_of("OTHER_ERROR.NAME"), None);
        assert_eq!(Problem::family_of(""), None);
    }

    #[test]
    fn operations_know_their_success() {
        assert_eq!(Operation::ALL.len(), 5);
        assert_eq!(Operation::CreateThing.method(), "POST");
        assert_eq!(Operation::UpdateThing.method(), "PATCH");
        assert_eq!(Operation::ReplaceThing.path(), "/1/things/{thingId}");
        assert_eq!(Operation::CreateThing.success_status(), Status::Created);
        assert_eq!(Operation::DeleteThing.success_status(), Status::NoContent);
        assert_eq!(Operation::ReadThing.description(), "Read one thing.");
        let unexpected = Operation::retry_for_unexpected_success();
        assert_eq!(unexpected.action(), RetryAction::Never);
        assert!(unexpected.is_inferred());
        assert!(Operation::remedy_for_unexpected_success().starts_with("Read the thing"));
    }

    #[test]
    fn schedules_are_durations() {
        assert_eq!(
            RESEND_DELAYS,
            [45, 120, 3600, 86400].map(Duration::from_secs)
        );
        assert_eq!(PROBE_DELAYS, [Duration::from_secs(1)]);
    }
}

mod loose_values_spec {
    use super::*;
    use loose_values::{Code, Status};

    #[test]
    fn values_without_status_still_work() {
        assert_eq!(Code::SEPARATOR, '/');
        assert_eq!(
            Code::family_of("PARAMETER_ERROR/INVALID/TOO_BIG"),
            Some(Code::ParameterErrorInvalid)
        );
        assert_eq!(
            Code::family_of("PARAMETER_ERROR.INVALID"),
            None,
            "only `/` separates levels"
        );
        assert!(Code::StateError.retry().is_inferred());
        assert_eq!(Status::from_code(409), Some(Status::Conflict));
        assert_eq!(
            Status::retry_for_code(500).min_delay(),
            Some(Duration::from_secs(1))
        );
    }
}

mod hostile_prelude {
    use super::core::{ALL, Box, NONE, Option, Result};
    use super::*;

    #[test]
    fn prelude_names_are_ordinary_names() {
        assert_eq!(Result::from_wire("Ok"), Some(Result::Ok));
        assert_eq!(Result::from_wire("Err"), Some(Result::Err));
        assert_eq!(Result::from_wire("SOME"), Some(Result::Some));
        assert_eq!(Result::from_wire("Some"), Some(Result::Some));
        assert_eq!(Result::from_wire("none"), Some(Result::None));
        assert_eq!(Result::from_wire("None"), None);
        assert_eq!("Err".parse::<Result>(), Ok(Result::Err));
        assert_eq!("Option".parse::<Result>(), Ok(Result::Option));
        assert_eq!(Result::Self_.as_str(), "Self_");
        assert_eq!(Result::NOUN.as_str(), "NOUN");
        assert_eq!(<Result as KnownValue>::NOUN, "prelude clash result");
        assert_eq!(<Result as KnownValue>::ALL, Result::ALL);
        assert!("Nope".parse::<Result>().is_err());
    }

    #[test]
    fn prelude_named_statuses_and_operations() {
        assert_eq!(Result::None.status(), Option::None);
        assert_eq!(Result::Ok.status(), Option::Some);
        assert_eq!(Option::from_code(404), Some(Option::None));
        assert_eq!(Option::from_wire("500"), Some(Option::Err));
        assert_eq!(Option::Ok.code(), 201);
        assert!(Option::Some.is_success() && !Option::Err.is_success());
        assert!(!Option::None.is_error_condition());
        assert!(Option::Err.is_error_condition());
        assert!(!Result::None.is_error_condition());
        assert!(Result::Ok.is_success());
        assert_eq!(Option::retry_for_code(418).action(), RetryAction::AfterFix);

        assert_eq!(Box::Err.success_status(), Option::Ok);
        assert_eq!(Box::None.method(), "DELETE");
        assert_eq!(Box::ALL.len(), 4);
        assert_eq!(Box::Some.to_string(), "Read some.");
    }

    #[test]
    fn families_and_schedules() {
        assert_eq!(Result::SEPARATOR, ':');
        assert_eq!(
            Result::family_of("Err:Deeper:Still"),
            Some(Result::ErrDeeper)
        );
        assert_eq!(Result::family_of("Err:Other"), Some(Result::Err));
        assert_eq!(NONE, [1, 60].map(Duration::from_secs));
        // The schedule `ALL` and the types' `ALL` constants live apart.
        assert_eq!(ALL, [Duration::from_secs(7200)]);
        assert_eq!(Option::ALL.len(), 4);
        assert_eq!(super::core::Result::ALL.len(), 24);
    }
}

mod hostile_keywords {
    use super::std::{SELF, String, TYPE, Vec};
    use super::*;

    #[test]
    fn keywords_are_ordinary_wire_values() {
        for (wire, value) in [
            ("type", String::Type),
            ("match", String::Match),
            ("async", String::Async),
            ("await", String::Await),
            ("dyn", String::Dyn),
            ("gen", String::Gen),
            ("try", String::Try),
            ("fn", String::Fn),
            ("crate", String::Crate),
            ("super", String::Super),
            ("self", String::Myself),
            ("Self", String::SelfType),
            ("union", String::Union),
            ("macro_rules", String::MacroRules),
            ("r#raw", String::RawHash),
            ("static", String::Static),
        ] {
            assert_eq!(String::from_wire(wire), Some(value), "{wire}");
            assert_eq!(value.as_str(), wire);
        }
        assert_eq!(String::from_wire("Type"), None);
        assert_eq!(
            String::Static.description(),
            "A bell and a tab, written out: control characters are refused."
        );
    }

    #[test]
    fn extreme_numbers_survive() {
        assert_eq!(
            String::Async.retry().min_delay(),
            Some(Duration::from_secs(u64::from(u32::MAX)))
        );
        assert_eq!(Vec::Async.retry().action(), RetryAction::AfterDelay);
        assert_eq!(SELF, [Duration::from_secs(u64::MAX)]);
        assert_eq!(TYPE, [2, 3].map(Duration::from_secs));
        assert_eq!(String::Type.status(), Vec::Type);
        assert_eq!(String::SEPARATOR, '#');
        assert_eq!(String::family_of("type#match#x"), Some(String::TypeMatch));
        assert_eq!(super::std::String::ALL.len(), 17);
    }
}

#[cfg(feature = "serde")]
#[test]
fn serde_goes_through_the_wire_form() {
    assert_eq!(
        serde_json::to_string(&core::Result::Err).unwrap(),
        "\"Err\""
    );
    assert_eq!(
        serde_json::from_str::<core::Result>("\"Some\"").unwrap(),
        core::Result::Some
    );
    assert_eq!(serde_json::to_string(&core::Option::None).unwrap(), "404");
    assert_eq!(
        serde_json::from_str::<std::String>("\"match\"").unwrap(),
        std::String::Match
    );
    assert_eq!(
        serde_json::from_str::<everything::Status>("410").unwrap(),
        everything::Status::Gone
    );
    assert!(serde_json::from_str::<std::Vec>("418").is_err());
}

/// strum's traits on generated enums whose names clash with the prelude,
/// keywords and strum's own associated items (a variant named `Iterator`).
#[cfg(feature = "strum")]
#[test]
fn strum_impls_survive_hostile_names() {
    use crate::strum_interop::through_strum;
    through_strum::<everything::Problem>();
    through_strum::<everything::Status>();
    through_strum::<everything::Operation>();
    through_strum::<loose_values::Code>();
    through_strum::<numeric::ErrorCode>();
    assert!(
        through_strum::<core::Result>()
            .iter()
            .any(|(name, ..)| *name == "Iterator")
    );
    through_strum::<core::Option>();
    through_strum::<std::String>();
    through_strum::<std::Vec>();
}

/// The checked-literal macros of the test specs, whose types and values are
/// named after prelude items and keywords, in modules named `core` and
/// `std`: in expressions, constants and patterns.
#[test]
fn literal_macros_survive_hostile_names() {
    const OK: core::Result = core::result!("Ok");
    assert_eq!(OK, core::Result::Ok);
    assert_eq!(core::result!("Some"), core::Result::Some);
    assert_eq!(core::result!("Err:Deeper"), core::Result::ErrDeeper);
    assert!(matches!(core::Result::None, core::result!("none")));
    assert_eq!(std::string!("type"), std::String::Type);
    assert_eq!(std::string!("self"), std::String::Myself);
    assert_eq!(std::string!("r#raw"), std::String::RawHash);
    assert!(matches!(std::String::Async, std::string!("async")));
    assert_eq!(
        loose_values::code!("PARAMETER_ERROR/INVALID"),
        loose_values::Code::ParameterErrorInvalid
    );
    assert_eq!(
        everything::problem!("BadThing"),
        everything::Problem::BadThing
    );
}

/// A spec of numeric codes (`"wire_type": "integer"`): the number is the
/// wire value, Apple's name and other names look the code up too, and the
/// checked literal takes the number.
#[test]
fn numeric_codes() {
    use numeric::ErrorCode;
    const GONE: ErrorCode = numeric::error_code!(4040010);
    assert_eq!(GONE, ErrorCode::TransactionIdNotFound);
    assert_eq!(GONE.code(), 4_040_010);
    assert_eq!(GONE.as_str(), "4040010");
    assert_eq!(
        ErrorCode::from_code(4_290_000),
        Some(ErrorCode::RateLimitExceeded)
    );
    assert_eq!(ErrorCode::from_code(4_040_011), None);
    assert_eq!(ErrorCode::from_wire("4040010"), Some(GONE));
    assert_eq!(ErrorCode::from_wire("04040010"), None);
    assert_eq!(ErrorCode::from_name("TransactionIdNotFound"), Some(GONE));
    assert_eq!(
        ErrorCode::from_name("InvalidGroupIdentifier"),
        Some(ErrorCode::InvalidGroupId)
    );
    assert_eq!(ErrorCode::from_name("transactionidnotfound"), None);
    assert_eq!(GONE.retry().action(), RetryAction::OtherEnvironment);
    assert_eq!(GONE.status(), numeric::Status::NotFound);
    assert_eq!(
        ErrorCode::InvalidExcludeRevoked.deprecation(),
        Some("the filter is gone")
    );
    assert_eq!(GONE.deprecation(), None);
    assert!(matches!(
        ErrorCode::GeneralInternal,
        numeric::error_code!(5000000)
    ));
    let err = "4040011".parse::<ErrorCode>().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"unknown numeric service error code "4040011""#
    );
}

#[cfg(feature = "serde")]
#[test]
fn numeric_codes_serialize_as_numbers() {
    use numeric::ErrorCode;
    let json = serde_json::to_string(&ErrorCode::TransactionIdNotFound).unwrap();
    assert_eq!(json, "4040010");
    let back: ErrorCode = serde_json::from_str("4290000").unwrap();
    assert_eq!(back, ErrorCode::RateLimitExceeded);
    let back: ErrorCode = serde_json::from_str(r#""4290000""#).unwrap();
    assert_eq!(back, ErrorCode::RateLimitExceeded);
    assert!(serde_json::from_str::<ErrorCode>("4040011").is_err());
}
