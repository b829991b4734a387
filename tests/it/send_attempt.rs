//! App Store Server Notifications send attempts: the generated table against
//! `spec/send_attempt.json` and Apple's list, response parsing, and the
//! resend schedule.

use std::time::Duration;

use crate::common::{Value, check_values, spec, str_field, strings};
use apple_errors::app_store_server::notifications::{
    CheckTestNotificationResponse, Delivery, Environment, NotificationHistoryResponse,
    NotificationVersion, SendAttempt, SendAttemptResult, V1_RESEND_DELAYS, V2_RESEND_DELAYS,
    delivery,
};
use apple_errors::body::{BodyError, ParseError};

#[test]
fn every_result_matches_its_spec_entry() {
    check_values!(
        SendAttemptResult,
        &spec("send_attempt.json"),
        |v: SendAttemptResult, entry: &Value| {
            let flags = strings(entry, "flags");
            assert!(
                flags.iter().all(|f| *f == "success"),
                "untested flag in {flags:?}"
            );
            assert_eq!(v.is_success(), flags.contains(&"success"), "{v:?}");
        }
    );
}

#[test]
fn the_schedules_match_the_spec() {
    let spec = spec("send_attempt.json");
    let schedules = crate::common::array(&spec, "schedules");
    let consts = [
        ("V2_RESEND_DELAYS", V2_RESEND_DELAYS),
        ("V1_RESEND_DELAYS", V1_RESEND_DELAYS),
    ];
    assert_eq!(schedules.len(), consts.len());
    for (name, delays) in consts {
        let entry = schedules
            .iter()
            .find(|s| str_field(s, "name") == name)
            .unwrap_or_else(|| panic!("{name} is in the spec"));
        let secs: Vec<u64> = entry["delays_secs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_u64().unwrap())
            .collect();
        let ours: Vec<u64> = delays.iter().map(Duration::as_secs).collect();
        assert_eq!(ours, secs, "{name}");
    }
}

#[test]
fn the_values_and_schedules_are_apples() {
    let wires: Vec<&str> = SendAttemptResult::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(
        wires,
        [
            "SUCCESS",
            "CIRCULAR_REDIRECT",
            "INVALID_RESPONSE",
            "NO_RESPONSE",
            "OTHER",
            "PREMATURE_CLOSE",
            "SOCKET_ISSUE",
            "TIMED_OUT",
            "TLS_ISSUE",
            "UNSUCCESSFUL_HTTP_RESPONSE_CODE",
            "UNSUPPORTED_CHARSET",
        ]
    );
    assert_eq!(
        SendAttemptResult::from_wire("SSL_ISSUE"),
        Some(SendAttemptResult::TlsIssue)
    );
    let hours = |d: &[Duration]| d.iter().map(|d| d.as_secs() / 3600).collect::<Vec<_>>();
    assert_eq!(hours(V2_RESEND_DELAYS), [1, 12, 24, 48, 72]);
    assert_eq!(hours(V1_RESEND_DELAYS), [6, 24, 48]);
    let only_success: Vec<_> = SendAttemptResult::ALL
        .iter()
        .filter(|r| r.is_success())
        .collect();
    assert_eq!(only_success, [&SendAttemptResult::Success]);
}

#[test]
fn remedies_say_what_to_fix_on_the_server() {
    assert!(SendAttemptResult::TimedOut.remedy().contains("200"));
    assert!(SendAttemptResult::TlsIssue.remedy().contains("TLS 1.2"));
}

const HISTORY: &[u8] = br#"{
  "notificationHistory": [
    {
      "sendAttempts": [
        {"attemptDate": 1698148900000, "sendAttemptResult": "NO_RESPONSE"},
        {"attemptDate": 1698148950000, "sendAttemptResult": "SUCCESS", "extra": [1, {"x": null}]}
      ],
      "signedPayload": "eyJhbGciOiJFUzI1NiJ9.eyJub3RpZmljYXRpb25UeXBlIjoiVEVTVCJ9.c2ln",
      "futureField": {"nested": true}
    },
    {
      "signedPayload": "second",
      "sendAttempts": [{"sendAttemptResult": "SSL_ISSUE", "attemptDate": 1}]
    }
  ],
  "hasMore": true,
  "paginationToken": "57715481-805a-4283-8499-1c19b5d6b20a",
  "unknownTopLevel": "ignored"
}"#;

