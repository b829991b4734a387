//! The status enum: one variant per documented HTTP status, with the
//! fallback rules that make its answers total over all codes.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Ctx, Row, docs, ident};
use crate::model::{StatusEntry, StatusTable};

impl Ctx<'_> {
    pub(super) fn status_enum(&self, table: &StatusTable) -> TokenStream {
        let s = self.spec;
        let ty = ident(&table.type_name);
        let doc = format!(
            "{}\n\nGenerated from `{}`. Codes not listed here still get a retry policy \
             from [`{}::retry_for_code`].",
            docs::md(&table.doc),
            s.file,
            table.type_name
        );
        let variants = table.entries.iter().map(|st| {
            let doc = docs::attrs(&self.status_doc(st));
            let name = ident(&st.name);
            let code = Literal::u16_unsuffixed(st.code);
            quote! {
                #doc
                #name = #code,
            }
        });
        let noun = format!("{} status", s.title);
        let methods = self.status_methods(table, &noun);
        let mut out = super::enum_with_methods(&doc, &ty, variants.collect(), methods);
        let unknown_label = format!(
            "{}.{}",
            self.label_prefix(true),
            crate::names::UNKNOWN_LABEL
        );
        out.extend(self.vocabulary_impls(
            &ty,
            &noun,
            quote!(&[]),
            &unknown_label,
            format_ident!("code"),
        ));
        let serializations = table
            .entries
            .iter()
            .map(|st| (ident(&st.name), vec![st.code.to_string()]))
            .collect();
        out.extend(self.strum_impls(&ty, serializations, format_ident!("remedy")));
        out
    }

    fn status_methods(&self, table: &StatusTable, noun: &str) -> TokenStream {
        let rt = self.rt;
        let entries = &table.entries;
        let names: Vec<Ident> = entries.iter().map(|st| ident(&st.name)).collect();
        let mut out = super::all_const(
            &format!("Every documented {noun}, in spec order."),
            names.iter().cloned(),
        );
        out.extend(codes(entries));
        out.extend(super::row_accessor(
            &self.label_doc(true, entries.first().map(|st| st.name.as_str())),
            "label",
            "label",
            quote!(&'static ::core::primitive::str),
        ));
        out.extend(success_method(entries));
        out.extend(super::row_accessor(
            "What the status means.",
            "description",
            "description",
            quote!(&'static ::core::primitive::str),
        ));
        out.extend(super::row_accessor(
            "What the caller should do about it.",
            "remedy",
            "remedy",
            quote!(&'static ::core::primitive::str),
        ));
        out.extend(super::row_accessor(
            "The retry policy for a request that got this status.",
            "retry",
            "retry",
            quote!(#rt::retry::RetryPolicy),
        ));
        out.extend(self.fallback_methods(table));
        for flag in super::used_flags(entries.iter().map(|st| st.flags.as_slice())) {
            // A success is never an error condition, whatever the flag says.
            out.extend(super::flag_method(
                flag,
                entries.iter().map(|st| {
                    let has = st.flags.contains(&flag) || (flag.negated() && st.success);
                    (st.name.as_str(), has)
                }),
            ));
        }
        let rows: Vec<Row> = entries
            .iter()
            .map(|st| Row {
                wire: Literal::string(&st.code.to_string()),
                label: Literal::string(&self.label(true, &st.name)),
                description: Literal::string(&st.description),
                remedy: Literal::string(&st.remedy),
                retry: self.policy(&st.retry),
                status: quote!(()),
                aliases: Vec::new(),
                deprecation: None,
            })
            .collect();
        // The codes are the discriminants: the position takes a `match`.
        out.extend(super::index_fn(&names));
        out.extend(self.row_fn(quote!(()), &rows, quote!(self.__index())));
        out
    }

    /// The answers for any code: listed codes use their entry, others the
    /// fallback rule for their class.
    fn fallback_methods(&self, table: &StatusTable) -> TokenStream {
        let rt = self.rt;
        let fb = &table.fallback;
        let retry_for_code = docs::attrs(
            "The retry policy for any status code, listed or not.\n\nListed codes use their \
             own policy; others get the rule for their class from \
             [`retry_for_unlisted`](Self::retry_for_unlisted), so the answer is total, like \
             `http::StatusCode::is_client_error`.",
        );
        let retry_for_unlisted = docs::attrs(
            "The rule for a status this table does not list, by class: 4xx, 5xx, or anything \
             else. Also the rule for a listed status that makes no sense where it came.",
        );
        let remedy_for_code = docs::attrs(
            "The remedy for any status code, listed or not, by the same rules as \
             [`retry_for_code`](Self::retry_for_code).",
        );
        let remedy_for_unlisted = docs::attrs(
            "The remedy that goes with [`retry_for_unlisted`](Self::retry_for_unlisted).",
        );
        let [client, server, other] = [&fb.client_error, &fb.server_error, &fb.other]
            .map(|rule| (self.policy(&rule.retry), Literal::string(&rule.remedy)));
        let (client_retry, client_remedy) = client;
        let (server_retry, server_remedy) = server;
        let (other_retry, other_remedy) = other;
        quote! {
            #retry_for_code
            #[inline]
            pub const fn retry_for_code(code: ::core::primitive::u16) -> #rt::retry::RetryPolicy {
                match Self::from_code(code) {
                    ::core::option::Option::Some(status) => status.retry(),
                    ::core::option::Option::None => Self::retry_for_unlisted(code),
                }
            }

            #retry_for_unlisted
            #[inline]
            pub const fn retry_for_unlisted(
                code: ::core::primitive::u16
            ) -> #rt::retry::RetryPolicy {
                match code {
                    400..=499 => #client_retry,
                    500..=599 => #server_retry,
                    _ => #other_retry,
                }
            }

            #remedy_for_code
            #[inline]
            pub const fn remedy_for_code(
                code: ::core::primitive::u16
            ) -> &'static ::core::primitive::str {
                match Self::from_code(code) {
                    ::core::option::Option::Some(status) => status.remedy(),
                    ::core::option::Option::None => Self::remedy_for_unlisted(code),
                }
            }

            #remedy_for_unlisted
            #[inline]
            pub const fn remedy_for_unlisted(
                code: ::core::primitive::u16
            ) -> &'static ::core::primitive::str {
                match code {
                    400..=499 => #client_remedy,
                    500..=599 => #server_remedy,
                    _ => #other_remedy,
                }
            }
        }
    }
}

