//! The value enum: one variant per wire value, with lookups, docs and
//! retry policies.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Ctx, docs, ident, status_of};
use crate::model::{Entry, WireType};

impl Ctx<'_> {
    pub(super) fn value_enum(&self) -> TokenStream {
        let s = self.spec;
        let ty = ident(&s.value_type);
        let doc = format!(
            "{}\n\nGenerated from `{}`: {} values; source: Apple, {}.",
            docs::md(&s.value_doc),
            s.file,
            s.values.len(),
            docs::page_ref(&s.page, s.page_url.as_deref())
        );
        let variants = s.values.iter().map(|e| self.variant(e)).collect();
        let integer = s.wire_type == WireType::Integer;
        // Numeric codes are the discriminants, so `code()` is a cast.
        let repr = if integer {
            quote!(#[repr(u32)])
        } else {
            TokenStream::new()
        };
        let mut out = super::enum_with_attrs(&doc, repr, &ty, variants, self.value_methods());
        let unknown_label = format!(
            "{}.{}",
            self.label_prefix(false),
            crate::names::UNKNOWN_LABEL
        );
        out.extend(self.vocabulary_impls(
            &ty,
            &s.value_noun,
            quote!(Self::aliases(self)),
            &unknown_label,
            format_ident!("{}", if integer { "integer" } else { "str" }),
        ));
        let serializations = s
            .values
            .iter()
            .map(|e| {
                let spellings = std::iter::once(&e.wire).chain(&e.aliases).cloned();
                (ident(&e.name), spellings.collect())
            })
            .collect();
        out.extend(self.strum_impls(&ty, serializations, format_ident!("remedy")));
        out
    }

    fn variant(&self, e: &Entry) -> TokenStream {
        let doc = docs::attrs(&self.entry_doc(e));
        // rustdoc refuses an alias equal to the item's own name.
        let aliases = std::iter::once(&e.wire)
            .filter(|wire| **wire != e.name)
            .chain(e.aliases.iter().filter(|a| **a != e.name))
            .chain(&e.other_names)
            .map(|a| Literal::string(a));
        let name = ident(&e.name);
        let discriminant = (self.spec.wire_type == WireType::Integer)
            .then(|| code(e))
            .flatten()
            .map(|code| quote!(= #code));
        quote! {
            #doc
            #(#[doc(alias = #aliases)])*
            #name #discriminant,
        }
    }

    fn value_methods(&self) -> TokenStream {
        let s = self.spec;
        let names = || s.values.iter().map(|e| ident(&e.name));
        let mut out = super::all_const(
            &format!("Every {} this version knows, in spec order.", s.value_noun),
            names(),
        );
        out.extend(super::str_method(
            "The exact string the service sends for this value.",
            "as_str",
            s.values.iter().map(|e| (e.name.as_str(), e.wire.as_str())),
        ));
        out.extend(self.label_method(false, s.values.iter().map(|e| e.name.as_str())));
        out.extend(lookups(&s.values));
        if s.wire_type == WireType::Integer {
            out.extend(integer_methods(&s.values));
        }
        if let Some(sep) = s.hierarchy_separator {
            out.extend(family_method(sep));
        }
        out.extend(aliases_method(&s.values));
        out.extend(super::str_method(
            "What the value means.",
            "description",
            s.values
                .iter()
                .map(|e| (e.name.as_str(), e.description.as_str())),
        ));
        out.extend(super::str_method(
            "What the caller should do about it.",
            "remedy",
            s.values
                .iter()
                .map(|e| (e.name.as_str(), e.remedy.as_str())),
        ));
        if let Some(table) = s.statuses.as_ref().filter(|t| t.values_have_status) {
            let st = ident(&table.type_name);
            let arms = s.values.iter().map(|e| {
                let name = ident(&e.name);
                let status = ident(&status_of(table, e).name);
                quote!(Self::#name => #st::#status,)
            });
            let doc = docs::attrs("The HTTP status the service sends with this value.");
            out.extend(quote! {
                #doc
                #[inline]
                pub const fn status(self) -> #st {
                    match self {
                        #(#arms)*
                    }
                }
            });
        }
        out.extend(self.retry_method(
            &format!(
                "The retry policy that goes with this value. {} tells Apple's rules from \
                 this crate's reading of them.",
                self.rt_link(
                    "RetryPolicy::is_inferred",
                    "retry::RetryPolicy::is_inferred"
                )
            ),
            s.values.iter().map(|e| (e.name.as_str(), &e.retry)),
        ));
        out.extend(deprecation_method(&s.values));
        for flag in super::used_flags(s.values.iter().map(|e| e.flags.as_slice())) {
            out.extend(super::flag_method(
                flag,
                s.values
                    .iter()
                    .map(|e| (e.name.as_str(), e.flags.contains(&flag))),
            ));
            // Only where some value's fact is our reading: the others are
            // all Apple's.
            if s.values.iter().any(|e| e.inferred_flags.contains(&flag)) {
                out.extend(super::inferred_flag_method(
                    flag,
                    s.values
                        .iter()
                        .filter(|e| e.inferred_flags.contains(&flag))
                        .map(|e| e.name.as_str()),
                ));
            }
        }
        out
    }
}

/// `deprecation()`, on every value type so that code over several
/// vocabularies can ask: what Apple says about a deprecated value.
fn deprecation_method(values: &[Entry]) -> TokenStream {
    let doc = docs::attrs(
        "Why Apple deprecated this value, or what replaces it; `None` while it is current. A \
         deprecated value can still arrive.",
    );
    let arms: Vec<TokenStream> = values
        .iter()
        .filter_map(|e| {
            let (name, why) = (ident(&e.name), Literal::string(e.deprecated.as_deref()?));
            Some(quote!(Self::#name => ::core::option::Option::Some(#why),))
        })
        .collect();
    let body = if arms.is_empty() {
        quote! {
            let _ = self;
            ::core::option::Option::None
        }
    } else {
        quote! {
            match self {
                #(#arms)*
                _ => ::core::option::Option::None,
            }
        }
    };
    quote! {
        #doc
        #[inline]
        pub const fn deprecation(self) -> ::core::option::Option<&'static ::core::primitive::str> {
            #body
        }
    }
}

/// The code of an integer wire value, as a literal; `None` for strings.
fn code(e: &Entry) -> Option<Literal> {
    e.wire.parse::<u32>().ok().map(Literal::u32_unsuffixed)
}

/// For numeric codes: `code`, `from_code`, `name` and `from_name`.
fn integer_methods(values: &[Entry]) -> TokenStream {
    let code_doc = docs::attrs("The code as a number, as it is in the body's `errorCode`.");
    let from_code_doc =
        docs::attrs("The value for a numeric code; `None` for a code this version does not know.");
    // Only called for integer specs: every wire value is a code.
    let code_arms = values.iter().filter_map(|e| {
        let (name, code) = (ident(&e.name), code(e)?);
        Some(quote!(#code => ::core::option::Option::Some(Self::#name),))
    });
    let name = super::str_method(
        "Apple's name for the code (`TransactionIdNotFound`).",
        "name",
        values.iter().map(|e| (e.name.as_str(), e.name.as_str())),
    );
    let from_name_doc = docs::attrs(
        "The value for a name: Apple's, or another name the same code is known by; exact, \
         case included.",
    );
    let name_arms = values.iter().flat_map(|e| {
        let variant = ident(&e.name);
        std::iter::once(&e.name)
            .chain(&e.other_names)
            .map(move |n| {
                let n = Literal::byte_string(n.as_bytes());
                quote!(#n => ::core::option::Option::Some(Self::#variant),)
            })
    });
    quote! {
        #code_doc
        #[inline]
        pub const fn code(self) -> ::core::primitive::u32 {
            self as ::core::primitive::u32
        }

        #from_code_doc
        #[inline]
        pub const fn from_code(code: ::core::primitive::u32) -> ::core::option::Option<Self> {
            match code {
                #(#code_arms)*
                _ => ::core::option::Option::None,
            }
        }

        #name

        #from_name_doc
        pub const fn from_name(name: &::core::primitive::str) -> ::core::option::Option<Self> {
            match name.as_bytes() {
                #(#name_arms)*
                _ => ::core::option::Option::None,
            }
        }
    }
}

/// `from_wire` and `from_wire_bytes`: every spelling, aliases included.
fn lookups(values: &[Entry]) -> TokenStream {
    // Validation keeps spellings to printable ASCII, so a byte match is exact.
    let arms = values.iter().flat_map(|e| {
        let name = ident(&e.name);
        std::iter::once(&e.wire)
            .chain(&e.aliases)
            .map(move |spelling| {
                let spelling = Literal::byte_string(spelling.as_bytes());
                quote!(#spelling => ::core::option::Option::Some(Self::#name),)
            })
    });
    super::wire_lookups(
        "Looks up a wire string, documented aliases included; `None` for a string this \
         version does not know.\n\nMatching is exact: case and white space matter, as they \
         do on the wire.",
        "[`from_wire`](Self::from_wire) for bytes, such as a slice of a response body: no \
         UTF-8 check is needed, since every known spelling is ASCII.",
        arms.collect(),
        values.iter().map(|e| 1 + e.aliases.len()).sum(),
    )
}

/// `aliases(self)`: the other spellings of each value.
fn aliases_method(values: &[Entry]) -> TokenStream {
    let doc = docs::attrs(
        "Other spellings the service is known to send for this value; \
         [`from_wire`](Self::from_wire) accepts them.",
    );
    let body = if values.iter().all(|e| e.aliases.is_empty()) {
        quote! {
            let _ = self;
            &[]
        }
    } else {
        let arms = values.iter().filter(|e| !e.aliases.is_empty()).map(|e| {
            let name = ident(&e.name);
            let aliases = e.aliases.iter().map(|a| Literal::string(a));
            quote!(Self::#name => &[#(#aliases),*],)
        });
        let rest = values
            .iter()
            .any(|e| e.aliases.is_empty())
            .then(|| quote!(_ => &[],));
        quote! {
            match self {
                #(#arms)*
                #rest
            }
        }
    };
    quote! {
        #doc
        #[inline]
        pub const fn aliases(self) -> &'static [&'static ::core::primitive::str] {
            #body
        }
    }
}

/// `family_of`: the most specific known code that a code equals or
/// descends from, so matching by prefix works for codes Apple adds.
fn family_method(sep: char) -> TokenStream {
    let sep_doc = docs::attrs("The character between the levels of a value.");
    let doc = docs::attrs(&format!(
        "The most specific known value that `code` is or descends from: its longest \
         prefix, cut at `{sep}` boundaries, that this version knows.\n\n\
         Apple adds deeper levels over time, so match on the family rather than the \
         exact value. `None` when not even the top level is known."
    ));
    let sep = Literal::character(sep);
    quote! {
        #sep_doc
        pub const SEPARATOR: ::core::primitive::char = #sep;

        #doc
        #[inline]
        pub fn family_of(code: &::core::primitive::str) -> ::core::option::Option<Self> {
            let mut prefix = code;
            loop {
                if let ::core::option::Option::Some(known) = Self::from_wire(prefix) {
                    return ::core::option::Option::Some(known);
                }
                prefix = &prefix[..prefix.rfind(#sep)?];
            }
        }
    }
}
