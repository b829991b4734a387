//! Identifier header values (`apns-id`, `apns-unique-id`, …), kept exactly.

use core::fmt;

use crate::inline::Inline;
use crate::text::Plain;

/// The inline capacity: a canonical UUID is 36 bytes.
const INLINE: usize = 36;

/// The value of an identifier header such as `apns-id` or `apns-unique-id`,
/// kept byte for byte.
///
/// Apple sends UUIDs here, but a header value is bytes and may be anything a
/// proxy put there, including bytes that are not UTF-8; nothing is lost.
/// Values up to 36 bytes (a UUID) are stored inline without allocating.
///
/// A value longer than [`MAX_LEN`](Self::MAX_LEN) is no id Apple sends, and
/// is refused rather than copied: only its length is kept
/// ([`too_long`](Self::too_long)). The response's decision does not depend
/// on it and is made as usual.
///
/// ```
/// use apple_errors::{HeaderId, apns};
///
/// let huge = vec![b'x'; 1 << 20];
/// let rejection = apns::Response::new(400, br#"{"reason":"BadTopic"}"#)
///     .apns_id(&huge)
///     .classify()
///     .unwrap_err();
/// let id = rejection.ids().apns_id().unwrap();
/// assert_eq!(id.too_long(), Some(1 << 20));
/// assert_eq!(id.as_bytes(), b"");
/// assert_eq!(id.to_string(), "<1048576 bytes, over the 128-byte limit: not kept>");
/// assert_eq!(rejection.reason(), Some(apns::Reason::BadTopic));
/// # let _ = HeaderId::MAX_LEN;
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct HeaderId(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    Inline(Inline<INLINE>),
    Heap(Box<[u8]>),
    /// Refused: over `MAX_LEN`, only the length is kept.
    TooLong {
        len: usize,
    },
}

impl HeaderId {
    /// The longest value kept, in bytes. Apple's ids are UUIDs (36 bytes)
    /// and channel ids shorter still; 128 leaves room for a proxy's own
    /// request ids and bounds what a response can make us copy.
    pub const MAX_LEN: usize = 128;

    /// Keeps a header value's bytes, or only its length when it is over
    /// [`MAX_LEN`](Self::MAX_LEN).
    #[inline]
    pub fn new(value: &[u8]) -> Self {
        // The usual value, a UUID: a fixed-size copy, inlined; anything
        // else is one call.
        match <[u8; INLINE]>::try_from(value) {
            Ok(bytes) => Self::uuid_long(bytes),
            Err(_) => Self::other(value),
        }
    }

    /// A value exactly as long as a UUID.
    #[inline]
    pub(crate) const fn uuid_long(bytes: [u8; INLINE]) -> Self {
        HeaderId(Repr::Inline(Inline::full(bytes)))
    }

    #[inline(never)]
    fn other(value: &[u8]) -> Self {
        if value.len() > Self::MAX_LEN {
            return HeaderId(Repr::TooLong { len: value.len() });
        }
        match Inline::new(value) {
            Some(inline) => HeaderId(Repr::Inline(inline)),
            None => HeaderId(Repr::Heap(value.into())),
        }
    }

    /// The value's bytes, exactly as received; empty for a value refused as
    /// too long ([`too_long`](Self::too_long)).
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline(inline) => inline.as_bytes(),
            Repr::Heap(bytes) => bytes,
            Repr::TooLong { .. } => &[],
        }
    }

    /// The value as text, or `None` if it is not UTF-8 or was refused as
    /// too long.
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        match self.0 {
            Repr::TooLong { .. } => None,
            _ => core::str::from_utf8(self.as_bytes()).ok(),
        }
    }

    /// The value's length in bytes if it was over
    /// [`MAX_LEN`](Self::MAX_LEN) and so not kept; `None` for a value kept.
    #[inline]
    pub fn too_long(&self) -> Option<usize> {
        match self.0 {
            Repr::TooLong { len } => Some(len),
            _ => None,
        }
    }
}