/// `is_success`: true for the statuses marked as successes.
fn success_method(entries: &[StatusEntry]) -> TokenStream {
    let doc = docs::attrs("Whether the status means the request succeeded.");
    let test = super::matches_any(
        entries
            .iter()
            .filter(|st| st.success)
            .map(|st| st.name.as_str()),
    );
    quote! {
        #doc
        #[inline]
        pub const fn is_success(self) -> ::core::primitive::bool {
            #test
        }
    }
}

/// `code`, `from_code`, and the wire form: three ASCII digits.
fn codes(entries: &[StatusEntry]) -> TokenStream {
    let code_doc = docs::attrs("The numeric HTTP status.");
    let from_code_doc =
        docs::attrs("The status for a numeric code; `None` for codes this table does not list.");
    let from_code_arms = entries.iter().map(|st| {
        let code = Literal::u16_unsuffixed(st.code);
        let name = ident(&st.name);
        quote!(#code => ::core::option::Option::Some(Self::#name),)
    });
    let as_str = super::row_accessor(
        "The status as HTTP/2 sends it in the `:status` pseudo-header: three ASCII digits.",
        "as_str",
        "wire",
        quote!(&'static ::core::primitive::str),
    );
    let lookups = super::wire_lookups(
        "Parses three ASCII digits; `None` for anything else or an unlisted code.",
        "[`from_wire`](Self::from_wire) for bytes.",
        quote! {
            [h @ b'1'..=b'9', t @ b'0'..=b'9', u @ b'0'..=b'9'] => Self::from_code(
                (*h - b'0') as ::core::primitive::u16 * 100
                    + (*t - b'0') as ::core::primitive::u16 * 10
                    + (*u - b'0') as ::core::primitive::u16
            ),
        },
        // One arm, whatever the table: always small.
        1,
    );
    quote! {
        #code_doc
        #[inline]
        pub const fn code(self) -> ::core::primitive::u16 {
            self as ::core::primitive::u16
        }

        #from_code_doc
        #[inline]
        pub const fn from_code(code: ::core::primitive::u16) -> ::core::option::Option<Self> {
            match code {
                #(#from_code_arms)*
                _ => ::core::option::Option::None,
            }
        }

        #as_str

        #lookups
    }
}
