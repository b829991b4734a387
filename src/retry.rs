//! What to do after Apple refuses a request.
//!
//! A [`RetryPolicy`] is data: the spec files assign one to every reason and
//! status, and the generated `retry()` methods return it. It says *what* to do
//! ([`RetryAction`]), the least delay where Apple gives one, what to do with
//! the device token ([`TokenAction`]), and whether the rule is Apple's own or
//! this crate's reading of Apple's guidance.
//!
//! ```
//! use apple_errors::apns::Reason;
//! use apple_errors::retry::{RetryAction, TokenAction};
//!
//! let policy = Reason::Unregistered.retry();
//! assert_eq!(policy.action(), RetryAction::Never);
//! assert_eq!(policy.token(), TokenAction::Drop);
//!
//! let policy = Reason::InternalServerError.retry();
//! assert_eq!(policy.action(), RetryAction::BackOff);
//! assert_eq!(policy.min_delay(), Some(std::time::Duration::from_secs(15 * 60)));
//! ```
//!
//! A response can also say when to come back: [`RetryAfter`] reads the
//! `Retry-After` header in every form it comes in, and a rejection's
//! `decision(received_at)` joins the policy and that time into a
//! [`Decision`]. [`Backoff`] turns a decision and an attempt number into
//! the wait before the next attempt, never below Apple's floors, with
//! jitter from randomness the caller supplies:
//!
//! ```
//! use std::time::SystemTime;
//! use apple_errors::app_store_server::Response;
//! use apple_errors::retry::{Backoff, Next};
//!
//! let received = SystemTime::now();
//! let rejection = Response::new(500, br#"{"errorCode": 5000001}"#).classify().unwrap_err();
//! let jitter: u64 = 0x9e37_79b9_7f4a_7c15; // from your RNG: rand::random(), fastrand::u64(..)
//! match Backoff::new().next(&rejection.decision(received), 1, received, jitter) {
//!     Next::After(wait) => println!("send again in {wait:?}"),
//!     Next::FixFirst => println!("correct the request first"),
//!     Next::GiveUp(why) => println!("give up: {why}"),
//!     _ => {}
//! }
//! ```

use core::fmt;
use core::time::Duration;

mod after;
mod backoff;
mod date;
mod decision;
#[cfg(feature = "serde")]
mod serialized;
#[cfg(feature = "serde")]
pub(crate) use serialized::policy_fields;

pub(crate) use after::{
    Reading as RetryAfterReading, read as read_retry_after, retry_after_methods,
};
pub use after::{RetryAfter, RetryAfterError};
pub use backoff::{Backoff, GiveUp, Next};
pub use decision::Decision;

/// The kind of retry Apple's guidance calls for.
///
/// With feature `serde` an action is its spec-file keyword, its
/// [`label`](Self::label) without `retry.`: `"back_off"`. Reading a keyword
/// this version does not know is an error that names it and the known
/// ones, never a guess: an older worker reading a newer one's job queue
/// cannot know whether the new action means sending again or not, and
/// either guess can be wrong (dropping a push that should go, or sending
/// one that must not). The job stays where it is until a version that
/// knows the keyword reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetryAction {
    /// Do not send this request again: it cannot succeed (a dead token, a
    /// payload over the limit, a forbidden action).
    Never,
    /// Sending the same request again will fail the same way; correct what
    /// the reason names first, then send.
    AfterFix,
    /// Sign a new provider token (JWT), then send again.
    NewProviderToken,
    /// This connection is unusable for the request; send it again on a new
    /// connection.
    NewConnection,
    /// Send again after a pause. [`RetryPolicy::min_delay`] gives the pause
    /// when Apple states one; otherwise choose one.
    AfterDelay,
    /// Send again no sooner than [`RetryPolicy::min_delay`], and wait longer
    /// after each further failure.
    BackOff,
    /// Send again with the provider token you already have: tokens are being
    /// replaced too often. Replace a token only once it is at least
    /// [`RetryPolicy::provider_token_min_age`] old.
    ReuseProviderToken,
    /// Send the same request to the other environment: an ID production
    /// does not know may belong to a sandbox purchase (App Store Server
    /// API), and the reverse.
    OtherEnvironment,
}

impl RetryAction {
    /// Every action, in declaration order.
    pub const ALL: &'static [Self] = &[
        Self::Never,
        Self::AfterFix,
        Self::NewProviderToken,
        Self::NewConnection,
        Self::AfterDelay,
        Self::BackOff,
        Self::ReuseProviderToken,
        Self::OtherEnvironment,
    ];

    /// Whether the request may be sent again at all (possibly after a fix,
    /// a delay or new credentials).
    #[inline]
    pub const fn may_retry(self) -> bool {
        !matches!(self, Self::Never)
    }

    /// Whether the same request can be sent again unchanged, without the
    /// caller fixing anything in it.
    #[inline]
    pub const fn is_transient(self) -> bool {
        matches!(
            self,
            Self::NewConnection | Self::AfterDelay | Self::BackOff | Self::ReuseProviderToken
        )
    }

    /// A stable, low-cardinality name for metrics and logs: `retry.` and
    /// the action in snake_case (`retry.back_off`), as the spec files spell
    /// it.
    #[inline]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Never => "retry.never",
            Self::AfterFix => "retry.after_fix",
            Self::NewProviderToken => "retry.new_provider_token",
            Self::NewConnection => "retry.new_connection",
            Self::AfterDelay => "retry.after_delay",
            Self::BackOff => "retry.back_off",
            Self::ReuseProviderToken => "retry.reuse_provider_token",
            Self::OtherEnvironment => "retry.other_environment",
        }
    }
}

