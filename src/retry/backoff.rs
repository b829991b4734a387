//! A backoff schedule: from a decision and an attempt number, how long to
//! wait before the next attempt, or whether to stop.

use core::fmt;
use core::time::Duration;
use std::time::SystemTime;

use super::{Decision, RetryAction};

/// When to send a refused request again: exponential backoff with full
/// jitter, on top of Apple's floors, with a limit on attempts.
///
/// [`next`](Self::next) answers, for a [`Decision`] and the number of
/// attempts made so far:
///
/// - [`RetryAction::Never`]: [`Next::GiveUp`] at once.
/// - [`RetryAction::AfterFix`]: [`Next::FixFirst`]: no wait helps, the
///   request must change.
/// - every other action: [`Next::After`] a delay drawn uniformly from a
///   window that starts at the decision's
///   [least delay](Decision::least_delay) (Apple's floors: a policy's
///   minimum delay such as 15 minutes after an APNs 5xx, the `Retry-After`
///   time, the provider-token age) and is as wide as the exponential
///   `growth_base × 2^(attempt − 1)`, where `growth_base` is the larger of
///   [`base`](Self::base) and the policy's minimum delay (so after an APNs
///   5xx the wait is drawn from 15 to 30 minutes, then from 15 to 45, then
///   from 15 to 60, backing off as Apple asks). The window ends at [`cap`](Self::cap) at the latest, unless a
///   floor is later; floors always win.
/// - after [`max_attempts`](Self::max_attempts) attempts, or when the
///   floor is further away than [`max_wait`](Self::max_wait) (a hostile or
///   broken `Retry-After`): [`Next::GiveUp`].
///
/// The randomness is the caller's: `jitter` is a uniformly random `u64`
/// (`rand::random()`, `fastrand::u64(..)`), 0 picking the start of the
/// window and `u64::MAX` its end. The schedule reads no clock either:
/// `now` is an argument. The same inputs give the same answer, so tests
/// and replays are exact. Delays are whole milliseconds, rounded up.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use apple_errors::apns::Response;
/// use apple_errors::retry::{Backoff, Next};
///
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// let rejection = Response::new(503, br#"{"reason":"ServiceUnavailable"}"#)
///     .classify()
///     .unwrap_err();
/// let decision = rejection.decision(now);
/// let schedule = Backoff::new();
/// let minutes = |m: u64| Duration::from_secs(m * 60);
///
/// // Apple: no sooner than 15 minutes after a 5xx, whatever the jitter...
/// assert_eq!(schedule.next(&decision, 1, now, 0), Next::After(minutes(15)));
/// assert_eq!(schedule.next(&decision, 1, now, u64::MAX / 2), Next::After(minutes(22) + minutes(1) / 2));
/// // ...backing off: up to 45 minutes after the second failure, then up to the cap...
/// assert_eq!(schedule.next(&decision, 2, now, u64::MAX / 2), Next::After(minutes(30)));
/// assert_eq!(schedule.next(&decision, 5, now, u64::MAX / 2), Next::After(minutes(37) + minutes(1) / 2));
/// // ...and giving up after the sixth attempt.
/// assert!(matches!(schedule.next(&decision, 6, now, 0), Next::GiveUp(_)));
/// ```
///
/// Its durations are kept in whole milliseconds, rounded up, the precision
/// of the delays it gives (and at most `u64::MAX` milliseconds).
///
/// With feature `serde` a schedule serializes as
/// `{"base_ms": 1000, "cap_ms": 3600000, "max_attempts": 6, "max_wait_ms": 86400000}`
/// and reads back equal; in what it reads, a missing or `null` member takes
/// its [default](Self::DEFAULT), and members it does not know are skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Backoff {
    base: Duration,
    cap: Duration,
    max_attempts: u32,
    max_wait: Duration,
}

