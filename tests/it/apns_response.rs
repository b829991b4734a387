//! Classifying APNs responses and GOAWAY data, including every kind of bad
//! input: each gets a documented outcome and never a panic.

use std::time::{Duration, SystemTime};

use apple_errors::apns::{GoAway, Reason, Rejection, Response, Status};
use apple_errors::body::{BodyError, MAX_BODY_LEN};
use apple_errors::retry::{RetryAction, TokenAction};
use apple_errors::{AppleError, HeaderId};

fn reject(status: u16, body: &[u8]) -> Rejection {
    match Response::new(status, body).classify() {
        Ok(d) => panic!("status {status} was classified as delivered: {d:?}"),
        Err(r) => r,
    }
}

#[test]
fn status_200_is_a_delivery_with_its_ids() {
    let delivered = Response::new(200, b"")
        .apns_id("EC1BF194-B3B2-424A-89A9-5A918A6E6B5E")
        .unique_id(b"a8f90e6b-c6e8-4bda-9d07-17e2c1b1a6a2")
        .classify()
        .unwrap();
    assert_eq!(
        delivered.ids().apns_id().unwrap().as_str(),
        Some("EC1BF194-B3B2-424A-89A9-5A918A6E6B5E")
    );
    assert_eq!(
        delivered.ids().unique_id().unwrap().as_bytes(),
        b"a8f90e6b-c6e8-4bda-9d07-17e2c1b1a6a2"
    );
    assert!(
        Response::new(200, b"")
            .classify()
            .unwrap()
            .ids()
            .apns_id()
            .is_none()
    );
}

/// Every shape of id header, alone and together, on both outcomes: each
/// is kept as `HeaderId::new` keeps it, whichever path built it.
#[test]
fn ids_of_every_length_are_kept_on_both_outcomes() {
    let uuid = b"EC1BF194-B3B2-424A-89A9-5A918A6E6B5E".to_vec();
    let ids: Vec<Option<Vec<u8>>> = vec![
        None,
        Some(uuid.clone()),
        Some(b"".to_vec()),
        Some(uuid[..35].to_vec()),
        Some([&uuid[..], b"0"].concat()),
        Some(vec![b'x'; HeaderId::MAX_LEN]),
        Some(vec![b'x'; HeaderId::MAX_LEN + 1]),
        Some(b"\xFF\x00".to_vec()),
    ];
    for apns_id in &ids {
        for unique_id in &ids {
            for status in [200, 400] {
                let mut response = Response::new(status, br#"{"reason":"BadTopic"}"#);
                if let Some(id) = apns_id {
                    response = response.apns_id(id);
                }
                if let Some(id) = unique_id {
                    response = response.unique_id(id);
                }
                let got = match response.classify() {
                    Ok(delivered) => delivered.ids().clone(),
                    Err(rejection) => rejection.ids().clone(),
                };
                let want = |id: &Option<Vec<u8>>| id.as_deref().map(HeaderId::new);
                assert_eq!(got.apns_id(), want(apns_id).as_ref(), "{status}");
                assert_eq!(got.unique_id(), want(unique_id).as_ref(), "{status}");
                if let Some(id) = apns_id
                    .as_deref()
                    .filter(|id| id.len() <= HeaderId::MAX_LEN)
                {
                    assert_eq!(got.apns_id().map(HeaderId::as_bytes), Some(id));
                }
            }
        }
    }
}

#[test]
fn status_200_ignores_any_body() {
    assert!(
        Response::new(200, r#"{"reason":"BadTopic"}"#)
            .classify()
            .is_ok()
    );
    assert!(Response::new(200, b"\xFF garbage").classify().is_ok());
}

#[test]
fn unregistered_with_timestamp() {
    let r = reject(
        410,
        br#"{"reason":"Unregistered","timestamp":1700000000000}"#,
    );
    assert_eq!(r.status(), 410);
    assert_eq!(r.known_status(), Some(Status::Gone));
    assert_eq!(r.reason(), Some(Reason::Unregistered));
    assert_eq!(r.raw_reason(), Some("Unregistered"));
    assert_eq!(r.timestamp_millis(), Some(1_700_000_000_000));
    assert_eq!(
        r.timestamp(),
        Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000))
    );
    assert_eq!(r.body_error(), None);
    assert_eq!(r.retry().action(), RetryAction::Never);
    assert_eq!(r.retry().token(), TokenAction::Drop);
    assert_eq!(r.remedy(), Reason::Unregistered.remedy());
    assert_eq!(r.description(), Some(Reason::Unregistered.description()));
}

