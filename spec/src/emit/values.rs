//! The value enum: one variant per wire value, with lookups, docs and
//! retry policies.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Ctx, Row, docs, ident, status_of};
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
        let rt = self.rt;
        let names: Vec<Ident> = s.values.iter().map(|e| ident(&e.name)).collect();
        let integer = s.wire_type == WireType::Integer;
        let mut out = super::all_const(
            &format!("Every {} this version knows, in spec order.", s.value_noun),
            names.iter().cloned(),
        );
        let str_ty = quote!(&'static ::core::primitive::str);
        out.extend(super::row_accessor(
            "The exact string the service sends for this value.",
            "as_str",
            "wire",
            str_ty.clone(),
        ));
        out.extend(super::row_accessor(
            &self.label_doc(false, s.values.first().map(|e| e.name.as_str())),
            "label",
            "label",
            str_ty.clone(),
        ));
        out.extend(lookups(&s.values));
        if integer {
            out.extend(integer_methods(rt, &ident(&s.value_type), &s.values));
        }
        if let Some(sep) = s.hierarchy_separator {
            out.extend(family_method(sep));
        }
        out.extend(super::row_accessor(
            "Other spellings the service is known to send for this value; \
             [`from_wire`](Self::from_wire) accepts them.",
            "aliases",
            "aliases",
            quote!(&'static [&'static ::core::primitive::str]),
        ));
        out.extend(super::row_accessor(
            "What the value means.",
            "description",
            "description",
            str_ty.clone(),
        ));
        out.extend(super::row_accessor(
            "What the caller should do about it.",
            "remedy",
            "remedy",
            str_ty,
        ));
        let with_status = s.statuses.as_ref().filter(|t| t.values_have_status);
        if let Some(table) = with_status {
            let st = ident(&table.type_name);
            out.extend(super::row_accessor(
                "The HTTP status the service sends with this value.",
                "status",
                "status",
                quote!(#st),
            ));
        }
        out.extend(super::row_accessor(
            &format!(
                "The retry policy that goes with this value. {} tells Apple's rules from \
                 this crate's reading of them.",
                self.rt_link(
                    "RetryPolicy::is_inferred",
                    "retry::RetryPolicy::is_inferred"
                )
            ),
            "retry",
            "retry",
            quote!(#rt::retry::RetryPolicy),
        ));
        out.extend(super::row_accessor(
            "Why Apple deprecated this value, or what replaces it; `None` while it is current. A \
             deprecated value can still arrive.",
            "deprecation",
            "deprecation",
            quote!(::core::option::Option<&'static ::core::primitive::str>),
        ));
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
        let rows: Vec<Row> = s
            .values
            .iter()
            .map(|e| Row {
                wire: Literal::string(&e.wire),
                label: Literal::string(&self.label(false, &e.name)),
                description: Literal::string(&e.description),
                remedy: Literal::string(&e.remedy),
                retry: self.policy(&e.retry),
                status: match with_status {
                    Some(table) => {
                        let (st, status) =
                            (ident(&table.type_name), ident(&status_of(table, e).name));
                        quote!(#st::#status)
                    }
                    None => quote!(()),
                },
                aliases: e.aliases.iter().map(|a| Literal::string(a)).collect(),
                deprecation: e.deprecated.as_deref().map(Literal::string),
            })
            .collect();
        let status_ty = match with_status {
            Some(table) => {
                let st = ident(&table.type_name);
                quote!(#st)
            }
            None => quote!(()),
        };
        // Numeric codes are the discriminants: the position takes a `match`.
        let index = if integer {
            out.extend(super::index_fn(&names));
            quote!(self.__index())
        } else {
            quote!(self as ::core::primitive::usize)
        };
        out.extend(self.row_fn(status_ty, &rows, index));
        out
    }
}

/// The code of an integer wire value, as a literal; `None` for strings.
fn code(e: &Entry) -> Option<Literal> {
    e.wire.parse::<u32>().ok().map(Literal::u32_unsuffixed)
}

/// For numeric codes: `code`, `from_code`, `name` and `from_name`.
fn integer_methods(rt: &TokenStream, ty: &Ident, values: &[Entry]) -> TokenStream {
    let code_doc = docs::attrs("The code as a number, as it is in the body's `errorCode`.");
    let from_code_doc =
        docs::attrs("The value for a numeric code; `None` for a code this version does not know.");
    // Only called for integer specs: every wire value is a code.
    let code_arms = values.iter().filter_map(|e| {
        let (name, code) = (ident(&e.name), code(e)?);
        Some(quote!(#code => ::core::option::Option::Some(Self::#name),))
    });
    let name_doc = docs::attrs("Apple's name for the code (`TransactionIdNotFound`).");
    let names = values.iter().map(|e| Literal::string(&e.name));
    let count = Literal::usize_unsuffixed(values.len());
    let from_name_doc = docs::attrs(
        "The value for a name: Apple's, or another name the same code is known by; exact, \
         case included.",
    );
    // Sorted by bytes for the binary search; validation keeps names unique.
    let mut by_name: Vec<(&str, &str)> = values
        .iter()
        .flat_map(|e| {
            std::iter::once(&e.name)
                .chain(&e.other_names)
                .map(move |n| (n.as_str(), e.name.as_str()))
        })
        .collect();
    by_name.sort_unstable();
    let name_count = Literal::usize_unsuffixed(by_name.len());
    let by_name = by_name.iter().map(|(n, variant)| {
        let variant = ident(variant);
        quote!((#n, #ty::#variant))
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

        #name_doc
        #[inline]
        pub const fn name(self) -> &'static ::core::primitive::str {
            static NAMES: [&::core::primitive::str; #count] = [#(#names),*];
            NAMES[self.__index()]
        }

        #from_name_doc
        pub const fn from_name(name: &::core::primitive::str) -> ::core::option::Option<Self> {
            static BY_NAME: [(&::core::primitive::str, #ty); #name_count] = [#(#by_name),*];
            #rt::__private::find_name(&BY_NAME, name)
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
