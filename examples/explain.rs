//! Explains a response from Apple: what it means and what to do next.
//!
//! ```text
//! cargo run --example explain -- 410 '{"reason":"Unregistered","timestamp":1700000000000}'
//! cargo run --example explain -- --goaway '{"reason":"Shutdown"}'
//! cargo run --example explain -- --api broadcast --operation create-channel 400 '{"reason":"CannotCreateChannelConfig"}'
//! cargo run --example explain -- --api connect 409 '{"errors":[{"status":"409","code":"ENTITY_ERROR.ATTRIBUTE.INVALID","title":"Invalid"}]}'
//! cargo run --example explain -- --api notifications '{"sendAttempts":[{"attemptDate":1700000000000,"sendAttemptResult":"TIMED_OUT"}]}'
//! cargo run --example explain -- --api app-store-server 404 '{"errorCode":4040010,"errorMessage":"Transaction id not found."}'
//! cargo run --example explain -- --api retention-messaging --retry-after 1700000060000 429 '{"errorCode":4290000}'
//! echo '{"reason":"BadDeviceToken"}' | cargo run --example explain -- 400 -
//! ```
//!
//! `--api` names the surface the response came from (default `apns`); a body
//! of `-` is read from standard input. Run with `--help` for every option.

use std::io::Read;
use std::process::ExitCode;
use std::time::UNIX_EPOCH;

use apple_errors::apns::{self, broadcast};
use apple_errors::app_store_server::notifications::{
    self, CheckTestNotificationResponse, Delivery, Environment, NotificationHistoryResponse,
    NotificationVersion, SendAttempt,
};
use apple_errors::body::ParseError;
use apple_errors::retry::{RetryPolicy, TokenAction};
use apple_errors::{KnownValue, app_store_connect as connect};

const USAGE: &str = "\
usage: explain [--api apns] STATUS [BODY | -]
       explain [--api apns|broadcast] --goaway [DATA | -]
       explain --api broadcast --operation OPERATION STATUS [BODY | -]
       explain --api connect [--rate-limit X-RATE-LIMIT] STATUS [BODY | -]
       explain --api notifications [--version 1|2] [--environment production|sandbox] [BODY | -]
       explain --api app-store-server|retention-messaging|advanced-commerce [--retry-after MILLIS] STATUS [BODY | -]

APIs: apns (device push), broadcast (APNs broadcast and channels),
      connect (App Store Connect API), notifications (App Store Server
      Notifications: a Get Notification History or Get Test Notification
      Status body), app-store-server (App Store Server API errors),
      retention-messaging, advanced-commerce.
