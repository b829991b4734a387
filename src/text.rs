//! Received text in messages: a body's strings reach `Display` output, and
//! from there log lines and terminals, only through these wrappers.

use core::fmt::{self, Display, Write as _};

/// At most this many characters of a received string are printed; the
/// accessors still return it whole.
const MAX_CHARS: usize = 100;

/// Writes a received string as Rust's `{:?}` does — in double quotes, with
/// control characters, quotes, backslashes and invisible or reordering
/// characters escaped — cut to 100 characters with `…` after the closing
/// quote.
pub(crate) struct Quoted<'a>(pub(crate) &'a str);

impl Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(MAX_CHARS) {
            Some((cut, _)) => {
                fmt::Debug::fmt(&self.0[..cut], f)?;
                f.write_char('…')
            }
            None => fmt::Debug::fmt(self.0, f),
        }
    }
}

/// Writes a received string as it is, except that control characters and
/// the bidirectional-text controls that can reorder a line on screen are
/// written as `\u{…}` escapes, and that it is cut to 100 characters with `…`
/// (unless made with [`Plain::whole`]).
pub(crate) struct Plain<'a> {
    text: &'a str,
    max_chars: usize,
}

impl<'a> Plain<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Plain {
            text,
            max_chars: MAX_CHARS,
        }
    }

    /// Escaped but not cut, for values that are short by construction.
    pub(crate) fn whole(text: &'a str) -> Self {
        Plain {
            text,
            max_chars: usize::MAX,
        }
    }
}

impl Display for Plain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut chars = self.text.chars();
        for c in chars.by_ref().take(self.max_chars) {
            if needs_escape(c) {
                write!(f, "{}", c.escape_unicode())?;
            } else {
                f.write_char(c)?;
            }
        }
        if chars.next().is_some() {
            f.write_char('…')?;
        }
        Ok(())
    }
}

/// Control characters (C0, DEL, C1), the line and paragraph separators that
/// log viewers break lines at (U+2028, U+2029), the bidirectional controls
/// that reorder a line on screen (U+061C, U+200E, U+200F, U+202A–U+202E,
/// U+2066–U+2069), and invisible ones (U+200B, U+2060, U+FEFF). Joiners
/// stay: emoji and several scripts need them.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_escapes_like_debug() {
        for text in [
            "a\"b\\c\n\u{1b}[31m",
            "don't",
            "\u{202E}exe",
            "a\u{2028}b",
            "",
        ] {
            assert_eq!(Quoted(text).to_string(), format!("{text:?}"));
        }
    }

    #[test]
    fn plain_escapes_only_controls() {
        assert_eq!(
            Plain::new("l'id \"x\"\r\n\u{202E}txt.exe").to_string(),
            "l'id \"x\"\\u{d}\\u{a}\\u{202e}txt.exe"
        );
        assert_eq!(
            Plain::new("a\u{2028}b\u{FEFF}c\u{200D}d").to_string(),
            "a\\u{2028}b\\u{feff}c\u{200D}d"
        );
        assert_eq!(Plain::new("café").to_string(), "café");
    }

    #[test]
    fn long_text_is_cut() {
        let long = "x".repeat(MAX_CHARS + 1);
        let shown = Quoted(&long).to_string();
        assert_eq!(shown, format!("\"{}\"…", &long[..MAX_CHARS]));
        assert_eq!(
            Plain::new(&long[..MAX_CHARS]).to_string(),
            long[..MAX_CHARS]
        );
        assert_eq!(
            Plain::new(&long).to_string(),
            format!("{}…", &long[..MAX_CHARS])
        );
    }
}
