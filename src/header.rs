//! Identifier header values (`apns-id`, `apns-unique-id`, …), kept exactly.

use core::fmt;

use crate::text::Plain;

/// The inline capacity: a canonical UUID is 36 bytes.
const INLINE: usize = 36;

/// The value of an identifier header such as `apns-id` or `apns-unique-id`,
/// kept byte for byte.
///
/// Apple sends UUIDs here, but a header value is bytes and may be anything a
/// proxy put there, including bytes that are not UTF-8; nothing is lost.
/// Values up to 36 bytes (a UUID) are stored inline without allocating.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct HeaderId(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<[u8]>),
}

impl HeaderId {
    /// Keeps a header value's bytes.
    pub fn new(value: &[u8]) -> Self {
        if value.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..value.len()].copy_from_slice(value);
            // `len <= 36`, so the cast is exact.
            HeaderId(Repr::Inline {
                len: value.len() as u8,
                bytes,
            })
        } else {
            HeaderId(Repr::Heap(value.into()))
        }
    }

    /// The value's bytes, exactly as received.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Repr::Heap(bytes) => bytes,
        }
    }

    /// The value as text, or `None` if it is not UTF-8.
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        core::str::from_utf8(self.as_bytes()).ok()
    }
}

impl fmt::Display for HeaderId {
    /// Writes the value for a log line: U+FFFD for bytes that are not UTF-8,
    /// and control characters escaped (`\u{1b}`), since a proxy may have put
    /// anything there. [`as_bytes`](Self::as_bytes) has it exactly.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
