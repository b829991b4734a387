//! App Store Server Notifications, as the App Store Server API reports them:
//! how each attempt to deliver a notification to your server went, and when
//! the App Store will try again.
//!
#![doc = include_str!(concat!(env!("OUT_DIR"), "/send_attempt.md"))]
//!
//! # Reading send attempts
//!
//! Get Notification History and Get Test Notification Status list each
//! notification's `sendAttempts`: when the App Store tried and the
//! [`SendAttemptResult`]. [`delivery`] applies Apple's resend schedule to
//! them.
//!
//! ```
//! use apple_errors::app_store_server::notifications::{
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

// Functions that are not generic are `#[inline]`, to be compiled where
// they are used: see "Compiled where used" in lib.rs.

use core::fmt;
use std::time::{Duration, SystemTime};

use crate::body::{BodyError, MAX_HISTORY_ITEMS, MAX_SEND_ATTEMPTS, ParseError};
use crate::json::walk::{
    Budget, Lenient, Members, Path, lenient_array, millis, read_response, wrong_kind,
};
use crate::json::{Kind, Reader, Str, Value};
use crate::text::Plain;
use crate::wire::Wire;

include!(concat!(env!("OUT_DIR"), "/send_attempt.rs"));

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
    #[inline]
    pub fn new(attempt_date_millis: u64, result: &str) -> Self {
        SendAttempt {
            attempt_date: attempt_date_millis,
            result: Wire::parse(result),
        }
    }

    /// When the attempt was made, in milliseconds since the UNIX epoch.
    #[inline]
    pub fn attempt_date_millis(&self) -> u64 {
        self.attempt_date
    }

    /// When the attempt was made.
    #[inline]
    pub fn attempt_date(&self) -> Option<SystemTime> {
        SystemTime::UNIX_EPOCH.checked_add(Duration::from_millis(self.attempt_date))
    }

    /// The result, if this version knows it (`SSL_ISSUE` reads as
    /// [`SendAttemptResult::TlsIssue`]).
    #[inline]
    pub fn result(&self) -> Option<SendAttemptResult> {
        self.result.known()
    }

    /// The `sendAttemptResult` string exactly as received.
    #[inline]
    pub fn raw_result(&self) -> &str {
        self.result.as_str()
    }

    /// Whether the notification was delivered by this attempt. An unknown
    /// result is not a success.
    #[inline]
    pub fn is_success(&self) -> bool {
        self.result().is_some_and(SendAttemptResult::is_success)
    }
}

impl fmt::Display for SendAttempt {
    /// `TIMED_OUT at 1698148900000 ms`, with the result escaped.
    #[inline]
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
    body_error: Option<BodyError>,
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
    body_error: Option<BodyError>,
}

impl NotificationHistoryResponse {
    /// Parses the response body. Members this version does not read are
    /// ignored; a member it reads with the wrong type is an error naming its
    /// path (the first in the document, once the whole body has been read).
    /// A member given twice counts once, the last one, as in JavaScript and
    /// `serde_json::Value`: an earlier one with the wrong type is no error.
    /// A result string this version does not know is kept, not refused.
    ///
    /// At most [`MAX_HISTORY_ITEMS`] notifications, each with at most
    /// [`MAX_SEND_ATTEMPTS`] attempts, are read; those past a limit are
    /// skipped and [`body_error`](Self::body_error) says so, so that the
    /// memory a page holds stays within a few times its length.
    #[inline]
    pub fn parse(body: &[u8]) -> Result<Self, ParseError> {
        let mut out = Self::default();
        let mut found = false;
        let mut members = Members::default();
        read_response(body, |key, r| {
            if key.eq_str("notificationHistory") {
                found = true;
                let items = Budget::new(MAX_HISTORY_ITEMS, "notification history items");
                let mut attempts_over = None;
                let path = Path::Root.key("notificationHistory");
                let read = lenient_array(r, &path, &items, |r, at| item(r, at, &mut attempts_over));
                out.items = members.lenient("notificationHistory", read)?;
                out.body_error = items.exceeded().or(attempts_over);
            } else if key.eq_str("hasMore") {
                let read = match r.value()? {
                    Value::Bool(b) => Ok(Some(b)),
                    Value::Null => Ok(None),
                    _ => Err(ParseError::field(
                        &Path::Root.key("hasMore"),
                        "true or false",
                    )),
                };
                out.has_more = members.take("hasMore", read)?.flatten();
            } else if key.eq_str("paginationToken") {
                out.pagination_token = members.string("paginationToken", r, &Path::Root)?;
            }
            Ok(())
        })?;
        if let Some(problem) = members.first() {
            return Err(problem);
        }
        if !found {
            // Required: without it this is not a history page at all.
            let path = Path::Root.key("notificationHistory");
            return Err(ParseError::field(&path, "a value"));
        }
        Ok(out)
    }

