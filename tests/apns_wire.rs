//! Round trips of every APNs value through its wire form, `FromStr` and serde.

use apple_errors::KnownValue;
use apple_errors::apns::{Reason, Status};

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
    assert_eq!(err.to_string(), "unknown APNs reason: \"SomethingNew\"");
    let err = "418".parse::<Status>().unwrap_err();
    assert_eq!(err.value(), "418");
}

#[test]
fn generic_code_sees_the_same_tables() {
    fn wires<T: KnownValue>() -> Vec<&'static str> {
        T::ALL.iter().map(|v| v.as_str()).collect()
    }
    assert_eq!(wires::<Reason>().len(), 32);
    assert_eq!(wires::<Status>().len(), 10);
    assert_eq!(<Reason as KnownValue>::NOUN, "APNs reason");
    assert_eq!(
        <Reason as KnownValue>::retry(Reason::Unregistered),
        Reason::Unregistered.retry()
    );
}

#[cfg(feature = "serde")]
mod serde {
    use super::*;

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