#[test]
fn a_history_page_is_read_and_unknown_fields_ignored() {
    let page = NotificationHistoryResponse::parse(HISTORY).unwrap();
    assert_eq!(page.has_more(), Some(true));
    assert_eq!(
        page.pagination_token(),
        Some("57715481-805a-4283-8499-1c19b5d6b20a")
    );
    assert_eq!(page.items().len(), 2);
    let first = &page.items()[0];
    assert!(first.signed_payload().unwrap().starts_with("eyJhbGci"));
    let attempts = first.send_attempts();
    assert_eq!(attempts.len(), 2);
    assert_eq!(attempts[0].attempt_date_millis(), 1_698_148_900_000);
    assert_eq!(attempts[0].result(), Some(SendAttemptResult::NoResponse));
    assert!(attempts[1].is_success());
    let legacy = &page.items()[1].send_attempts()[0];
    assert_eq!(legacy.result(), Some(SendAttemptResult::TlsIssue));
    assert_eq!(legacy.raw_result(), "SSL_ISSUE");
}

#[test]
fn an_empty_history_is_fine() {
    let page = NotificationHistoryResponse::parse(br#"{"notificationHistory":[],"hasMore":false}"#)
        .unwrap();
    assert!(page.items().is_empty());
    assert_eq!(page.has_more(), Some(false));
    assert_eq!(page.pagination_token(), None);
}

#[test]
fn a_test_notification_status_is_read() {
    let body = br#"{"signedPayload":"abc","sendAttempts":[{"attemptDate":5,"sendAttemptResult":"UNSUCCESSFUL_HTTP_RESPONSE_CODE"}],"firstSendAttemptResult":"SUCCESS"}"#;
    let status = CheckTestNotificationResponse::parse(body).unwrap();
    assert_eq!(status.signed_payload(), Some("abc"));
    assert_eq!(
        status.send_attempts()[0].result(),
        Some(SendAttemptResult::UnsuccessfulHttpResponseCode)
    );
    let none =
        CheckTestNotificationResponse::parse(br#"{"signedPayload":"abc","sendAttempts":null}"#)
            .unwrap();
    assert!(none.send_attempts().is_empty());
}

#[test]
fn unknown_results_are_kept() {
    let body = br#"{"sendAttempts":[{"attemptDate":5,"sendAttemptResult":"DNS_FAILURE"}]}"#;
    let status = CheckTestNotificationResponse::parse(body).unwrap();
    let attempt = &status.send_attempts()[0];
    assert_eq!(attempt.result(), None);
    assert_eq!(attempt.raw_result(), "DNS_FAILURE");
    assert!(!attempt.is_success());
}

fn field_error(body: &[u8]) -> (String, &'static str) {
    match NotificationHistoryResponse::parse(body) {
        Err(ParseError::Field { path, expected }) => (path, expected),
        other => panic!("{other:?}"),
    }
}

/// Asserts that each history body is refused with a field error at `path`.
fn fails_at(cases: &[(&[u8], &str, &'static str)]) {
    for &(body, path, expected) in cases {
        assert_eq!(
            field_error(body),
            (path.to_owned(), expected),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn wrong_types_are_reported_with_their_path() {
    let cases: [(&[u8], &str, &str); 8] = [
        (br#"{"notificationHistory":{}}"#, "notificationHistory", "an array"),
        (br#"{"notificationHistory":[7]}"#, "notificationHistory[0]", "an object"),
        (
            br#"{"notificationHistory":[{"sendAttempts":"SUCCESS"}]}"#,
            "notificationHistory[0].sendAttempts",
            "an array",
        ),
        (
            br#"{"notificationHistory":[{"sendAttempts":[{"attemptDate":"yesterday","sendAttemptResult":"SUCCESS"}]}]}"#,
            "notificationHistory[0].sendAttempts[0].attemptDate",
            "a whole number of milliseconds",
        ),
        (
            br#"{"notificationHistory":[{"sendAttempts":[{"attemptDate":-1,"sendAttemptResult":"SUCCESS"}]}]}"#,
            "notificationHistory[0].sendAttempts[0].attemptDate",
            "a whole number of milliseconds",
        ),
        (
            br#"{"notificationHistory":[{},{"sendAttempts":[{"attemptDate":1}]}]}"#,
            "notificationHistory[1].sendAttempts[0].sendAttemptResult",
            "a value",
        ),
        (
            br#"{"notificationHistory":[{"sendAttempts":[{"attemptDate":1,"sendAttemptResult":17}]}]}"#,
            "notificationHistory[0].sendAttempts[0].sendAttemptResult",
            "a string",
        ),
        (br#"{"hasMore":"yes"}"#, "hasMore", "true or false"),
    ];
    fails_at(&cases);
    let err = NotificationHistoryResponse::parse(br#"{"paginationToken":5}"#).unwrap_err();
    assert_eq!(err.to_string(), "`paginationToken`: expected a string");
}

#[test]
fn a_member_given_twice_counts_once_the_last_one() {
    // Earlier duplicates with the wrong type are no error: the last wins, as
    // in JavaScript and serde_json::Value, at every level.
    let body = br#"{
      "notificationHistory": 7,
      "hasMore": "yes",
      "paginationToken": 5,
      "notificationHistory": [{
        "signedPayload": 1,
        "signedPayload": "p",
        "sendAttempts": "x",
        "sendAttempts": [{
          "attemptDate": "then", "sendAttemptResult": 9,
          "attemptDate": 5, "sendAttemptResult": "SUCCESS"
        }]
      }],
      "hasMore": false,
      "paginationToken": "t"
    }"#;
    let page = NotificationHistoryResponse::parse(body).unwrap();
    let json: serde_json::Value = serde_json::from_slice(body).unwrap();
    assert_eq!(page.has_more(), json["hasMore"].as_bool());
    assert_eq!(page.pagination_token(), json["paginationToken"].as_str());
    let [item] = page.items() else {
        panic!("one item")
    };
    assert_eq!(item.signed_payload(), Some("p"));
    assert_eq!(item.send_attempts(), [SendAttempt::new(5, "SUCCESS")]);

    // A later good list replaces an earlier one, items and problems alike.
    let body = br#"{"notificationHistory":[{"sendAttempts":[{}]}],"notificationHistory":[]}"#;
    assert!(
        NotificationHistoryResponse::parse(body)
            .unwrap()
            .items()
            .is_empty()
    );

    // The same for a test notification's status.
    let body = br#"{"sendAttempts":[1],"signedPayload":[],"signedPayload":"s","sendAttempts":[{"attemptDate":1,"sendAttemptResult":"TIMED_OUT"}]}"#;
    let status = CheckTestNotificationResponse::parse(body).unwrap();
    assert_eq!(status.signed_payload(), Some("s"));
    assert_eq!(status.send_attempts(), [SendAttempt::new(1, "TIMED_OUT")]);

    // When the last one is the bad one, it is the problem.
    let cases: [(&[u8], &str, &str); 4] = [
        (
            br#"{"notificationHistory":[],"hasMore":true,"hasMore":1}"#,
            "hasMore",
            "true or false",
        ),
        (
            br#"{"notificationHistory":[],"notificationHistory":{}}"#,
            "notificationHistory",
            "an array",
        ),
        (
            br#"{"notificationHistory":[{"sendAttempts":[{"attemptDate":1,"sendAttemptResult":"OTHER","attemptDate":-1}]}]}"#,
            "notificationHistory[0].sendAttempts[0].attemptDate",
            "a whole number of milliseconds",
        ),
        (
            br#"{"notificationHistory":[{"sendAttempts":[{"attemptDate":1,"sendAttemptResult":"OTHER","sendAttemptResult":null}]}]}"#,
            "notificationHistory[0].sendAttempts[0].sendAttemptResult",
            "a value",
        ),
    ];
    fails_at(&cases);
}

#[test]
fn the_first_problem_in_the_document_is_reported() {
    // The whole body is read; the earliest remaining problem is the error.
    let body = br#"{"notificationHistory":[{"sendAttempts":[{"attemptDate":"x","sendAttemptResult":1}]},7],"hasMore":0}"#;
    assert_eq!(
        field_error(body),
        (
            "notificationHistory[0].sendAttempts[0].attemptDate".to_owned(),
            "a whole number of milliseconds"
        )
    );
}

#[test]
fn a_problem_repeated_later_counts_from_its_last_occurrence() {
    // `hasMore` is wrong first, then `paginationToken`, then `hasMore`
    // again: the last `hasMore` replaces the first, so the earliest
    // remaining problem is `paginationToken`'s.
    let body = br#"{"notificationHistory":[],"hasMore":1,"paginationToken":5,"hasMore":2}"#;
    assert_eq!(
        field_error(body),
        ("paginationToken".to_owned(), "a string")
    );
    // And a later good `hasMore` clears it.
    let body = br#"{"notificationHistory":[],"hasMore":1,"paginationToken":5,"hasMore":true}"#;
    assert_eq!(
        field_error(body),
        ("paginationToken".to_owned(), "a string")
    );
    let body = br#"{"notificationHistory":[],"hasMore":1,"hasMore":true}"#;
    assert!(NotificationHistoryResponse::parse(body).is_ok());
}

#[test]
fn unusable_bodies_are_body_errors() {
    for (body, error) in [
        (&b""[..], BodyError::Empty),
        (b"<html>", BodyError::Syntax { offset: 0 }),
        (b"[]", BodyError::NotObject),
        (b"\xFF", BodyError::InvalidUtf8 { valid_up_to: 0 }),
        (
            br#"{"notificationHistory":[}"#,
            BodyError::Syntax { offset: 24 },
        ),
    ] {
        assert_eq!(
            NotificationHistoryResponse::parse(body),
            Err(ParseError::Body(error))
        );
        assert_eq!(
            CheckTestNotificationResponse::parse(body),
            Err(ParseError::Body(error))
        );
    }
    // A syntax error after a type error still reports the syntax error.
    assert_eq!(
        NotificationHistoryResponse::parse(br#"{"notificationHistory":"x",}"#),
        Err(ParseError::Body(BodyError::Syntax { offset: 27 }))
    );
    let deep = format!(
        r#"{{"notificationHistory":[{{"sendAttempts":[{{"x":{}{}}}]}}]}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    assert_eq!(
        NotificationHistoryResponse::parse(deep.as_bytes()),
        Err(ParseError::Body(BodyError::TooDeep))
    );
    assert_eq!(
        NotificationHistoryResponse::parse(br#"{"hasMore":false}"#),
        Err(ParseError::Field {
            path: "notificationHistory".into(),
            expected: "a value"
        })
    );
}

fn attempts(list: &[(u64, &str)]) -> Vec<SendAttempt> {
    list.iter()
        .map(|(at, r)| SendAttempt::new(*at, r))
        .collect()
}

const HOUR: u64 = 3_600_000;

#[test]
fn delivery_follows_apples_schedule() {
    use Environment::*;
    use NotificationVersion::*;
    assert_eq!(delivery(&[], V2, Production), Delivery::NotAttempted);

    let ok = attempts(&[(0, "TIMED_OUT"), (HOUR, "SUCCESS")]);
    assert_eq!(
        delivery(&ok, V2, Production),
        Delivery::Delivered { at_millis: HOUR }
    );

    // v2: 1, 12, 24, 48, 72 hours after the previous attempt.
    let mut list = Vec::new();
    let mut at = 0;
    for (n, wait) in [1, 12, 24, 48, 72].into_iter().enumerate() {
        list.push(SendAttempt::new(at, "NO_RESPONSE"));
        at += wait * HOUR;
        assert_eq!(
            delivery(&list, V2, Production),
            Delivery::NextAttemptDue { at_millis: at },
            "after {}",
            n + 1
        );
    }
    list.push(SendAttempt::new(at, "NO_RESPONSE"));
    assert_eq!(
        delivery(&list, V2, Production),
        Delivery::GaveUp {
            last_attempt_millis: at
        }
    );

    // v1: 6, 24, 48 hours.
    let one = attempts(&[(0, "OTHER")]);
    assert_eq!(
        delivery(&one, V1, Production),
        Delivery::NextAttemptDue {
            at_millis: 6 * HOUR
        }
    );
    let four = attempts(&[
        (0, "OTHER"),
        (6 * HOUR, "OTHER"),
        (30 * HOUR, "OTHER"),
        (78 * HOUR, "OTHER"),
    ]);
    assert_eq!(
        delivery(&four, V1, Production),
        Delivery::GaveUp {
            last_attempt_millis: 78 * HOUR
        }
    );

    // The sandbox never resends.
    assert_eq!(
        delivery(&one, V2, Sandbox),
        Delivery::GaveUp {
            last_attempt_millis: 0
        }
    );
}

#[test]
fn delivery_does_not_depend_on_order_and_counts_unknown_results_as_failures() {
    let shuffled = attempts(&[(HOUR, "SOMETHING_NEW"), (0, "TIMED_OUT")]);
    assert_eq!(
        delivery(&shuffled, NotificationVersion::V2, Environment::Production),
        Delivery::NextAttemptDue {
            at_millis: HOUR + 12 * HOUR
        }
    );
    let late = attempts(&[(u64::MAX, "TIMED_OUT")]);
    assert_eq!(
        delivery(&late, NotificationVersion::V2, Environment::Production),
        Delivery::NextAttemptDue {
            at_millis: u64::MAX
        }
    );
}

#[test]
fn delivery_edge_cases() {
    use Environment::*;
    use NotificationVersion::*;
    // A failure listed after the success: still delivered, at the success.
    let late_failure = attempts(&[(0, "SUCCESS"), (HOUR, "TIMED_OUT")]);
    assert_eq!(
        delivery(&late_failure, V2, Production),
        Delivery::Delivered { at_millis: 0 }
    );
    // The same attempt listed twice counts once.
    let twice = attempts(&[(0, "TIMED_OUT"), (0, "TIMED_OUT")]);
    assert_eq!(
        delivery(&twice, V2, Production),
        Delivery::NextAttemptDue { at_millis: HOUR }
    );
    // More attempts than the schedule has room for: given up.
    let many: Vec<SendAttempt> = (0..10)
        .map(|i| SendAttempt::new(i * HOUR, "OTHER"))
        .collect();
    assert_eq!(
        delivery(&many, V1, Production),
        Delivery::GaveUp {
            last_attempt_millis: 9 * HOUR
        }
    );
}
