//! What every surface's `Response` starts from: the status and the body, as
//! an HTTP client holds them.

#[derive(Clone, Copy, Debug)]
pub(crate) struct Reply<'a> {
    pub(crate) status: u16,
    pub(crate) body: &'a [u8],
}

impl<'a> Reply<'a> {
    /// Takes any byte container by reference: `&[u8]`, `&str`, `&Vec<u8>`,
    /// `bytes::Bytes`, ….
    #[inline]
    pub(crate) fn new(status: u16, body: &'a (impl AsRef<[u8]> + ?Sized)) -> Self {
        Reply {
            status,
            body: body.as_ref(),
        }
    }
}
