//! Error codes as received, with prefix queries that work for any code.

// Functions that are not generic are `#[inline]`, to be compiled where
// they are used: see "Compiled where used" in lib.rs.

use core::fmt;

use super::ErrorCodeFamily;
use crate::text::Plain;

/// An error `code` exactly as received, with prefix queries that work
/// whether or not this version knows it.
///
/// ```
/// use apple_errors::app_store_connect::{ErrorCode, ErrorCodeFamily};
///
/// let code: ErrorCode = "ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG".into();
/// assert!(code.starts_with("ENTITY_ERROR"));
/// assert!(!code.starts_with("ENTITY_ERR"));
/// assert_eq!(code.family(), Some(ErrorCodeFamily::EntityErrorAttributeInvalid));
/// assert_eq!(code, "ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ErrorCode(Box<str>);

impl ErrorCode {
    /// Keeps a code string.
    #[inline]
    pub fn new(code: &str) -> Self {
        ErrorCode(code.into())
    }

    /// The code exactly as received.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the code is `prefix` or lies below it in the hierarchy:
    /// `ENTITY_ERROR.ATTRIBUTE.INVALID` starts with `ENTITY_ERROR`,
    /// `ENTITY_ERROR.` and `ENTITY_ERROR.ATTRIBUTE`, but not with
    /// `ENTITY_ERR`.
    #[inline]
    pub fn starts_with(&self, prefix: &str) -> bool {
        const SEP: char = ErrorCodeFamily::SEPARATOR;
        let prefix = prefix.strip_suffix(SEP).unwrap_or(prefix);
        match self.0.strip_prefix(prefix) {
            Some(rest) => rest.is_empty() || rest.starts_with(SEP),
            None => false,
        }
    }

    /// Whether the code is `family` or lies below it.
    #[inline]
    pub fn is(&self, family: ErrorCodeFamily) -> bool {
        self.starts_with(family.as_str())
    }

    /// The most specific documented code this one is or lies below; `None`
    /// when even its top level is unknown to this version.
    #[inline]
    pub fn family(&self) -> Option<ErrorCodeFamily> {
        ErrorCodeFamily::family_of(&self.0)
    }

    /// A stable, low-cardinality name for metrics and logs: the
    /// [`family`](Self::family)'s label
    /// (`app_store_connect.entity_error_attribute_invalid`), or
    /// `app_store_connect.unknown` when even the top level is unknown;
    /// [`as_str`](Self::as_str) keeps the code.
    #[inline]
    pub fn label(&self) -> &'static str {
        match self.family() {
            Some(family) => family.label(),
            None => <ErrorCodeFamily as crate::KnownValue>::UNKNOWN_LABEL,
        }
    }

    /// The levels of the code, from the top (`ENTITY_ERROR`, `ATTRIBUTE`, …).
    #[inline]
    pub fn levels(&self) -> impl Iterator<Item = &str> {
        self.0.split(ErrorCodeFamily::SEPARATOR)
    }
}

impl fmt::Display for ErrorCode {
    /// Writes the code for a log line, with control and invisible
    /// characters escaped (`\u{1b}`): it came from a response body.
    /// [`as_str`](Self::as_str) has it exactly.
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Plain::whole(&self.0))
    }
}

impl From<&str> for ErrorCode {
    #[inline]
    fn from(code: &str) -> Self {
        ErrorCode::new(code)
    }
}

impl From<String> for ErrorCode {
    #[inline]
    fn from(code: String) -> Self {
        ErrorCode(code.into_boxed_str())
    }
}

impl core::str::FromStr for ErrorCode {
    type Err = core::convert::Infallible;

    /// Every string is a code; this never fails.
    #[inline]
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Ok(ErrorCode::new(code))
    }
}

impl AsRef<str> for ErrorCode {
    #[inline]
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for ErrorCode {
    #[inline]
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for ErrorCode {
    #[inline]
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl From<ErrorCodeFamily> for ErrorCode {
    #[inline]
    fn from(family: ErrorCodeFamily) -> Self {
        ErrorCode::new(family.as_str())
    }
}

/// The code verbatim, so that it reads back equal: nothing is escaped beyond
/// what the format escapes (serde_json leaves C1 controls, bidirectional
/// overrides and U+2028 raw). For a log line, write it with `Display`; the
/// serde forms of [`ApiError`](super::ApiError) and the
/// [`Rejection`](super::Rejection) escape it.
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> serde::Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(ErrorCode::from)
    }
}
