//! A few bytes kept without allocating: identifier headers up to a UUID's
//! length, wire values this version does not know up to 30 bytes.

/// At most `N` bytes (`N` below 256), zero-padded, so that the derived
/// equality and hash see only the bytes kept. The length comes first (C
/// layout), beside an enclosing enum's tag, so that a UUID-long id is
/// written with one store for both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(C)]
pub(crate) struct Inline<const N: usize> {
    len: u8,
    bytes: [u8; N],
}

impl<const N: usize> Inline<N> {
    const FITS_U8: () = assert!(N <= u8::MAX as usize);

    /// `value`, if it is at most `N` bytes long.
    #[inline]
    pub(crate) fn new(value: &[u8]) -> Option<Self> {
        let () = Self::FITS_U8;
        let mut bytes = [0; N];
        bytes.get_mut(..value.len())?.copy_from_slice(value);
        // `value.len() <= N <= 255`, so the cast is exact.
        Some(Inline {
            len: value.len() as u8,
            bytes,
        })
    }

    /// Exactly `N` bytes: a fixed-size copy, nothing to pad.
    #[inline]
    pub(crate) const fn full(bytes: [u8; N]) -> Self {
        let () = Self::FITS_U8;
        Inline {
            len: N as u8,
            bytes,
        }
    }

    #[inline]
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_up_to_n_bytes_and_compares_them_only() {
        assert_eq!(
            Inline::<4>::new(b"abcd").map(|i| i.as_bytes().to_vec()),
            Some(b"abcd".to_vec())
        );
        assert!(Inline::<4>::new(b"abcde").is_none());
        assert_eq!(Inline::<4>::new(b"").map(|i| i.len), Some(0));
        assert_eq!(Inline::<4>::new(b"ab"), Inline::<4>::new(b"ab"));
        assert_ne!(Inline::<4>::new(b"ab"), Inline::<4>::new(b"ab\0"));
        assert_eq!(Some(Inline::full(*b"abcd")), Inline::<4>::new(b"abcd"));
    }
}
