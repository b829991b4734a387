//! A small, allocation-free JSON reader for the bodies Apple sends.
//!
//! It validates the whole document against the RFC 8259 grammar in one pass,
//! accepting what `serde_json` accepts except that it takes numbers out of
//! `f64` range (`1e400`) as the valid JSON they are. The caller walks into the
//! objects and arrays it cares about ([`Reader::object`], [`Reader::array`]),
//! which recurses once per level walked, within [`MAX_DEPTH`]; every other
//! value is validated and skipped without recursion, so hostile nesting in
//! them costs no stack. Strings are returned as slices of the input and
//! decoded only when they contain escapes.

use std::borrow::Cow;

pub(crate) mod walk;

/// Documents nested deeper than this (the top-level object counts as one
/// level) are refused, at the same depth as `serde_json` refuses them.
pub(crate) const MAX_DEPTH: u32 = 127;

// `skip_container` keeps one bit per open level in a `u128`.
const _: () = assert!(MAX_DEPTH <= 128);

/// Why a document was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Error {
    /// Not JSON: the grammar breaks at this byte offset.
    Syntax(usize),
    /// Nesting goes deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Valid JSON, but not an object.
    NotObject,
}

/// A string as it appears in the document, between its quotes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Str<'a> {
    raw: &'a str,
    escaped: bool,
}

impl<'a> Str<'a> {
    /// Whether the decoded string equals `s`, without allocating.
    pub(crate) fn eq_str(&self, s: &str) -> bool {
        if self.escaped {
            self.chars().eq(s.chars())
        } else {
            self.raw == s
        }
    }

    /// The string with escapes resolved; borrowed when there are none.
    pub(crate) fn decode(&self) -> Cow<'a, str> {
        if self.escaped {
            // Decoding only shortens, so one allocation of the raw length.
            let mut out = String::with_capacity(self.raw.len());
            out.extend(self.chars());
            Cow::Owned(out)
        } else {
            Cow::Borrowed(self.raw)
        }
    }

    /// The decoded characters, one by one.
    fn chars(&self) -> Decoded<'a> {
        Decoded {
            rest: self.raw.chars(),
        }
    }
}

/// The characters of a string's raw text with escapes resolved.
struct Decoded<'a> {
    rest: std::str::Chars<'a>,
}

impl Iterator for Decoded<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let c = self.rest.next()?;
        if c != '\\' {
            return Some(c);
        }
        // The scanner has checked every escape, so each arm sees a
        // well-formed one; the fallbacks only keep this total.
        Some(match self.rest.next()? {
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let chars = &mut self.rest;
                let hi = hex4(chars);
                let cp = if (0xD800..0xDC00).contains(&hi) {
                    chars.next(); // '\\'
                    chars.next(); // 'u'
                    let lo = hex4(chars);
                    0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF)
                } else {
                    hi
                };
                char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            other => other, // '"', '\\', '/'
        })
    }
}

fn hex4(chars: &mut std::str::Chars<'_>) -> u32 {
    (0..4).fold(0, |acc, _| {
        acc * 16 + chars.next().and_then(|c| c.to_digit(16)).unwrap_or(0)
    })
}

/// A top-level member's value. Nested containers are validated and skipped.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Value<'a> {
    Str(Str<'a>),
    /// The number's text, exactly as written.
    Number(&'a str),
    Bool(bool),
    Null,
    Object,
    Array,
}

/// What the next value is, without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Object,
    Array,
    /// A string, number, literal, or not JSON at all (reading it says which).
    Scalar,
}

