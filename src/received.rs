//! A wire value as received: known to this version, or kept verbatim.

use core::convert::Infallible;
use core::fmt;
use core::str::FromStr;

use crate::KnownValue;
use crate::text::Plain;
use crate::wire::Wire;

/// A wire value as it was received (an APNs reason, an App Store Server API
/// error code, a status): the value this version knows, if it knows it,
/// and always the exact text that came.
///
/// It is the field type for values you store or pass on: a value Apple adds
/// after this version was built is kept, not lost or refused, and reads as
/// known once a newer version knows it. There is no "unknown" variant to
/// match on: [`known`](Self::known) is `None`, and [`as_str`](Self::as_str)
/// has the text.
///
/// ```
/// use apple_errors::Received;
/// use apple_errors::apns::Reason;
///
/// let reason = Received::<Reason>::new("BadDeviceToken");
/// assert_eq!(reason.known(), Some(Reason::BadDeviceToken));
/// assert_eq!(reason.label(), "apns.bad_device_token");
///
/// let newer = Received::<Reason>::new("SomethingNew\u{1b}[2J");
/// assert_eq!(newer.known(), None);
/// assert_eq!(newer.as_str(), "SomethingNew\u{1b}[2J");
/// // Display is for log lines: control characters are escaped.
/// assert_eq!(newer.to_string(), "SomethingNew\\u{1b}[2J");
/// // One label for every value this version does not know.
/// assert_eq!(newer.label(), <Reason as apple_errors::KnownValue>::UNKNOWN_LABEL);
/// ```
///
/// An alias is known, and its spelling kept:
/// `Received::<Reason>::new("BadEnvironmentKeyInToken")` is
/// [`Reason::BadEnvironmentKeyIdInToken`](crate::apns::Reason::BadEnvironmentKeyIdInToken)
/// with `as_str()` `"BadEnvironmentKeyInToken"`. Two received values are
/// equal when their texts are.
///
/// # serde
///
/// With feature `serde` it is written as the wire value: a string, or for
/// types whose values are numbers (statuses, App Store Server API error
/// codes — [`KnownValue::NUMERIC`]) a number, when the text is a plain
/// whole number (`4040010`, not `"007"` or `"1.5"`, which stay strings, so
/// that they read back the same). Formats that are not human-readable
/// always get the string.
///
/// The string is the text verbatim, so that it reads back equal: nothing is
/// escaped beyond what the format itself escapes, and serde_json, for one,
/// leaves C1 controls, bidirectional overrides and U+2028 raw. For a log
/// line, write the value with `Display`, which escapes them as the
/// rejections' messages and serde forms do. It
/// reads any string or number, known or not, so a value this version does
/// not know never makes reading fail:
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use apple_errors::Received;
/// use apple_errors::app_store_server::ErrorCode;
///
/// let code: Received<ErrorCode> = serde_json::from_str("9990000").unwrap();
/// assert_eq!(code.known(), None);
/// assert_eq!(code.as_str(), "9990000");
/// assert_eq!(serde_json::to_string(&code).unwrap(), "9990000");
///
/// let code: Received<ErrorCode> = serde_json::from_str("4040010").unwrap();
/// assert_eq!(code.known(), Some(ErrorCode::TransactionIdNotFound));
/// # }
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Received<T>(Wire<T>);

impl<T: KnownValue> Received<T> {
    /// The value received as `wire`, looked up (aliases included) and kept
    /// verbatim. Never fails; allocates only for a value this version does
    /// not know that is longer than 30 bytes (shorter ones are kept inline).
    #[inline]
    pub fn new(wire: &str) -> Self {
        Received(Wire::parse(wire))
    }

    /// The value, if this version knows it.
    #[inline]
    pub fn known(&self) -> Option<T> {
        self.0.known()
    }

    /// Whether this version knows the value.
    #[inline]
    pub fn is_known(&self) -> bool {
        self.known().is_some()
    }

    /// The text exactly as received: a known value's spelling (which may be
    /// an alias), or the unknown text whole.
    #[inline]
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// A stable, low-cardinality name for metrics and logs: the known
    /// value's [`label`](KnownValue::label), or the type's one
    /// [`UNKNOWN_LABEL`](KnownValue::UNKNOWN_LABEL) for everything else.
    #[inline]
    pub fn label(&self) -> &'static str {
        self.known().map_or(T::UNKNOWN_LABEL, T::label)
    }
}

impl<T: KnownValue> From<T> for Received<T> {
    /// The known value, spelled as its wire value.
    #[inline]
    fn from(known: T) -> Self {
        Received(Wire::from_known(known))
    }
}

impl<T: KnownValue> FromStr for Received<T> {
    type Err = Infallible;

    /// [`Received::new`]: every text is a received value.
    #[inline]
    fn from_str(wire: &str) -> Result<Self, Infallible> {
        Ok(Received::new(wire))
    }
}

impl<T: KnownValue> PartialEq<T> for Received<T> {
    /// Whether the received value is `other`, whatever its spelling.
    #[inline]
    fn eq(&self, other: &T) -> bool {
        self.known() == Some(*other)
    }
}

impl<T: KnownValue> fmt::Display for Received<T> {
    /// Writes the text as received, with control characters and the
    /// characters that reorder or hide text escaped (`\u{1b}`), since it
    /// came from the network; [`as_str`](Self::as_str) has it exactly.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&Plain::whole(self.as_str()), f)
    }
}

impl<T: KnownValue> fmt::Debug for Received<T> {
    /// `Received(BadDeviceToken)` for a known value, `Received("Other")` for
    /// another.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut tuple = f.debug_tuple("Received");
        match self.known() {
            Some(known) => tuple.field(&known),
            None => tuple.field(&self.as_str()),
        };
        tuple.finish()
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use core::fmt;
    use core::marker::PhantomData;

    use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

    use super::Received;
    use crate::KnownValue;

    /// The wire value exactly as received, escaping nothing: see
    /// [the type's serde section](Received#serde).
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    impl<T: KnownValue> Serialize for Received<T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let text = self.as_str();
            if T::NUMERIC && serializer.is_human_readable() {
                if let Some(n) = plain_unsigned(text) {
                    return serializer.serialize_u64(n);
                }
                if let Some(n) = text.strip_prefix('-').and_then(plain_unsigned) {
                    if let Some(n) = 0i64.checked_sub_unsigned(n).filter(|n| *n != 0) {
                        return serializer.serialize_i64(n);
                    }
                }
            }
            serializer.serialize_str(text)
        }
    }

    /// Digits that read back as the same text: no sign, no leading zero,
    /// at most `u64::MAX`.
    fn plain_unsigned(text: &str) -> Option<u64> {
        let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        let canonical = text == "0" || !text.starts_with('0');
        if digits && canonical {
            text.parse().ok()
        } else {
            None
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    impl<'de, T: KnownValue> Deserialize<'de> for Received<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            if deserializer.is_human_readable() {
                deserializer.deserialize_any(Visitor(PhantomData))
            } else {
                deserializer.deserialize_str(Visitor(PhantomData))
            }
        }
    }

    struct Visitor<T>(PhantomData<T>);

    impl<T: KnownValue> de::Visitor<'_> for Visitor<T> {
        type Value = Received<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} as received, a string or a number", T::NOUN)
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
            Ok(Received::new(value))
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
            Ok(Received::new(&value.to_string()))
        }

        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
            Ok(Received::new(&value.to_string()))
        }

        /// A number with a fraction or an exponent is kept as Rust writes
        /// it (`1.5`): no code is such a number, but it is what came.
        fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
            Ok(Received::new(&value.to_string()))
        }
    }
}