impl fmt::Display for RetryAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Never => "do not retry",
            Self::AfterFix => "retry after fixing the request",
            Self::NewProviderToken => "retry with a new provider token",
            Self::NewConnection => "retry on a new connection",
            Self::AfterDelay => "retry after a delay",
            Self::BackOff => "retry later, backing off",
            Self::ReuseProviderToken => "retry with the current provider token",
            Self::OtherEnvironment => "retry in the other environment",
        })
    }
}

/// What to do with the address a request was sent to: the device token, or
/// for broadcast the channel ID.
///
/// With feature `serde` a token action is its spec-file keyword, its
/// [`label`](Self::label) without `token.`: `"drop"`. A keyword this
/// version does not know is an error, as for [`RetryAction`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenAction {
    /// The token is fine; keep it.
    Keep,
    /// The token no longer reaches the app: stop sending to it and delete it
    /// (for a 410, unless the device registered it again after the
    /// response's timestamp).
    Drop,
    /// The token may belong to the other APNs environment (sandbox versus
    /// production). Check which host you used before treating it as bad.
    CheckEnvironment,
    /// The token may belong to another app. Check the topic before treating
    /// it as bad.
    CheckTopic,
}

impl TokenAction {
    /// Every token action, in declaration order.
    pub const ALL: &'static [Self] = &[
        Self::Keep,
        Self::Drop,
        Self::CheckEnvironment,
        Self::CheckTopic,
    ];

    /// A stable, low-cardinality name for metrics and logs: `token.` and
    /// the action in snake_case (`token.drop`), as the spec files spell it.
    #[inline]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Keep => "token.keep",
            Self::Drop => "token.drop",
            Self::CheckEnvironment => "token.check_environment",
            Self::CheckTopic => "token.check_topic",
        }
    }
}

impl fmt::Display for TokenAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Keep => "keep the device token",
            Self::Drop => "drop the device token",
            Self::CheckEnvironment => "check the token's environment before dropping it",
            Self::CheckTopic => "check the topic before dropping the token",
        })
    }
}

/// A complete retry decision: action, least delay, token action and
/// provenance.
///
/// Policies come from the generated `retry()` methods; the `const`
/// constructors exist so that generated code can build them in constants.
///
/// # serde
///
/// With feature `serde` a policy is an object with the members of the spec
/// files' `retry` objects, so a spec file's rule reads as the policy it
/// generates:
///
/// ```json
/// {"action": "back_off", "min_delay_secs": 900, "token": "keep", "inferred": false,
///  "token_inferred": false}
/// ```
///
/// `action` and `token` are keywords ([`RetryAction`], [`TokenAction`]);
/// `min_delay_secs` and `token_min_age_secs` are left out when the policy
/// has none. A policy read back is equal to the one written. In what it
/// reads, only `action` is required: a missing or `null` member takes the
/// value [`RetryPolicy::new`] gives it, and members it does not know are
/// skipped, so a [`Decision`]'s object or a rejection's reads as its
/// policy. A delay that does not fit a `u32` is an error. Since members
/// may be left out, use a self-describing format (JSON, CBOR,
/// MessagePack), not one that reads fields by position (bincode).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RetryPolicy {
    action: RetryAction,
    min_delay_secs: u32,
    token_min_age_secs: u32,
    token: TokenAction,
    inferred: bool,
    token_inferred: bool,
}

impl RetryPolicy {
    /// A policy with the given action, no stated delay, keeping the token,
    /// stated by Apple.
    #[inline]
    pub const fn new(action: RetryAction) -> Self {
        RetryPolicy {
            action,
            min_delay_secs: 0,
            token_min_age_secs: 0,
            token: TokenAction::Keep,
            inferred: false,
            token_inferred: false,
        }
    }

    /// The same policy with a least delay before the retry, in seconds.
    #[inline]
    pub const fn with_min_delay_secs(mut self, secs: u32) -> Self {
        self.min_delay_secs = secs;
        self
    }

    /// The same policy with a least age, in seconds, that a provider token
    /// must reach before it may be replaced.
    #[inline]
    pub const fn with_provider_token_min_age_secs(mut self, secs: u32) -> Self {
        self.token_min_age_secs = secs;
        self
    }

    /// The same policy with a token action.
    #[inline]
    pub const fn with_token(mut self, token: TokenAction) -> Self {
        self.token = token;
        self
    }

    /// The same policy, with its action marked as this crate's inference
    /// rather than Apple's statement.
    #[inline]
    pub const fn inferred(mut self) -> Self {
        self.inferred = true;
        self
    }

