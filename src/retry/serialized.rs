//! Feature `serde`: the retry vocabulary as JSON, written and read by hand.
//! The shapes are documented on the types: [`RetryPolicy`],
//! [`Decision`], [`Backoff`], [`RetryAction`], [`TokenAction`].

use core::fmt;
use core::marker::PhantomData;
use core::time::Duration;

use serde::de::{self, IgnoredAny};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::decision::{from_unix_millis, unix_millis};
use super::{Backoff, Decision, RetryAction, RetryPolicy, TokenAction};
use crate::serde_fields::{self, Fields, Key, Sink};

/// An action enum written as its spec-file keyword.
trait Keyword: Copy + 'static {
    const ALL: &'static [Self];
    /// The keywords, in the order of `ALL`.
    const KEYWORDS: &'static [&'static str];
    const WHAT: &'static str;
    fn keyword(self) -> &'static str;
}

impl Keyword for RetryAction {
    const ALL: &'static [Self] = Self::ALL;
    const KEYWORDS: &'static [&'static str] = &[
        "never",
        "after_fix",
        "new_provider_token",
        "new_connection",
        "after_delay",
        "back_off",
        "reuse_provider_token",
        "other_environment",
    ];
    const WHAT: &'static str = "a retry action keyword";

    fn keyword(self) -> &'static str {
        Self::KEYWORDS[self as usize]
    }
}

impl Keyword for TokenAction {
    const ALL: &'static [Self] = Self::ALL;
    const KEYWORDS: &'static [&'static str] = &["keep", "drop", "check_environment", "check_topic"];
    const WHAT: &'static str = "a token action keyword";

    fn keyword(self) -> &'static str {
        Self::KEYWORDS[self as usize]
    }
}

struct KeywordVisitor<T>(PhantomData<T>);

impl<T: Keyword> de::Visitor<'_> for KeywordVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::WHAT)
    }

    /// A keyword this version does not know is an error naming it and the
    /// known ones: no guess about a newer version's action is safe (read
    /// as `never`, it drops what should be sent; as `back_off`, it sends
    /// what must not be).
    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        match T::KEYWORDS.iter().position(|k| *k == value) {
            Some(i) => Ok(T::ALL[i]),
            None => Err(E::unknown_variant(value, T::KEYWORDS)),
        }
    }
}

macro_rules! keyword_serde {
    ($($ty:ty),*) => {$(
        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.keyword())
            }
        }

        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(KeywordVisitor(PhantomData))
            }
        }
    )*};
}

keyword_serde!(RetryAction, TokenAction);

/// The policy's members, for every object that holds them: the policy's
/// own, a decision's, a rejection's.
pub(crate) fn policy_fields<S: Sink>(policy: RetryPolicy, sink: &mut S) -> Result<(), S::Error> {
    sink.field("action", &policy.action)?;
    sink.opt("min_delay_secs", nonzero(policy.min_delay_secs))?;
    sink.opt("token_min_age_secs", nonzero(policy.token_min_age_secs))?;
    sink.field("token", &policy.token)?;
    sink.field("inferred", &policy.inferred)?;
    sink.field("token_inferred", &policy.token_inferred)
}

fn nonzero(secs: u32) -> Option<u32> {
    (secs != 0).then_some(secs)
}

impl Fields for RetryPolicy {
    const NAME: &'static str = "RetryPolicy";

    fn fields<S: Sink>(&self, sink: &mut S) -> Result<(), S::Error> {
        policy_fields(*self, sink)
    }
}

impl Fields for Decision {
    const NAME: &'static str = "Decision";

    fn fields<S: Sink>(&self, sink: &mut S) -> Result<(), S::Error> {
        policy_fields(self.policy(), sink)?;
        sink.opt("not_before_ms", self.not_before().map(unix_millis))
    }
}

impl Fields for Backoff {
    const NAME: &'static str = "Backoff";

    fn fields<S: Sink>(&self, sink: &mut S) -> Result<(), S::Error> {
        sink.field("base_ms", &millis(self.base()))?;
        sink.field("cap_ms", &millis(self.cap()))?;
        sink.field("max_attempts", &self.max_attempts())?;
        sink.field("max_wait_ms", &millis(self.max_wait()))
    }
}

/// A schedule's durations are whole milliseconds that fit a `u64`.
fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

