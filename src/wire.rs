//! The traits and helpers every generated vocabulary shares.

use core::fmt;
use core::hash::Hash;
use core::str::FromStr;

use crate::inline::Inline;
use crate::retry::RetryPolicy;
use crate::text::Quoted;

/// What every generated enum of wire values implements (reasons, statuses,
/// results), so code can work over any of them.
///
/// The inherent methods of the same names are the ones to call in ordinary
/// code; this trait is for generic code.
pub trait KnownValue:
    Copy + Eq + Hash + fmt::Debug + fmt::Display + FromStr<Err = UnknownValue> + 'static
{
    /// What one value is called in messages (`"APNs reason"`).
    const NOUN: &'static str;
    /// Every known value, in spec order.
    const ALL: &'static [Self];
    /// The label that stands for every value of this type this version
    /// does not know (`apns.unknown`): with [`label`](Self::label), a bounded
    /// set of names for metrics and logs.
    const UNKNOWN_LABEL: &'static str;
    /// Whether the wire values are whole numbers (HTTP statuses, App Store
    /// Server API error codes) rather than strings. With feature `serde`, a
    /// [`Received`](crate::Received) of such a type is written as a number
    /// when its text is one. Generated types set it; the default is `false`.
    const NUMERIC: bool = false;
    /// The exact wire value; also what `Display` writes.
    fn as_str(self) -> &'static str;
    /// A stable, low-cardinality name for metrics and logs: the module path
    /// with dots, then the variant's name in snake_case
    /// (`apns.bad_device_token`; statuses add their type,
    /// `apns.status.bad_request`).
    fn label(self) -> &'static str;
    /// Looks up a wire value, aliases included.
    fn from_wire(value: &str) -> Option<Self>;
    /// Looks up a wire value given as bytes.
    fn from_wire_bytes(value: &[u8]) -> Option<Self>;
    /// Other accepted spellings of this value.
    fn aliases(self) -> &'static [&'static str];
    /// What the value means.
    fn description(self) -> &'static str;
    /// What the caller should do about it.
    fn remedy(self) -> &'static str;
    /// The retry policy.
    fn retry(self) -> RetryPolicy;
}

/// A wire value that this version of the crate does not know, returned by
/// the generated `FromStr` implementations.
///
/// Its message quotes the value escaped and cut to 100 characters
/// (`unknown APNs reason "BadDeviceTokn"`); [`value`](Self::value) keeps it
/// whole.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {noun} {}", Quoted(.value))]
pub struct UnknownValue {
    noun: &'static str,
    value: Box<str>,
}

impl UnknownValue {
    /// An error for `value`, which is not a known `noun` (`"APNs reason"`).
    pub fn new(noun: &'static str, value: &str) -> Self {
        UnknownValue {
            noun,
            value: value.into(),
        }
    }

    /// The string that was not recognised.
    pub fn value(&self) -> &str {
        &self.value
    }
}

/// A wire value as received: known (with the exact spelling that came, which
/// may be an alias) or kept verbatim, inline when short.
///
/// Each text has one representation (known when it is a known spelling,
/// `Short` exactly when it fits), so the derived equality and hash compare
/// texts.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) enum Wire<K> {
    /// Known, spelled as its wire value (0) or as its n-th alias (n, from 1;
    /// the validator allows at most 255 aliases).
    Known(K, u8),
    Short(Inline<SHORT>),
    Unknown(Box<str>),
}

/// The longest unknown value kept without allocating: room for names as
/// long as APNs's longest reason (`TooManyProviderTokenUpdates`, 27 bytes),
/// and a `Wire` is 32 bytes either way.
const SHORT: usize = 30;

impl<K: KnownValue> Wire<K> {
    /// Looks `value` up; allocates only for values this version does not
    /// know that are longer than 30 bytes.
    pub(crate) fn parse(value: &str) -> Self {
        match Self::known_bytes(value.as_bytes()) {
            Some(known) => known,
            None => Self::unknown(value),
        }
    }