/// Validates `text` as a document whose top level is an object, calling
/// `member` with each top-level key and a reader at its value; see
/// [`Reader::object`].
///
/// `member` may be called before a later syntax error is found; on `Err` the
/// caller must discard what it collected.
pub(crate) fn object_document<'a, E: From<Error>>(
    text: &'a str,
    member: impl FnMut(Str<'a>, &mut Reader<'a>) -> Result<(), E>,
) -> Result<(), E> {
    let mut r = Reader {
        p: Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        },
        depth: 0,
    };
    // RFC 8259 lets a parser ignore a leading byte-order mark; offsets in
    // errors still count from the first byte.
    if text.starts_with('\u{FEFF}') {
        r.p.pos = '\u{FEFF}'.len_utf8();
    }
    r.p.ws();
    if r.p.peek() != Some(b'{') {
        // Tell "valid JSON, wrong shape" from "not JSON at all".
        r.p.value(MAX_DEPTH)?;
        r.p.end()?;
        return Err(Error::NotObject.into());
    }
    r.object(member)?;
    r.p.end()?;
    Ok(())
}

/// A position in a document, at the start of a value.
pub(crate) struct Reader<'a> {
    p: Scanner<'a>,
    /// Containers open around the position.
    depth: u32,
}

impl<'a> Reader<'a> {
    /// What the value at the position is.
    pub(crate) fn kind(&self) -> Kind {
        match self.p.peek() {
            Some(b'{') => Kind::Object,
            Some(b'[') => Kind::Array,
            _ => Kind::Scalar,
        }
    }

