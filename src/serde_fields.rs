//! The flat JSON objects this crate writes and reads with feature `serde`,
//! by hand rather than with `serde_derive` (which every user would compile):
//! a type lists its members once, through [`Fields`], and is written as a
//! struct with exactly the members it has; readers look keys up in a list
//! and skip the ones they do not know.

use core::fmt;

use serde::de::{self, DeserializeSeed};
use serde::ser::{self, SerializeStruct};

use crate::HeaderId;
use crate::retry::{RetryAfter, RetryAfterError, RetryPolicy, policy_fields};
use crate::text::Plain;

/// Where a type's members go: counted first, then written. Absent members
/// are left out, not written as `null`.
pub(crate) trait Sink {
    type Error;

    fn field<V: ser::Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), Self::Error>;

    fn opt<V: ser::Serialize>(
        &mut self,
        key: &'static str,
        value: Option<V>,
    ) -> Result<(), Self::Error> {
        match value {
            Some(value) => self.field(key, &value),
            None => Ok(()),
        }
    }
}

/// A type written as a flat object: its members, in order.
pub(crate) trait Fields {
    /// The struct name formats may show.
    const NAME: &'static str;

    fn fields<S: Sink>(&self, sink: &mut S) -> Result<(), S::Error>;
}

/// Writes `value` as a struct with exactly the members it has, so that
/// formats with definite lengths (CBOR, MessagePack) get the right count.
pub(crate) fn serialize<T: Fields, S: ser::Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut count = Count(0);
    let Ok(()) = value.fields(&mut count);
    let mut sink = Write(serializer.serialize_struct(T::NAME, count.0)?);
    value.fields(&mut sink)?;
    sink.0.end()
}

struct Count(usize);

impl Sink for Count {
    type Error = core::convert::Infallible;

    fn field<V: ser::Serialize + ?Sized>(
        &mut self,
        _: &'static str,
        _: &V,
    ) -> Result<(), Self::Error> {
        self.0 += 1;
        Ok(())
    }
}

struct Write<S>(S);

impl<S: SerializeStruct> Sink for Write<S> {
    type Error = S::Error;

    fn field<V: ser::Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), Self::Error> {
        self.0.serialize_field(key, value)
    }
}

/// Reads a key as its position in `keys`; `None` for a key this version
/// does not read, whose value the caller skips (a newer version's member
/// must not make an older one fail).
pub(crate) struct Key(pub(crate) &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl de::Visitor<'_> for Key {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|k| *k == key))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|k| k.as_bytes() == key))
    }
}

/// A header value as text, as its `Display` writes it for a log line: U+FFFD
/// for bytes that are not UTF-8, control and invisible characters escaped.
pub(crate) fn header_text(id: &HeaderId) -> Text<&HeaderId> {
    Text(id)
}

/// Text from a response body, for a log or a queue: escaped as the
/// messages' `Display` escapes it (control characters, U+2028/U+2029,
/// bidirectional and invisible characters as `\u{…}`), since serde_json
/// escapes only U+0000–U+001F. Not cut, unlike in messages: the serde form
/// is the whole record, and the response it came from was already in
/// memory.
pub(crate) fn received(text: &str) -> Text<Plain<'_>> {
    Text(Plain::whole(text))
}

/// What every refusal ends with: the decision's inputs and what went wrong
/// reading the response.
pub(crate) fn tail_fields<S: Sink, E: fmt::Display>(
    policy: RetryPolicy,
    retry_after: Option<RetryAfter>,
    retry_after_error: Option<RetryAfterError>,
    body_error: Option<E>,
    sink: &mut S,
) -> Result<(), S::Error> {
    policy_fields(policy, sink)?;
    sink.opt("retry_after", retry_after.map(Text))?;
    sink.opt("retry_after_error", retry_after_error.map(Text))?;
    sink.opt("body_error", body_error.map(Text))
}

/// Writes a value's `Display` text as a string, without a `String` in
/// between.
pub(crate) struct Text<D>(pub(crate) D);

impl<D: fmt::Display> ser::Serialize for Text<D> {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}
