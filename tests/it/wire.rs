//! Round trips of every known value of every surface through its wire form,
//! `FromStr` and serde.

use apple_errors::KnownValue;
use apple_errors::apns::{Reason, Status};
use apple_errors::{apns::broadcast, app_store_connect, app_store_server};

/// Every generated type: round trips through `as_str`/`from_wire`/`FromStr`
/// for each value and alias, with a non-empty description and remedy.
fn round_trips<T: KnownValue>() {
    assert!(!T::ALL.is_empty());
    for &value in T::ALL {
        let wire = value.as_str();
        assert_eq!(T::from_wire(wire), Some(value), "{wire}");
        assert_eq!(wire.parse::<T>(), Ok(value), "{wire}");
        assert!(!value.to_string().is_empty(), "{wire}");
        assert!(!value.remedy().is_empty(), "{wire}");
        for alias in value.aliases() {
            assert_eq!(T::from_wire(alias), Some(value), "{alias}");
            assert_ne!(*alias, wire);
        }
    }
}

#[test]
fn every_type_round_trips() {
    round_trips::<Reason>();
    round_trips::<Status>();
    round_trips::<broadcast::Reason>();
    round_trips::<broadcast::Status>();
    round_trips::<app_store_server::notifications::SendAttemptResult>();
    round_trips::<app_store_connect::ErrorCodeFamily>();
    round_trips::<app_store_connect::Status>();
}

#[test]
fn every_reason_round_trips_through_its_wire_string() {
    for &reason in Reason::ALL {
        let wire = reason.as_str();
        assert_eq!(Reason::from_wire(wire), Some(reason));
        assert_eq!(wire.parse::<Reason>(), Ok(reason));
        assert!(!reason.to_string().is_empty());
        for alias in reason.aliases() {
            let parsed = Reason::from_wire(alias);
            assert_eq!(parsed.map(Reason::as_str), Some(wire), "{alias}");
        }
    }
}

#[test]
fn every_status_round_trips_through_its_code() {
    for &status in Status::ALL {
        assert_eq!(Status::from_code(status.code()), Some(status));
        assert_eq!(status.as_str().parse::<Status>(), Ok(status));
    }
    assert_eq!(Status::from_wire("0400"), None);
    assert_eq!(Status::from_wire("+400"), None);
    assert_eq!(Status::from_wire("40"), None);
}

#[test]
fn lookups_are_exact() {
    for near_miss in [
        "baddevicetoken",
        "BadDeviceToken ",
        " BadDeviceToken",
        "BADDEVICETOKEN",
        "",
    ] {
        assert_eq!(Reason::from_wire(near_miss), None, "{near_miss:?}");
    }
}

#[test]
fn unknown_values_keep_the_input_in_the_error() {
    let err = "SomethingNew".parse::<Reason>().unwrap_err();
    assert_eq!(err.value(), "SomethingNew");
    assert_eq!(err.to_string(), "unknown APNs reason \"SomethingNew\"");
    let err = "418".parse::<Status>().unwrap_err();
    assert_eq!(err.value(), "418");
}

#[test]
fn generic_code_sees_the_same_tables() {
    fn wires<T: KnownValue>() -> Vec<&'static str> {
        T::ALL.iter().map(|v| v.as_str()).collect()
    }
    assert_eq!(wires::<Reason>().len(), 32);
    assert_eq!(
        wires::<Status>().len(),
        11,
        "Apple's 10 and an intermediary's 408"
    );
    assert_eq!(<Reason as KnownValue>::NOUN, "APNs reason");
    assert_eq!(
        <Reason as KnownValue>::retry(Reason::Unregistered),
        Reason::Unregistered.retry()
    );
}

#[cfg(feature = "serde")]
mod serde {
    use super::*;

    fn serde_round_trips<T>(number: bool)
    where
        T: KnownValue + ::serde::Serialize + ::serde::de::DeserializeOwned,
    {
        for &value in T::ALL {
            let json = serde_json::to_string(&value).unwrap();
            let expected = if number {
                value.as_str().to_owned()
            } else {
                format!("\"{}\"", value.as_str())
            };
            assert_eq!(json, expected);
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), value);
            for alias in value.aliases() {
                let parsed: T = serde_json::from_str(&format!("\"{alias}\"")).unwrap();
                assert_eq!(parsed, value);
            }
        }
    }

    #[test]
    fn every_type_round_trips_through_serde() {
        serde_round_trips::<Reason>(false);
        serde_round_trips::<Status>(true);
        serde_round_trips::<broadcast::Reason>(false);
        serde_round_trips::<broadcast::Status>(true);
        serde_round_trips::<app_store_server::notifications::SendAttemptResult>(false);
        serde_round_trips::<app_store_connect::ErrorCodeFamily>(false);
        serde_round_trips::<app_store_connect::Status>(true);
    }

    #[test]
    fn reasons_serialize_as_their_wire_string() {
        for &reason in Reason::ALL {
            let json = serde_json::to_string(&reason).unwrap();
            assert_eq!(json, format!("\"{}\"", reason.as_str()));
            assert_eq!(serde_json::from_str::<Reason>(&json).unwrap(), reason);
            for alias in reason.aliases() {
                let parsed: Reason = serde_json::from_str(&format!("\"{alias}\"")).unwrap();
                assert_eq!(parsed, reason);
            }
        }
    }

    #[test]
    fn statuses_serialize_as_numbers_and_accept_strings() {
        for &status in Status::ALL {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, status.code().to_string());
            assert_eq!(serde_json::from_str::<Status>(&json).unwrap(), status);
            let quoted = format!("\"{}\"", status.code());
            assert_eq!(serde_json::from_str::<Status>(&quoted).unwrap(), status);
        }
    }

    #[test]
    fn unknown_values_fail_to_deserialize_with_a_clear_message() {
        let err = serde_json::from_str::<Reason>("\"SomethingNew\"").unwrap_err();
        assert!(err.to_string().contains("unknown APNs reason"), "{err}");
        let err = serde_json::from_str::<Reason>("17").unwrap_err();
        assert!(err.to_string().contains("a known APNs reason"), "{err}");
        let err = serde_json::from_str::<Reason>("true").unwrap_err();
        assert!(err.to_string().contains("a known APNs reason"), "{err}");
        assert!(serde_json::from_str::<Status>("418").is_err());
        assert!(serde_json::from_str::<Status>("-1").is_err());
    }
}
