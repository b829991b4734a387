//! Error messages follow the Rust API guidelines (C-GOOD-ERR): lowercase
//! unless they open with a proper name, no trailing punctuation, and no raw
//! control characters from a body, however hostile the input. A problem with
//! the body is the error's `source()`.

use std::error::Error;

use apple_errors::apns::{self, broadcast};
use apple_errors::app_store_connect::{self, RateLimit};
use apple_errors::app_store_server::notifications::{
    CheckTestNotificationResponse, NotificationHistoryResponse, SendAttempt,
};
use apple_errors::body::BodyError;

/// Names a message may open with, capitalised.
const PROPER: [&str; 7] = [
    "APNs ",
    "App Store Connect ",
    "App Store Server API ",
    "Retention Messaging API ",
    "Advanced Commerce API ",
    "X-Rate-Limit ",
    "`",
];

/// What a log line must not get raw from a body: control characters, the
/// separators log viewers break lines at, characters that reorder a line on
/// screen, and invisible ones.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{2028}'..='\u{202E}'
                | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
}

fn check(e: &dyn Error) {
    let message = e.to_string();
    let opens_lowercase = message.starts_with(|c: char| c.is_lowercase());
    assert!(
        opens_lowercase || PROPER.iter().any(|p| message.starts_with(p)),
        "{message:?} opens with a capital"
    );
    assert!(
        !message.ends_with(['.', '!', '?', ':', ';', ',']),
        "{message:?} ends with punctuation"
    );
    assert!(
        !message.chars().any(unsafe_char),
        "{message:?} holds a character a log line must not get raw"
    );
    if let Some(source) = e.source() {
        check(source);
    }
}

