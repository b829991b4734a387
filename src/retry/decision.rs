//! A retry decision: the policy, and the time the response said to wait
//! for.

use core::fmt;
use core::time::Duration;
use std::time::SystemTime;

use super::{RetryAction, RetryAfter, RetryPolicy};

/// What to do after a refusal, and from when: a [`RetryPolicy`] and the
/// not-before time a `Retry-After` header set, if any.
///
/// Every rejection gives one with `decision(received_at)`, where
/// `received_at` is when the response arrived (a delay in `Retry-After`
/// counts from then). [`Backoff::next`](super::Backoff::next) turns it and
/// an attempt number into the wait before the next attempt.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use apple_errors::app_store_server::Response;
/// use apple_errors::retry::RetryAction;
///
/// let received = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// let body = br#"{"errorCode": 4290000, "errorMessage": "Rate limit exceeded."}"#;
/// let rejection = Response::new(429, body)
///     .retry_after("1700000060000")
///     .classify()
///     .unwrap_err();
/// let decision = rejection.decision(received);
/// assert_eq!(decision.policy().action(), RetryAction::AfterDelay);
/// assert_eq!(decision.not_before(), Some(received + Duration::from_secs(60)));
/// assert_eq!(decision.least_delay(received), Duration::from_secs(60));
/// ```
///
/// The not-before time is kept in whole milliseconds since the UNIX epoch,
/// rounded up (so it never gets earlier), the precision of the App Store's
/// own `Retry-After` form and of [`Backoff`](super::Backoff)'s delays: a
/// time before the epoch is the epoch, which is no floor at all for any
/// clock today, and one past `u64::MAX` milliseconds (half a billion years
/// away) is that time.
///
/// With feature `serde` it serializes as the
/// [policy's members](RetryPolicy#serde) plus `not_before_ms`, the
/// not-before time in milliseconds since the UNIX epoch, left out when
/// there is none:
///
/// ```json
/// {"action": "after_delay", "token": "keep", "inferred": false, "token_inferred": false,
///  "not_before_ms": 1700000060000}
/// ```
///
/// A decision read back is equal to the one written, so it can wait in a
/// job queue. A policy's JSON is a decision without a not-before time, and
/// a decision's JSON read as a policy drops it; a rejection's JSON, which
/// holds the policy's members too, reads as its policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Decision {
    policy: RetryPolicy,
    not_before: Option<SystemTime>,
}

impl Decision {
    /// A decision with no not-before time.
    #[inline]
    pub const fn new(policy: RetryPolicy) -> Self {
        Decision {
            policy,
            not_before: None,
        }
    }

    /// The decision for a response received at `received_at` with this
    /// `Retry-After` value, if it had a readable one.
    #[inline]
    pub fn from_retry_after(
        policy: RetryPolicy,
        retry_after: Option<RetryAfter>,
        received_at: SystemTime,
    ) -> Self {
        let decision = Decision::new(policy);
        match retry_after {
            Some(value) => decision.no_sooner_than(value.not_before(received_at)),
            None => decision,
        }
    }

    /// The same decision, not to be acted on before `at` either: the later
    /// of `at` (rounded up to the millisecond) and the not-before time it
    /// had. A floor only ever rises.
    #[inline]
    pub fn no_sooner_than(mut self, at: SystemTime) -> Self {
        let at = from_unix_millis(unix_millis(at));
        self.not_before = Some(match self.not_before {
            Some(earlier) if earlier > at => earlier,
            _ => at,
        });
        self
    }

    /// What to do.
    #[inline]
    pub const fn policy(&self) -> RetryPolicy {
        self.policy
    }

    /// The time before which the request must not go again, when a
    /// `Retry-After` header set one, in whole milliseconds.
    #[inline]
    pub const fn not_before(&self) -> Option<SystemTime> {
        self.not_before
    }

    /// The least wait from `now` that every rule allows, the longest of:
    /// the policy's [`min_delay`](RetryPolicy::min_delay) (15 minutes after
    /// an APNs 5xx); the time left until [`not_before`](Self::not_before);
    /// and for [`RetryAction::ReuseProviderToken`] the
    /// [`provider_token_min_age`](RetryPolicy::provider_token_min_age).
    ///
    /// The provider-token age is a floor because a scheduler cannot know
    /// which token the retry will carry: once that long has passed, any
    /// token is old enough to be replaced. A caller that resends at once
    /// with the last token APNs accepted follows Apple's remedy too, and
    /// needs no schedule for it.
    pub fn least_delay(&self, now: SystemTime) -> Duration {
        let mut least = self.policy.min_delay().unwrap_or_default();
        if self.policy.action() == RetryAction::ReuseProviderToken {
            least = least.max(self.policy.provider_token_min_age().unwrap_or_default());
        }
        if let Some(until) = self.not_before.and_then(|t| t.duration_since(now).ok()) {
            least = least.max(until);
        }
        least
    }
}

/// `t` in whole milliseconds since the UNIX epoch, rounded up: 0 before
/// the epoch, `u64::MAX` past it.
pub(super) fn unix_millis(t: SystemTime) -> u64 {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(since) => u64::try_from(since.as_nanos().div_ceil(1_000_000)).unwrap_or(u64::MAX),
        Err(_) => 0,
    }
}

/// The time `millis` milliseconds after the UNIX epoch, or the latest the
/// platform can hold.
pub(super) fn from_unix_millis(millis: u64) -> SystemTime {
    super::date::saturating_add(SystemTime::UNIX_EPOCH, Duration::from_millis(millis))
}

impl From<RetryPolicy> for Decision {
    #[inline]
    fn from(policy: RetryPolicy) -> Self {
        Decision::new(policy)
    }
}

impl fmt::Display for Decision {
    /// The policy's line; a not-before time is left to the caller, who
    /// knows the time zone to show it in.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.policy, f)?;
        if self.not_before.is_some() {
            f.write_str(" (not before the Retry-After time)")?;
        }
        Ok(())
    }
}
