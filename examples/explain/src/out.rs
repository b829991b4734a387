//! The two forms of an explanation: aligned `label: value` lines for
//! people, one JSON object for programs.

use std::fmt::{self, Write};

use serde::de::{self, Deserialize, Deserializer};
use serde_json::value::RawValue;
use std::time::{Duration, UNIX_EPOCH};

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

/// A JSON string, escaped as RFC 8259 requires (and as serde_json does).
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
            c if c < ' ' => write!(f, "\\u{:04x}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

/// Milliseconds since the epoch as `YYYY-MM-DD hh:mm:ss UTC`, without a date
/// crate (Howard Hinnant's days-to-civil algorithm).
pub fn utc(ms: u64) -> String {
    let secs = ms / 1000;
    if UNIX_EPOCH.checked_add(Duration::from_secs(secs)).is_none() {
        return "out of range".into();
    }
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
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
    fn utc_dates() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(1_700_000_000_000), "2023-11-14 22:13:20 UTC");
        assert_eq!(utc(951_782_400_000), "2000-02-29 00:00:00 UTC");
    }
}