Broadcast operations: create-channel, read-channel, delete-channel,
      list-channels, broadcast.";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(message)) => {
            eprintln!("{message}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Body(message)) => {
            eprintln!("cannot read the body: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Why nothing could be explained.
#[derive(Debug, PartialEq)]
enum Failure {
    /// The command line is wrong.
    Usage(String),
    /// The body is not a response of the kind asked for.
    Body(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Usage(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Self {
        Failure::Usage(message.into())
    }
}

#[derive(Default)]
struct Options {
    api: Option<String>,
    goaway: bool,
    operation: Option<String>,
    rate_limit: Option<String>,
    version: Option<String>,
    environment: Option<String>,
    retry_after: Option<String>,
}

fn run(args: Vec<String>) -> Result<String, Failure> {
    let mut args = args.into_iter().peekable();
    let mut o = Options::default();
    while let Some(flag) = args.next_if(|a| a.starts_with("--")) {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--api" => o.api = Some(value()?),
            "--goaway" => o.goaway = true,
            "--operation" => o.operation = Some(value()?),
            "--rate-limit" => o.rate_limit = Some(value()?),
            "--version" => o.version = Some(value()?),
            "--environment" => o.environment = Some(value()?),
            "--retry-after" => o.retry_after = Some(value()?),
            "--help" => return Ok(format!("{USAGE}\n")),
            other => return Err(format!("unknown option {other}").into()),
        }
    }
    let positional: Vec<String> = args.collect();
    let api = o.api.as_deref().unwrap_or("apns");
    match (api, o.goaway) {
        ("apns", true) => {
            let [data] = body_only(&positional)?;
            Ok(explain_goaway(&apns::GoAway::parse(&data)))
        }
        ("broadcast", true) => {
            let [data] = body_only(&positional)?;
            Ok(explain_goaway(&broadcast::GoAway::parse(&data)))
        }
        (_, true) => Err(format!("--goaway is for apns and broadcast, not {api}").into()),
        ("apns", false) => {
            let (status, body) = status_and_body(&positional)?;
            Ok(explain_apns(status, &body))
        }
        ("broadcast", false) => {
            let name = o
                .operation
                .as_deref()
                .ok_or("broadcast needs --operation")?;
            let operation = operation(name)?;
            let (status, body) = status_and_body(&positional)?;
            Ok(explain_broadcast(operation, status, &body))
        }
        ("connect", false) => {
            let (status, body) = status_and_body(&positional)?;
            Ok(explain_connect(status, &body, o.rate_limit.as_deref()))
        }
        ("notifications", false) => {
            let [body] = body_only(&positional)?;
            let version = match o.version.as_deref().unwrap_or("2") {
                "1" => NotificationVersion::V1,
                "2" => NotificationVersion::V2,
                other => return Err(format!("--version is 1 or 2, not {other:?}").into()),
            };
            let environment = match o.environment.as_deref().unwrap_or("production") {
                "production" => Environment::Production,
                "sandbox" => Environment::Sandbox,
                other => {
                    return Err(
                        format!("--environment is production or sandbox, not {other:?}").into(),
                    );
                }
            };
            explain_notifications(&body, version, environment).map_err(Failure::Body)
        }
        ("app-store-server", false) => {
            let (status, body) = status_and_body(&positional)?;
            Ok(explain_store_api!(
                app_store_server,
                status,
                &body,
                o.retry_after
            ))
        }
        ("retention-messaging", false) => {
            let (status, body) = status_and_body(&positional)?;
            Ok(explain_store_api!(
                retention_messaging,
                status,
                &body,
                o.retry_after
            ))
        }
        ("advanced-commerce", false) => {
            let (status, body) = status_and_body(&positional)?;
            Ok(explain_store_api!(
                advanced_commerce,
                status,
                &body,
                o.retry_after
            ))
        }
        _ => Err(format!("unknown API {api:?}").into()),
    }
}

/// The App Store server APIs share a body and a header, but each has its
/// own types: one expansion per API.
macro_rules! explain_store_api {
    ($api:ident, $status:expr, $body:expr, $retry_after:expr) => {{
        let status: u16 = $status;
        let mut response = apple_errors::$api::Response::new(status, $body);
        if let Some(value) = &$retry_after {
            response = response.retry_after(value);
        }
        let mut out = Lines::default();
        match response.classify() {
            Ok(success) => out.add("result", &format!("succeeded ({})", success.status())),
            Err(rejection) => {
                out.add("result", &rejection.to_string());
                out.add("status", &status_line(status, rejection.known_status()));
                match (rejection.code(), rejection.error_code()) {
                    (Some(_), Some(code)) => {
                        out.add("code", &format!("{} {}", code.code(), code.name()));
                        out.add("meaning", code.description());
                    }
                    (Some(code), None) => out.add(
                        "code",
                        &format!("{code} (a code this version does not know)"),
                    ),
                    (None, _) => {}
                }
                if let Some(message) = rejection.message() {
                    out.add("message", &format!("{message:?}"));
                }
                if rejection.status_disagrees() {
                    out.add(
                        "note",
                        "the code belongs with another status; the code decides",
                    );
                }
                if let Some(ms) = rejection.retry_at_millis() {
                    out.add(
                        "retry at",
                        &format!("{ms} ms since the epoch ({})", utc(ms)),
                    );
                }
                if let Some(problem) = rejection.retry_after_error() {
                    out.add("retry-after", &problem.to_string());
                }
                if let Some(problem) = rejection.body_error() {
                    out.add("body", &problem.to_string());
                }
                policy(&mut out, rejection.retry());
                out.add("remedy", rejection.remedy());
            }
        }
        out.0
    }};
}
use explain_store_api;

/// `STATUS [BODY]`.
fn status_and_body(args: &[String]) -> Result<(u16, Vec<u8>), String> {
    let (status, rest) = args.split_first().ok_or("missing STATUS")?;
    let status = status
        .trim()
        .parse()
        .map_err(|_| format!("STATUS must be a number, not {status:?}"))?;
    let [body] = body_only(rest)?;
    Ok((status, body))
}

/// `[BODY]`, where `-` means standard input.
fn body_only(args: &[String]) -> Result<[Vec<u8>; 1], String> {
    match args {
        [] => Ok([Vec::new()]),
        [arg] if arg == "-" => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok([buf])
        }
        [arg] => Ok([arg.as_bytes().to_vec()]),
        [_, extra, ..] => Err(format!("unexpected argument {extra:?}")),
    }
}

/// `create-channel` → [`broadcast::Operation::CreateChannel`].
fn operation(name: &str) -> Result<broadcast::Operation, String> {
    broadcast::Operation::ALL
        .iter()
        .copied()
        .find(|op| kebab(&format!("{op:?}")) == name)
        .ok_or_else(|| format!("unknown broadcast operation {name:?}"))
}

fn kebab(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

fn explain_apns(status: u16, body: &[u8]) -> String {
    let mut out = Lines::default();
    let rejection = match apns::Response::new(status, body).classify() {
        Ok(_) => {
            out.add("result", "delivered: APNs accepted the push (200)");
            return out.0;
        }
        Err(rejection) => rejection,
    };
    out.add("result", "rejected by APNs (device push)");
    out.add("status", &status_line(status, rejection.known_status()));
    reason(&mut out, rejection.reason(), rejection.raw_reason());
    if let Some(ms) = rejection.timestamp_millis() {
        out.add(
            "timestamp",
            &format!("{ms} ms since the epoch ({})", utc(ms)),
        );
    }
    if let Some(problem) = rejection.body_error() {
        out.add("body", &problem.to_string());
    }
    policy(&mut out, rejection.retry());
    out.add("remedy", rejection.remedy());
    out.0
}

fn explain_broadcast(operation: broadcast::Operation, status: u16, body: &[u8]) -> String {
    let mut out = Lines::default();
    let what = format!("{} {} ({operation})", operation.method(), operation.path());
    out.add("operation", &what);
    let rejection = match broadcast::Response::new(operation, status, body).classify() {
        Ok(_) => {
            out.add("result", &format!("succeeded ({status})"));
            return out.0;
        }
        Err(rejection) => rejection,
    };
    out.add("result", "refused by APNs (broadcast)");
    out.add("status", &status_line(status, rejection.known_status()));
    if rejection.is_unexpected_success() {
        let expected = operation.success_status().code();
        out.add(
            "note",
            &format!("a success status, but this operation succeeds with {expected}"),
        );
    }
    reason(&mut out, rejection.reason(), rejection.raw_reason());
    if let Some(problem) = rejection.body_error() {
        out.add("body", &problem.to_string());
    }
    policy(&mut out, rejection.retry());
    out.add("remedy", rejection.remedy());
    out.0
}

fn explain_connect(status: u16, body: &[u8], rate_limit: Option<&str>) -> String {
    let mut out = Lines::default();
    match connect::Response::new(status, body).classify() {
        Ok(success) => out.add("result", &format!("succeeded ({})", success.status())),
        Err(rejection) => {
            out.add("result", "refused by App Store Connect");
            out.add("status", &status_line(status, rejection.known_status()));
            for error in rejection.errors() {
                out.add("error", &error.to_string());
                let family = match error.code().family() {
                    Some(family) => format!("{} — {}", family.as_str(), family.description()),
                    None => "not a family this version knows".into(),
                };
                out.add("family", &family);
                for (path, nested) in error.associated_errors() {
                    for e in nested {
                        out.add("associated", &format!("{path}: {e}"));
                    }
                }
            }
            if let Some(problem) = rejection.body_error() {
                out.add("body", &problem.to_string());
            }
            policy(&mut out, rejection.retry());
            out.add("remedy", rejection.remedy());
        }
    }
    if let Some(header) = rate_limit {
        // What could be read, and what could not.
        let reading = connect::RateLimit::read(header.as_bytes());
        let limit = reading.limit();
        let quota = |lim: Option<u64>, rem: Option<i64>| match (lim, rem) {
            (Some(l), Some(r)) => format!("{r} of {l} left"),
            _ => "not sent".into(),
        };
        let text = format!(
            "hour: {}; minute: {}",
            quota(limit.hour_limit(), limit.hour_remaining()),
            quota(limit.minute_limit(), limit.minute_remaining())
        );
        out.add("rate limit", &text);
        for problem in reading.problems() {
            out.add("rate limit", &problem.to_string());
        }
    }
    out.0
}

fn explain_notifications(
    body: &[u8],
    version: NotificationVersion,
    environment: Environment,
) -> Result<String, String> {
    let mut out = Lines::default();
    // A history page always has `notificationHistory`; a test status never.
    let (history, test);
    let lists: Vec<&[SendAttempt]> = match NotificationHistoryResponse::parse(body) {
        Ok(page) => {
            history = page;
            let count = history.items().len();
            out.add(
                "response",
                &format!("notification history, {count} notifications"),
            );
            history.items().iter().map(|i| i.send_attempts()).collect()
        }
        Err(ParseError::Field {
            path,
            expected: "a value",
        }) if path == "notificationHistory" => {
            test = CheckTestNotificationResponse::parse(body).map_err(|e| e.to_string())?;
            out.add("response", "test notification status");
            vec![test.send_attempts()]
        }
        Err(e) => return Err(e.to_string()),
    };
    for (n, attempts) in lists.into_iter().enumerate() {
        out.add("notification", &format!("#{}", n + 1));
        for attempt in attempts {
            let ms = attempt.attempt_date_millis();
            let text = match attempt.result() {
                Some(result) => format!(
                    "{} at {} — {}",
                    result.as_str(),
                    utc(ms),
                    result.description()
                ),
                None => format!(
                    "{:?} at {} (unknown to this version)",
                    attempt.raw_result(),
                    utc(ms)
                ),
            };
            out.add("attempt", &text);
            if let Some(result) = attempt.result().filter(|r| !r.is_success()) {
                out.add("fix", result.remedy());
            }
        }
        let state = match notifications::delivery(attempts, version, environment) {
            Delivery::NotAttempted => "no attempt listed".to_owned(),
            Delivery::Delivered { at_millis } => format!("delivered at {}", utc(at_millis)),
            Delivery::GaveUp {
                last_attempt_millis,
            } => format!(
                "the App Store has given up (last attempt {}); fetch it with Get Notification History",
                utc(last_attempt_millis)
            ),
            Delivery::NextAttemptDue { at_millis } => {
                format!("next attempt due {}", utc(at_millis))
            }
            _ => "unknown".to_owned(),
        };
        out.add("delivery", &state);
    }
    Ok(out.0)
}

fn explain_goaway<R: KnownValue>(goaway: &apple_errors::apns::goaway::GoAway<R>) -> String {
    let mut out = Lines::default();
    out.add("result", "APNs closed the connection (GOAWAY)");
    reason(&mut out, goaway.reason(), goaway.raw_reason());
    if let Some(problem) = goaway.body_error() {
        out.add("data", &problem.to_string());
    }
    policy(&mut out, goaway.retry());
    out.add("remedy", goaway.remedy());
    out.0
}

fn status_line<S: KnownValue>(status: u16, known: Option<S>) -> String {
    match known {
        Some(s) => format!("{status} {s:?}: {}", s.description()),
        None => format!("{status} (not a status Apple documents here)"),
    }
}

fn reason<R: KnownValue>(out: &mut Lines, known: Option<R>, raw: Option<&str>) {
    match (known, raw) {
        (Some(reason), Some(raw)) => {
            let alias = if raw == reason.as_str() {
                String::new()
            } else {
                format!(" (sent as {raw:?})")
            };
            out.add("reason", &format!("{}{alias}", reason.as_str()));
            out.add("meaning", reason.description());
        }
        (None, Some(raw)) => {
            out.add(
                "reason",
                &format!("{raw:?} (unknown to this version; decided by status)"),
            );
        }
        _ => out.add("reason", "none"),
    }
}

fn policy(out: &mut Lines, policy: RetryPolicy) {
    let mut retry = format!("{} [{:?}]", policy.action(), policy.action());
    if let Some(delay) = policy.min_delay() {
        retry.push_str(&format!(", wait at least {} s", delay.as_secs()));
    }
    if let Some(age) = policy.provider_token_min_age() {
        retry.push_str(&format!(
            "; replace provider tokens at most every {} s",
            age.as_secs()
        ));
    }
    retry.push_str(provenance(policy.is_inferred()));
    out.add("retry", &retry);
    let token = policy.token();
    if token != TokenAction::Keep {
        let text = format!(
            "{token} [{token:?}]{}",
            provenance(policy.is_token_inferred())
        );
        out.add("token", &text);
    }
}

fn provenance(inferred: bool) -> &'static str {
    if inferred {
        " (apple-errors' reading of Apple's guidance)"
    } else {
        " (Apple's rule)"
    }
}

/// `label: value` lines with aligned values.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn add(&mut self, label: &str, value: &str) {
        self.0
            .push_str(&format!("{:<13} {value}\n", format!("{label}:")));
    }
}

