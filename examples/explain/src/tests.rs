use super::*;

fn explain(args: &[&str]) -> String {
    match run(args.iter().map(|a| a.to_string()).collect()) {
        Ok(text) => text,
        Err(e) => panic!("{args:?}: {e:?}"),
    }
}

fn line<'t>(text: &'t str, label: &str) -> &'t str {
    let prefix = format!("{label}:");
    text.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .map(str::trim)
        .unwrap_or_else(|| panic!("no {label} line in\n{text}"))
}

#[test]
fn device_push() {
    let text = explain(&[
        "410",
        r#"{"reason":"Unregistered","timestamp":1700000000000}"#,
    ]);
    assert_eq!(line(&text, "reason"), "Unregistered");
    assert!(line(&text, "timestamp").contains("Tue, 14 Nov 2023 22:13:20 GMT"));
    assert!(line(&text, "token").starts_with("drop the device token"));
    let text = explain(&["200"]);
    assert!(line(&text, "result").starts_with("delivered"));
}

#[test]
fn app_store_server_apis() {
    let text = explain(&[
        "--api",
        "app-store-server",
        "404",
        r#"{"errorCode":4040010,"errorMessage":"Transaction id not found."}"#,
    ]);
    assert_eq!(line(&text, "code"), "4040010 TransactionIdNotFound");
    assert!(line(&text, "retry").starts_with("retry in the other environment"));
    let text = explain(&[
        "--api",
        "retention-messaging",
        "--retry-after",
        "1700000060000",
        "429",
        r#"{"errorCode":4290000}"#,
    ]);
    assert!(line(&text, "retry at").contains("Tue, 14 Nov 2023 22:14:20 GMT"));
    let text = explain(&["--api", "advanced-commerce", "401", ""]);
    assert!(line(&text, "body").contains("empty"));
    let text = explain(&[
        "--api",
        "app-store-server",
        "400",
        r#"{"errorCode":9990000}"#,
    ]);
    assert!(line(&text, "code").contains("does not know"));
    let text = explain(&["--api", "app-store-server", "--retry-after", "soon", "429"]);
    assert!(line(&text, "retry-after").contains("not delay-seconds"));
}