impl Backoff {
    /// The defaults: [`base`](Self::base) 1 second, [`cap`](Self::cap) 1
    /// hour, [`max_attempts`](Self::max_attempts) 6, and
    /// [`max_wait`](Self::max_wait) 24 hours.
    ///
    /// Six attempts is what Apple itself makes to deliver an App Store
    /// Server Notification; with APNs's 15-minute floor after a 5xx they
    /// span at most about four hours, past which a push is rarely still
    /// worth sending. A one-hour cap keeps a long outage from pushing
    /// retries out further than Apple's own schedules do between early
    /// attempts.
    pub const DEFAULT: Backoff = Backoff {
        base: Duration::from_secs(1),
        cap: Duration::from_secs(60 * 60),
        max_attempts: 6,
        max_wait: Duration::from_secs(24 * 60 * 60),
    };

    /// The [defaults](Self::DEFAULT).
    #[inline]
    pub const fn new() -> Self {
        Self::DEFAULT
    }

    /// The same schedule with the first window's width when the policy
    /// states no delay.
    #[inline]
    pub const fn with_base(mut self, base: Duration) -> Self {
        self.base = whole_millis_up(base);
        self
    }

    /// The same schedule with the latest a window may end, floors aside.
    #[inline]
    pub const fn with_cap(mut self, cap: Duration) -> Self {
        self.cap = whole_millis_up(cap);
        self
    }

    /// The same schedule allowing this many attempts in all, the first
    /// included (0 and 1 both mean no retry).
    #[inline]
    pub const fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts;
        self
    }

    /// The same schedule giving up when the rules forbid sending again for
    /// longer than this.
    #[inline]
    pub const fn with_max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = whole_millis_up(max_wait);
        self
    }

    /// The width of the first window when the policy states no delay.
    #[inline]
    pub const fn base(&self) -> Duration {
        self.base
    }

    /// The latest a window may end, unless a floor is later.
    #[inline]
    pub const fn cap(&self) -> Duration {
        self.cap
    }

    /// How many attempts are made in all, the first included.
    #[inline]
    pub const fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The longest wait the floors may impose before the schedule gives up.
    #[inline]
    pub const fn max_wait(&self) -> Duration {
        self.max_wait
    }

    /// What to do after attempt number `attempt` (1 for the first send)
    /// was refused with `decision`, at `now`, given `jitter`, a uniformly
    /// random `u64`. Never panics, for any attempt number and any times.
    pub fn next(&self, decision: &Decision, attempt: u32, now: SystemTime, jitter: u64) -> Next {
        let policy = decision.policy();
        match policy.action() {
            RetryAction::Never => return Next::GiveUp(GiveUp::NotRetryable),
            _ if attempt >= self.max_attempts => return Next::GiveUp(GiveUp::Attempts),
            RetryAction::AfterFix => return Next::FixFirst,
            _ => {}
        }
        let floor = decision.least_delay(now);
        if floor > self.max_wait {
            return Next::GiveUp(GiveUp::WaitTooLong);
        }
        let growth_base = self.base.max(policy.min_delay().unwrap_or_default());
        let floor = floor.as_nanos();
        let width = grown(growth_base.as_nanos(), attempt.saturating_sub(1));
        let end = floor
            .saturating_add(width)
            .min(self.cap.as_nanos())
            .max(floor);
        Next::After(whole_millis(floor + scale(end - floor, jitter)))
    }
}

