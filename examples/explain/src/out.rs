//! The two forms of an explanation: aligned `label: value` lines for
//! people, one JSON object for programs.

use std::fmt::{self, Write};
use std::time::{Duration, UNIX_EPOCH};

use apple_errors::retry::RetryAfter;
use serde::de::{self, Deserialize, Deserializer};
use serde_json::value::RawValue;

/// An explanation being written in both forms at once, so that the text
/// and the JSON cannot drift apart: each explainer goes through the
/// response once and says every fact twice.
#[derive(Default)]
pub struct Out {
    text: String,
    json: Vec<(String, Json)>,
}

impl Out {
    /// A `label: value` line of the text.
    pub fn line(&mut self, label: &str, value: impl AsRef<str>) {
        let label = format!("{label}:");
        let _ = writeln!(self.text, "{label:<13} {}", value.as_ref());
    }

    /// A member of the JSON object; the first one with a key wins.
    pub fn field(&mut self, key: &str, value: impl Into<Json>) {
        if self.json.iter().all(|(k, _)| k != key) {
            self.json.push((key.to_owned(), value.into()));
        }
    }

    /// The members of a value the library serializes as a JSON object, in
    /// the library's order and shape.
    pub fn members(&mut self, value: &impl serde::Serialize) {
        // serde_json's own map sorts its keys; the library's order is kept
        // by reading its text back member by member.
        let text = serde_json::to_string(value).expect("the library's values serialize");
        let mut stream = serde_json::Deserializer::from_str(&text).into_iter::<Members>();
        if let Some(Ok(Members(members))) = stream.next() {
            for (key, value) in members {
                self.field(&key, Json::Raw(value.get().to_owned()));
            }
        }
    }

    /// A member of the JSON object when there is a value.
    pub fn opt(&mut self, key: &'static str, value: Option<impl Into<Json>>) {
        if let Some(value) = value {
            self.field(key, value);
        }
    }

    /// The text, or the JSON object on one line.
    pub fn finish(self, json: bool) -> String {
        if json {
            format!("{}\n", Json::Object(self.json))
        } else {
            self.text
        }
    }
}

/// A JSON object's members in their order, each value as its text.
struct Members(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> de::Visitor<'de> for Visitor {
            type Value = Members;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }

        deserializer.deserialize_map(Visitor)
    }
}

/// A JSON value, written compactly with members in insertion order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// JSON text from serde_json, written as it is.
    Raw(String),
    Bool(bool),
    Int(i128),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl From<bool> for Json {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Json {
            fn from(n: $t) -> Self {
                Json::Int(i128::from(n))
            }
        }
    )*};
}
from_int!(u16, u32, u64, i64);

impl From<&str> for Json {
    fn from(s: &str) -> Self {
        Json::Str(s.to_owned())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Self {
        Json::Str(s)
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Self {
        Json::Array(items)
    }
}

impl From<Out> for Json {
    /// The object an [`Out`] collected, to nest in another.
    fn from(out: Out) -> Self {
        Json::Object(out.json)
    }
}

impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Raw(text) => f.write_str(text),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Int(n) => write!(f, "{n}"),
            Json::Str(s) => string(f, s),
            Json::Array(items) => {
                f.write_char('[')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_char(']')
            }
            Json::Object(members) => {
                f.write_char('{')?;
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    string(f, key)?;
                    write!(f, ":{value}")?;
                }
                f.write_char('}')
            }
        }
    }
}

/// A JSON string, escaped as RFC 8259 requires (and as serde_json does),
/// and further, as the library escapes received text: DEL, C1 controls, the
/// separators log viewers break lines at (U+2028, U+2029), the
/// bidirectional controls that reorder a line on screen and invisible
/// characters are written `\uXXXX`, so that nothing a peer sent reaches a
/// log raw.
fn string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\u{8}' => f.write_str("\\b")?,
            '\u{c}' => f.write_str("\\f")?,
            c if must_escape(c) => write!(f, "\\u{:04x}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

/// The library's set for received text (all in the BMP, so one `\uXXXX`
/// each): control characters (C0, DEL, C1), U+2028/U+2029, the
/// bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
/// U+2066–U+2069) and invisible ones (U+200B, U+2060, U+FEFF).
fn must_escape(c: char) -> bool {
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

/// Milliseconds since the epoch as an HTTP date (`Tue, 14 Nov 2023 22:13:20
/// GMT`), in whole seconds, written by the library
/// ([`RetryAfter::at`](apple_errors::retry::RetryAfter::at)); `out of range`
/// outside the years 0000 to 9999.
pub fn utc(ms: u64) -> String {
    // Whole seconds first: `RetryAfter::at` rounds a fraction up, but a
    // timestamp shown is the second it fell in.
    UNIX_EPOCH
        .checked_add(Duration::from_secs(ms / 1000))
        .and_then(RetryAfter::at)
        .map_or_else(|| "out of range".into(), |date| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_escaped_and_compact() {
        let value = Json::Object(vec![
            ("s".into(), "a \"q\" \\ \n\u{1}é".into()),
            ("n".into(), Json::Int(-3)),
            ("a".into(), vec![Json::Bool(true), Json::Int(1)].into()),
        ]);
        assert_eq!(
            value.to_string(),
            r#"{"s":"a \"q\" \\ \n\u0001é","n":-3,"a":[true,1]}"#
        );
    }

    #[test]
    fn json_escapes_what_must_not_reach_a_log_raw() {
        let hostile = "Bad\u{9b}[2J\u{202e}Token\u{85}\u{2028}\u{7f}\u{feff}\u{200d}";
        let json = Json::from(hostile).to_string();
        assert_eq!(
            json,
            r#""Bad\u009b[2J\u202eToken\u0085\u2028\u007f\ufeff"#.to_owned() + "\u{200d}\""
        );
        // Still JSON, reading back as the text.
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), hostile);
    }

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(utc(1_700_000_000_999), "Tue, 14 Nov 2023 22:13:20 GMT");
        assert_eq!(utc(951_782_400_000), "Tue, 29 Feb 2000 00:00:00 GMT");
        assert_eq!(utc(253_402_300_800_000), "out of range");
        assert_eq!(utc(u64::MAX), "out of range");
    }
}