impl fmt::Display for HeaderId {
    /// Writes the value for a log line: U+FFFD for bytes that are not UTF-8,
    /// and control characters escaped (`\u{1b}`), since a proxy may have put
    /// anything there. [`as_bytes`](Self::as_bytes) has it exactly. A value
    /// refused as too long writes
    /// `<1048576 bytes, over the 128-byte limit: not kept>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(len) = self.too_long() {
            let limit = Self::MAX_LEN;
            return write!(f, "<{len} bytes, over the {limit}-byte limit: not kept>");
        }
        for chunk in self.as_bytes().utf8_chunks() {
            write!(f, "{}", Plain::whole(chunk.valid()))?;
            if !chunk.invalid().is_empty() {
                f.write_str("\u{FFFD}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for HeaderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(len) = self.too_long() {
            return write!(f, "HeaderId(<{len} bytes, not kept>)");
        }
        match self.as_str() {
            Some(s) => fmt::Debug::fmt(s, f),
            None => write!(f, "HeaderId({:?})", self.as_bytes()),
        }
    }
}

/// Builder methods that take an identifier header's value, one per field of
/// the same name (`Option<&'a [u8]>`), written once for every `Response`.
macro_rules! header_setters {
    ($($(#[$doc:meta])* $field:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[inline]
        pub fn $field(mut self, value: &'a (impl ::core::convert::AsRef<[u8]> + ?Sized)) -> Self {
            self.$field = ::core::option::Option::Some(value.as_ref());
            self
        }
    )*};
}
pub(crate) use header_setters;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_short_and_long_values_exactly() {
        let uuid = b"EC1BF194-B3B2-424A-89A9-5A918A6E6B5E";
        let id = HeaderId::new(uuid);
        assert_eq!(id.as_bytes(), uuid);
        assert_eq!(id.as_str(), Some("EC1BF194-B3B2-424A-89A9-5A918A6E6B5E"));
        let long = vec![b'x'; 100];
        assert_eq!(HeaderId::new(&long).as_bytes(), &long[..]);
        assert_eq!(HeaderId::new(b"").as_bytes(), b"");
        let longest = vec![b'x'; HeaderId::MAX_LEN];
        let id = HeaderId::new(&longest);
        assert_eq!((id.as_bytes(), id.too_long()), (&longest[..], None));
    }

    #[test]
    fn refuses_values_over_the_limit_keeping_the_length() {
        let over = vec![b'x'; HeaderId::MAX_LEN + 1];
        let id = HeaderId::new(&over);
        assert_eq!(id.too_long(), Some(HeaderId::MAX_LEN + 1));
        assert_eq!((id.as_bytes(), id.as_str()), (&b""[..], None));
        assert_eq!(
            id.to_string(),
            "<129 bytes, over the 128-byte limit: not kept>"
        );
        assert_eq!(format!("{id:?}"), "HeaderId(<129 bytes, not kept>)");
        assert_ne!(id, HeaderId::new(b""));
        // The memory it takes does not grow with the value.
        assert_eq!(size_of::<HeaderId>(), 40);
    }

    #[test]
    fn invalid_utf8_is_kept_and_shown_lossily() {
        let id = HeaderId::new(b"ab\xFFcd");
        assert_eq!(id.as_bytes(), b"ab\xFFcd");
        assert_eq!(id.as_str(), None);
        assert_eq!(id.to_string(), "ab\u{FFFD}cd");
        assert_eq!(format!("{id:?}"), "HeaderId([97, 98, 255, 99, 100])");
        assert_eq!(HeaderId::new(b"a\x1b[2Jb").to_string(), "a\\u{1b}[2Jb");
    }

    #[test]
    fn equality_is_by_bytes() {
        assert_eq!(HeaderId::new(b"a"), HeaderId::new(b"a"));
        assert_ne!(HeaderId::new(b"a"), HeaderId::new(b"a\0"));
    }
}
