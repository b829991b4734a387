//! One explainer per surface: each reads the response through the library
//! and writes what it found to an [`Out`], as text lines and JSON members.
//!
//! The JSON object of a refusal is `surface` and `result`, then the
//! library's own serde form of the rejection (status, reason or code as
//! received, `known`, `label`, the retry policy's members, …), then what
//! only the explainer adds: `status_label`, `description`, `not_before_ms`,
//! `least_delay_ms` and `remedy`. Read as a `RetryPolicy` or a `Decision`,
//! it gives the decision back.

use std::time::SystemTime;

use apple_errors::apns::{self, broadcast};
use apple_errors::app_store_server::notifications::{
    self, CheckTestNotificationResponse, Delivery, Environment, NotificationHistoryResponse,
    NotificationVersion, SendAttempt,
};
use apple_errors::body::ParseError;
use apple_errors::retry::TokenAction;
use apple_errors::{AppleError, KnownValue, app_store_connect as connect};

use crate::out::{Out, utc};

/// What every explainer needs besides the response.
pub struct Context {
    /// When the response arrived: a `Retry-After` delay counts from then,
    /// and the least delay is measured from it.
    pub received_at: SystemTime,
}

pub fn apns(out: &mut Out, cx: &Context, status: u16, body: &[u8]) {
    out.field("surface", "apns");
    out.field("status", status);
    let rejection = match apns::Response::new(status, body).classify() {
        Ok(_) => {
            out.line("result", "delivered: APNs accepted the push (200)");
            out.field("result", "delivered");
            return;
        }
        Err(rejection) => rejection,
    };
    out.line("result", "rejected by APNs (device push)");
    out.field("result", "rejected");
    out.members(&rejection);
    status_line(out, status, rejection.known_status());
    reason(out, rejection.reason(), rejection.raw_reason());
    if let Some(ms) = rejection.timestamp_millis() {
        out.line(
            "timestamp",
            format!("{ms} ms since the epoch ({})", utc(ms)),
        );
    }
    if let Some(problem) = rejection.body_error() {
        out.line("body", problem.to_string());
    }
    decision(out, cx, &rejection);
    out.line("remedy", rejection.remedy());
    out.field("remedy", rejection.remedy());
}

pub fn broadcast(
    out: &mut Out,
    cx: &Context,
    operation: broadcast::Operation,
    status: u16,
    body: &[u8],
) {
    out.field("surface", "broadcast");
    let what = format!("{} {} ({operation})", operation.method(), operation.path());
    out.line("operation", &what);
    out.field("operation", format!("{operation:?}"));
    out.field("status", status);
    let rejection = match broadcast::Response::new(operation, status, body).classify() {
        Ok(_) => {
            out.line("result", format!("succeeded ({status})"));
            out.field("result", "succeeded");
            return;
        }
        Err(rejection) => rejection,
    };
    out.line("result", "refused by APNs (broadcast)");
    out.field("result", "rejected");
    out.members(&rejection);
    status_line(out, status, rejection.known_status());
    if rejection.is_unexpected_success() {
        let expected = operation.success_status().code();
        out.line(
            "note",
            format!("a success status, but this operation succeeds with {expected}"),
        );
    }
    reason(out, rejection.reason(), rejection.raw_reason());
    if let Some(problem) = rejection.body_error() {
        out.line("body", problem.to_string());
    }
    decision(out, cx, &rejection);
    out.line("remedy", rejection.remedy());
    out.field("remedy", rejection.remedy());
}

pub fn goaway<R: apns::goaway::ApnsReason>(
    out: &mut Out,
    cx: &Context,
    surface: &'static str,
    goaway: &apns::goaway::GoAway<R>,
) {
    out.field("surface", surface);
    out.line("result", "APNs closed the connection (GOAWAY)");
    out.field("result", "goaway");
    out.members(goaway);
    reason(out, goaway.reason(), goaway.raw_reason());
    if let Some(problem) = goaway.body_error() {
        out.line("data", problem.to_string());
    }
    decision(out, cx, goaway);
    out.line("remedy", goaway.remedy());
    out.field("remedy", goaway.remedy());
}