    /// Reads a scalar, or validates and skips a container.
    pub(crate) fn value(&mut self) -> Result<Value<'a>, Error> {
        self.p.value(MAX_DEPTH - self.depth)
    }

    /// Reads the object at the position, calling `member` with each key and
    /// the reader at its value. `member` reads the value or leaves it alone
    /// (it is then skipped); it must not read past it. Duplicate keys are
    /// passed on in document order.
    pub(crate) fn object<E: From<Error>>(
        &mut self,
        mut member: impl FnMut(Str<'a>, &mut Reader<'a>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.open(b'{')?;
        if !self.close_empty(b'}') {
            loop {
                let key = self.p.key()?;
                self.item(|r| member(key, r))?;
                if self.next(b'}')? {
                    break;
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Reads the array at the position, calling `item` with the reader at
    /// each element, under the same rules as [`object`](Self::object).
    pub(crate) fn array<E: From<Error>>(
        &mut self,
        mut item: impl FnMut(&mut Reader<'a>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.open(b'[')?;
        if !self.close_empty(b']') {
            loop {
                self.item(&mut item)?;
                if self.next(b']')? {
                    break;
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    fn open(&mut self, opener: u8) -> Result<(), Error> {
        if self.p.peek() != Some(opener) {
            return Err(self.p.syntax());
        }
        if self.depth >= MAX_DEPTH {
            return Err(Error::TooDeep);
        }
        self.depth += 1;
        self.p.pos += 1;
        self.p.ws();
        Ok(())
    }

    fn close_empty(&mut self, closer: u8) -> bool {
        let empty = self.p.peek() == Some(closer);
        if empty {
            self.p.pos += 1;
        }
        empty
    }

    /// Lets `read` take the value at the position, skipping it if untouched.
    fn item<E: From<Error>>(
        &mut self,
        read: impl FnOnce(&mut Reader<'a>) -> Result<(), E>,
    ) -> Result<(), E> {
        let start = self.p.pos;
        read(self)?;
        if self.p.pos == start {
            self.value()?;
        }
        Ok(())
    }

    /// After an item: `,` (more to come) or the closer (done).
    fn next(&mut self, closer: u8) -> Result<bool, Error> {
        self.p.ws();
        match self.p.peek() {
            Some(b',') => {
                self.p.pos += 1;
                self.p.ws();
                Ok(false)
            }
            Some(c) if c == closer => {
                self.p.pos += 1;
                Ok(true)
            }
            _ => Err(self.p.syntax()),
        }
    }
}

/// The position of the first byte at or after `pos` that ends a run of
/// plain string content: `"`, `\\` or a control character (or the end).
/// Strings are most of a document's bytes, so this looks at eight bytes at
/// a time for the first 16 (where keys and codes end), then 32 for the
/// next 64 (titles, ids), then, in a run that long (an 8 KB signed payload
/// is common), skips 256 at a time while none is special. The 256 bytes
/// that hold the run's end are looked at again 32 at a time: once per run.
fn skip_plain(bytes: &[u8], pos: usize) -> usize {
    let found = words(bytes, pos, 2).or_else(|pos| blocks(bytes, pos, 2));
    let mut pos = match found {
        Ok(found) => return found,
        Err(pos) => pos,
    };
    while let Some(block) = bytes.get(pos..pos + 256) {
        let mut any = 0;
        for i in (0..256).step_by(8) {
            any |= special(word(block.get(i..i + 8)));
        }
        if any != 0 {
            break;
        }
        pos += 256;
    }
    match blocks(bytes, pos, usize::MAX) {
        Ok(found) => found,
        Err(pos) => skip_short(bytes, pos),
    }
}

/// Up to `limit` blocks of 32 bytes from `pos`, as [`words`] does words.
#[inline(always)]
fn blocks(bytes: &[u8], mut pos: usize, limit: usize) -> Result<usize, usize> {
    let mut n = 0;
    while let Some(block) = bytes.get(pos..pos + 32) {
        if n == limit {
            break;
        }
        let word = |i: usize| special(word(block.get(i..i + 8)));
        let flags = [word(0), word(8), word(16), word(24)];
        if flags[0] | flags[1] | flags[2] | flags[3] != 0 {
            let mut at = pos;
            for flags in flags {
                if flags != 0 {
                    return Ok(first(at, flags));
                }
                at += 8;
            }
        }
        pos += 32;
        n += 1;
    }
    Err(pos)
}

/// [`skip_plain`] for a run known to be short (an APNs reason): eight
/// bytes at a time, small enough to inline.
#[inline]
pub(crate) fn skip_short(bytes: &[u8], pos: usize) -> usize {
    let pos = match words(bytes, pos, usize::MAX) {
        Ok(found) => return found,
        Err(pos) => pos,
    };
    // Four to seven bytes left: the last eight of the text, with those
    // already looked at made spaces. Fewer: one by one.
    let left = bytes.len().saturating_sub(pos);
    if let (4..8, Some(start)) = (left, bytes.len().checked_sub(8)) {
        let seen = 8 * (8 - left) as u32;
        let keep = u64::MAX.checked_shl(seen).unwrap_or(0);
        let x = word(bytes.get(start..));
        let flags = special((x & keep) | (SPACES & !keep));
        return if flags != 0 {
            first(start, flags)
        } else {
            bytes.len()
        };
    }
    let mut pos = pos;
    while let Some(&b) = bytes.get(pos) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        pos += 1;
    }
    pos
}

/// Up to `limit` words of eight bytes from `pos`: `Ok` with the position of
/// the first special byte, or `Err` with where the words ended.
#[inline(always)]
fn words(bytes: &[u8], mut pos: usize, limit: usize) -> Result<usize, usize> {
    let mut n = 0;
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        if n == limit {
            break;
        }
        let flags = special(word(Some(chunk)));
        if flags != 0 {
            return Ok(first(pos, flags));
        }
        pos += 8;
        n += 1;
    }
    Err(pos)
}

/// The position of the byte of the lowest flag in `flags`, a word read at
/// `pos`.
#[inline(always)]
fn first(pos: usize, flags: u64) -> usize {
    pos + flags.trailing_zeros() as usize / 8
}

const SPACES: u64 = 0x2020_2020_2020_2020;

/// Eight bytes as a little-endian word (the callers always pass eight).
#[inline(always)]
fn word(chunk: Option<&[u8]>) -> u64 {
    u64::from_le_bytes(
        chunk
            .and_then(|c| c.try_into().ok())
            .unwrap_or(SPACES.to_le_bytes()),
    )
}

/// The high bit of each byte of `x` that is `"`, `\\` or below 0x20: with
/// bit 1 flipped, `"` (0x22) becomes 0x20 and control characters stay
/// below it, so both are the bytes below 0x21; a backslash is the byte
/// that XORing with a backslash makes zero. `(v - n) & !v` flags the bytes
/// of `v` below `n` (in the high bit), and XORing with bytes under 0x80
/// keeps each high bit, so `!v` is `!x` for both tests. Borrows can raise
/// false flags, but only in bytes above a true one, so the lowest flag (the
/// first byte, little-endian) is always real.
#[inline(always)]
fn special(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let quote_or_control = x ^ (ONES * 0x02);
    let backslash = x ^ (ONES * u64::from(b'\\'));
    (quote_or_control.wrapping_sub(ONES * 0x21) | backslash.wrapping_sub(ONES)) & !x & HIGH
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn syntax(&self) -> Error {
        Error::Syntax(self.pos)
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Only white space may follow the document.
    fn end(&mut self) -> Result<(), Error> {
        self.ws();
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(self.syntax())
        }
    }

    /// `"key"` `:`, leaving the position at the value.
    fn key(&mut self) -> Result<Str<'a>, Error> {
        if self.peek() != Some(b'"') {
            return Err(self.syntax());
        }
        let key = self.string()?;
        self.ws();
        if self.peek() != Some(b':') {
            return Err(self.syntax());
        }
        self.pos += 1;
        self.ws();
        Ok(key)
    }

    /// Any value; containers are skipped, allowing `depth` more levels.
    fn value(&mut self, depth: u32) -> Result<Value<'a>, Error> {
        match self.peek() {
            Some(b'"') => self.string().map(Value::Str),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(b't') => self.literal("true").map(|()| Value::Bool(true)),
            Some(b'f') => self.literal("false").map(|()| Value::Bool(false)),
            Some(b'n') => self.literal("null").map(|()| Value::Null),
            Some(b'{') => self.skip_container(depth).map(|()| Value::Object),
            Some(b'[') => self.skip_container(depth).map(|()| Value::Array),
            _ => Err(self.syntax()),
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), Error> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.syntax())
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<&'a str, Error> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.syntax()),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.syntax());
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.syntax());
            }
        }
        Ok(&self.text[start..self.pos])
    }

    /// A string starting at its opening quote.
    fn string(&mut self) -> Result<Str<'a>, Error> {
        self.pos += 1;
        let start = self.pos;
        let mut escaped = false;
        loop {
            self.pos = skip_plain(self.bytes, self.pos);
            match self.peek() {
                None => return Err(self.syntax()),
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    self.escape()?;
                }
                Some(0x00..=0x1F) => return Err(self.syntax()),
                Some(_) => self.pos += 1,
            }
        }
        let raw = &self.text[start..self.pos];
        self.pos += 1;
        Ok(Str { raw, escaped })
    }

    /// One escape starting at its backslash; errors point at the backslash.
    /// Surrogates must come in high-low pairs, as in `serde_json`: a lone
    /// one has no `char`.
    fn escape(&mut self) -> Result<(), Error> {
        let start = self.pos;
        let ok = self.escape_body();
        ok.ok_or(Error::Syntax(start))
    }

    fn escape_body(&mut self) -> Option<()> {
        self.pos += 1;
        match self.peek()? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.pos += 1,
            b'u' => {
                let unit = self.hex_escape()?;
                if (0xD800..0xDC00).contains(&unit) {
                    if !self.bytes[self.pos..].starts_with(b"\\u") {
                        return None;
                    }
                    self.pos += 1;
                    let low = self.hex_escape()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return None;
                    }
                } else if (0xDC00..0xE000).contains(&unit) {
                    return None;
                }
            }
            _ => return None,
        }
        Some(())
    }

    /// `uXXXX` starting at the `u`.
    fn hex_escape(&mut self) -> Option<u32> {
        let hex = self.bytes.get(self.pos + 1..self.pos + 5)?;
        let mut unit = 0;
        for &h in hex {
            unit = unit * 16 + (h as char).to_digit(16)?;
        }
        self.pos += 5;
        Some(unit)
    }

    /// Skips an object or array without recursion: one bit per open level
    /// records whether it is an object, so closers and keys can be checked.
    fn skip_container(&mut self, depth: u32) -> Result<(), Error> {
        let mut objects: u128 = 0;
        let mut open: u32 = 0;
        loop {
            // At the start of a value.
            match self.peek() {
                Some(c @ (b'{' | b'[')) => {
                    if open >= depth {
                        return Err(Error::TooDeep);
                    }
                    let object = c == b'{';
                    if object {
                        objects |= 1 << open;
                    } else {
                        objects &= !(1 << open);
                    }
                    open += 1;
                    self.pos += 1;
                    self.ws();
                    let close = if object { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                        open -= 1;
                    } else {
                        if object {
                            self.key()?;
                        }
                        continue;
                    }
                }
                _ => {
                    self.value(0)?;
                }
            }
            // After a value: a separator, or closers.
            loop {
                if open == 0 {
                    return Ok(());
                }
                self.ws();
                let object = objects >> (open - 1) & 1 == 1;
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        self.ws();
                        if object {
                            self.key()?;
                        }
                        break;
                    }
                    Some(b'}') if object => {
                        self.pos += 1;
                        open -= 1;
                    }
                    Some(b']') if !object => {
                        self.pos += 1;
                        open -= 1;
                    }
                    _ => return Err(self.syntax()),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(text: &str) -> Result<Vec<(String, String)>, Error> {
        let mut out = Vec::new();
        object_document(text, |k, r| {
            let v = match r.value()? {
                Value::Str(s) => format!("s:{}", s.decode()),
                Value::Number(n) => format!("n:{n}"),
                Value::Bool(b) => format!("b:{b}"),
                Value::Null => "null".into(),
                Value::Object => "{}".into(),
                Value::Array => "[]".into(),
            };
            out.push((k.decode().into_owned(), v));
            Ok::<(), Error>(())
        })?;
        Ok(out)
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_top_level_members_in_order() {
        let got =
            collect(r#" {"reason" : "BadTopic", "timestamp":1700000000000, "x":true, "y":null} "#);
        assert_eq!(
            got,
            Ok(pairs(&[
                ("reason", "s:BadTopic"),
                ("timestamp", "n:1700000000000"),
                ("x", "b:true"),
                ("y", "null"),
            ]))
        );
        assert_eq!(collect("{}"), Ok(vec![]));
    }

    #[test]
    fn skips_nested_values() {
        let got = collect(r#"{"a":{"b":[1,{"c":[]},"]"],"d":{}},"e":[[]],"f":"g"}"#);
        assert_eq!(got, Ok(pairs(&[("a", "{}"), ("e", "[]"), ("f", "s:g")])));
    }

    #[test]
    fn decodes_escapes() {
        let got = collect(r#"{"re\u0061son":"a\"b\\c\/d\n\u00e9\ud83d\ude00"}"#);
        assert_eq!(got, Ok(pairs(&[("reason", "s:a\"b\\c/d\né😀")])));
    }

    #[test]
    fn compares_without_decoding_when_possible() {
        object_document(r#"{"k":"v","e":"\u0076"}"#, |k, r| {
            if let Value::Str(s) = r.value()? {
                assert!(s.eq_str("v"), "{k:?}");
                assert!(!s.eq_str("w"));
            }
            Ok::<(), Error>(())
        })
        .unwrap();
    }

    #[test]
    fn refuses_bad_grammar_with_its_offset() {
        for (text, at) in [
            ("", 0),
            ("{", 1),
            (r#"{"a":1,}"#, 7),
            (r#"{"a" 1}"#, 5),
            (r#"{"a":01}"#, 6),
            (r#"{"a":1.}"#, 7),
            (r#"{"a":1e}"#, 7),
            (r#"{"a":-}"#, 6),
            (r#"{"a":tru}"#, 5),
            (r#"{"a":"x}"#, 8),
            ("{\"a\":\"\u{1}\"}", 6),
            (r#"{"a":"\x"}"#, 6),
            (r#"{"a":"\u12"}"#, 6),
            (r#"{"a":"\udc00"}"#, 6),
            (r#"{"a":"\ud800x"}"#, 6),
            (r#"{"a":"\ud800\u0041"}"#, 6),
            (r#"{"a":[1 2]}"#, 8),
            (r#"{"a":{"b"}}"#, 9),
            (r#"{"a":[}"#, 6),
            (r#"{"a":{]}"#, 6),
            (r#"{"a":1} x"#, 8),
            (r#"{'a':1}"#, 1),
            ("<html>", 0),
        ] {
            assert_eq!(collect(text), Err(Error::Syntax(at)), "{text:?}");
        }
    }

    #[test]
    fn tells_wrong_shape_from_garbage() {
        for text in [r#""reason""#, "[1,2]", "17", "null", " true "] {
            assert_eq!(collect(text), Err(Error::NotObject), "{text:?}");
        }
    }

    #[test]
    fn plain_runs_stop_at_every_special_byte() {
        // Both scans, from every start, through every phase of the long one
        // (words, 32-byte blocks, 256-byte skips, the overlapping tail).
        let both = |bytes: &[u8], from: usize| {
            let plain = skip_plain(bytes, from);
            assert_eq!(plain, skip_short(bytes, from), "{bytes:?} from {from}");
            plain
        };
        for special in [b'"', b'\\', 0x00, 0x01, 0x02, 0x1F] {
            for len in [20, 700] {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = special;
                    assert_eq!(both(&bytes, 0), at, "{special:#x} at {at}");
                    assert_eq!(both(&bytes, at), at);
                    assert_eq!(both(&bytes, at / 2), at);
                }
            }
        }
        // Bytes at and above 0x20, UTF-8 included, are plain, wherever
        // they fall.
        let plain: Vec<u8> = (0x20..=0xFF)
            .filter(|b| *b != b'"' && *b != b'\\')
            .collect();
        for from in 0..=plain.len() {
            assert_eq!(both(&plain, from), plain.len());
        }
        // Every byte value just before every special one: a borrow never
        // hides a special byte or flags a plain one first.
        let ats = (1..40).chain([79, 80, 81, 95, 96, 97, 143, 144, 145, 199]);
        for at in ats {
            for before in 0..=0xFFu8 {
                for special in (0..0x20).chain([b'"', b'\\']) {
                    let mut bytes = vec![before; 200];
                    bytes[at] = special;
                    let first = bytes
                        .iter()
                        .position(|&b| b < 0x20 || b == b'"' || b == b'\\');
                    assert_eq!(
                        Some(both(&bytes, 0)),
                        first,
                        "{before:#x} {special:#x} {at}"
                    );
                }
            }
        }
    }

    #[test]
    fn numbers_follow_the_grammar() {
        for n in [
            "0",
            "-0",
            "1.5",
            "-12e+3",
            "1E400",
            "123456789012345678901234567890",
        ] {
            let text = format!(r#"{{"n":{n}}}"#);
            assert_eq!(collect(&text), Ok(pairs(&[("n", &format!("n:{n}"))])));
        }
    }

    #[test]
    fn depth_is_limited_without_recursion() {
        let ok = format!("{{\"a\":{}{}}}", "[".repeat(126), "]".repeat(126));
        assert_eq!(collect(&ok), Ok(pairs(&[("a", "[]")])));
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(127), "]".repeat(127));
        assert_eq!(collect(&deep), Err(Error::TooDeep));
        let hostile = "[".repeat(100_000);
        assert_eq!(collect(&format!("{{\"a\":{hostile}")), Err(Error::TooDeep));
    }
}
