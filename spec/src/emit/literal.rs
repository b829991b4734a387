//! The checked-literal macro of a value type: `reason!("BadDeviceToken")`
//! is `Reason::BadDeviceToken`, checked when the caller compiles.
//!
//! It is a `macro_rules!` macro, so it costs its users no proc-macro: one arm
//! per spelling, expanding to a path from `$crate` (the crate that includes
//! the generated code), then an arm that hands any other literal, with every
//! spelling and its path, to the runtime's `__private::literal!` (re-exported
//! next to the items, so that a crate calling the macro needs no dependency
//! on the runtime of its own). With the `macros` feature that is a proc
//! macro, which also takes a literal the arms cannot see as text (a raw
//! string, one passed on by another macro) and otherwise names the nearest
//! known values; without it, a plain error.
//!
//! The macro is `#[macro_export]`ed, so it also sits, hidden, at the root of
//! the including crate, under a name made of the type's and a hash of the
//! module path; it is re-exported into the module under the snake_case name
//! of the type, so callers write `apns::reason!`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Ctx, docs, ident};
use crate::model::WireType;
use crate::names::snake_case;

impl Ctx<'_> {
    pub(super) fn literal_macro(&self) -> TokenStream {
        let s = self.spec;
        let ty = ident(&s.value_type);
        let integer = s.wire_type == WireType::Integer;
        let snake = snake_case(&s.value_type);
        let name = ident(&snake);
        let segments: Vec<_> = self.module_path.iter().map(|m| ident(m)).collect();
        // Unique per crate: two modules may include the same spec.
        let hidden = format_ident!(
            "__apple_errors_{}_{:08x}",
            snake,
            fnv1a(&self.module_path.join("::"))
        );
        let literal = format_ident!("__{}_literal", snake);
        // Inside a `macro_rules!` body, `crate` would be the caller's crate.
        let inside_runtime = self.inside_runtime();
        let rt = &self.rt;
        let arms = s.values.iter().flat_map(|e| {
            let variant = ident(&e.name);
            let segments = &segments;
            let ty = &ty;
            std::iter::once(&e.wire)
                .chain(&e.aliases)
                .map(move |spelling| {
                    let spelling = wire_literal(integer, spelling);
                    quote! {
                        (#spelling) => { $crate #(:: #segments)* :: #ty :: #variant };
                    }
                })
        });
        let noun = Literal::string(&s.value_noun);
        let known = s.values.iter().flat_map(|e| {
            let variant = ident(&e.name);
            let (segments, ty) = (&segments, &ty);
            std::iter::once(&e.wire)
                .chain(&e.aliases)
                .map(move |spelling| {
                    let spelling = wire_literal(integer, spelling);
                    quote!((#spelling, $crate #(:: #segments)* :: #ty :: #variant))
                })
        });
        // How a wire value is written in Rust: `"BadTopic"` or `4040010`.
        let written = |wire: &str| {
            if integer {
                wire.to_owned()
            } else {
                format!("{wire:?}")
            }
        };
        let kind = if integer { "integer" } else { "string" };
        let usage = Literal::string(&format!(
            "`{name}!` takes one {kind} literal, such as `{name}!({})`",
            written(&s.values[0].wire)
        ));
        let mut doc = format!(
            "A [`{ty}`] written as its wire value, checked at compile time: \
             `{snake}!({first})` is `{ty}::{variant}`.\n\n\
             Any spelling [`{ty}::from_wire`] accepts works, aliases included, and gives the \
             canonical variant. The expansion is a path, so it works in expressions, `const` \
             items and `match` patterns. A literal that is not a known {noun} is a compile \
             error at the literal; with the `macros` feature of `apple-errors`, the error \
             names the nearest known values.",
            ty = s.value_type,
            first = written(&s.values[0].wire),
            variant = s.values[0].name,
            noun = docs::md(&s.value_noun),
        );
        // Only inside the runtime crate is the crate's name known, for an
        // example that runs as a doctest.
        if inside_runtime {
            let path = format!("apple_errors::{}", self.module_path.join("::"));
            let last = s.values.last().map_or(&s.values[0], |e| e);
            doc.push_str(&format!(
                "\n\n```\nuse {path}::{{self, {ty}}};\n\n\
                 const FIRST: {ty} = {module}::{snake}!({first});\n\
                 assert_eq!(FIRST, {ty}::{variant});\n\
                 assert!(matches!({ty}::{last_variant}, {module}::{snake}!({last})));\n```",
                ty = s.value_type,
                module = self.module_path.last().map_or("", String::as_str),
                first = written(&s.values[0].wire),
                variant = s.values[0].name,
                last_variant = last.name,
                last = written(&last.wire),
            ));
        }
        let doc = docs::attrs(&doc);
        quote! {
            #doc
            #[doc(hidden)]
            #[macro_export]
            macro_rules! #hidden {
                #(#arms)*
                ($other:literal) => {
                    $crate #(:: #segments)* :: #literal!(#noun, $other, [#(#known),*])
                };
                ($($other:tt)*) => {
                    ::core::compile_error!(#usage)
                };
            }

            // A crate that includes the code in a private module and never
            // writes a literal should not hear about it.
            #[doc(inline)]
            #[allow(unused_imports)]
            pub use #hidden as #name;

            #[doc(hidden)]
            #[allow(unused_imports)]
            pub use #rt::__private::literal as #literal;
        }
    }
}

/// A wire value as the literal a caller writes: `"BadTopic"` or `4040010`.
fn wire_literal(integer: bool, wire: &str) -> Literal {
    match wire.parse::<u32>() {
        Ok(code) if integer => Literal::u32_unsuffixed(code),
        _ => Literal::string(wire),
    }
}

/// 32-bit FNV-1a: short, stable names without a hashing dependency.
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}