/// Milliseconds since the epoch as `YYYY-MM-DD hh:mm:ss UTC`, without a date
/// crate (Howard Hinnant's days-to-civil algorithm).
fn utc(ms: u64) -> String {
    let secs = ms / 1000;
    if UNIX_EPOCH
        .checked_add(std::time::Duration::from_secs(secs))
        .is_none()
    {
        return "out of range".into();
    }
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
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
        assert!(line(&text, "timestamp").contains("2023-11-14 22:13:20 UTC"));
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
        assert!(line(&text, "retry at").contains("2023-11-14 22:14:20 UTC"));
        let text = explain(&["--api", "advanced-commerce", "401", ""]);
        assert!(line(&text, "body").contains("empty"));
        let text = explain(&[
            "--api",
            "app-store-server",
            "400",
            r#"{"errorCode":9990000}"#,
        ]);
        assert!(line(&text, "code").contains("does not know"));
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
            "next attempt due 2023-11-14 23:13:20 UTC"
        );
        let text = explain(&["--api", "notifications", "--environment", "sandbox", body]);
        assert!(line(&text, "delivery").starts_with("the App Store has given up"));
        let text = explain(&["--api", "notifications", "--version", "1", body]);
        assert_eq!(
            line(&text, "delivery"),
            "next attempt due 2023-11-15 04:13:20 UTC"
        );
    }

    #[test]
    fn mistakes_are_reported() {
        let run = |args: &[&str]| run(args.iter().map(|a| a.to_string()).collect());
        assert!(matches!(run(&["abc"]), Err(Failure::Usage(_))));
        assert!(matches!(
            run(&["--api", "nope", "400"]),
            Err(Failure::Usage(_))
        ));
        assert!(matches!(
            run(&["--api", "broadcast", "400"]),
            Err(Failure::Usage(_))
        ));
        assert!(matches!(
            run(&["400", "{}", "extra"]),
            Err(Failure::Usage(_))
        ));
        assert_eq!(
            run(&["--api", "notifications", r#"{"notificationHistory":3}"#]),
            Err(Failure::Body(
                "`notificationHistory`: expected an array".into()
            ))
        );
    }
}