    /// The notifications on this page.
    #[inline]
    pub fn items(&self) -> &[NotificationHistoryItem] {
        &self.items
    }

    /// Whether more pages follow (`hasMore`), if the body said.
    #[inline]
    pub fn has_more(&self) -> Option<bool> {
        self.has_more
    }

    /// The token to request the next page with.
    #[inline]
    pub fn pagination_token(&self) -> Option<&str> {
        self.pagination_token.as_deref()
    }

    /// [`BodyError::TooMany`] when the page listed more notifications than
    /// [`MAX_HISTORY_ITEMS`], or a notification more attempts than
    /// [`MAX_SEND_ATTEMPTS`]: the first ones were kept and the rest
    /// skipped. Apple's pages never come near; `None` otherwise.
    #[inline]
    pub fn body_error(&self) -> Option<BodyError> {
        self.body_error
    }
}

impl NotificationHistoryItem {
    /// The notification itself, as the JWS string the App Store signed.
    #[inline]
    pub fn signed_payload(&self) -> Option<&str> {
        self.signed_payload.as_deref()
    }

    /// The attempts to deliver it, as listed.
    #[inline]
    pub fn send_attempts(&self) -> &[SendAttempt] {
        &self.send_attempts
    }
}

impl CheckTestNotificationResponse {
    /// Parses the response body, under the same rules as
    /// [`NotificationHistoryResponse::parse`].
    #[inline]
    pub fn parse(body: &[u8]) -> Result<Self, ParseError> {
        let mut out = Self::default();
        let mut members = Members::default();
        read_response(body, |key, r| {
            let (payload, attempts) = (&mut out.signed_payload, &mut out.send_attempts);
            let over = &mut out.body_error;
            shared_member(key, r, &Path::Root, payload, attempts, over, &mut members)
        })?;
        members.first().map_or(Ok(out), Err)
    }

    /// [`BodyError::TooMany`] when more attempts than
    /// [`MAX_SEND_ATTEMPTS`] were listed: the first ones were kept and the
    /// rest skipped. `None` otherwise.
    #[inline]
    pub fn body_error(&self) -> Option<BodyError> {
        self.body_error
    }

    /// The test notification, as the JWS string the App Store signed.
    #[inline]
    pub fn signed_payload(&self) -> Option<&str> {
        self.signed_payload.as_deref()
    }

    /// The attempts to deliver it, as listed.
    #[inline]
    pub fn send_attempts(&self) -> &[SendAttempt] {
        &self.send_attempts
    }
}

/// One item of `notificationHistory`; `over` gets the first
/// [`BodyError::TooMany`] of its attempts, unless one is already there.
#[inline]
fn item(
    r: &mut Reader<'_>,
    at: &Path<'_>,
    over: &mut Option<BodyError>,
) -> Lenient<Option<NotificationHistoryItem>> {
    let mut item = NotificationHistoryItem::default();
    if let Some(problem) = wrong_kind(r, Kind::Object, at, "an object")? {
        return Ok((None, Some(problem)));
    }
    let mut members = Members::default();
    let mut item_over = None;
    r.object(|key, r| {
        let (payload, attempts) = (&mut item.signed_payload, &mut item.send_attempts);
        shared_member(key, r, at, payload, attempts, &mut item_over, &mut members)
    })?;
    *over = over.or(item_over);
    Ok((Some(item), members.first()))
}