impl Default for Backoff {
    #[inline]
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// `base × 2^doublings` in nanoseconds, saturating.
fn grown(base: u128, doublings: u32) -> u128 {
    match 1u128.checked_shl(doublings) {
        Some(factor) => base.saturating_mul(factor),
        None if base == 0 => 0,
        None => u128::MAX,
    }
}

/// `span × jitter / 2^64`, rounded down, without overflow: at most `span`,
/// and less unless `span` is 0.
fn scale(span: u128, jitter: u64) -> u128 {
    let jitter = u128::from(jitter);
    let high = (span >> 64) * jitter;
    let low = ((span & u128::from(u64::MAX)) * jitter) >> 64;
    high + low
}

/// Nanoseconds as a `Duration`, rounded up to the whole millisecond (at
/// most `Duration::MAX`).
fn whole_millis(nanos: u128) -> Duration {
    const NANOS_PER_MILLI: u128 = 1_000_000;
    let millis = nanos.div_ceil(NANOS_PER_MILLI);
    match u64::try_from(millis / 1000) {
        // The remainder is under 1000.
        Ok(secs) => Duration::new(secs, (millis % 1000) as u32 * 1_000_000),
        Err(_) => Duration::MAX,
    }
}

/// `d` rounded up to the whole millisecond, at most `u64::MAX` milliseconds.
const fn whole_millis_up(d: Duration) -> Duration {
    let millis = d.as_nanos().div_ceil(1_000_000);
    if millis > u64::MAX as u128 {
        Duration::from_millis(u64::MAX)
    } else {
        // Checked just above: it fits.
        Duration::from_millis(millis as u64)
    }
}

/// What to do about a refused request next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Next {
    /// Send it again after this long.
    After(Duration),
    /// Waiting will not help: correct what the refusal names, then send the
    /// corrected request.
    FixFirst,
    /// Do not send it again.
    GiveUp(GiveUp),
}

impl Next {
    /// When to send again, for a decision taken at `now`; `None` unless
    /// [`After`](Self::After).
    pub fn at(self, now: SystemTime) -> Option<SystemTime> {
        match self {
            Next::After(wait) => Some(super::date::saturating_add(now, wait)),
            Next::FixFirst | Next::GiveUp(_) => None,
        }
    }
}

impl fmt::Display for Next {
    /// `send again in 900.000 s`, `fix the request, then send it`, or
    /// `give up: …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Next::After(wait) => write!(
                f,
                "send again in {}.{:03} s",
                wait.as_secs(),
                wait.subsec_millis()
            ),
            Next::FixFirst => f.write_str("fix the request, then send it"),
            Next::GiveUp(why) => write!(f, "give up: {why}"),
        }
    }
}

/// Why a schedule stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GiveUp {
    /// The policy forbids sending the request again
    /// ([`RetryAction::Never`]).
    NotRetryable,
    /// The schedule's [`max_attempts`](Backoff::max_attempts) are used up.
    Attempts,
    /// The rules forbid sending again for longer than
    /// [`max_wait`](Backoff::max_wait).
    WaitTooLong,
}

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GiveUp::NotRetryable => "the request must not be sent again",
            GiveUp::Attempts => "every attempt the schedule allows was made",
            GiveUp::WaitTooLong => "the earliest allowed retry is too far away",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_is_exact_at_the_ends_and_never_overflows() {
        assert_eq!(scale(1000, 0), 0);
        assert_eq!(scale(1000, u64::MAX), 999);
        assert_eq!(scale(1000, 1 << 63), 500);
        assert_eq!(
            scale(u128::MAX, u64::MAX),
            u128::MAX - (u128::MAX >> 64) - 1
        );
        assert!(scale(u128::MAX, u64::MAX) < u128::MAX);
    }

    #[test]
    fn growth_saturates() {
        assert_eq!(grown(3, 0), 3);
        assert_eq!(grown(3, 4), 48);
        assert_eq!(grown(3, 127), u128::MAX);
        assert_eq!(grown(3, u32::MAX), u128::MAX);
        assert_eq!(grown(0, u32::MAX), 0);
    }

    #[test]
    fn delays_round_up_to_the_millisecond() {
        assert_eq!(whole_millis(0), Duration::ZERO);
        assert_eq!(whole_millis(1), Duration::from_millis(1));
        assert_eq!(whole_millis(1_000_000), Duration::from_millis(1));
        assert_eq!(whole_millis(1_500_000_001), Duration::from_millis(1501));
        assert_eq!(whole_millis(u128::MAX), Duration::MAX);
    }
}