    /// [`parse`](Self::parse) for bytes: `None` when they are not a known
    /// spelling and not UTF-8.
    #[inline]
    pub(crate) fn parse_bytes(value: &[u8]) -> Option<Self> {
        match Self::known_bytes(value) {
            Some(known) => Some(known),
            None => Some(Self::unknown(core::str::from_utf8(value).ok()?)),
        }
    }

    /// `value`, which is no known spelling, kept verbatim.
    fn unknown(value: &str) -> Self {
        match Inline::new(value.as_bytes()) {
            Some(short) => Wire::Short(short),
            None => Wire::Unknown(value.into()),
        }
    }

    /// A known value spelled `value`, with the static copy of that spelling;
    /// `None` for bytes this version does not know.
    #[inline]
    pub(crate) fn known_bytes(value: &[u8]) -> Option<Self> {
        let known = K::from_wire_bytes(value)?;
        // Most values have no alias, so this compares nothing: `value` is
        // then the wire value.
        let alias = known.aliases().iter().position(|s| s.as_bytes() == value);
        // The validator allows at most 255 aliases, so the index fits.
        let spelling = alias.map_or(0, |i| u8::try_from(i + 1).unwrap_or(0));
        Some(Wire::Known(known, spelling))
    }

    /// A known value spelled as its wire value.
    #[inline]
    pub(crate) fn from_known(known: K) -> Self {
        Wire::Known(known, 0)
    }

    pub(crate) fn known(&self) -> Option<K> {
        match self {
            Wire::Known(k, _) => Some(*k),
            Wire::Short(_) | Wire::Unknown(_) => None,
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            Wire::Known(k, 0) => k.as_str(),
            Wire::Known(k, n) => k
                .aliases()
                .get(usize::from(*n) - 1)
                .copied()
                .unwrap_or(k.as_str()),
            // Made from a `&str` whole, so always UTF-8: the fallback is
            // never taken.
            Wire::Short(short) => core::str::from_utf8(short.as_bytes()).unwrap_or_default(),
            Wire::Unknown(raw) => raw,
        }
    }
}

/// As before the inline form existed: `Known(Reason, "spelling")` or
/// `Unknown("text")`, the text as received.
impl<K: KnownValue> fmt::Debug for Wire<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Wire::Known(known, _) => f
                .debug_tuple("Known")
                .field(known)
                .field(&self.as_str())
                .finish(),
            Wire::Short(_) | Wire::Unknown(_) => {
                f.debug_tuple("Unknown").field(&self.as_str()).finish()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apns::Reason;

    #[test]
    fn short_unknown_values_are_inline_and_compare_by_text() {
        for text in ["", "X", "SomethingAppleAddsLater", &"é".repeat(15)] {
            let wire = Wire::<Reason>::parse(text);
            assert!(matches!(wire, Wire::Short(_)), "{text}");
            assert_eq!(wire.as_str(), text);
            assert_eq!(wire, Wire::parse(text));
            assert_eq!(format!("{wire:?}"), format!("Unknown({text:?})"));
        }
        let long = "x".repeat(SHORT + 1);
        let wire = Wire::<Reason>::parse(&long);
        assert!(matches!(wire, Wire::Unknown(_)));
        assert_eq!(wire.as_str(), long);
        assert_ne!(Wire::<Reason>::parse("a"), Wire::parse("a\0"));
        assert_eq!(size_of::<Wire<Reason>>(), 32);
    }

    #[test]
    fn known_values_keep_the_spelling_received() {
        let alias = Wire::<Reason>::parse("BadEnvironmentKeyInToken");
        assert_eq!(alias.known(), Some(Reason::BadEnvironmentKeyIdInToken));
        assert_eq!(alias.as_str(), "BadEnvironmentKeyInToken");
        let plain = Wire::<Reason>::parse("BadEnvironmentKeyIdInToken");
        assert_eq!(plain.as_str(), "BadEnvironmentKeyIdInToken");
        assert_ne!(alias, plain);
        assert_eq!(
            format!("{alias:?}"),
            r#"Known(BadEnvironmentKeyIdInToken, "BadEnvironmentKeyInToken")"#
        );
        assert_eq!(Wire::<Reason>::parse("BadTopic").as_str(), "BadTopic");
    }
}