    /// The same policy, with its token action marked as this crate's
    /// inference rather than Apple's statement.
    #[inline]
    pub const fn token_inferred(mut self) -> Self {
        self.token_inferred = true;
        self
    }

    /// What to do.
    #[inline]
    pub const fn action(self) -> RetryAction {
        self.action
    }

    /// The least time to wait before sending again, when Apple states one
    /// (15 minutes after an APNs server error).
    #[inline]
    pub const fn min_delay(self) -> Option<Duration> {
        secs(self.min_delay_secs)
    }

    /// The least age a provider token must reach before it is replaced, for
    /// [`RetryAction::ReuseProviderToken`] (APNs: 20 minutes). This is not a
    /// delay before the retry: the request can go again at once with the
    /// current token.
    #[inline]
    pub const fn provider_token_min_age(self) -> Option<Duration> {
        secs(self.token_min_age_secs)
    }

    /// What to do with the device token (or channel ID).
    #[inline]
    pub const fn token(self) -> TokenAction {
        self.token
    }

    /// Whether the action is this crate's reading of Apple's guidance rather
    /// than something Apple states for this case.
    #[inline]
    pub const fn is_inferred(self) -> bool {
        self.inferred
    }

    /// Whether the token action is this crate's reading (common practice)
    /// rather than something Apple states.
    #[inline]
    pub const fn is_token_inferred(self) -> bool {
        self.token_inferred
    }

    /// Whether the request may be sent again at all.
    #[inline]
    pub const fn may_retry(self) -> bool {
        self.action.may_retry()
    }
}

const fn secs(secs: u32) -> Option<Duration> {
    match secs {
        0 => None,
        secs => Some(Duration::from_secs(secs as u64)),
    }
}

impl fmt::Display for RetryPolicy {
    /// One line for logs: `retry later, backing off (wait at least 900 s)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.action)?;
        if let Some(d) = self.min_delay() {
            write!(f, " (wait at least {} s)", d.as_secs())?;
        }
        if let Some(d) = self.provider_token_min_age() {
            write!(
                f,
                " (replace provider tokens at most every {} s)",
                d.as_secs()
            )?;
        }
        if self.token != TokenAction::Keep {
            write!(f, "; {}", self.token)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_set_each_field() {
        let p = RetryPolicy::new(RetryAction::BackOff)
            .with_min_delay_secs(900)
            .with_token(TokenAction::Drop)
            .inferred()
            .token_inferred();
        assert_eq!(p.action(), RetryAction::BackOff);
        assert_eq!(p.min_delay(), Some(Duration::from_secs(900)));
        assert_eq!(p.token(), TokenAction::Drop);
        assert!(p.is_inferred());
        assert!(p.is_token_inferred());
        assert_eq!(p.provider_token_min_age(), None);
        assert!(!RetryPolicy::new(RetryAction::Never).is_inferred());
        assert!(!RetryPolicy::new(RetryAction::Never).is_token_inferred());
        assert_eq!(RetryPolicy::new(RetryAction::Never).min_delay(), None);
    }

    #[test]
    fn display_is_one_readable_line() {
        let p = RetryPolicy::new(RetryAction::BackOff).with_min_delay_secs(900);
        assert_eq!(
            p.to_string(),
            "retry later, backing off (wait at least 900 s)"
        );
        let p = RetryPolicy::new(RetryAction::Never).with_token(TokenAction::Drop);
        assert_eq!(p.to_string(), "do not retry; drop the device token");
        let p = RetryPolicy::new(RetryAction::ReuseProviderToken)
            .with_provider_token_min_age_secs(1200);
        assert_eq!(
            p.to_string(),
            "retry with the current provider token (replace provider tokens at most every 1200 s)"
        );
        assert_eq!(p.min_delay(), None);
    }

    /// Fails to compile when a variant is added, as a reminder to add it to
    /// `ALL` (and to the spec format: `tests/it/retry.rs` compares the two).
    #[test]
    fn all_lists_every_variant() {
        fn position(action: RetryAction) -> usize {
            use RetryAction::*;
            match action {
                Never => 0,
                AfterFix => 1,
                NewProviderToken => 2,
                NewConnection => 3,
                AfterDelay => 4,
                BackOff => 5,
                ReuseProviderToken => 6,
                OtherEnvironment => 7,
            }
        }
        fn token_position(token: TokenAction) -> usize {
            use TokenAction::*;
            match token {
                Keep => 0,
                Drop => 1,
                CheckEnvironment => 2,
                CheckTopic => 3,
            }
        }
        assert_eq!(RetryAction::ALL.len(), 8);
        for (i, a) in RetryAction::ALL.iter().enumerate() {
            assert_eq!(position(*a), i);
        }
        assert_eq!(TokenAction::ALL.len(), 4);
        for (i, t) in TokenAction::ALL.iter().enumerate() {
            assert_eq!(token_position(*t), i);
        }
    }

    #[test]
    fn only_never_forbids_a_retry() {
        assert!(!RetryAction::Never.may_retry());
        assert!(RetryAction::AfterFix.may_retry());
        assert!(!RetryAction::AfterFix.is_transient());
        assert!(RetryAction::BackOff.is_transient());
    }
}
