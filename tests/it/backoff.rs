//! The backoff schedule, driven by real rejections: Apple's floors hold for
//! every jitter and attempt, windows grow and stop at the cap, and the
//! schedule gives up when it should. Everything is deterministic: the
//! clock and the randomness are arguments.

use std::time::{Duration, SystemTime};

use apple_errors::AppleError;
use apple_errors::retry::{Backoff, Decision, GiveUp, Next, RetryAction, RetryPolicy};
use apple_errors::{apns, app_store_server};

const MINUTE: Duration = Duration::from_secs(60);

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

/// Jitter values spread over the whole `u64` range, ends included, from a
/// fixed linear congruential sequence.
fn jitters() -> impl Iterator<Item = u64> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    [0, 1, u64::MAX / 2, u64::MAX - 1, u64::MAX]
        .into_iter()
        .chain(std::iter::from_fn(move || {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            Some(x)
        }))
        .take(200)
}

fn wait(next: Next) -> Duration {
    match next {
        Next::After(wait) => wait,
        other => panic!("expected a wait, got {other:?}"),
    }
}

fn apns_rejection(status: u16, body: &[u8]) -> apns::Rejection {
    apns::Response::new(status, body).classify().unwrap_err()
}

#[test]
fn an_apns_5xx_never_waits_less_than_fifteen_minutes() {
    let rejection = apns_rejection(503, br#"{"reason":"ServiceUnavailable"}"#);
    let decision = rejection.decision(now());
    let schedule = Backoff::new();
    for attempt in 1..schedule.max_attempts() {
        for jitter in jitters() {
            let wait = wait(schedule.next(&decision, attempt, now(), jitter));
            assert!(wait >= 15 * MINUTE, "attempt {attempt}, jitter {jitter}");
            assert!(wait <= schedule.cap(), "attempt {attempt}, jitter {jitter}");
        }
    }
    // The least jitter waits exactly the floor; the window then doubles
    // from the floor's width (15, 30, 60 minutes) until the cap ends it.
    assert_eq!(wait(schedule.next(&decision, 1, now(), 0)), 15 * MINUTE);
    let latest = |attempt| wait(schedule.next(&decision, attempt, now(), u64::MAX));
    assert_eq!(latest(1), 30 * MINUTE);
    assert_eq!(latest(2), 45 * MINUTE);
    assert_eq!(latest(3), 60 * MINUTE);
    assert_eq!(latest(5), 60 * MINUTE);
}

#[test]
fn waits_grow_with_the_jitter_and_the_attempt() {
    let decision = Decision::new(RetryPolicy::new(RetryAction::BackOff));
    let schedule = Backoff::new().with_cap(Duration::from_secs(3600));
    let mut jitters: Vec<u64> = jitters().collect();
    jitters.sort_unstable();
    for attempt in 1..6 {
        let waits: Vec<Duration> = jitters
            .iter()
            .map(|&j| wait(schedule.next(&decision, attempt, now(), j)))
            .collect();
        assert!(waits.is_sorted(), "attempt {attempt}: {waits:?}");
        // Full jitter: the window starts at zero (no floor here) and is
        // `base × 2^(attempt − 1)` wide.
        assert_eq!(waits[0], Duration::ZERO);
        let width = Duration::from_secs(1 << (attempt - 1));
        assert_eq!(*waits.last().unwrap(), width, "attempt {attempt}");
    }
}

#[test]
fn retry_after_is_a_floor_even_past_the_cap() {
    let body = br#"{"errorCode":4290000,"errorMessage":"Rate limit exceeded."}"#;
    let in_two_hours = now() + 120 * MINUTE;
    let millis = in_two_hours
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        .to_string();
    let rejection = app_store_server::Response::new(429, body)
        .retry_after(&millis)
        .classify()
        .unwrap_err();
    let decision = rejection.decision(now());
    assert_eq!(decision.not_before(), Some(in_two_hours));
    let schedule = Backoff::new();
    assert!(schedule.cap() < 120 * MINUTE);
    for jitter in jitters() {
        assert_eq!(
            schedule.next(&decision, 1, now(), jitter),
            Next::After(120 * MINUTE)
        );
    }
    // Asked later, the wait is what is left of it.
    let later = now() + 30 * MINUTE;
    assert_eq!(wait(schedule.next(&decision, 1, later, 0)), 90 * MINUTE);
    // Further away than the schedule will wait: give up.
    let impatient = schedule.with_max_wait(60 * MINUTE);
    assert_eq!(
        impatient.next(&decision, 1, now(), 0),
        Next::GiveUp(GiveUp::WaitTooLong)
    );
}

#[test]
fn a_delay_retry_after_counts_from_the_time_of_receipt() {
    let rejection = apns::Response::new(429, br#"{"reason":"TooManyRequests"}"#)
        .retry_after("120")
        .classify()
        .unwrap_err();
    let decision = rejection.decision(now());
    assert_eq!(decision.not_before(), Some(now() + 2 * MINUTE));
    assert_eq!(
        Backoff::new().next(&decision, 1, now(), 0),
        Next::After(2 * MINUTE)
    );
    // A value that cannot be read is reported and changes nothing.
    let rejection = apns::Response::new(429, br#"{"reason":"TooManyRequests"}"#)
        .retry_after("soon")
        .classify()
        .unwrap_err();
    assert!(rejection.retry_after_error().is_some());
    assert_eq!(rejection.decision(now()).not_before(), None);
}

#[test]
fn a_provider_token_must_be_old_enough_before_it_is_replaced() {
    let rejection = apns_rejection(429, br#"{"reason":"TooManyProviderTokenUpdates"}"#);
    assert_eq!(rejection.retry().action(), RetryAction::ReuseProviderToken);
    let decision = rejection.decision(now());
    for jitter in jitters() {
        assert!(wait(Backoff::new().next(&decision, 1, now(), jitter)) >= 20 * MINUTE);
    }
}

#[test]
fn the_schedule_stops_where_the_policy_or_its_limits_say() {
    let schedule = Backoff::new().with_max_attempts(3);
    let gone = apns_rejection(410, br#"{"reason":"Unregistered"}"#).decision(now());
    assert_eq!(
        schedule.next(&gone, 1, now(), 0),
        Next::GiveUp(GiveUp::NotRetryable)
    );
    let bad = apns_rejection(400, br#"{"reason":"BadTopic"}"#).decision(now());
    assert_eq!(schedule.next(&bad, 1, now(), 0), Next::FixFirst);
    let busy = apns_rejection(500, br#"{"reason":"InternalServerError"}"#).decision(now());
    assert!(matches!(schedule.next(&busy, 2, now(), 0), Next::After(_)));
    assert_eq!(
        schedule.next(&busy, 3, now(), 0),
        Next::GiveUp(GiveUp::Attempts)
    );
    assert_eq!(
        schedule.next(&busy, u32::MAX, now(), 0),
        Next::GiveUp(GiveUp::Attempts)
    );
}

#[test]
fn extreme_inputs_give_an_answer() {
    let decision =
        Decision::new(RetryPolicy::new(RetryAction::BackOff).with_min_delay_secs(u32::MAX));
    let schedule = Backoff::new()
        .with_max_attempts(u32::MAX)
        .with_max_wait(Duration::MAX)
        .with_cap(Duration::MAX)
        .with_base(Duration::MAX);
    for attempt in [1, 2, 64, 65, 128, u32::MAX - 1] {
        for jitter in [0, u64::MAX] {
            let wait = wait(schedule.next(&decision, attempt, now(), jitter));
            assert!(wait >= Duration::from_secs(u64::from(u32::MAX)));
            // `Next::at` saturates instead of overflowing.
            assert!(Next::After(wait).at(now()).unwrap() >= now());
        }
    }
    let far = Decision::new(RetryPolicy::new(RetryAction::AfterDelay))
        .no_sooner_than(SystemTime::UNIX_EPOCH + Duration::from_secs(u64::from(u32::MAX) * 1000));
    assert_eq!(
        Backoff::new().next(&far, 1, now(), 0),
        Next::GiveUp(GiveUp::WaitTooLong)
    );
    // A not-before time already past is no floor.
    let past = Decision::new(RetryPolicy::new(RetryAction::AfterDelay))
        .no_sooner_than(SystemTime::UNIX_EPOCH);
    assert_eq!(
        Backoff::new().next(&past, 1, now(), 0),
        Next::After(Duration::ZERO)
    );
}

#[test]
fn the_trait_gives_the_same_decision() {
    let rejection = apns_rejection(503, br#"{"reason":"Shutdown"}"#);
    let via_trait: &dyn AppleError = &rejection;
    assert_eq!(via_trait.decision(now()), rejection.decision(now()));
    assert_eq!(
        Backoff::new().next(&via_trait.decision(now()), 1, now(), 0),
        Next::After(15 * MINUTE)
    );
}
