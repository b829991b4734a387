//! Support for generated code. Not part of the public API.

#[cfg(feature = "serde")]
pub use self::serde_support::deserialize;

#[cfg(feature = "serde")]
mod serde_support {
    use core::fmt;
    use core::marker::PhantomData;

    use crate::KnownValue;

    /// Deserializes a known value from its wire string, or from a number for
    /// statuses (`"410"` and `410` both work).
    pub fn deserialize<'de, T: KnownValue, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        deserializer.deserialize_any(Visitor(PhantomData))
    }

    struct Visitor<T>(PhantomData<T>);

    impl<T: KnownValue> serde::de::Visitor<'_> for Visitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a known {}", T::NOUN)
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            T::from_wire(value).ok_or_else(|| E::custom(crate::UnknownValue::new(T::NOUN, value)))
        }

        fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<T, E> {
            self.visit_str(&value.to_string())
        }

        fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<T, E> {
            self.visit_str(&value.to_string())
        }
    }
}
