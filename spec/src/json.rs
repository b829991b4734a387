//! A small JSON parser for spec files.
//!
//! Spec files are small and written by people, so this favours clear errors
//! (line and column) and strictness (duplicate keys are refused) over speed.
//! It exists so that the build script of every crate depending on
//! `apple-errors` does not have to compile a general JSON library.

use std::collections::HashSet;

/// How deeply spec files may nest; real ones use four levels.
const MAX_DEPTH: usize = 64;

/// A JSON value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, members in document order; keys are unique.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is a whole number that fits a `u64`.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) if n.bytes().all(|b| b.is_ascii_digit()) => n.parse().ok(),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The member `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Why a text is not JSON, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// What is wrong.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for Error {}

/// Parses a whole document.
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut p = Parser {
        text,
        chars: text.char_indices().peekable(),
    };
    p.ws();
    let value = p.value(0)?;
    p.ws();
    match p.chars.peek() {
        None => Ok(value),
        Some(&(at, _)) => Err(p.error_at(at, "trailing characters after the document")),
    }
}

struct Parser<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
}

impl Parser<'_> {
    fn error_at(&self, at: usize, message: &str) -> Error {
        let before = &self.text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Error {
            message: message.to_owned(),
            line,
            column,
        }
    }

    fn here(&mut self) -> usize {
        self.chars.peek().map_or(self.text.len(), |&(i, _)| i)
    }

    fn error(&mut self, message: &str) -> Error {
        let at = self.here();
        self.error_at(at, message)
    }

    fn ws(&mut self) {
        while let Some(&(_, ' ' | '\t' | '\n' | '\r')) = self.chars.peek() {
            self.chars.next();
        }
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.chars.peek().is_some_and(|&(_, x)| x == c);
        if hit {
            self.chars.next();
        }
        hit
    }

    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        match self.chars.peek().map(|&(_, c)| c) {
            Some('{') => self.object(depth),
            Some('[') => self.array(depth),
            Some('"') => self.string().map(Value::String),
            Some('-' | '0'..='9') => self.number(),
            Some('t') => self.word("true", Value::Bool(true)),
            Some('f') => self.word("false", Value::Bool(false)),
            Some('n') => self.word("null", Value::Null),
            Some(_) => Err(self.error("expected a value")),
            None => Err(self.error("unexpected end of the document")),
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, Error> {
        let at = self.here();
        if self.text[at..].starts_with(word) {
            for _ in 0..word.len() {
                self.chars.next();
            }
            Ok(value)
        } else {
            Err(self.error_at(at, "expected a value"))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, Error> {
        self.chars.next();
        self.ws();
        let mut members: Vec<(String, Value)> = Vec::new();
        // Small objects (every object of a spec file) are searched; past
        // `SEARCHED` members a set takes over, so that the check stays
        // linear in the number of members whatever the input.
        const SEARCHED: usize = 16;
        let mut names: Option<HashSet<String>> = None;
        if self.eat('}') {
            return Ok(Value::Object(members));
        }
        loop {
            if self.chars.peek().map(|&(_, c)| c) != Some('"') {
                return Err(self.error("expected a member name in double quotes"));
            }
            let at = self.here();
            let key = self.string()?;
            let duplicate = match &mut names {
                Some(names) => !names.insert(key.clone()),
                None => members.iter().any(|(k, _)| *k == key),
            };
            if duplicate {
                return Err(self.error_at(at, &format!("duplicate member `{key}`")));
            }
            if names.is_none() && members.len() + 1 >= SEARCHED {
                let mut set: HashSet<String> = members.iter().map(|(k, _)| k.clone()).collect();
                set.insert(key.clone());
                names = Some(set);
            }
            self.ws();
            if !self.eat(':') {
                return Err(self.error("expected `:`"));
            }
            self.ws();
            let value = self.value(depth + 1)?;
            members.push((key, value));
            self.ws();
            if self.eat('}') {
                return Ok(Value::Object(members));
            }
            if !self.eat(',') {
                return Err(self.error("expected `,` or `}`"));
            }
            self.ws();
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, Error> {
        self.chars.next();
        self.ws();
        let mut items = Vec::new();
        if self.eat(']') {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.ws();
            if self.eat(']') {
                return Ok(Value::Array(items));
            }
            if !self.eat(',') {
                return Err(self.error("expected `,` or `]`"));
            }
            self.ws();
        }
    }

    fn number(&mut self) -> Result<Value, Error> {
        let start = self.here();
        let digits = |p: &mut Self| {
            let mut n = 0;
            while p.chars.peek().is_some_and(|&(_, c)| c.is_ascii_digit()) {
                p.chars.next();
                n += 1;
            }
            n
        };
        self.eat('-');
        let lead = self.chars.peek().map(|&(_, c)| c);
        let int = digits(self);
        if int == 0 || (lead == Some('0') && int > 1) {
            return Err(self.error_at(start, "invalid number"));
        }
        if self.eat('.') && digits(self) == 0 {
            return Err(self.error_at(start, "invalid number"));
        }
        if self.eat('e') || self.eat('E') {
            let _ = self.eat('+') || self.eat('-');
            if digits(self) == 0 {
                return Err(self.error_at(start, "invalid number"));
            }
        }
        let end = self.here();
        Ok(Value::Number(self.text[start..end].to_owned()))
    }

    fn string(&mut self) -> Result<String, Error> {
        self.chars.next();
        let mut out = String::new();
        loop {
            let Some((at, c)) = self.chars.next() else {
                return Err(self.error("unterminated string"));
            };
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let escaped = match self.chars.next().map(|(_, c)| c) {
                        Some('"') => '"',
                        Some('\\') => '\\',
                        Some('/') => '/',
                        Some('b') => '\u{8}',
                        Some('f') => '\u{c}',
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('t') => '\t',
                        Some('u') => self.unicode(at)?,
                        _ => return Err(self.error_at(at, "invalid escape")),
                    };
                    out.push(escaped);
                }
                c if c < ' ' => return Err(self.error_at(at, "control character in a string")),
                c => out.push(c),
            }
        }
    }

    /// The rest of a `\u` escape, surrogate pairs included.
    fn unicode(&mut self, at: usize) -> Result<char, Error> {
        let hex4 = |p: &mut Self| -> Option<u32> {
            (0..4).try_fold(0, |acc, _| Some(acc * 16 + p.chars.next()?.1.to_digit(16)?))
        };
        let bad = |p: &Self| p.error_at(at, "invalid \\u escape");
        let unit = hex4(self).ok_or_else(|| bad(self))?;
        let code = match unit {
            0xD800..=0xDBFF => {
                let low = (self.eat('\\') && self.eat('u'))
                    .then(|| hex4(self))
                    .flatten()
                    .filter(|low| (0xDC00..=0xDFFF).contains(low))
                    .ok_or_else(|| bad(self))?;
                0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(bad(self)),
            unit => unit,
        };
        char::from_u32(code).ok_or_else(|| bad(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_value() {
        let v = parse(r#" {"a": [1, -2.5e3, true, false, null], "b": "x\"\u00e9\ud83d\ude00\n"} "#)
            .unwrap();
        assert_eq!(
            v.get("a").and_then(Value::as_array).map(<[Value]>::len),
            Some(5)
        );
        assert_eq!(v.get("b").and_then(Value::as_str), Some("x\"é😀\n"));
        assert_eq!(parse("17").unwrap().as_u64(), Some(17));
        assert_eq!(parse("-1").unwrap().as_u64(), None);
        assert_eq!(parse("1.0").unwrap().as_u64(), None);
    }

    #[test]
    fn duplicates_are_found_in_objects_of_any_size() {
        for n in [2, 15, 16, 17, 40_000] {
            let names: Vec<String> = (0..n).map(|i| format!("\"k{i}\": {i}")).collect();
            let whole = format!("{{{}}}", names.join(","));
            let v = parse(&whole).unwrap();
            assert_eq!(
                v.get(&format!("k{}", n - 1)).and_then(Value::as_u64),
                Some(n as u64 - 1)
            );
            // The first name again, and a name from the middle, at the end.
            for again in [0, n / 2] {
                let doubled = format!("{{{},\"k{again}\": 0}}", names.join(","));
                let e = parse(&doubled).unwrap_err();
                assert!(
                    e.message.contains(&format!("duplicate member `k{again}`")),
                    "{n}: {e:?}"
                );
            }
        }
    }

    #[test]
    fn errors_say_where() {
        let e = parse("{\n  \"a\": 1,\n  \"a\": 2\n}").unwrap_err();
        assert_eq!((e.line, e.column), (3, 3));
        assert!(e.message.contains("duplicate member `a`"));
        for (text, message) in [
            ("{\"a\" 1}", "expected `:`"),
            ("[1 2]", "expected `,` or `]`"),
            ("{\"a\":1,}", "expected a member name"),
            ("01", "invalid number"),
            ("1.", "invalid number"),
            ("\"\\x\"", "invalid escape"),
            ("\"\\udc00\"", "invalid \\u escape"),
            ("\"a", "unterminated string"),
            ("{} x", "trailing characters"),
            ("", "unexpected end"),
            ("tru", "expected a value"),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.message.contains(message), "{text:?}: {e}");
        }
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(
            parse(&deep)
                .unwrap_err()
                .message
                .contains("nested too deeply")
        );
    }
}