#[test]
fn goaway() {
    let text = explain(&["--goaway", r#"{"reason":"Shutdown"}"#]);
    assert_eq!(line(&text, "reason"), "Shutdown");
    let text = explain(&[
        "--api",
        "broadcast",
        "--goaway",
        r#"{"reason":"Service Unavailable"}"#,
    ]);
    assert_eq!(
        line(&text, "reason"),
        r#"ServiceUnavailable (sent as "Service Unavailable")"#
    );
}

#[test]
fn broadcast() {
    let args = [
        "--api",
        "broadcast",
        "--operation",
        "create-channel",
        "400",
        r#"{"reason":"CannotCreateChannelConfig"}"#,
    ];
    let text = explain(&args);
    assert_eq!(line(&text, "reason"), "CannotCreateChannelConfig");
    assert!(line(&text, "retry").contains("reading of Apple's guidance"));
    let text = explain(&["--api", "broadcast", "--operation", "delete-channel", "204"]);
    assert_eq!(line(&text, "result"), "succeeded (204)");
    let text = explain(&["--api", "broadcast", "--operation", "create-channel", "200"]);
    assert!(line(&text, "note").contains("succeeds with 201"));
}

#[test]
fn app_store_connect() {
    let body = r#"{"errors":[{"status":"409","code":"ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG","title":"Too long"}]}"#;
    let text = explain(&[
        "--api",
        "connect",
        "--rate-limit",
        "user-hour-lim:3600;user-hour-rem:12;",
        "409",
        body,
    ]);
    assert!(line(&text, "family").starts_with("ENTITY_ERROR.ATTRIBUTE.INVALID"));
    assert_eq!(
        line(&text, "rate limit"),
        "hour: 12 of 3600 left; minute: not sent"
    );
    assert!(line(&text, "retry").starts_with("retry after fixing the request"));
}

#[test]
fn notifications() {
    let body = r#"{"notificationHistory":[{"sendAttempts":[{"attemptDate":1700000000000,"sendAttemptResult":"TLS_ISSUE"}]}],"hasMore":false}"#;
    let text = explain(&["--api", "notifications", body]);
    assert!(line(&text, "attempt").starts_with("TLS_ISSUE"));
    assert_eq!(
        line(&text, "delivery"),
        "next attempt due Tue, 14 Nov 2023 23:13:20 GMT"
    );
    let text = explain(&["--api", "notifications", "--environment", "sandbox", body]);
    assert!(line(&text, "delivery").starts_with("the App Store has given up"));
    let text = explain(&["--api", "notifications", "--notification-version=1", body]);
    assert_eq!(
        line(&text, "delivery"),
        "next attempt due Wed, 15 Nov 2023 04:13:20 GMT"
    );
}

#[test]
fn options_anywhere_and_inline_values() {
    let body = r#"{"errorCode":4040010}"#;
    let a = explain(&["--api", "app-store-server", "404", body]);
    let b = explain(&["404", "--api=app-store-server", body]);
    let c = explain(&["--api=app-store-server", "--", "404", body]);
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[test]
fn help_and_version() {
    let help = explain(&["--help"]);
    assert!(help.starts_with("usage: apple-errors-explain"));
    assert!(help.contains("--json"));
    assert!(help.contains("exit status"));
    assert_eq!(explain(&["-h"]), help);
    assert_eq!(
        explain(&["-V"]),
        format!("apple-errors-explain {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn mistakes_are_reported() {
    let run = |args: &[&str]| run(args.iter().map(|a| a.to_string()).collect());
    let usage = |args: &[&str]| match run(args) {
        Err(Failure::Usage(message)) => message,
        other => panic!("{args:?}: {other:?}"),
    };
    assert!(usage(&["abc"]).contains("STATUS must be a number"));
    assert_eq!(usage(&["--api", "nope", "400"]), r#"unknown API "nope""#);
    assert_eq!(
        usage(&["--api", "broadcast", "400"]),
        "broadcast needs --operation"
    );
    assert_eq!(
        usage(&["400", "{}", "extra"]),
        r#"unexpected argument "extra""#
    );
    assert_eq!(usage(&["--api"]), "--api needs a value");
    assert_eq!(usage(&["--json=yes", "400"]), "--json takes no value");
    assert_eq!(usage(&["--frobnicate"]), "unknown option --frobnicate");
    assert_eq!(
        usage(&["--rate-limit", "x", "400"]),
        "--rate-limit is not an option of --api apns"
    );
    assert_eq!(
        usage(&["--api", "connect", "--goaway"]),
        "--goaway is for apns and broadcast, not connect"
    );
    assert!(usage(&["--received-at", "yesterday", "400"]).contains("milliseconds"));
    assert_eq!(
        run(&["--api", "notifications", r#"{"notificationHistory":3}"#]),
        Err(Failure::Body(
            "`notificationHistory`: expected an array".into()
        ))
    );
}

// The JSON form, whole: what a program reading it can rely on.

#[test]
fn json_device_push() {
    let json = explain(&[
        "--json",
        "410",
        r#"{"reason":"Unregistered","timestamp":1700000000000}"#,
    ]);
    assert_eq!(
        json,
        concat!(
            r#"{"surface":"apns","status":410,"result":"rejected","#,
            // The library's serde form of the rejection.
            r#""reason":"Unregistered","known":true,"label":"apns.unregistered","timestamp_ms":1700000000000,"#,
            r#""needs_new_connection":false,"needs_new_provider_token":false,"#,
            r#""action":"never","token":"drop","inferred":false,"token_inferred":true,"#,
            // The explainer's own.
            r#""status_label":"apns.status.gone","#,
            r#""description":"The app behind this token is no longer signed up for pushes on the device (it may have been deleted), so the token is dead for this topic.","#,
            r#""least_delay_ms":0,"#,
            r#""remedy":"Push nothing more to this token and delete it from your records, unless the app reported it to you again after the response's `timestamp`."}"#,
            "\n"
        )
    );
    assert_eq!(
        explain(&["--json", "200"]),
        "{\"surface\":\"apns\",\"status\":200,\"result\":\"delivered\"}\n"
    );
}

#[test]
fn json_unknown_reason_and_server_error() {
    let json = explain(&["--json", "500", r#"{"reason":"BrandNew"}"#]);
    assert_eq!(
        json,
        concat!(
            r#"{"surface":"apns","status":500,"result":"rejected","#,
            r#""reason":"BrandNew","known":false,"label":"apns.unknown","#,
            r#""needs_new_connection":false,"needs_new_provider_token":false,"#,
            r#""action":"back_off","min_delay_secs":900,"token":"keep","inferred":false,"token_inferred":false,"#,
            r#""status_label":"apns.status.internal_server_error","least_delay_ms":900000,"#,
            r#""remedy":"Send again no sooner than 15 minutes later, waiting longer after each further failure."}"#,
            "\n"
        )
    );
}

#[test]
fn json_retry_after() {
    let json = explain(&[
        "--json",
        "--received-at",
        "1700000000000",
        "--api",
        "retention-messaging",
        "--retry-after",
        "1700000060000",
        "429",
        r#"{"errorCode":4290000}"#,
    ]);
    assert_eq!(
        json,
        concat!(
            r#"{"surface":"retention_messaging","status":429,"result":"rejected","#,
            r#""code":4290000,"known":true,"label":"retention_messaging.rate_limit_exceeded","#,
            r#""action":"after_delay","token":"keep","inferred":false,"token_inferred":false,"#,
            r#""retry_after":"1700000060000","#,
            r#""status_label":"retention_messaging.status.too_many_requests","name":"RateLimitExceeded","#,
            r#""description":"The app has gone over the rate limit for this endpoint.","#,
            r#""not_before_ms":1700000060000,"least_delay_ms":60000,"#,
            r#""remedy":"Wait until the time in the `Retry-After` header (UNIX time in milliseconds) before sending again, and spread out later requests."}"#,
            "\n"
        )
    );
    // A delay counts from when the response arrived.
    let json = explain(&[
        "--json",
        "--received-at=1700000000000",
        "--api=app-store-server",
        "--retry-after=120",
        "429",
    ]);
    assert!(
        json.contains(r#""not_before_ms":1700000120000,"least_delay_ms":120000,"#),
        "{json}"
    );
}

#[test]
fn json_reads_back_as_the_decision() {
    // The object holds the policy's members and `not_before_ms`: the
    // library reads it back as the decision it explains.
    let json = explain(&[
        "--json",
        "--received-at=1700000000000",
        "--api=app-store-server",
        "--retry-after=120",
        "429",
        r#"{"errorCode":4290000}"#,
    ]);
    let decision: apple_errors::retry::Decision = serde_json::from_str(&json).unwrap();
    let rejection = apple_errors::app_store_server::Response::new(429, r#"{"errorCode":4290000}"#)
        .retry_after("120")
        .classify()
        .unwrap_err();
    let received = SystemTime::UNIX_EPOCH + Duration::from_millis(1_700_000_000_000);
    assert_eq!(decision, rejection.decision(received));
}
