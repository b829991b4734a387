//! Feature `serde`: the documented JSON shapes of the retry vocabulary,
//! received values and rejections, exactly; round trips; values this
//! version does not know; malformed input.

use std::time::{Duration, SystemTime};

use apple_errors::retry::{Backoff, Decision, RetryAction, RetryPolicy, TokenAction};
use apple_errors::{KnownValue, Received, apns, app_store_connect, app_store_server};
use serde_json::{from_str, to_string};

use crate::common::{array, check_policy, spec};

fn at_millis(ms: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_millis(ms)
}

/// Round trip through JSON text.
fn again<T: serde::Serialize + serde::de::DeserializeOwned>(value: &T) -> T {
    let json = to_string(value).expect("serializes");
    from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

#[test]
fn actions_are_their_spec_keywords() {
    assert_eq!(to_string(&RetryAction::BackOff).unwrap(), r#""back_off""#);
    assert_eq!(to_string(&TokenAction::Drop).unwrap(), r#""drop""#);
    for &action in RetryAction::ALL {
        let json = to_string(&action).unwrap();
        assert_eq!(json, format!("\"{}\"", &action.label()["retry.".len()..]));
        assert_eq!(again(&action), action);
    }
    for &token in TokenAction::ALL {
        let json = to_string(&token).unwrap();
        assert_eq!(json, format!("\"{}\"", &token.label()["token.".len()..]));
        assert_eq!(again(&token), token);
    }
}

#[test]
fn an_action_this_version_does_not_know_is_an_error_naming_it() {
    let error = from_str::<RetryAction>(r#""retry_on_mars""#).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("`retry_on_mars`"), "{message}");
    assert!(message.contains("`back_off`"), "{message}");
    let error = from_str::<TokenAction>(r#""shred""#).unwrap_err();
    assert!(error.to_string().contains("`shred`"), "{error}");
    // Labels are not keywords.
    assert!(from_str::<RetryAction>(r#""retry.back_off""#).is_err());
    assert!(from_str::<RetryAction>("5").is_err());
    // Inside a policy, the whole read fails: no guess is made.
    assert!(from_str::<RetryPolicy>(r#"{"action": "retry_on_mars"}"#).is_err());
}

#[test]
fn a_policy_has_the_members_of_the_spec_files() {
    let policy = apns::Reason::InternalServerError.retry();
    assert_eq!(
        to_string(&policy).unwrap(),
        r#"{"action":"back_off","min_delay_secs":900,"token":"keep","inferred":false,"token_inferred":false}"#
    );
    let policy = RetryPolicy::new(RetryAction::ReuseProviderToken)
        .with_provider_token_min_age_secs(1200)
        .with_token(TokenAction::CheckTopic)
        .inferred()
        .token_inferred();
    assert_eq!(
        to_string(&policy).unwrap(),
        r#"{"action":"reuse_provider_token","token_min_age_secs":1200,"token":"check_topic","inferred":true,"token_inferred":true}"#
    );
    assert_eq!(again(&policy), policy);
}

#[test]
fn every_generated_policy_reads_back_equal() {
    fn all<T: KnownValue>() -> impl Iterator<Item = RetryPolicy> {
        T::ALL.iter().map(|v| v.retry())
    }
    let policies = all::<apns::Reason>()
        .chain(all::<apns::Status>())
        .chain(all::<apns::broadcast::Reason>())
        .chain(all::<app_store_server::ErrorCode>())
        .chain(all::<app_store_connect::Status>());
    let mut count = 0;
    for policy in policies {
        assert_eq!(again(&policy), policy);
        assert_eq!(again(&Decision::new(policy)), Decision::new(policy));
        count += 1;
    }
    assert!(count > 100, "{count}");
}

/// Read independently of the generator: every `retry` object of every spec
/// file reads as a policy that says what the object says.
#[test]
fn spec_retry_objects_read_as_policies() {
    let mut count = 0;
    for file in [
        "apns.json",
        "broadcast.json",
        "app_store_server.json",
        "retention_messaging.json",
        "advanced_commerce.json",
        "app_store_connect.json",
    ] {
        let spec = spec(file);
        for list in ["values", "statuses"] {
            for entry in array(&spec, list) {
                let retry = &entry["retry"];
                let policy: RetryPolicy = serde_json::from_value(retry.clone())
                    .unwrap_or_else(|e| panic!("{file}: {retry}: {e}"));
                check_policy(file, policy, retry);
                count += 1;
            }
        }
    }
    assert!(count > 300, "{count}");
}

#[test]
fn reading_a_policy_fills_in_defaults_and_skips_the_unknown() {
    let read = |json: &str| from_str::<RetryPolicy>(json);
    assert_eq!(
        read(r#"{"action":"never"}"#).unwrap(),
        RetryPolicy::new(RetryAction::Never)
    );
    assert_eq!(
        read(r#"{"token":null,"min_delay_secs":null,"inferred":null,"action":"after_delay","future_member":{"x":[1]}}"#)
            .unwrap(),
        RetryPolicy::new(RetryAction::AfterDelay)
    );
    assert_eq!(
        read(r#"{"action":"never","action":"back_off","min_delay_secs":0}"#).unwrap(),
        RetryPolicy::new(RetryAction::BackOff),
        "the last duplicate wins; 0 is no delay"
    );
    for bad in [
        r#"{}"#,
        r#"{"action":null}"#,
        r#"{"action":"never","min_delay_secs":4294967296}"#,
        r#"{"action":"never","min_delay_secs":-1}"#,
        r#"{"action":"never","min_delay_secs":1.5}"#,
        r#"{"action":"never","token":"keep_it"}"#,
        r#"{"action":"never","inferred":"yes"}"#,
        r#""never""#,
        "[]",
        "null",
        "",
        "{",
    ] {
        assert!(read(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_decision_is_its_policy_and_a_not_before_time() {
    let received = at_millis(1_700_000_000_000);
    let body = br#"{"errorCode": 4290000, "errorMessage": "Rate limit exceeded."}"#;
    let rejection = app_store_server::Response::new(429, body)
        .retry_after("1700000060000")
        .classify()
        .unwrap_err();
    let decision = rejection.decision(received);
    let json = to_string(&decision).unwrap();
    assert_eq!(
        json,
        r#"{"action":"after_delay","token":"keep","inferred":false,"token_inferred":false,"not_before_ms":1700000060000}"#
    );
    assert_eq!(from_str::<Decision>(&json).unwrap(), decision);
    // Read as a policy, the time is dropped.
    assert_eq!(from_str::<RetryPolicy>(&json).unwrap(), decision.policy());
    // And a policy's JSON is a decision without one.
    let policy_json = to_string(&decision.policy()).unwrap();
    assert_eq!(
        from_str::<Decision>(&policy_json).unwrap(),
        Decision::new(decision.policy())
    );
}

#[test]
fn decisions_read_back_equal_whatever_the_clock() {
    let policy = RetryPolicy::new(RetryAction::AfterDelay);
    // A clock with nanoseconds, as `SystemTime::now()` has.
    let received = SystemTime::UNIX_EPOCH + Duration::new(1_700_000_000, 123_456_789);
    let rejection = apns::Response::new(503, br#"{"reason":"ServiceUnavailable"}"#)
        .retry_after("120")
        .classify()
        .unwrap_err();
    let decision = rejection.decision(received);
    // Kept to the millisecond, rounded up: never earlier than asked.
    let not_before = decision.not_before().unwrap();
    assert_eq!(not_before, at_millis(1_700_000_120_124));
    assert!(not_before >= received + Duration::from_secs(120));
    assert_eq!(again(&decision), decision);
    for at in [
        SystemTime::UNIX_EPOCH,
        SystemTime::UNIX_EPOCH - Duration::from_secs(86_400),
        SystemTime::UNIX_EPOCH + Duration::from_nanos(1),
        at_millis(u64::MAX),
        SystemTime::now(),
    ] {
        let decision = Decision::new(policy).no_sooner_than(at);
        assert!(decision.not_before().unwrap() >= at.min(at_millis(u64::MAX)));
        assert_eq!(again(&decision), decision, "{at:?}");
    }
    // Before the epoch is the epoch: no floor at all.
    let past =
        Decision::new(policy).no_sooner_than(SystemTime::UNIX_EPOCH - Duration::from_secs(1));
    assert_eq!(
        to_string(&past).unwrap(),
        r#"{"action":"after_delay","token":"keep","inferred":false,"token_inferred":false,"not_before_ms":0}"#
    );
    for bad in [
        r#"{"action":"never","not_before_ms":-1}"#,
        r#"{"action":"never","not_before_ms":"1700000060000"}"#,
        r#"{"action":"never","not_before_ms":18446744073709551616}"#,
    ] {
        assert!(from_str::<Decision>(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_backoff_schedule_reads_back_equal() {
    let json = to_string(&Backoff::new()).unwrap();
    assert_eq!(
        json,
        r#"{"base_ms":1000,"cap_ms":3600000,"max_attempts":6,"max_wait_ms":86400000}"#
    );
    assert_eq!(from_str::<Backoff>(&json).unwrap(), Backoff::new());
    assert_eq!(from_str::<Backoff>("{}").unwrap(), Backoff::new());
    assert_eq!(
        from_str::<Backoff>(r#"{"max_attempts":3,"cap_ms":null,"jitter":"full"}"#).unwrap(),
        Backoff::new().with_max_attempts(3)
    );
    // Whole milliseconds, rounded up, so what is written is what it is.
    let odd = Backoff::new()
        .with_base(Duration::from_nanos(1_500_001))
        .with_cap(Duration::MAX)
        .with_max_wait(Duration::ZERO)
        .with_max_attempts(u32::MAX);
    assert_eq!(odd.base(), Duration::from_millis(2));
    assert_eq!(odd.cap(), Duration::from_millis(u64::MAX));
    assert_eq!(again(&odd), odd);
    for bad in [
        r#"{"base_ms":-1}"#,
        r#"{"max_attempts":4294967296}"#,
        r#"{"cap_ms":"1h"}"#,
        "[1000]",
        "7",
    ] {
        assert!(from_str::<Backoff>(bad).is_err(), "{bad}");
    }
}

#[test]
fn received_values_keep_what_came() {
    let known = Received::<apns::Reason>::new("BadDeviceToken");
    assert_eq!(known.known(), Some(apns::Reason::BadDeviceToken));
    assert!(known.is_known());
    assert_eq!(known, apns::Reason::BadDeviceToken);
    assert_eq!(known, Received::from(apns::Reason::BadDeviceToken));
    assert_eq!(known.label(), "apns.bad_device_token");
    assert_eq!(format!("{known:?}"), "Received(BadDeviceToken)");

    let alias = Received::<apns::Reason>::new("BadEnvironmentKeyInToken");
    assert_eq!(
        alias.known(),
        Some(apns::Reason::BadEnvironmentKeyIdInToken)
    );
    assert_eq!(alias.as_str(), "BadEnvironmentKeyInToken");
    assert_ne!(
        alias,
        Received::from(apns::Reason::BadEnvironmentKeyIdInToken)
    );

    let unknown: Received<apns::Reason> = "Brand\u{202E}New\n".parse().unwrap();
    assert_eq!(unknown.known(), None);
    assert!(!unknown.is_known());
    assert_eq!(unknown.as_str(), "Brand\u{202E}New\n");
    assert_eq!(unknown.to_string(), "Brand\\u{202e}New\\u{a}");
    assert_eq!(unknown.label(), <apns::Reason as KnownValue>::UNKNOWN_LABEL);
    assert_eq!(format!("{unknown:?}"), r#"Received("Brand\u{202e}New\n")"#);
}

#[test]
fn received_values_serialize_as_the_wire_form() {
    type Code = Received<app_store_server::ErrorCode>;
    type Reason = Received<apns::Reason>;
    type Status = Received<apns::Status>;
    let cases: [(String, &str); 11] = [
        (
            to_string(&Reason::new("BadDeviceToken")).unwrap(),
            r#""BadDeviceToken""#,
        ),
        (
            to_string(&Reason::new("Unheard\"Of")).unwrap(),
            r#""Unheard\"Of""#,
        ),
        (to_string(&Reason::new("42")).unwrap(), r#""42""#),
        (to_string(&Code::new("4040010")).unwrap(), "4040010"),
        (to_string(&Code::new("9990000")).unwrap(), "9990000"),
        (to_string(&Code::new("-7")).unwrap(), "-7"),
        (to_string(&Code::new("007")).unwrap(), r#""007""#),
        (to_string(&Code::new("-0")).unwrap(), r#""-0""#),
        (to_string(&Code::new("1.5")).unwrap(), r#""1.5""#),
        (
            to_string(&Code::new("99999999999999999999")).unwrap(),
            r#""99999999999999999999""#,
        ),
        (to_string(&Status::new("410")).unwrap(), "410"),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
    for text in [
        "4040010",
        "9990000",
        "-7",
        "007",
        "-0",
        "1.5",
        "",
        "x",
        "18446744073709551615",
    ] {
        assert_eq!(again(&Code::new(text)).as_str(), text, "{text:?}");
    }
    for text in [
        "BadDeviceToken",
        "BadEnvironmentKeyInToken",
        "New",
        "",
        "\u{0}",
    ] {
        assert_eq!(again(&Reason::new(text)), Reason::new(text), "{text:?}");
    }
}

/// Generic code needs only the public trait to write a received value.
fn wire_json<T: KnownValue>(value: &Received<T>) -> String {
    to_string(value).unwrap()
}

#[test]
fn received_values_serialize_for_any_known_value_type() {
    assert_eq!(wire_json(&Received::<apns::Status>::new("410")), "410");
    assert_eq!(wire_json(&Received::<apns::Reason>::new("410")), r#""410""#);
    const {
        assert!(<app_store_server::ErrorCode as KnownValue>::NUMERIC);
        assert!(<apns::Status as KnownValue>::NUMERIC);
        assert!(!<apns::Reason as KnownValue>::NUMERIC);
    }
}

#[test]
fn received_values_read_anything_this_version_does_not_know() {
    type Code = Received<app_store_server::ErrorCode>;
    let code: Code = from_str("4040010").unwrap();
    assert_eq!(
        code.known(),
        Some(app_store_server::ErrorCode::TransactionIdNotFound)
    );
    let code: Code = from_str(r#""4040010""#).unwrap();
    assert_eq!(
        code.known(),
        Some(app_store_server::ErrorCode::TransactionIdNotFound)
    );
    let code: Code = from_str("9990000").unwrap();
    assert_eq!((code.known(), code.as_str()), (None, "9990000"));
    let code: Code = from_str("-3").unwrap();
    assert_eq!(code.as_str(), "-3");
    let code: Code = from_str("1.5").unwrap();
    assert_eq!(code.as_str(), "1.5");
    let reason: Received<apns::Reason> = from_str(r#""NotYetInvented""#).unwrap();
    assert_eq!((reason.known(), reason.as_str()), (None, "NotYetInvented"));
    // The bare known types still refuse what they do not know.
    assert!(from_str::<apns::Reason>(r#""NotYetInvented""#).is_err());
    for bad in [
        "true",
        "null",
        "[]",
        "{}",
        r#"{"reason":"x"}"#,
        "",
        "\"unterminated",
    ] {
        assert!(from_str::<Code>(bad).is_err(), "{bad}");
        assert!(from_str::<Received<apns::Reason>>(bad).is_err(), "{bad}");
    }
}

#[test]
fn apns_rejections_are_flat_objects() {
    let rejection = apns::Response::new(
        410,
        br#"{"reason":"Unregistered","timestamp":1700000000000}"#,
    )
    .apns_id("EC1BF194-B3B2-424A-89A9-5A918A6E6B5E")
    .classify()
    .unwrap_err();
    assert_eq!(
        to_string(&rejection).unwrap(),
        concat!(
            r#"{"status":410,"reason":"Unregistered","known":true,"label":"apns.unregistered","#,
            r#""timestamp_ms":1700000000000,"apns_id":"EC1BF194-B3B2-424A-89A9-5A918A6E6B5E","#,
            r#""needs_new_connection":false,"needs_new_provider_token":false,"#,
            r#""action":"never","token":"drop","inferred":false,"token_inferred":true}"#
        )
    );

    // The example in the docs.
    let rejection = apns::Response::new(400, br#"{"reason":"BadDeviceToken"}"#)
        .apns_id("EC1BF194-B3B2-424A-89A9-5A918A6E6B5E")
        .classify()
        .unwrap_err();
    assert_eq!(
        to_string(&rejection).unwrap(),
        concat!(
            r#"{"status":400,"reason":"BadDeviceToken","known":true,"label":"apns.bad_device_token","#,
            r#""apns_id":"EC1BF194-B3B2-424A-89A9-5A918A6E6B5E","needs_new_connection":false,"#,
            r#""needs_new_provider_token":false,"action":"never","token":"check_environment","#,
            r#""inferred":false,"token_inferred":true}"#
        )
    );

    let rejection = apns::Response::new(503, b"<html>busy</html>")
        .unique_id(b"id\xFF")
        .retry_after("120")
        .classify()
        .unwrap_err();
    assert_eq!(
        to_string(&rejection).unwrap(),
        format!(
            concat!(
                r#"{{"status":503,"known":false,"label":"{}","unique_id":"id�","#,
                r#""needs_new_connection":false,"needs_new_provider_token":false,"#,
                r#""action":"back_off","min_delay_secs":900,"token":"keep","inferred":false,"#,
                r#""token_inferred":false,"retry_after":"120","body_error":"the body is not JSON (at byte 0)"}}"#
            ),
            <apns::Reason as KnownValue>::UNKNOWN_LABEL
        )
    );

    let rejection = apns::Response::new(400, br#"{"reason":"TeapotFull"}"#)
        .retry_after("soon")
        .classify()
        .unwrap_err();
    let json: serde_json::Value = serde_json::to_value(&rejection).unwrap();
    assert_eq!(json["reason"], "TeapotFull");
    assert_eq!(json["known"], false);
    assert_eq!(json["label"], <apns::Reason as KnownValue>::UNKNOWN_LABEL);
    assert_eq!(
        json["retry_after_error"],
        rejection.retry_after_error().unwrap().to_string()
    );
    // The reason reads back as a received value, the object as its policy.
    let reason: Received<apns::Reason> = serde_json::from_value(json["reason"].clone()).unwrap();
    assert_eq!(reason.as_str(), "TeapotFull");
    let policy: RetryPolicy = serde_json::from_value(json).unwrap();
    assert_eq!(policy, rejection.retry());
}

#[test]
fn broadcast_rejections_and_goaways_are_flat_objects() {
    use apns::broadcast::{Operation, Response};

    let rejection = Response::new(Operation::Broadcast, 400, br#"{"reason":"BadChannelId"}"#)
        .request_id("r-1")
        .classify()
        .unwrap_err();
    let policy = to_string(&rejection.retry()).unwrap();
    assert_eq!(
        to_string(&rejection).unwrap(),
        format!(
            concat!(
                r#"{{"operation":"Broadcast","status":400,"reason":"BadChannelId","known":true,"#,
                r#""label":"{}","request_id":"r-1","unexpected_success":false,"#,
                r#""needs_new_connection":false,"needs_new_provider_token":false,{}"#
            ),
            apns::broadcast::Reason::BadChannelId.label(),
            &policy[1..]
        )
    );

    assert_eq!(
        &policy,
        r#"{"action":"after_fix","token":"keep","inferred":true,"token_inferred":false}"#
    );
    assert_eq!(
        apns::broadcast::Reason::BadChannelId.label(),
        "apns.broadcast.bad_channel_id"
    );

    let goaway = apns::GoAway::parse(br#"{"reason":"Shutdown"}"#);
    assert_eq!(
        to_string(&goaway).unwrap(),
        concat!(
            r#"{"reason":"Shutdown","known":true,"label":"apns.shutdown","needs_new_connection":true,"#,
            r#""needs_new_provider_token":false,"action":"new_connection","token":"keep","inferred":true,"#,
            r#""token_inferred":false}"#
        )
    );
    let goaway = apns::broadcast::GoAway::parse(b"{");
    let json = serde_json::to_value(&goaway).unwrap();
    assert_eq!(json.get("reason"), None);
    assert_eq!(json["known"], false);
    assert_eq!(json["needs_new_connection"], true);
    assert_eq!(json["body_error"], goaway.body_error().unwrap().to_string());
}

#[test]
fn store_api_rejections_are_flat_objects() {
    let body = br#"{"errorCode": 4290000, "errorMessage": "Rate limit exceeded."}"#;
    let rejection = app_store_server::Response::new(429, body)
        .retry_after("1700000060000")
        .classify()
        .unwrap_err();
    assert_eq!(
        to_string(&rejection).unwrap(),
        concat!(
            r#"{"status":429,"code":4290000,"known":true,"label":"app_store_server.rate_limit_exceeded","#,
            r#""message":"Rate limit exceeded.","action":"after_delay","token":"keep","inferred":false,"#,
            r#""token_inferred":false,"retry_after":"1700000060000"}"#
        )
    );

    // A code as a string is kept as a string; the status decides.
    let body = br#"{"errorCode": "4040010", "errorMessage": "Say \"hi\"\n"}"#;
    let rejection = app_store_server::Response::new(404, body)
        .classify()
        .unwrap_err();
    let json = serde_json::to_value(&rejection).unwrap();
    assert_eq!(json["code"], "4040010");
    assert_eq!(json["known"], false);
    // Received text is escaped as in `Display`; quotes are JSON's to escape.
    assert_eq!(json["message"], "Say \"hi\"\\u{a}");
    assert_eq!(
        json["body_error"],
        "the body's `errorCode` is not a whole number"
    );

    // A known code with another status: flagged (and only then written).
    let body = br#"{"errorCode": 4040010}"#;
    let rejection = app_store_server::Response::new(500, body)
        .classify()
        .unwrap_err();
    assert!(rejection.status_disagrees());
    let json = serde_json::to_value(&rejection).unwrap();
    assert_eq!(json["status_disagrees"], true);
    assert_eq!(json["known"], true);
    let policy: RetryPolicy = serde_json::from_value(json).unwrap();
    assert_eq!(policy, rejection.retry());
    let rejection = apple_errors::retention_messaging::Response::new(500, b"{}")
        .classify()
        .unwrap_err();
    let json = serde_json::to_value(&rejection).unwrap();
    assert_eq!(json.get("status_disagrees"), None);
    assert_eq!(json["status"], 500);
    assert_eq!(json["body_error"], "the body has no `errorCode`");

    let rejection = apple_errors::advanced_commerce::Response::new(401, b"")
        .classify()
        .unwrap_err();
    let json = serde_json::to_value(&rejection).unwrap();
    assert_eq!(json.get("code"), None);
    assert_eq!(json.get("message"), None);
    assert_eq!(json["body_error"], "the body is empty");
    let code = Received::<app_store_server::ErrorCode>::new("9990000");
    let body = format!(r#"{{"errorCode": {}}}"#, code.as_str());
    let rejection = app_store_server::Response::new(400, &body)
        .classify()
        .unwrap_err();
    let json = serde_json::to_value(&rejection).unwrap();
    let back: Received<app_store_server::ErrorCode> =
        serde_json::from_value(json["code"].clone()).unwrap();
    assert_eq!(back, code);
}

#[test]
fn app_store_connect_rejections_are_flat_objects() {
    let body = br#"{"errors":[{
      "id": "b5a4b9a3",
      "status": "409",
      "code": "ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG",
      "title": "An attribute value is too long.",
      "detail": "'name' must be 30 characters or fewer.",
      "source": {"pointer": "/data/attributes/name"},
      "links": {"about": "https://developer.apple.com/"},
      "meta": {"associatedErrors": {"/v1/builds": [{"code": "NOT_YET_A_CODE", "status": 409, "title": "t"}]}}
    }, {"code": "PARAMETER_ERROR.INVALID", "status": "400", "title": "Bad", "source": {"parameter": "filter[x]"}}]}"#;
    let rejection = app_store_connect::Response::new(409, body)
        .rate_limit("user-hour-lim:3600;user-hour-rem:0;")
        .classify()
        .unwrap_err();
    let other = <app_store_connect::ErrorCodeFamily as KnownValue>::UNKNOWN_LABEL;
    assert_eq!(
        to_string(&rejection).unwrap(),
        format!(
            concat!(
                r#"{{"status":409,"code":"ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG","known":true,"#,
                r#""label":"app_store_connect.entity_error_attribute_invalid","errors":["#,
                r#"{{"id":"b5a4b9a3","status":409,"code":"ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG","#,
                r#""label":"app_store_connect.entity_error_attribute_invalid","#,
                r#""title":"An attribute value is too long.","detail":"'name' must be 30 characters or fewer.","#,
                r#""source":{{"pointer":"/data/attributes/name"}},"about":"https://developer.apple.com/","#,
                r#""associated_errors":{{"/v1/builds":[{{"status":409,"code":"NOT_YET_A_CODE","label":"{}","title":"t"}}]}}}},"#,
                r#"{{"status":400,"code":"PARAMETER_ERROR.INVALID","label":"{}","title":"Bad","#,
                r#""source":{{"parameter":"filter[x]"}}}}],"#,
                r#""rate_limit":{{"hour_limit":3600,"hour_remaining":0}},"#,
                r#""action":"after_fix","token":"keep","inferred":true,"token_inferred":false}}"#
            ),
            other,
            app_store_connect::ErrorCode::new("PARAMETER_ERROR.INVALID").label(),
        )
    );
    let policy: RetryPolicy = from_str(&to_string(&rejection).unwrap()).unwrap();
    assert_eq!(policy, rejection.retry());

    let parsed = app_store_connect::ErrorResponse::parse(body).unwrap();
    let json = serde_json::to_value(&parsed).unwrap();
    assert_eq!(json["errors"][1]["code"], "PARAMETER_ERROR.INVALID");

    let rejection = app_store_connect::Response::new(503, b"Service Unavailable")
        .classify()
        .unwrap_err();
    let json = serde_json::to_value(&rejection).unwrap();
    assert_eq!(json.get("code"), None);
    assert_eq!(json["known"], false);
    assert_eq!(json["errors"], serde_json::json!([]));
    assert_eq!(
        json["body_error"],
        rejection.body_error().unwrap().to_string()
    );
}

/// Whatever the text, reading gives a value or an error, never a panic.
#[test]
fn malformed_input_is_an_error_not_a_panic() {
    let inputs = [
        "",
        " ",
        "{",
        "}",
        "[",
        "\"",
        "nul",
        "1e999",
        "-",
        "{\"action\"",
        "{\"action\":",
        "{\"action\":\"never\",}",
        "{\"action\":\"never\"",
        "{\"not_before_ms\":1e3}",
        "{\"action\":[\"never\"]}",
        "{\"action\":{\"never\":1}}",
        "\"\\ud800\"",
        "{\"base_ms\":1e20}",
        "{\"max_wait_ms\":true}",
        "18446744073709551616",
        "-9223372036854775809",
    ];
    for input in inputs {
        let _ = from_str::<RetryAction>(input);
        let _ = from_str::<TokenAction>(input);
        let _ = from_str::<RetryPolicy>(input);
        let _ = from_str::<Decision>(input);
        let _ = from_str::<Backoff>(input);
        let _ = from_str::<Received<apns::Reason>>(input);
        let _ = from_str::<Received<app_store_server::ErrorCode>>(input);
    }
    assert!(from_str::<Decision>("{\"action\":\"never\",}").is_err());
}
