//! The traits and helpers every generated vocabulary shares.

use core::fmt;
use core::hash::Hash;
use core::str::FromStr;

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
/// may be an alias) or kept verbatim.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Wire<K> {
    Known(K, &'static str),
    Unknown(Box<str>),
}

impl<K: KnownValue> Wire<K> {
    /// Looks `value` up; allocates only for values this version does not know.
    pub(crate) fn parse(value: &str) -> Self {
        match Self::known_bytes(value.as_bytes()) {
            Some(known) => known,
            None => Wire::Unknown(value.into()),
        }
    }

    /// A known value spelled `value`, with the static copy of that spelling;
    /// `None` for bytes this version does not know.
    pub(crate) fn known_bytes(value: &[u8]) -> Option<Self> {
        let known = K::from_wire_bytes(value)?;
        let spelling = core::iter::once(known.as_str())
            .chain(known.aliases().iter().copied())
            .find(|s| s.as_bytes() == value)
            .unwrap_or(known.as_str());
        Some(Wire::Known(known, spelling))
    }

    pub(crate) fn known(&self) -> Option<K> {
        match self {
            Wire::Known(k, _) => Some(*k),
            Wire::Unknown(_) => None,
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            Wire::Known(_, spelling) => spelling,
            Wire::Unknown(raw) => raw,
        }
    }
}
