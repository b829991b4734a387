//! App Store Server Notifications, as the App Store Server API reports them:
//! how each attempt to deliver a notification to your server went, and when
//! the App Store will try again.
//!
//! Get Notification History and Get Test Notification Status list each
//! notification's `sendAttempts`: when the App Store tried and the
//! [`SendAttemptResult`]. [`delivery`] applies Apple's resend schedule to
//! them.
//!
//! ```
//! use apple_errors::app_store_server::{
//!     delivery, Delivery, Environment, NotificationHistoryResponse, NotificationVersion,
//!     SendAttemptResult,
//! };
//!
//! let body = br#"{
//!   "notificationHistory": [{
//!     "signedPayload": "eyJhbGciOiJFUzI1NiJ9.e30.c2ln",
//!     "sendAttempts": [
//!       {"attemptDate": 1698148900000, "sendAttemptResult": "TIMED_OUT"}
//!     ]
//!   }],
//!   "hasMore": false
//! }"#;
//! let history = NotificationHistoryResponse::parse(body)?;
//! let attempts = history.items()[0].send_attempts();
//! assert_eq!(attempts[0].result(), Some(SendAttemptResult::TimedOut));
//!
//! // Version 2, production: the next try comes an hour after the first.
//! let state = delivery(attempts, NotificationVersion::V2, Environment::Production);
//! assert_eq!(state, Delivery::NextAttemptDue { at_millis: 1698148900000 + 3_600_000 });
//! # Ok::<(), apple_errors::body::ParseError>(())
//! ```
//!
//! The results and schedules are generated from `send_attempt.json` in the
//! `apple-errors-spec` package.

use core::fmt;
use std::time::{Duration, SystemTime};

use crate::body::ParseError;
use crate::json::walk::{Path, expect, millis, read_response, string};
use crate::json::{Kind, Reader, Value};
use crate::text::Plain;
use crate::wire::Wire;

include!(concat!(env!("OUT_DIR"), "/send_attempt.rs"));

// The App Store Server API's error codes; to move to the module root when
// notifications become their own module.
include!(concat!(env!("OUT_DIR"), "/app_store_server.rs"));
crate::store_api::store_api!(api: "App Store Server API", example: "app_store_server");

/// One attempt by the App Store to deliver a notification: when, and how it
/// went. The result is kept as received, known or not.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SendAttempt {
    attempt_date: u64,
    result: Wire<SendAttemptResult>,
}

impl SendAttempt {
    /// An attempt at `attempt_date_millis` (milliseconds since the UNIX
    /// epoch) with the `sendAttemptResult` string `result`.
    pub fn new(attempt_date_millis: u64, result: &str) -> Self {
        SendAttempt {
            attempt_date: attempt_date_millis,
            result: Wire::parse(result),
        }
    }

    /// When the attempt was made, in milliseconds since the UNIX epoch.
    pub fn attempt_date_millis(&self) -> u64 {
        self.attempt_date
    }

    /// When the attempt was made.
    pub fn attempt_date(&self) -> Option<SystemTime> {
        SystemTime::UNIX_EPOCH.checked_add(Duration::from_millis(self.attempt_date))
    }

    /// The result, if this version knows it (`SSL_ISSUE` reads as
    /// [`SendAttemptResult::TlsIssue`]).
    pub fn result(&self) -> Option<SendAttemptResult> {
        self.result.known()
    }

    /// The `sendAttemptResult` string exactly as received.
    pub fn raw_result(&self) -> &str {
        self.result.as_str()
    }

    /// Whether the notification was delivered by this attempt. An unknown
    /// result is not a success.
    pub fn is_success(&self) -> bool {
        self.result().is_some_and(SendAttemptResult::is_success)
    }
}

impl fmt::Display for SendAttempt {
    /// `TIMED_OUT at 1698148900000 ms`, with the result escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let result = Plain::new(self.raw_result());
        write!(f, "{result} at {} ms", self.attempt_date)
    }
}

/// The body of a Get Notification History response: one page of
/// notifications with their send attempts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NotificationHistoryResponse {
    items: Vec<NotificationHistoryItem>,
    has_more: Option<bool>,
    pagination_token: Option<String>,
}

/// One notification in the history.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NotificationHistoryItem {
    signed_payload: Option<String>,
    send_attempts: Vec<SendAttempt>,
}