macro_rules! fields_serialize {
    ($($ty:ty),*) => {$(
        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serde_fields::serialize(self, serializer)
            }
        }
    )*};
}

fields_serialize!(RetryPolicy, Decision, Backoff);

/// The members a decision (and so a policy) is read from.
const DECISION_KEYS: &[&str] = &[
    "action",
    "min_delay_secs",
    "token_min_age_secs",
    "token",
    "inferred",
    "token_inferred",
    "not_before_ms",
];

/// Reads a decision's object; a policy keeps its policy.
struct DecisionVisitor;

impl<'de> de::Visitor<'de> for DecisionVisitor {
    type Value = Decision;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a retry policy object with an `action`")
    }

    /// Members may come in any order; a `null` one is absent; the last of
    /// duplicates wins, as in the crate's body parsers; members this
    /// version does not read are skipped.
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Decision, A::Error> {
        let mut action = None;
        let (mut min_delay, mut token_min_age, mut token) = (None, None, None);
        let (mut inferred, mut token_inferred, mut not_before) = (None, None, None);
        while let Some(key) = map.next_key_seed(Key(DECISION_KEYS))? {
            match key {
                Some(0) => action = map.next_value()?,
                Some(1) => min_delay = map.next_value()?,
                Some(2) => token_min_age = map.next_value()?,
                Some(3) => token = map.next_value()?,
                Some(4) => inferred = map.next_value()?,
                Some(5) => token_inferred = map.next_value()?,
                Some(6) => not_before = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let action: RetryAction = action.ok_or_else(|| de::Error::missing_field("action"))?;
        let mut policy = RetryPolicy::new(action)
            .with_min_delay_secs(min_delay.unwrap_or(0))
            .with_provider_token_min_age_secs(token_min_age.unwrap_or(0))
            .with_token(token.unwrap_or(TokenAction::Keep));
        if inferred == Some(true) {
            policy = policy.inferred();
        }
        if token_inferred == Some(true) {
            policy = policy.token_inferred();
        }
        let decision = Decision::new(policy);
        Ok(match not_before {
            Some(millis) => decision.no_sooner_than(from_unix_millis(millis)),
            None => decision,
        })
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Decision {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Decision", DECISION_KEYS, DecisionVisitor)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for RetryPolicy {
    /// Reads a policy's object, or any object with its members (a
    /// decision's, whose not-before time it drops; a rejection's).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_struct("RetryPolicy", DECISION_KEYS, DecisionVisitor)
            .map(|d| d.policy())
    }
}

const BACKOFF_KEYS: &[&str] = &["base_ms", "cap_ms", "max_attempts", "max_wait_ms"];

struct BackoffVisitor;

impl<'de> de::Visitor<'de> for BackoffVisitor {
    type Value = Backoff;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a backoff schedule object")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Backoff, A::Error> {
        let mut backoff = Backoff::DEFAULT;
        while let Some(key) = map.next_key_seed(Key(BACKOFF_KEYS))? {
            let ms = |value: Option<u64>, default: Duration| {
                value.map_or(default, Duration::from_millis)
            };
            match key {
                Some(0) => {
                    backoff = backoff.with_base(ms(map.next_value()?, Backoff::DEFAULT.base()))
                }
                Some(1) => {
                    backoff = backoff.with_cap(ms(map.next_value()?, Backoff::DEFAULT.cap()))
                }
                Some(2) => {
                    let attempts: Option<u32> = map.next_value()?;
                    backoff = backoff
                        .with_max_attempts(attempts.unwrap_or(Backoff::DEFAULT.max_attempts()));
                }
                Some(3) => {
                    let wait = ms(map.next_value()?, Backoff::DEFAULT.max_wait());
                    backoff = backoff.with_max_wait(wait);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(backoff)
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Backoff {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Backoff", BACKOFF_KEYS, BackoffVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_the_labels_without_their_prefix() {
        for action in RetryAction::ALL {
            assert_eq!(
                Some(action.keyword()),
                action.label().strip_prefix("retry.")
            );
        }
        for token in TokenAction::ALL {
            assert_eq!(Some(token.keyword()), token.label().strip_prefix("token."));
        }
        assert_eq!(RetryAction::KEYWORDS.len(), RetryAction::ALL.len());
        assert_eq!(TokenAction::KEYWORDS.len(), TokenAction::ALL.len());
    }
}
