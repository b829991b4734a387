//! What generated code calls, and nothing else: the row type of the
//! generated tables, the serde and strum hooks and the last arm of the
//! checked-literal macros. Not part of the public API.

use crate::retry::RetryPolicy;

/// The facts of one known value of a generated enum: one row of the
/// `static` table that its inherent methods (`as_str`, `label`,
/// `description`, `remedy`, `retry`, …) read, indexed by the variant's
/// position in the spec. One table of data compiles to far less code than
/// one `match` per method. `S` is the value's status type, `()` where it
/// has none.
#[derive(Debug)]
pub struct Row<S: 'static> {
    /// The wire value.
    pub wire: &'static str,
    /// The label for metrics and logs.
    pub label: &'static str,
    /// What the value means.
    pub description: &'static str,
    /// What the caller should do about it.
    pub remedy: &'static str,
    /// The retry policy.
    pub retry: RetryPolicy,
    /// The status the value comes with.
    pub status: S,
    /// The other spellings.
    pub aliases: &'static [&'static str],
    /// Why Apple deprecated the value.
    pub deprecation: Option<&'static str>,
}

/// The last arm of a checked-literal macro (`apns::reason!`), for a literal
/// its exact-string arms did not match, given every known spelling with its
/// variant's path. With the `macros` feature, a proc macro: a known value
/// written another way (a raw string, a literal another macro passed on) is
/// that variant; anything else is an error at the literal naming the
/// nearest known values.
#[cfg(feature = "macros")]
pub use apple_errors_macros::literal;

/// Without the `macros` feature, any such literal is an error.
#[doc(hidden)]
#[macro_export]
#[cfg(not(feature = "macros"))]
macro_rules! __literal {
    ($noun:literal, $lit:literal, [$(($known:literal, $($path:tt)*)),* $(,)?]) => {
        ::core::compile_error!(::core::concat!(
            "expected a known ",
            $noun,
            " as a plain string literal, found ",
            ::core::stringify!($lit),
            " (the `macros` feature of apple-errors names the nearest known values)"
        ))
    };
}

#[cfg(not(feature = "macros"))]
pub use crate::__literal as literal;

#[cfg(feature = "serde")]
pub use serde;

#[cfg(feature = "strum")]
pub use strum;