pub fn connect(
    out: &mut Out,
    cx: &Context,
    status: u16,
    body: &[u8],
    rate_limit: Option<&str>,
    retry_after: Option<&str>,
) {
    out.field("surface", "app_store_connect");
    out.field("status", status);
    let mut response = connect::Response::new(status, body);
    if let Some(value) = retry_after {
        response = response.retry_after(value);
    }
    if let Some(value) = rate_limit {
        response = response.rate_limit(value);
    }
    match response.classify() {
        Ok(success) => {
            out.line("result", format!("succeeded ({})", success.status()));
            out.field("result", "succeeded");
        }
        Err(rejection) => {
            out.line("result", "refused by App Store Connect");
            out.field("result", "rejected");
            out.members(&rejection);
            status_line(out, status, rejection.known_status());
            for error in rejection.errors() {
                out.line("error", error.to_string());
                let family = match error.code().family() {
                    Some(family) => format!("{} — {}", family.as_str(), family.description()),
                    None => "not a family this version knows".into(),
                };
                out.line("family", family);
                for (path, nested) in error.associated_errors() {
                    for e in nested {
                        out.line("associated", format!("{path}: {e}"));
                    }
                }
            }
            if let Some(problem) = rejection.body_error() {
                out.line("body", problem.to_string());
            }
            retry_after_problem(out, rejection.retry_after_error());
            decision(out, cx, &rejection);
            out.line("remedy", rejection.remedy());
            out.field("remedy", rejection.remedy());
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
        out.line("rate limit", text);
        let mut json = Out::default();
        json.opt("hour_limit", limit.hour_limit());
        json.opt("hour_remaining", limit.hour_remaining());
        json.opt("minute_limit", limit.minute_limit());
        json.opt("minute_remaining", limit.minute_remaining());
        json.field("exhausted", limit.is_exhausted());
        let mut problems = Vec::new();
        for problem in reading.problems() {
            out.line("rate limit", problem.to_string());
            problems.push(problem.to_string().into());
        }
        if !problems.is_empty() {
            json.field("problems", problems);
        }
        out.field("rate_limit", json);
    }
}

/// The App Store server APIs share a body and a header, but each has its
/// own types: one expansion per API.
macro_rules! store_api {
    ($api:ident, $out:expr, $cx:expr, $status:expr, $body:expr, $retry_after:expr) => {{
        let (out, cx, status): (&mut Out, &Context, u16) = ($out, $cx, $status);
        out.field("surface", stringify!($api));
        out.field("status", status);
        let mut response = apple_errors::$api::Response::new(status, $body);
        if let Some(value) = $retry_after {
            response = response.retry_after(value);
        }
        match response.classify() {
            Ok(success) => {
                out.line("result", format!("succeeded ({})", success.status()));
                out.field("result", "succeeded");
            }
            Err(rejection) => {
                out.line("result", rejection.to_string());
                out.field("result", "rejected");
                out.members(&rejection);
                status_line(out, status, rejection.known_status());
                match (rejection.code(), rejection.error_code()) {
                    (Some(_), Some(code)) => {
                        out.line("code", format!("{} {}", code.code(), code.name()));
                        out.line("meaning", code.description());
                    }
                    (Some(code), None) => out.line(
                        "code",
                        format!("{code} (a code this version does not know)"),
                    ),
                    (None, _) => {}
                }
                out.opt("name", rejection.error_code().map(|c| c.name()));
                out.opt("description", rejection.description());
                if let Some(message) = rejection.message() {
                    out.line("message", format!("{message:?}"));
                }
                if rejection.status_disagrees() {
                    out.line(
                        "note",
                        "the code belongs with another status; the code decides",
                    );
                }
                if let Some(ms) = rejection.retry_at_millis() {
                    out.line("retry at", format!("{ms} ms since the epoch ({})", utc(ms)));
                }
                retry_after_problem(out, rejection.retry_after_error());
                if let Some(problem) = rejection.body_error() {
                    out.line("body", problem.to_string());
                }
                decision(out, cx, &rejection);
                out.line("remedy", rejection.remedy());
                out.field("remedy", rejection.remedy());
            }
        }
    }};
}

pub fn app_store_server(
    out: &mut Out,
    cx: &Context,
    status: u16,
    body: &[u8],
    retry_after: Option<&str>,
) {
    store_api!(app_store_server, out, cx, status, body, retry_after);
}

pub fn retention_messaging(
    out: &mut Out,
    cx: &Context,
    status: u16,
    body: &[u8],
    retry_after: Option<&str>,
) {
    store_api!(retention_messaging, out, cx, status, body, retry_after);
}

pub fn advanced_commerce(
    out: &mut Out,
    cx: &Context,
    status: u16,
    body: &[u8],
    retry_after: Option<&str>,
) {
    store_api!(advanced_commerce, out, cx, status, body, retry_after);
}

pub fn notifications(
    out: &mut Out,
    body: &[u8],
    version: NotificationVersion,
    environment: Environment,
) -> Result<(), String> {
    out.field("surface", "notifications");
    // A history page always has `notificationHistory`; a test status never.
    let (history, test);
    let lists: Vec<&[SendAttempt]> = match NotificationHistoryResponse::parse(body) {
        Ok(page) => {
            history = page;
            let count = history.items().len();
            out.line(
                "response",
                format!("notification history, {count} notifications"),
            );
            out.field("response", "notification_history");
            history.items().iter().map(|i| i.send_attempts()).collect()
        }
        Err(ParseError::Field {
            path,
            expected: "a value",
        }) if path == "notificationHistory" => {
            test = CheckTestNotificationResponse::parse(body).map_err(|e| e.to_string())?;
            out.line("response", "test notification status");
            out.field("response", "test_notification_status");
            vec![test.send_attempts()]
        }
        Err(e) => return Err(e.to_string()),
    };
    let mut items = Vec::new();
    for (n, attempts) in lists.into_iter().enumerate() {
        out.line("notification", format!("#{}", n + 1));
        let mut json_attempts = Vec::new();
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
            out.line("attempt", text);
            let mut json = Out::default();
            json.field("attempt_date_ms", ms);
            json.field("result", attempt.raw_result());
            json.field("known", attempt.result().is_some());
            json.field(
                "label",
                match attempt.result() {
                    Some(result) => result.label(),
                    None => <notifications::SendAttemptResult as KnownValue>::UNKNOWN_LABEL,
                },
            );
            if let Some(result) = attempt.result().filter(|r| !r.is_success()) {
                out.line("fix", result.remedy());
                json.field("remedy", result.remedy());
            }
            json_attempts.push(json.into());
        }
        let mut json = Out::default();
        json.field("send_attempts", json_attempts);
        let state = match notifications::delivery(attempts, version, environment) {
            Delivery::NotAttempted => {
                json.field("delivery", "not_attempted");
                "no attempt listed".to_owned()
            }
            Delivery::Delivered { at_millis } => {
                json.field("delivery", "delivered");
                json.field("at_ms", at_millis);
                format!("delivered at {}", utc(at_millis))
            }
            Delivery::GaveUp {
                last_attempt_millis,
            } => {
                json.field("delivery", "gave_up");
                json.field("last_attempt_ms", last_attempt_millis);
                format!(
                    "the App Store has given up (last attempt {}); fetch it with Get Notification History",
                    utc(last_attempt_millis)
                )
            }
            Delivery::NextAttemptDue { at_millis } => {
                json.field("delivery", "next_attempt_due");
                json.field("at_ms", at_millis);
                format!("next attempt due {}", utc(at_millis))
            }
            _ => {
                json.field("delivery", "unknown");
                "unknown".to_owned()
            }
        };
        out.line("delivery", state);
        items.push(json.into());
    }
    out.field("notifications", items);
    Ok(())
}