/// Reads `signedPayload` or `sendAttempts`, which a history item and a test
/// notification's status share, into their places; other members are
/// skipped. `at` is the path of the object holding them; `over` is set to
/// [`BodyError::TooMany`] when the attempts (the last `sendAttempts` read)
/// went over [`MAX_SEND_ATTEMPTS`].
#[allow(
    clippy::too_many_arguments,
    reason = "the places of one object's members, borrowed apart"
)]
#[inline]
fn shared_member(
    key: Str<'_>,
    r: &mut Reader<'_>,
    at: &Path<'_>,
    payload: &mut Option<String>,
    attempts: &mut Vec<SendAttempt>,
    over: &mut Option<BodyError>,
    members: &mut Members,
) -> Result<(), ParseError> {
    if key.eq_str("signedPayload") {
        *payload = members.string("signedPayload", r, at)?;
    } else if key.eq_str("sendAttempts") {
        let budget = Budget::new(MAX_SEND_ATTEMPTS, "send attempts in one notification");
        *attempts = members.lenient("sendAttempts", send_attempts(r, at, &budget))?;
        *over = budget.exceeded();
    }
    Ok(())
}

/// `sendAttempts` (the reader is at its value); `at` is the path of the
/// object holding it. `null` reads as no attempts. An attempt with a problem
/// is left out, and the first problem is returned.
#[inline]
fn send_attempts(r: &mut Reader<'_>, at: &Path<'_>, budget: &Budget) -> Lenient<Vec<SendAttempt>> {
    let path = at.key("sendAttempts");
    if r.kind() == Kind::Scalar {
        let problem = match r.value()? {
            Value::Null => None,
            _ => Some(ParseError::field(&path, "an array")),
        };
        return Ok((Vec::new(), problem));
    }
    lenient_array(r, &path, budget, send_attempt)
}

/// One item of `sendAttempts`; `None` unless it has both a date and a
/// result.
#[inline]
fn send_attempt(r: &mut Reader<'_>, here: &Path<'_>) -> Lenient<Option<SendAttempt>> {
    if let Some(problem) = wrong_kind(r, Kind::Object, here, "an object")? {
        return Ok((None, Some(problem)));
    }
    let (mut date, mut result) = (None, None);
    let mut members = Members::default();
    r.object(|key, r| {
        if key.eq_str("attemptDate") {
            let read = match r.value()? {
                Value::Number(n) => millis(n),
                _ => None,
            };
            let read = read.ok_or_else(|| {
                let path = here.key("attemptDate");
                ParseError::field(&path, "a whole number of milliseconds")
            });
            date = members.take("attemptDate", read)?;
        } else if key.eq_str("sendAttemptResult") {
            // Straight to a `Wire`: a known result needs no `String`.
            let read = match r.value()? {
                Value::Str(s) => Ok(Some(Wire::parse(&s.decode()))),
                Value::Null => Ok(None),
                _ => Err(ParseError::field(
                    &here.key("sendAttemptResult"),
                    "a string",
                )),
            };
            result = members.take("sendAttemptResult", read)?.flatten();
        }
        Ok::<(), ParseError>(())
    })?;
    for (key, absent) in [
        ("attemptDate", date.is_none()),
        ("sendAttemptResult", result.is_none()),
    ] {
        if absent && !members.has_problem(&key) {
            members.set(key, Some(ParseError::field(&here.key(key), "a value")));
        }
    }
    let attempt = date.zip(result).map(|(attempt_date, result)| SendAttempt {
        attempt_date,
        result,
    });
    Ok((attempt, members.first()))
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
    #[inline]
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
#[inline]
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
