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
    // A body that is not a response of that kind.
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