/// Implements strum's traits for a generated enum when this crate's `strum`
/// feature is on, from the data the emitter passes: `VariantNames` are the
/// wire values, `EnumMessage` gives the description as the message and the
/// documentation, the remedy (the description again for operations, as
/// strum's derive does without one) as the detailed message, and every
/// spelling, wire value first, as the serializations. As with serde, expanding here makes this
/// crate's feature decide, wherever the generated code is included.
#[doc(hidden)]
#[macro_export]
#[cfg(feature = "strum")]
macro_rules! __impl_strum {
    (
        $(#[$badge:meta])*
        $ty:ident,
        names: [$($name:literal),* $(,)?],
        serializations: { $($variant:pat => $spellings:expr),* $(,)? },
        message: $message:path,
        detailed: $detailed:path,
    ) => {
        $(#[$badge])*
        impl $crate::__private::strum::EnumCount for $ty {
            const COUNT: ::core::primitive::usize = <$ty>::ALL.len();
        }

        $(#[$badge])*
        impl $crate::__private::strum::VariantArray for $ty {
            const VARIANTS: &'static [Self] = <$ty>::ALL;
        }

        $(#[$badge])*
        impl $crate::__private::strum::VariantNames for $ty {
            const VARIANTS: &'static [&'static ::core::primitive::str] = &[$($name),*];
        }

        $(#[$badge])*
        impl $crate::__private::strum::IntoEnumIterator for $ty {
            type Iterator = ::core::iter::Copied<::core::slice::Iter<'static, Self>>;

            // `Self::Iterator` would be ambiguous with a variant named
            // `Iterator`.
            fn iter() -> <Self as $crate::__private::strum::IntoEnumIterator>::Iterator {
                <$ty>::ALL.iter().copied()
            }
        }

        $(#[$badge])*
        impl $crate::__private::strum::EnumMessage for $ty {
            fn get_message(&self) -> ::core::option::Option<&'static ::core::primitive::str> {
                ::core::option::Option::Some($message(*self))
            }

            fn get_detailed_message(
                &self,
            ) -> ::core::option::Option<&'static ::core::primitive::str> {
                ::core::option::Option::Some($detailed(*self))
            }

            fn get_documentation(&self) -> ::core::option::Option<&'static ::core::primitive::str> {
                ::core::option::Option::Some($message(*self))
            }

            fn get_serializations(&self) -> &'static [&'static ::core::primitive::str] {
                match *self {
                    $($variant => $spellings),*
                }
            }
        }
    };
}

/// Without the `strum` feature, generated code gets no strum impls.
#[doc(hidden)]
#[macro_export]
#[cfg(not(feature = "strum"))]
macro_rules! __impl_strum {
    ($($data:tt)*) => {};
}

pub use crate::__impl_strum as impl_strum;

#[cfg(feature = "serde")]
pub use self::serde_support::{deserialize_code, deserialize_integer, deserialize_str};

/// Implements `Serialize`/`Deserialize` for a generated enum when this
/// crate's `serde` feature is on: `str` types as their wire string, `code`
/// types (statuses) and `integer` types (numeric codes) as their number. Expanding here, rather than in the
/// generated code, makes the feature of *this* crate decide, wherever the
/// generated code is included.
#[doc(hidden)]
#[macro_export]
#[cfg(feature = "serde")]
macro_rules! __impl_serde {
    ($(#[$badge:meta])* $ty:ident, str) => {
        $crate::__impl_serde!(@impl $(#[$badge])* $ty, serialize_str(as_str), deserialize_str);
    };
    ($(#[$badge:meta])* $ty:ident, code) => {
        $crate::__impl_serde!(@impl $(#[$badge])* $ty, serialize_u16(code), deserialize_code);
    };
    ($(#[$badge:meta])* $ty:ident, integer) => {
        $crate::__impl_serde!(@impl $(#[$badge])* $ty, serialize_u32(code), deserialize_integer);
    };
    (
        @impl $(#[$badge:meta])* $ty:ident,
        $serialize:ident($wire:ident),
        $deserialize:ident
    ) => {
        $(#[$badge])*
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
            where
                S: $crate::__private::serde::Serializer,
            {
                serializer.$serialize(self.$wire())
            }
        }

        $(#[$badge])*
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
            where
                D: $crate::__private::serde::Deserializer<'de>,
            {
                $crate::__private::$deserialize(deserializer)
            }
        }
    };
}

/// Without the `serde` feature, generated code gets no serde impls.
#[doc(hidden)]
#[macro_export]
#[cfg(not(feature = "serde"))]
macro_rules! __impl_serde {
    ($($data:tt)*) => {};
}

pub use crate::__impl_serde as impl_serde;

#[cfg(feature = "serde")]
mod serde_support {
    use core::fmt;
    use core::marker::PhantomData;

    use crate::KnownValue;

    /// Deserializes a known value from its wire string.
    pub fn deserialize_str<'de, T: KnownValue, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        deserializer.deserialize_str(Visitor(PhantomData))
    }

    /// Deserializes a status from its number, or in self-describing formats
    /// also from a string of digits (App Store Connect sends `"409"`).
    pub fn deserialize_code<'de, T: KnownValue, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(Visitor(PhantomData))
        } else {
            deserializer.deserialize_u16(Visitor(PhantomData))
        }
    }

    /// Deserializes a numeric code (App Store Server API `errorCode`) from
    /// its number, or in self-describing formats also from a string of
    /// digits.
    pub fn deserialize_integer<'de, T: KnownValue, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(Visitor(PhantomData))
        } else {
            deserializer.deserialize_u32(Visitor(PhantomData))
        }
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

/// The value named `name` in `table`, which is sorted by name in byte
/// order: a binary search, for the generated `from_name` of numeric codes.
pub const fn find_name<T: Copy>(table: &[(&str, T)], name: &str) -> Option<T> {
    let name = name.as_bytes();
    let (mut low, mut high) = (0, table.len());
    while low < high {
        let mid = low + (high - low) / 2;
        let entry = table[mid].0.as_bytes();
        // The first differing byte decides, then the length.
        let mut i = 0;
        let order = loop {
            if i == entry.len() || i == name.len() {
                break entry.len() as isize - name.len() as isize;
            }
            if entry[i] != name[i] {
                break entry[i] as isize - name[i] as isize;
            }
            i += 1;
        };
        if order < 0 {
            low = mid + 1;
        } else if order > 0 {
            high = mid;
        } else {
            return Some(table[mid].1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_name_searches_a_sorted_table() {
        let table = [("A", 1), ("AB", 2), ("B", 3), ("BA", 4), ("C", 5)];
        for (name, value) in table {
            assert_eq!(find_name(&table, name), Some(value));
        }
        for missing in ["", "a", "AA", "ABC", "BB", "D"] {
            assert_eq!(find_name(&table, missing), None, "{missing:?}");
        }
        assert_eq!(find_name::<u8>(&[], "A"), None);
    }
}