/// The body of a Get Test Notification Status response.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct CheckTestNotificationResponse {
    signed_payload: Option<String>,
    send_attempts: Vec<SendAttempt>,
}

impl NotificationHistoryResponse {
    /// Parses the response body. Members this version does not read are
    /// ignored; a member it reads with the wrong type is an error naming its
    /// path. A result string this version does not know is kept, not refused.
    pub fn parse(body: &[u8]) -> Result<Self, ParseError> {
        let mut out = Self::default();
        let mut found = false;
        read_response(body, |key, r| {
            if key.eq_str("notificationHistory") {
                let path = Path::Root.key("notificationHistory");
                found = true;
                out.items.clear();
                expect(r, Kind::Array, &path, "an array")?;
                let mut i = 0;
                r.array(|r| {
                    out.items.push(item(r, &path.index(i))?);
                    i += 1;
                    Ok::<(), ParseError>(())
                })?;
            } else if key.eq_str("hasMore") {
                out.has_more = match r.value()? {
                    Value::Bool(b) => Some(b),
                    Value::Null => None,
                    _ => {
                        let path = Path::Root.key("hasMore");
                        return Err(ParseError::field(&path, "true or false"));
                    }
                };
            } else if key.eq_str("paginationToken") {
                out.pagination_token = string(r, &Path::Root.key("paginationToken"))?;
            }
            Ok(())
        })?;
        if !found {
            // Required: without it this is not a history page at all.
            let path = Path::Root.key("notificationHistory");
            return Err(ParseError::field(&path, "a value"));
        }
        Ok(out)
    }

    /// The notifications on this page.
    pub fn items(&self) -> &[NotificationHistoryItem] {
        &self.items
    }

    /// Whether more pages follow (`hasMore`), if the body said.
    pub fn has_more(&self) -> Option<bool> {
        self.has_more
    }

    /// The token to request the next page with.
    pub fn pagination_token(&self) -> Option<&str> {
        self.pagination_token.as_deref()
    }
}

impl NotificationHistoryItem {
    /// The notification itself, as the JWS string the App Store signed.
    pub fn signed_payload(&self) -> Option<&str> {
        self.signed_payload.as_deref()
    }

    /// The attempts to deliver it, as listed.
    pub fn send_attempts(&self) -> &[SendAttempt] {
        &self.send_attempts
    }
}

impl CheckTestNotificationResponse {
    /// Parses the response body, under the same rules as
    /// [`NotificationHistoryResponse::parse`].
    pub fn parse(body: &[u8]) -> Result<Self, ParseError> {
        let mut out = Self::default();
        read_response(body, |key, r| {
            if key.eq_str("signedPayload") {
                out.signed_payload = string(r, &Path::Root.key("signedPayload"))?;
            } else if key.eq_str("sendAttempts") {
                out.send_attempts = attempts(r, &Path::Root)?;
            }
            Ok::<(), ParseError>(())
        })?;
        Ok(out)
    }

    /// The test notification, as the JWS string the App Store signed.
    pub fn signed_payload(&self) -> Option<&str> {
        self.signed_payload.as_deref()
    }

    /// The attempts to deliver it, as listed.
    pub fn send_attempts(&self) -> &[SendAttempt] {
        &self.send_attempts
    }
}

fn item(r: &mut Reader<'_>, at: &Path<'_>) -> Result<NotificationHistoryItem, ParseError> {
    expect(r, Kind::Object, at, "an object")?;
    let mut item = NotificationHistoryItem::default();
    r.object(|key, r| {
        if key.eq_str("signedPayload") {
            item.signed_payload = string(r, &at.key("signedPayload"))?;
        } else if key.eq_str("sendAttempts") {
            item.send_attempts = attempts(r, at)?;
        }
        Ok::<(), ParseError>(())
    })?;
    Ok(item)
}

