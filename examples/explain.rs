//! Explains a response from Apple: what it means and what to do next.
//!
//! ```text
//! cargo run --example explain -- 410 '{"reason":"Unregistered","timestamp":1700000000000}'
//! cargo run --example explain -- 503 ''
//! cargo run --example explain -- --goaway '{"reason":"Shutdown"}'
//! echo '{"reason":"BadDeviceToken"}' | cargo run --example explain -- 400 -
//! ```
//!
//! Arguments: `[--api apns] STATUS [BODY]`, or `--goaway DATA` for the debug
//! data of an HTTP/2 GOAWAY frame. A body of `-` is read from standard input.

use std::io::Read;
use std::process::ExitCode;
use std::time::UNIX_EPOCH;

use apple_errors::apns::{GoAway, Response};
use apple_errors::retry::{RetryPolicy, TokenAction};

const USAGE: &str =
    "usage: explain [--api apns] STATUS [BODY | -]\n       explain --goaway [DATA | -]";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<String, String> {
    let mut args = args.into_iter().peekable();
    let mut api = "apns".to_owned();
    let mut goaway = false;
    while let Some(flag) = args.next_if(|a| a.starts_with("--")) {
        match flag.as_str() {
            "--api" => api = args.next().ok_or("--api needs a value")?,
            "--goaway" => goaway = true,
            "--help" => return Ok(format!("{USAGE}\n")),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if api != "apns" {
        return Err(format!("unknown API {api:?}; this version knows: apns"));
    }
    if goaway {
        let data = body(args.next())?;
        if let Some(extra) = args.next() {
            return Err(format!("unexpected argument {extra:?}"));
        }
        return Ok(explain_goaway(&GoAway::parse(&data)));
    }
    let status = args.next().ok_or("missing STATUS")?;
    let status: u16 = status
        .trim()
        .parse()
        .map_err(|_| format!("STATUS must be a number, not {status:?}"))?;
    let body = body(args.next())?;
    if let Some(extra) = args.next() {
        return Err(format!("unexpected argument {extra:?}"));
    }
    Ok(explain_apns(status, &body))
}

fn body(arg: Option<String>) -> Result<Vec<u8>, String> {
    match arg.as_deref() {
        None => Ok(Vec::new()),
        Some("-") => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(buf)
        }
        Some(text) => Ok(text.as_bytes().to_vec()),
    }
}

fn explain_apns(status: u16, body: &[u8]) -> String {
    let mut out = Lines::default();
    let rejection = match Response::new(status, body).classify() {
        Ok(_) => {
            out.add("result", "delivered: APNs accepted the push (200)");
            return out.0;
        }
        Err(rejection) => rejection,
    };
    let status_text = match rejection.known_status() {
        Some(s) => format!("{status} {s:?}: {}", s.description()),
        None => format!("{status} (not a status APNs documents)"),
    };
    out.add("result", "rejected by APNs (device push)");
    out.add("status", &status_text);
    match (rejection.reason(), rejection.raw_reason()) {
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

fn explain_goaway(goaway: &GoAway) -> String {
    let mut out = Lines::default();
    out.add("result", "APNs closed the connection (GOAWAY)");
    match (goaway.reason(), goaway.raw_reason()) {
        (Some(reason), _) => {
            out.add("reason", reason.as_str());
            out.add("meaning", reason.description());
        }
        (None, Some(raw)) => out.add("reason", &format!("{raw:?} (unknown to this version)")),
        _ => out.add("reason", "none"),
    }
    if let Some(problem) = goaway.body_error() {
        out.add("data", &problem.to_string());
    }
    policy(&mut out, goaway.retry());
    out.add("remedy", goaway.remedy());
    out.0
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
            .push_str(&format!("{:<10} {value}\n", format!("{label}:")));
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