#[test]
fn every_410_reason_keeps_its_timestamp() {
    let r = reject(410, br#"{"reason":"ExpiredToken","timestamp":1}"#);
    assert_eq!(r.reason(), Some(Reason::ExpiredToken));
    assert_eq!(r.timestamp_millis(), Some(1));
    assert_eq!(r.retry().token(), TokenAction::Drop);
}

#[test]
fn every_known_reason_is_read_from_a_body() {
    for &reason in Reason::ALL {
        let body = format!(r#"{{"reason":"{}"}}"#, reason.as_str());
        let r = reject(reason.status().code(), body.as_bytes());
        assert_eq!(r.reason(), Some(reason));
        assert_eq!(r.raw_reason(), Some(reason.as_str()));
        assert_eq!(r.retry(), reason.retry());
        assert_eq!(r.body_error(), None);
    }
}

#[test]
fn the_alias_maps_to_one_reason_and_keeps_its_spelling() {
    let r = reject(403, br#"{"reason":"BadEnvironmentKeyInToken"}"#);
    assert_eq!(r.reason(), Some(Reason::BadEnvironmentKeyIdInToken));
    assert_eq!(r.raw_reason(), Some("BadEnvironmentKeyInToken"));
}

#[test]
fn an_unknown_reason_is_kept_and_the_status_decides() {
    let r = reject(400, br#"{"reason":"SomethingAppleAddedLater"}"#);
    assert_eq!(r.reason(), None);
    assert_eq!(r.raw_reason(), Some("SomethingAppleAddedLater"));
    assert_eq!(r.body_error(), None);
    assert_eq!(r.retry(), Status::BadRequest.retry());
    assert_eq!(r.remedy(), Status::BadRequest.remedy());
    assert_eq!(r.raw_code(), Some("SomethingAppleAddedLater"));
    assert_eq!(r.http_status(), Some(400));

    let r = reject(503, br#"{"reason":"Maintenance"}"#);
    assert_eq!(r.retry().action(), RetryAction::BackOff);
    assert_eq!(r.retry().min_delay(), Some(Duration::from_secs(900)));
}

#[test]
fn an_unknown_status_falls_back_to_its_class() {
    let r = reject(502, b"<html><body>Bad Gateway</body></html>");
    assert_eq!(r.known_status(), None);
    assert_eq!(r.body_error(), Some(BodyError::Syntax { offset: 0 }));
    assert_eq!(r.retry().action(), RetryAction::BackOff);
    assert_eq!(r.description(), None);

    let r = reject(418, br#"{"reason":"Teapot"}"#);
    assert_eq!(r.retry().action(), RetryAction::AfterFix);
    assert!(r.retry().is_inferred());
}

#[test]
fn a_known_reason_decides_even_under_an_unexpected_status() {
    let r = reject(400, br#"{"reason":"TooManyRequests"}"#);
    assert_eq!(r.retry(), Reason::TooManyRequests.retry());
}

#[test]
fn an_empty_body_still_gets_the_status_decision() {
    for body in [&b""[..], b"   \r\n\t", b"\xEF\xBB\xBF"] {
        let r = reject(503, body);
        assert_eq!(r.body_error(), Some(BodyError::Empty), "{body:?}");
        assert_eq!(r.reason(), None);
        assert_eq!(r.raw_reason(), None);
        assert_eq!(r.retry(), Status::ServiceUnavailable.retry());
    }
}

#[test]
fn html_and_text_bodies_are_syntax_errors() {
    let r = reject(500, b"Internal Server Error");
    assert_eq!(r.body_error(), Some(BodyError::Syntax { offset: 0 }));
    assert_eq!(r.retry(), Status::InternalServerError.retry());
    let r = reject(400, br#"{"reason":"BadTopic""#);
    assert_eq!(r.body_error(), Some(BodyError::Syntax { offset: 20 }));
    assert_eq!(r.reason(), None, "a truncated body is not trusted");
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    let r = reject(400, b"{\"reason\":\"Bad\xFFTopic\"}");
    assert_eq!(
        r.body_error(),
        Some(BodyError::InvalidUtf8 { valid_up_to: 14 })
    );
    assert_eq!(r.reason(), None);
    assert_eq!(r.retry(), Status::BadRequest.retry());
}

#[test]
fn wrong_json_types_are_reported() {
    let r = reject(400, br#"{"reason":17}"#);
    assert_eq!(r.body_error(), Some(BodyError::ReasonNotString));
    assert!(!BodyError::ReasonNotString.is_whole_body());
    assert!(!BodyError::InvalidTimestamp.is_whole_body());
    assert!(BodyError::NotObject.is_whole_body());
    assert!(BodyError::TooLarge { len: 1, limit: 0 }.is_whole_body());
    assert_eq!(r.raw_reason(), None);
    assert_eq!(r.retry(), Status::BadRequest.retry());

    for body in [&br#"{"reason":null}"#[..], br#"{"other":"x"}"#, b"{}"] {
        assert_eq!(
            reject(400, body).body_error(),
            Some(BodyError::MissingReason)
        );
    }
    for body in [&br#"["BadTopic"]"#[..], br#""BadTopic""#, b"17", b"null"] {
        assert_eq!(reject(400, body).body_error(), Some(BodyError::NotObject));
    }
}

#[test]
fn a_bad_timestamp_is_reported_and_the_reason_kept() {
    for ts in [
        "false",
        "\"1700000000000\"",
        "-1",
        "1.5",
        "1700000000000.0",
        "1e3",
        "1e400",
        "18446744073709551616",
        "{}",
    ] {
        let body = format!(r#"{{"reason":"Unregistered","timestamp":{ts}}}"#);
        let r = reject(410, body.as_bytes());
        assert_eq!(r.body_error(), Some(BodyError::InvalidTimestamp), "{ts}");
        assert_eq!(r.timestamp_millis(), None, "{ts}");
        assert_eq!(r.reason(), Some(Reason::Unregistered), "{ts}");
        assert_eq!(r.retry().token(), TokenAction::Drop, "{ts}");
    }
    let max = format!(r#"{{"reason":"Unregistered","timestamp":{}}}"#, u64::MAX);
    assert_eq!(
        reject(410, max.as_bytes()).timestamp_millis(),
        Some(u64::MAX)
    );
    let r = reject(410, br#"{"reason":"Unregistered","timestamp":null}"#);
    assert_eq!((r.timestamp_millis(), r.body_error()), (None, None));
}

#[test]
fn a_reason_problem_outranks_a_timestamp_problem() {
    let r = reject(410, br#"{"reason":17,"timestamp":false}"#);
    assert_eq!(r.body_error(), Some(BodyError::ReasonNotString));
}

#[test]
fn a_timestamp_far_in_the_future_does_not_overflow() {
    let body = format!(r#"{{"reason":"Unregistered","timestamp":{}}}"#, u64::MAX);
    let r = reject(410, body.as_bytes());
    // Whether the platform's SystemTime reaches that far decides; if it
    // does, the time is the one the milliseconds say.
    if let Some(t) = r.timestamp() {
        let ms = t
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_millis();
        assert_eq!(ms, u128::from(u64::MAX));
    }
}

#[test]
fn oversized_bodies_are_not_read() {
    let mut body = br#"{"reason":"BadTopic","padding":""#.to_vec();
    body.resize(MAX_BODY_LEN + 1, b' ');
    let r = reject(400, &body);
    assert_eq!(
        r.body_error(),
        Some(BodyError::TooLarge {
            len: MAX_BODY_LEN + 1,
            limit: MAX_BODY_LEN,
        })
    );
    assert_eq!(r.reason(), None);
    assert_eq!(r.retry(), Status::BadRequest.retry());

    let mut at_limit = br#"{"reason":"BadTopic"}"#.to_vec();
    at_limit.resize(MAX_BODY_LEN, b' ');
    assert_eq!(reject(400, &at_limit).reason(), Some(Reason::BadTopic));
}

#[test]
fn deep_nesting_is_refused_without_recursion() {
    let deep = format!(
        r#"{{"reason":"BadTopic","x":{}{}}}"#,
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let r = reject(400, deep.as_bytes());
    assert_eq!(r.body_error(), Some(BodyError::TooDeep));
    assert_eq!(r.retry(), Status::BadRequest.retry());

    let shallow = r#"{"x":{"y":[1,{"z":null}]},"reason":"BadTopic"}"#;
    assert_eq!(
        reject(400, shallow.as_bytes()).reason(),
        Some(Reason::BadTopic)
    );
}

#[test]
fn duplicate_keys_take_the_last_value() {
    let r = reject(400, br#"{"reason":"BadTopic","reason":"BadPriority"}"#);
    assert_eq!(r.reason(), Some(Reason::BadPriority));
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let r = reject(400, b"\xEF\xBB\xBF{\"reason\":\"BadTopic\"}");
    assert_eq!(r.reason(), Some(Reason::BadTopic));
    // Offsets still count from the first byte received.
    let r = reject(400, b"\xEF\xBB\xBF{x}");
    assert_eq!(r.body_error(), Some(BodyError::Syntax { offset: 4 }));
    let r = reject(400, b"\xEF\xBB\xBF{\"reason\":\"\xFF\"}");
    assert_eq!(
        r.body_error(),
        Some(BodyError::InvalidUtf8 { valid_up_to: 14 })
    );
}

#[test]
fn escapes_in_keys_and_values_are_decoded() {
    let r = reject(400, br#"{"re\u0061son":"Bad\u0054opic"}"#);
    assert_eq!(r.reason(), Some(Reason::BadTopic));
    assert_eq!(r.raw_reason(), Some("BadTopic"));
}

#[test]
fn nul_bytes_are_refused_raw_and_kept_when_escaped() {
    let r = reject(400, b"{\"reason\":\"Bad\0Topic\"}");
    assert_eq!(r.body_error(), Some(BodyError::Syntax { offset: 14 }));
    let r = reject(400, br#"{"reason":"Bad\u0000Topic"}"#);
    assert_eq!(r.reason(), None);
    assert_eq!(r.raw_reason(), Some("Bad\0Topic"));
}

#[test]
fn header_values_are_kept_byte_for_byte() {
    let r = Response::new(400, br#"{"reason":"BadTopic"}"#)
        .apns_id(b"\xFF\xFEnot-utf8")
        .classify()
        .unwrap_err();
    let id = r.ids().apns_id().unwrap();
    assert_eq!(id.as_bytes(), b"\xFF\xFEnot-utf8");
    assert_eq!(id.as_str(), None);
    assert!(r.ids().unique_id().is_none());
}

#[test]
fn display_says_what_is_known() {
    use std::error::Error as _;

    let r = reject(410, br#"{"reason":"Unregistered","timestamp":1}"#);
    assert_eq!(
        r.to_string(),
        "APNs rejected the push with status 410 (Unregistered)"
    );
    assert!(r.source().is_none());
    let r = reject(400, br#"{"reason":"New"}"#);
    assert_eq!(
        r.to_string(),
        r#"APNs rejected the push with status 400 (unknown reason "New")"#
    );
    // The spelling received, when it is an alias.
    let r = reject(403, br#"{"reason":"BadEnvironmentKeyInToken"}"#);
    assert_eq!(r.reason(), Some(Reason::BadEnvironmentKeyIdInToken));
    assert!(r.to_string().ends_with("(BadEnvironmentKeyInToken)"), "{r}");

    // The body's problem is the source, not part of the message.
    let r = reject(502, b"");
    assert_eq!(r.to_string(), "APNs rejected the push with status 502");
    let source = r.source().expect("the body problem");
    assert_eq!(source.downcast_ref::<BodyError>(), Some(&BodyError::Empty));
    let r = reject(400, br#"{"reason":17}"#);
    assert_eq!(
        r.source().and_then(|e| e.downcast_ref::<BodyError>()),
        Some(&BodyError::ReasonNotString)
    );
}

#[test]
fn goaway_data_is_parsed_like_a_body() {
    let g = GoAway::parse(br#"{"reason":"Shutdown"}"#);
    assert_eq!(g.reason(), Some(Reason::Shutdown));
    assert_eq!(g.retry().action(), RetryAction::NewConnection);
    assert_eq!(g.remedy(), Reason::Shutdown.remedy());

    // Unanswered requests go again on a new connection, even when the
    // reason itself says "never" about the request that caused it.
    let g = GoAway::parse(br#"{"reason":"BadDeviceToken"}"#);
    assert_eq!(g.retry().action(), RetryAction::NewConnection);
    assert!(g.retry().may_retry());
    assert_eq!(g.body_error(), None);
    assert_eq!(g.http_status(), None);

    let g = GoAway::parse(br#"{"reason":"SomethingNew"}"#);
    assert_eq!(g.raw_reason(), Some("SomethingNew"));
    assert_eq!(g.retry().action(), RetryAction::NewConnection);

    // No debug data is normal for a GOAWAY: not a problem, and no source.
    for data in [&b""[..], b" \r\n"] {
        let g = GoAway::parse(data);
        assert_eq!(g.body_error(), None);
        assert!(std::error::Error::source(&g).is_none());
        assert_eq!(g.to_string(), "APNs closed the connection");
    }
    let g = GoAway::parse(b"<html>");
    assert_eq!(g.body_error(), Some(BodyError::Syntax { offset: 0 }));
    assert!(std::error::Error::source(&g).is_some());
    assert_eq!(g.retry().action(), RetryAction::NewConnection);

    let g = GoAway::parse(b"\x00\x01\x02");
    assert_eq!(g.body_error(), Some(BodyError::Syntax { offset: 0 }));
    assert_eq!(g.to_string(), "APNs closed the connection");
}

/// A small deterministic generator, so the test needs no extra crates.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn arbitrary_bytes_never_panic_and_keep_the_invariants() {
    let seeds: [&[u8]; 4] = [
        br#"{"reason":"Unregistered","timestamp":1700000000000}"#,
        br#"{"reason":"Bad\u0054opic","x":[{"y":"\ud83d\ude00"}]}"#,
        b"<html>503</html>",
        b"",
    ];
    let mut state = 0x9E37_79B9_7F4A_7C15;
    for seed in seeds {
        // Every truncation of a seed.
        for end in 0..=seed.len() {
            check_invariants(&seed[..end]);
        }
        // Random byte flips.
        for _ in 0..2_000 {
            let mut body = seed.to_vec();
            if !body.is_empty() {
                let at = (xorshift(&mut state) as usize) % body.len();
                body[at] = xorshift(&mut state) as u8;
            }
            check_invariants(&body);
        }
    }
}

fn check_invariants(body: &[u8]) {
    let r = reject(400, body);
    // A known reason is always backed by its raw spelling.
    if let Some(reason) = r.reason() {
        let raw = r.raw_reason().unwrap();
        assert_eq!(Reason::from_wire(raw), Some(reason));
    }
    // A body that failed as a whole yields nothing from it.
    if r.body_error().is_some_and(BodyError::is_whole_body) {
        assert_eq!(r.raw_reason(), None);
        assert_eq!(r.timestamp_millis(), None);
    }
    // The decision is always the reason's or the status's.
    let expected = r.reason().map_or(Status::BadRequest.retry(), Reason::retry);
    assert_eq!(r.retry(), expected);
    let _ = r.to_string();
    let _ = GoAway::parse(body).to_string();
}