/// `sendAttempts` (the reader is at its value); `at` is the path of the
/// object holding it. `null` reads as no attempts.
fn attempts(r: &mut Reader<'_>, at: &Path<'_>) -> Result<Vec<SendAttempt>, ParseError> {
    let path = at.key("sendAttempts");
    if r.kind() != Kind::Array {
        return match r.value()? {
            Value::Null => Ok(Vec::new()),
            _ => Err(ParseError::field(&path, "an array")),
        };
    }
    let mut list = Vec::new();
    r.array(|r| {
        let here = path.index(list.len());
        expect(r, Kind::Object, &here, "an object")?;
        let (mut date, mut result) = (None, None);
        r.object(|key, r| {
            if key.eq_str("attemptDate") {
                date = match r.value()? {
                    Value::Number(n) => millis(n),
                    _ => None,
                };
                if date.is_none() {
                    let p = here.key("attemptDate");
                    return Err(ParseError::field(&p, "a whole number of milliseconds"));
                }
            } else if key.eq_str("sendAttemptResult") {
                // Straight to a `Wire`: a known result needs no `String`.
                result = match r.value()? {
                    Value::Str(s) => Some(Wire::parse(&s.decode())),
                    Value::Null => None,
                    _ => {
                        let p = here.key("sendAttemptResult");
                        return Err(ParseError::field(&p, "a string"));
                    }
                };
            }
            Ok::<(), ParseError>(())
        })?;
        let missing = |key| ParseError::field(&here.key(key), "a value");
        let date = date.ok_or_else(|| missing("attemptDate"))?;
        let result = result.ok_or_else(|| missing("sendAttemptResult"))?;
        list.push(SendAttempt {
            attempt_date: date,
            result,
        });
        Ok::<(), ParseError>(())
    })?;
    Ok(list)
}

/// The notification format version, which decides the resend schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NotificationVersion {
    /// Version 1 notifications: three resends ([`V1_RESEND_DELAYS`]).
    V1,
    /// Version 2 notifications: five resends ([`V2_RESEND_DELAYS`]).
    V2,
}

/// The App Store environment that sent the notification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Environment {
    /// The App Store resends failed notifications on its schedule.
    Production,
    /// The App Store makes one attempt and never resends.
    Sandbox,
}

impl NotificationVersion {
    /// The delays between attempts in `environment`: after a failed attempt
    /// number `n` (from 1), the next comes `delays[n - 1]` later; none after
    /// the last. Empty in the sandbox.
    pub fn resend_delays(self, environment: Environment) -> &'static [Duration] {
        match (environment, self) {
            (Environment::Sandbox, _) => &[],
            (Environment::Production, NotificationVersion::V1) => V1_RESEND_DELAYS,
            (Environment::Production, NotificationVersion::V2) => V2_RESEND_DELAYS,
        }
    }
}

/// Where a notification stands, by Apple's resend schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Delivery {
    /// No attempt is listed.
    NotAttempted,
    /// An attempt succeeded.
    Delivered {
        /// When the first successful attempt was made (ms since the epoch).
        at_millis: u64,
    },
    /// Every attempt the schedule allows failed; the App Store will not try
    /// again. Fetch the notification with Get Notification History.
    GaveUp {
        /// When the last attempt was made (ms since the epoch).
        last_attempt_millis: u64,
    },
    /// The last attempt failed and the schedule allows another.
    NextAttemptDue {
        /// When the App Store should try again (ms since the epoch).
        at_millis: u64,
    },
}

/// Applies Apple's resend schedule to a notification's send attempts, in any
/// order: delivered if any attempt succeeded, otherwise the next attempt's
/// due time, or given up once the schedule is used up (at once in the
/// sandbox). Attempts with results this version does not know count as
/// failures; an attempt listed twice (same time and result) counts once.
pub fn delivery(
    attempts: &[SendAttempt],
    version: NotificationVersion,
    environment: Environment,
) -> Delivery {
    if let Some(first) = attempts
        .iter()
        .filter(|a| a.is_success())
        .map(SendAttempt::attempt_date_millis)
        .min()
    {
        return Delivery::Delivered { at_millis: first };
    }
    let Some(last) = attempts.iter().map(SendAttempt::attempt_date_millis).max() else {
        return Delivery::NotAttempted;
    };
    // After the n-th failed attempt the schedule's n-th delay applies. The
    // same attempt listed twice (same time, same result) counts once.
    let mut distinct: Vec<(u64, &str)> = attempts
        .iter()
        .map(|a| (a.attempt_date_millis(), a.raw_result()))
        .collect();
    distinct.sort_unstable();
    distinct.dedup();
    match version.resend_delays(environment).get(distinct.len() - 1) {
        Some(delay) => {
            let delay = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
            Delivery::NextAttemptDue {
                at_millis: last.saturating_add(delay),
            }
        }
        None => Delivery::GaveUp {
            last_attempt_millis: last,
        },
    }
}
