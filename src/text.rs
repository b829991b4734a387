//! Received text in messages: a body's strings reach `Display` output, and
//! from there log lines and terminals, only through these wrappers.

use core::fmt::{self, Display, Write as _};

/// At most this many characters of a received string are printed; the
/// accessors still return it whole.
const MAX_CHARS: usize = 100;

/// Writes a received string in double quotes, escaped as Rust's `{:?}` does
/// (control characters, quotes and backslashes), and cut to 100 characters
/// with `…` after the closing quote.
pub(crate) struct Quoted<'a>(pub(crate) &'a str);

impl Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        let cut = write_chars(f, self.0, MAX_CHARS, |f, c| {
            for e in c.escape_debug() {
                f.write_char(e)?;
            }
            Ok(())
        })?;
        f.write_char('"')?;
        if cut {
            f.write_char('…')?;
        }
        Ok(())
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
        let cut = write_chars(f, self.text, self.max_chars, |f, c| {
            if needs_escape(c) {
                write!(f, "{}", c.escape_unicode())
            } else {
                f.write_char(c)
            }
        })?;
        if cut {
            f.write_char('…')?;
        }
        Ok(())
    }
}

/// Writes the first `max_chars` characters of `text` through `write`;
/// `true` when some were left out.
fn write_chars(
    f: &mut fmt::Formatter<'_>,
    text: &str,
    max_chars: usize,
    mut write: impl FnMut(&mut fmt::Formatter<'_>, char) -> fmt::Result,
) -> Result<bool, fmt::Error> {
    let mut chars = text.chars();
    for c in chars.by_ref().take(max_chars) {
        write(f, c)?;
    }
    Ok(chars.next().is_some())
}

/// Control characters (C0, DEL, C1) and the Unicode bidirectional controls
/// (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_escapes_like_debug() {
        assert_eq!(
            Quoted("a\"b\\c\n\u{1b}[31m").to_string(),
            r#""a\"b\\c\n\u{1b}[31m""#
        );
    }

    #[test]
    fn plain_escapes_only_controls() {
        assert_eq!(
            Plain::new("l'id \"x\"\r\n\u{202E}txt.exe").to_string(),
            "l'id \"x\"\\u{d}\\u{a}\\u{202e}txt.exe"
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