fn status_line<S: KnownValue>(out: &mut Out, status: u16, known: Option<S>) {
    let text = match known {
        Some(s) => format!("{status} {s:?}: {}", s.description()),
        None => format!("{status} (not a status Apple documents here)"),
    };
    out.line("status", text);
    out.field(
        "status_label",
        known.map_or(S::UNKNOWN_LABEL, KnownValue::label),
    );
}

fn reason<R: KnownValue>(out: &mut Out, known: Option<R>, raw: Option<&str>) {
    match (known, raw) {
        (Some(reason), Some(raw)) => {
            let alias = if raw == reason.as_str() {
                String::new()
            } else {
                format!(" (sent as {raw:?})")
            };
            out.line("reason", format!("{}{alias}", reason.as_str()));
            out.line("meaning", reason.description());
        }
        (None, Some(raw)) => {
            out.line(
                "reason",
                format!("{raw:?} (unknown to this version; decided by status)"),
            );
        }
        _ => out.line("reason", "none"),
    }
    out.opt("description", known.map(KnownValue::description));
}

/// A `Retry-After` value that could not be read: reported, never fatal.
fn retry_after_problem(out: &mut Out, problem: Option<impl ToString>) {
    if let Some(problem) = problem {
        out.line("retry-after", problem.to_string());
    }
}

/// The retry line; in JSON, the not-before time (the `Decision`'s own
/// member) and the least delay from the time the response arrived.
fn decision(out: &mut Out, cx: &Context, error: &(impl AppleError + ?Sized)) {
    let decision = error.decision(cx.received_at);
    let policy = decision.policy();
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
    out.line("retry", retry);
    let token = policy.token();
    if token != TokenAction::Keep {
        let text = format!(
            "{token} [{token:?}]{}",
            provenance(policy.is_token_inferred())
        );
        out.line("token", text);
    }
    out.members(&decision);
    let least = decision.least_delay(cx.received_at);
    out.field(
        "least_delay_ms",
        u64::try_from(least.as_millis()).unwrap_or(u64::MAX),
    );
}

fn provenance(inferred: bool) -> &'static str {
    if inferred {
        " (apple-errors' reading of Apple's guidance)"
    } else {
        " (Apple's rule)"
    }
}