/// Reasons and texts a hostile peer could send: terminal escapes (C0 and
/// C1), line breaks, bidirectional overrides, quotes, a huge string.
fn hostile() -> Vec<String> {
    let mut all: Vec<String> = [
        "\u{1b}[2J\u{1b}[31mowned",
        "line\nbreak\r\nfake: log entry",
        "\u{202E}gpj.exe",
        "Bad\u{9b}[2J\u{202e}Token",
        "next\u{85}line\u{7f}",
        "split\u{2028}line\u{2029}and\u{FEFF}\u{200B}hidden",
        "quote\" and \\ backslash",
        "tab\there\u{0}nul",
        "Ends with a period.",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    all.push("x".repeat(10_000));
    all
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

#[test]
fn apns_rejections() {
    let mut bodies: Vec<Vec<u8>> = vec![
        br#"{"reason":"BadDeviceToken"}"#.to_vec(),
        br#"{"reason":"Unregistered","timestamp":1}"#.to_vec(),
        b"".to_vec(),
        b"<html>Bad gateway</html>".to_vec(),
        br#"{"reason":17}"#.to_vec(),
        br#"{"reason":"Unregistered","timestamp":-1}"#.to_vec(),
        b"\xFF".to_vec(),
    ];
    for text in hostile() {
        bodies.push(format!(r#"{{"reason":{}}}"#, json_string(&text)).into_bytes());
    }
    for body in &bodies {
        for status in [400, 403, 410, 429, 500, 503, 0, 999] {
            let r = apns::Response::new(status, body).classify().unwrap_err();
            check(&r);
            if r.body_error().is_some() {
                assert!(r.source().is_some(), "{r}");
            }
            for op in broadcast::Operation::ALL {
                if let Err(r) = broadcast::Response::new(*op, status, body).classify() {
                    check(&r);
                    assert_eq!(r.source().is_some(), r.body_error().is_some());
                }
            }
        }
        check(&apns::GoAway::parse(body));
        check(&broadcast::GoAway::parse(body));
    }
}

#[test]
fn unknown_reasons_are_quoted_escaped_and_cut() {
    let body = br#"{"reason":"\u001b[31mred\nline"}"#;
    let r = apns::Response::new(400, body).classify().unwrap_err();
    assert_eq!(r.raw_reason(), Some("\u{1b}[31mred\nline"));
    assert_eq!(
        r.to_string(),
        r#"APNs rejected the push with status 400 (unknown reason "\u{1b}[31mred\nline")"#
    );
    let long = "y".repeat(1000);
    let body = format!(r#"{{"reason":"{long}"}}"#);
    let r = apns::Response::new(400, &body).classify().unwrap_err();
    assert_eq!(r.raw_reason(), Some(long.as_str()), "kept whole");
    let shown = r.to_string();
    assert!(
        shown.ends_with(&format!("\"{}\"…)", "y".repeat(100))),
        "{shown}"
    );
}

#[test]
fn app_store_connect_rejections() {
    for text in hostile() {
        let t = json_string(&text);
        let body =
            format!(r#"{{"errors":[{{"status":"409","code":{t},"title":{t},"detail":{t}}}]}}"#);
        let r = app_store_connect::Response::new(409, &body)
            .classify()
            .unwrap_err();
        assert_eq!(
            r.errors()[0].title(),
            Some(text.as_str()),
            "kept as received"
        );
        check(&r);
        for shown in [r.errors()[0].to_string(), r.errors()[0].code().to_string()] {
            assert!(!shown.chars().any(unsafe_char), "{shown:?}");
        }
    }
    for body in [
        &b"Not Acceptable"[..],
        b"",
        br#"{"errors":[{"status":"x"}]}"#,
    ] {
        let r = app_store_connect::Response::new(406, body)
            .classify()
            .unwrap_err();
        check(&r);
        assert!(r.source().is_some(), "{r}");
    }
}

#[test]
fn app_store_server_api_rejections() {
    use apple_errors::{advanced_commerce, app_store_server, retention_messaging};
    let mut bodies: Vec<Vec<u8>> = vec![b"".to_vec(), b"<html>".to_vec()];
    for text in hostile() {
        let t = json_string(&text);
        bodies.push(format!(r#"{{"errorCode": 9990000, "errorMessage": {t}}}"#).into_bytes());
        bodies.push(format!(r#"{{"errorCode": {t}, "errorMessage": {t}}}"#).into_bytes());
        bodies.push(format!(r#"{{"errorMessage": {t}}}"#).into_bytes());
    }
    for body in &bodies {
        for status in [400, 401, 404, 429, 500] {
            let r = app_store_server::Response::new(status, body)
                .retry_after(body)
                .classify()
                .unwrap_err();
            check(&r);
            assert_eq!(r.source().is_some(), r.body_error().is_some());
            check(
                &retention_messaging::Response::new(status, body)
                    .classify()
                    .unwrap_err(),
            );
            check(
                &advanced_commerce::Response::new(status, body)
                    .classify()
                    .unwrap_err(),
            );
        }
    }
}

#[test]
fn parse_and_value_errors() {
    for text in hostile() {
        let e = text.parse::<apns::Reason>().unwrap_err();
        assert_eq!(e.value(), text);
        check(&e);
        if let Err(e) = RateLimit::parse(format!("user-hour-lim:{text}").as_bytes()) {
            check(&e);
        }
        if let Err(e) = RateLimit::parse(text.as_bytes()) {
            check(&e);
        }
        let attempt = SendAttempt::new(1, &text);
        assert!(!attempt.to_string().chars().any(unsafe_char));
        let id = apple_errors::HeaderId::new(text.as_bytes());
        assert!(!id.to_string().chars().any(unsafe_char));
    }
    for body in [&b""[..], b"[]", br#"{"notificationHistory":1}"#, b"\xFF"] {
        check(&NotificationHistoryResponse::parse(body).unwrap_err());
    }
    check(&CheckTestNotificationResponse::parse(br#"{"sendAttempts":[{}]}"#).unwrap_err());
    let too_large = BodyError::TooLarge { len: 2, limit: 1 };
    check(&too_large);
}

/// A serde form as JSON text, checked for raw characters a log line must
/// not get: serde_json escapes only U+0000–U+001F, so the rejections
/// escape received text themselves.
#[cfg(feature = "serde")]
fn log_json(value: &impl serde::Serialize) -> String {
    let json = serde_json::to_string(value).unwrap();
    assert!(
        !json.chars().any(unsafe_char),
        "{json:?} holds a character a log line must not get raw"
    );
    json
}

#[cfg(feature = "serde")]
#[test]
fn serde_forms_escape_received_text() {
    use apple_errors::{advanced_commerce, app_store_server, retention_messaging};

    // The escapes are Display's.
    let body = br#"{"reason":"Bad\u009b[2J\u202eToken"}"#;
    let r = apns::Response::new(400, body).classify().unwrap_err();
    assert_eq!(r.raw_reason(), Some("Bad\u{9b}[2J\u{202e}Token"), "kept");
    let json = log_json(&r);
    assert!(
        json.contains(r#""reason":"Bad\\u{9b}[2J\\u{202e}Token""#),
        "{json}"
    );
    let body = br#"{"errorCode":9990000,"errorMessage":"a\u0085b"}"#;
    let r = app_store_server::Response::new(400, body)
        .classify()
        .unwrap_err();
    let json = log_json(&r);
    assert!(json.contains(r#""message":"a\\u{85}b""#), "{json}");
    let body = r#"{"errors":[{"code":"X","title":"one\u2028two"}]}"#;
    let r = app_store_connect::Response::new(409, body)
        .classify()
        .unwrap_err();
    let json = log_json(&r);
    assert!(json.contains(r#""title":"one\\u{2028}two""#), "{json}");
    // Ordinary text is written exactly.
    let r = apns::Response::new(400, br#"{"reason":"BadDeviceToken"}"#)
        .classify()
        .unwrap_err();
    assert!(log_json(&r).contains(r#""reason":"BadDeviceToken""#));

    for text in hostile() {
        let t = json_string(&text);
        let body = format!(r#"{{"reason":{t}}}"#);
        for status in [400, 410, 999] {
            log_json(&apns::Response::new(status, &body).classify().unwrap_err());
            for op in broadcast::Operation::ALL {
                if let Err(r) = broadcast::Response::new(*op, status, &body).classify() {
                    log_json(&r);
                }
            }
        }
        log_json(&apns::GoAway::parse(body.as_bytes()));
        log_json(&broadcast::GoAway::parse(body.as_bytes()));

        for body in [
            format!(r#"{{"errorCode": 9990000, "errorMessage": {t}}}"#),
            format!(r#"{{"errorCode": {t}, "errorMessage": {t}}}"#),
        ] {
            log_json(
                &app_store_server::Response::new(400, &body)
                    .classify()
                    .unwrap_err(),
            );
            log_json(
                &retention_messaging::Response::new(400, &body)
                    .classify()
                    .unwrap_err(),
            );
            log_json(
                &advanced_commerce::Response::new(400, &body)
                    .classify()
                    .unwrap_err(),
            );
        }

        for source in [
            format!(r#"{{"pointer":{t}}}"#),
            format!(r#"{{"parameter":{t}}}"#),
        ] {
            let body = format!(
                r#"{{"errors":[{{"id":{t},"status":"409","code":{t},"title":{t},"detail":{t},
                    "source":{source},"links":{{"about":{t}}},
                    "meta":{{"associatedErrors":{{{t}:[{{"status":"409","code":{t},"title":{t}}}]}}}}}}]}}"#
            );
            let r = app_store_connect::Response::new(409, &body)
                .classify()
                .unwrap_err();
            log_json(&r);
            // The huge text makes the body longer than the crate reads.
            if r.body_error().is_none() {
                assert_eq!(r.errors()[0].title(), Some(text.as_str()), "kept");
                assert_eq!(r.errors()[0].associated_errors().len(), 1);
                log_json(&r.errors()[0]);
                log_json(r.errors()[0].source().unwrap());
            }
        }
    }
}
