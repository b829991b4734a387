//! Properties over generated input: no parse entry point panics on any
//! bytes, every known value round-trips, unknown values are kept exactly, and
//! the JSON reader agrees with `serde_json` on what a body says.

use apple_errors::apns::{self, Reason, broadcast};
use apple_errors::app_store_connect::{self, ErrorCode, ErrorCodeFamily, ErrorResponse, RateLimit};
use apple_errors::app_store_server::notifications::{
    CheckTestNotificationResponse, NotificationHistoryResponse, SendAttemptResult,
};
use apple_errors::body::BodyError;
use apple_errors::{advanced_commerce, app_store_server, retention_messaging};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Arbitrary JSON, shallow enough for `serde_json` to accept.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
        prop::sample::select(Reason::ALL).prop_map(|r| json!(r.as_str())),
    ];
    leaf.prop_recursive(6, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("reason".to_owned()),
                    Just("timestamp".to_owned()),
                    ".{0,6}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Bytes near JSON: mostly valid documents with a few bytes changed.
fn near_json() -> impl Strategy<Value = Vec<u8>> {
    (
        json_value(),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
    )
        .prop_map(|(value, edits)| {
            let mut bytes = serde_json::to_vec(&value).unwrap_or_default();
            for (at, byte) in edits {
                if !bytes.is_empty() {
                    let i = at.index(bytes.len());
                    bytes[i] = byte;
                }
            }
            bytes
        })
}

fn any_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![prop::collection::vec(any::<u8>(), 0..256), near_json()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_entry_point_panics(status in any::<u16>(), body in any_body()) {
        let r = apns::Response::new(status, &body).apns_id(&body).classify();
        if let Err(r) = &r {
            let _ = (r.to_string(), r.retry(), r.remedy(), r.timestamp());
        }
        let _ = apns::GoAway::parse(&body).to_string();
        for &op in broadcast::Operation::ALL {
            if let Err(r) = broadcast::Response::new(op, status, &body).classify() {
                let _ = (r.to_string(), r.retry(), r.remedy());
            }
        }
        let _ = NotificationHistoryResponse::parse(&body);
        let _ = CheckTestNotificationResponse::parse(&body);
        let _ = ErrorResponse::parse(&body);
        if let Err(r) = app_store_connect::Response::new(status, &body).classify() {
            let _ = (r.to_string(), r.retry());
        }
        let _ = RateLimit::parse(&body);
        if let Err(r) = app_store_server::Response::new(status, &body).retry_after(&body).classify() {
            let _ = (r.to_string(), r.retry(), r.remedy(), r.retry_at(), r.into_owned());
        }
        if let Err(r) = retention_messaging::Response::new(status, &body).classify() {
            let _ = (r.to_string(), r.retry());
        }
        if let Err(r) = advanced_commerce::Response::new(status, &body).classify() {
            let _ = (r.to_string(), r.retry());
        }
        let text = String::from_utf8_lossy(&body);
        let code = ErrorCode::new(&text);
        let half = text.get(..text.len() / 2).unwrap_or("");
        let _ = (code.family(), code.starts_with(half), code.levels().count());
    }

    #[test]
    fn known_values_round_trip(reason in prop::sample::select(Reason::ALL),
                               result in prop::sample::select(SendAttemptResult::ALL),
                               code in prop::sample::select(ErrorCodeFamily::ALL)) {
        prop_assert_eq!(reason.as_str().parse::<Reason>(), Ok(reason));
        prop_assert!(!reason.to_string().is_empty());
        prop_assert_eq!(result.as_str().parse::<SendAttemptResult>(), Ok(result));
        prop_assert!(!result.to_string().is_empty());
        #[cfg(feature = "serde")]
        {
            let back = serde_json::from_value::<Reason>(serde_json::to_value(reason).unwrap());
            prop_assert_eq!(back.unwrap(), reason);
            let back = serde_json::from_value::<SendAttemptResult>(serde_json::to_value(result).unwrap());
            prop_assert_eq!(back.unwrap(), result);
        }
        prop_assert_eq!(code.as_str().parse::<ErrorCodeFamily>(), Ok(code));
        prop_assert_eq!(ErrorCodeFamily::family_of(code.as_str()), Some(code));
        prop_assert!(!code.to_string().is_empty());
    }

    #[test]
    fn any_reason_string_is_kept_exactly(reason in ".{0,40}", status in 400u16..600) {
        let body = serde_json::to_vec(&json!({ "reason": reason })).unwrap();
        let r = apns::Response::new(status, &body).classify().unwrap_err();
        prop_assert_eq!(r.raw_reason(), Some(reason.as_str()));
        prop_assert_eq!(r.reason(), Reason::from_wire(&reason));
        prop_assert_eq!(r.body_error(), None);
        let g = broadcast::GoAway::parse(&body);
        prop_assert_eq!(g.raw_reason(), Some(reason.as_str()));
    }

    #[test]
    fn any_code_keeps_its_family(suffix in "[A-Z_]{1,8}(\\.[A-Z_]{1,8}){0,3}", family in prop::sample::select(ErrorCodeFamily::ALL)) {
        let code = ErrorCode::new(&format!("{}.{suffix}", family.as_str()));
        prop_assert!(code.starts_with(family.as_str()));
        prop_assert!(code.is(family));
        let found = code.family().unwrap();
        prop_assert!(code.starts_with(found.as_str()));
        prop_assert!(found.as_str().len() >= family.as_str().len());
    }

    /// The reader agrees with `serde_json` (`Value`, last duplicate wins) on
    /// what is a JSON object and on its `reason`.
    #[test]
    fn the_reader_agrees_with_serde_json(body in near_json()) {
        let ours = apns::Response::new(400, &body).classify().unwrap_err();
        let structural = ours.body_error().is_some_and(BodyError::is_whole_body);
        match serde_json::from_slice::<Value>(&body) {
            Ok(Value::Object(map)) => {
                prop_assert!(!structural, "{:?}", ours.body_error());
                prop_assert_eq!(ours.raw_reason(), map.get("reason").and_then(Value::as_str));
            }
            Ok(_) => prop_assert_eq!(ours.body_error(), Some(BodyError::NotObject)),
            Err(e) if e.to_string().contains("number out of range") => {}
            Err(_) => prop_assert!(structural, "accepted: {:?}", String::from_utf8_lossy(&body)),
        }
    }

    /// Any whole number as `errorCode`, with any message, is kept exactly;
    /// a known one is the code.
    #[test]
    fn any_error_code_is_kept(code in prop_oneof![any::<i64>(), prop::sample::select(
        app_store_server::ErrorCode::ALL).prop_map(|c| i64::from(c.code()))],
                              message in ".{0,40}", status in 400u16..600) {
        let body = serde_json::to_vec(&json!({ "errorCode": code, "errorMessage": message })).unwrap();
        let r = app_store_server::Response::new(status, &body).classify().unwrap_err();
        prop_assert_eq!(r.code(), Some(code));
        prop_assert_eq!(r.message(), Some(message.as_str()));
        prop_assert_eq!(r.body_error(), None);
        let known = u32::try_from(code).ok().and_then(app_store_server::ErrorCode::from_code);
        prop_assert_eq!(r.error_code(), known);
        // The reader agrees with serde_json on the code.
        let theirs: Value = serde_json::from_slice(&body).unwrap();
        prop_assert_eq!(theirs["errorCode"].as_i64(), r.code());
    }
}
