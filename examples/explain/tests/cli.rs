//! The binary as a shell sees it: standard input, output streams and exit
//! statuses.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn explain(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_apple-errors-explain"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

#[test]
fn body_from_standard_input() {
    let piped = explain(&["400", "-"], r#"{"reason":"BadDeviceToken"}"#);
    let given = explain(&["400", r#"{"reason":"BadDeviceToken"}"#], "");
    assert_eq!(piped.status.code(), Some(0));
    assert_eq!(text(&piped.stdout), text(&given.stdout));
    assert!(text(&piped.stdout).contains("reason:       BadDeviceToken\n"));
    assert!(piped.stderr.is_empty());
}

#[test]
fn exit_statuses() {
    // Explained, whatever the response says.
    assert_eq!(explain(&["410"], "").status.code(), Some(0));
    assert_eq!(explain(&["--help"], "").status.code(), Some(0));
    // A body that is not what the API sends: reported, and the status
    // decides, so it is explained.
    for args in [
        &["400", "<html>Bad gateway</html>"][..],
        &[
            "--api",
            "broadcast",
            "--operation",
            "broadcast",
            "400",
            "<html>",
        ],
        &["--api", "connect", "409", "<html>"],
        &["--api", "app-store-server", "500", "<html>"],
        &["--api", "retention-messaging", "500", "{"],
        &["--api", "advanced-commerce", "500", "{"],
        &["--goaway", "\u{ff}"],
    ] {
        let out = explain(args, "");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let stdout = text(&out.stdout);
        assert!(
            stdout.contains("\nbody:") || stdout.contains("\ndata:"),
            "{args:?}: {stdout}"
        );
        assert!(out.stderr.is_empty(), "{args:?}");
        let mut json_args = vec!["--json"];
        json_args.extend_from_slice(args);
        let out = explain(&json_args, "");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(text(&out.stdout).contains(r#""body_error":"#), "{args:?}");
    }
    // Nothing to decide from: a notifications body has no status.
    let bad_body = explain(&["--api", "notifications", "-"], "{");
    assert_eq!(bad_body.status.code(), Some(1));
    assert!(text(&bad_body.stderr).starts_with("apple-errors-explain: cannot read the body: "));
    assert!(bad_body.stdout.is_empty());
    // A wrong command line: the message, then the usage.
    let usage = explain(&["--api", "nope", "400"], "");
    assert_eq!(usage.status.code(), Some(2));
    let stderr = text(&usage.stderr);
    assert!(stderr.starts_with("apple-errors-explain: unknown API \"nope\"\nusage: "));
    assert!(usage.stdout.is_empty());
}

#[test]
fn json_is_one_line() {
    let out = explain(&["--json", "--goaway", "-"], r#"{"reason":"IdleTimeout"}"#);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.starts_with(r#"{"surface":"apns","result":"goaway","reason":"IdleTimeout""#));
    assert!(stdout.ends_with("}\n"));
}

/// What a log line must not get raw: control characters (C0, DEL, C1),
/// U+2028/U+2029, bidirectional controls and invisible characters.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{2028}'..='\u{202E}'
                | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
}

#[test]
fn json_has_no_raw_control_or_reordering_characters() {
    // JSON escapes (`\u009b`) make the raw characters in the bodies.
    let cases: [&[&str]; 6] = [
        &["400", r#"{"reason":"Bad\u009b[2J\u202eToken"}"#],
        &["--goaway", r#"{"reason":"Bad\u009b[2J\u202eToken"}"#],
        &[
            "--api",
            "broadcast",
            "--operation",
            "broadcast",
            "400",
            r#"{"reason":"a\u2029b"}"#,
        ],
        &[
            "--api",
            "app-store-server",
            "400",
            r#"{"errorCode":9990000,"errorMessage":"a\u0085b\u2028c"}"#,
        ],
        &[
            "--api",
            "connect",
            "409",
            r#"{"errors":[{"status":"409","code":"X\u009b","title":"one\u2028two","detail":"\u202eevil","source":{"pointer":"/a\u0085"}}]}"#,
        ],
        &[
            "--api",
            "notifications",
            r#"{"sendAttempts":[{"attemptDate":1700000000000,"sendAttemptResult":"NEW\u009b[2J\u202e"}]}"#,
        ],
    ];
    for args in cases {
        let mut json_args = vec!["--json"];
        json_args.extend_from_slice(args);
        let out = explain(&json_args, "");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let stdout = text(&out.stdout);
        assert!(!stdout.trim_end().chars().any(unsafe_char), "{stdout:?}");
        serde_json::from_str::<serde_json::Value>(stdout).expect("one JSON object");
        // The library's escapes, or the explainer's own.
        assert!(
            stdout.contains(r"\\u{") || stdout.contains(r"\u"),
            "{stdout}"
        );
        // And the text form too.
        let out = explain(args, "");
        assert!(
            !text(&out.stdout).replace('\n', "").chars().any(unsafe_char),
            "{:?}",
            text(&out.stdout)
        );
    }
    // The escapes the library writes, as in its messages.
    let out = explain(
        &["--json", "400", r#"{"reason":"Bad\u009b[2J\u202eToken"}"#],
        "",
    );
    assert!(
        text(&out.stdout).contains(r#""reason":"Bad\\u{9b}[2J\\u{202e}Token""#),
        "{}",
        text(&out.stdout)
    );
    // The explainer's own members (a send attempt's result) use JSON's.
    let out = explain(
        &[
            "--json",
            "--api",
            "notifications",
            r#"{"sendAttempts":[{"attemptDate":1,"sendAttemptResult":"N\u009b\u2028"}]}"#,
        ],
        "",
    );
    assert!(
        text(&out.stdout).contains(r#""result":"N\u009b\u2028""#),
        "{}",
        text(&out.stdout)
    );
}
