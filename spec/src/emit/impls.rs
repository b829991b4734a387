//! The trait impls generated enums share: `Display`, `FromStr`,
//! `KnownValue`, and the serde and strum hooks.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Ctx, docs};

impl Ctx<'_> {
    /// `Display` writing what the inherent method `text` returns,
    /// documented by `doc`.
    pub(super) fn display_impl(&self, ty: &Ident, doc: &str, text: Ident) -> TokenStream {
        let doc = docs::attrs(doc);
        quote! {
            impl ::core::fmt::Display for #ty {
                #doc
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.#text())
                }
            }
        }
    }

    /// What every vocabulary type has: `Display`, `FromStr` and
    /// `KnownValue`, all on the inherent methods, then the serde hook.
    /// `aliases` is the body of `KnownValue::aliases`; `unknown_label` is the
    /// label of the values of this type that this version does not know;
    /// `serde_form` is `str`, or `code`/`integer` for values that are
    /// numbers (which also sets `KnownValue::NUMERIC`).
    pub(super) fn vocabulary_impls(
        &self,
        ty: &Ident,
        noun: &str,
        aliases: TokenStream,
        unknown_label: &str,
        serde_form: Ident,
    ) -> TokenStream {
        let rt = self.rt;
        // As `http::Method` does: the value as the service sends it. The
        // meaning is `description()`.
        let display = self.display_impl(
            ty,
            "Writes the wire value, as `as_str` gives it; `description` says what it means.",
            format_ident!("as_str"),
        );
        let noun = Literal::string(noun);
        let unknown_label = Literal::string(unknown_label);
        let serde_badge = self.feature_badge("serde");
        let numeric = serde_form != "str";
        quote! {
            #display

            impl ::core::str::FromStr for #ty {
                type Err = #rt::UnknownValue;

                // `Self::Err` would be ambiguous with a variant named `Err`.
                fn from_str(
                    value: &::core::primitive::str
                ) -> ::core::result::Result<Self, #rt::UnknownValue> {
                    Self::from_wire(value).ok_or_else(|| #rt::UnknownValue::new(#noun, value))
                }
            }

            impl #rt::KnownValue for #ty {
                const NOUN: &'static ::core::primitive::str = #noun;
                const ALL: &'static [Self] = Self::ALL;
                const UNKNOWN_LABEL: &'static ::core::primitive::str = #unknown_label;
                const NUMERIC: ::core::primitive::bool = #numeric;

                fn as_str(self) -> &'static ::core::primitive::str {
                    Self::as_str(self)
                }

                fn from_wire(value: &::core::primitive::str) -> ::core::option::Option<Self> {
                    Self::from_wire(value)
                }

                fn from_wire_bytes(
                    value: &[::core::primitive::u8]
                ) -> ::core::option::Option<Self> {
                    Self::from_wire_bytes(value)
                }

                fn aliases(self) -> &'static [&'static ::core::primitive::str] {
                    #aliases
                }

                fn label(self) -> &'static ::core::primitive::str {
                    Self::label(self)
                }

                fn description(self) -> &'static ::core::primitive::str {
                    Self::description(self)
                }

                fn remedy(self) -> &'static ::core::primitive::str {
                    Self::remedy(self)
                }

                fn retry(self) -> #rt::retry::RetryPolicy {
                    Self::retry(self)
                }
            }

            // Expanded by the runtime crate, so that its `serde` feature
            // decides, wherever this code is included.
            #rt::__private::impl_serde!(#serde_badge #ty, #serde_form);
        }
    }

    /// The strum hook: the runtime crate's `impl_strum!` implements strum's
    /// traits when its `strum` feature is on. `serializations` are each
    /// variant's spellings, wire value first (the first ones are the
    /// `VariantNames`); `detailed` is the method giving the detailed message.
    pub(super) fn strum_impls(
        &self,
        ty: &Ident,
        serializations: Vec<(Ident, Vec<String>)>,
        detailed: Ident,
    ) -> TokenStream {
        let rt = self.rt;
        let strum_badge = self.feature_badge("strum");
        let names = serializations.iter().map(|(_, s)| Literal::string(&s[0]));
        let arms = serializations.iter().map(|(variant, spellings)| {
            let spellings = spellings.iter().map(|s| Literal::string(s));
            quote!(Self::#variant => &[#(#spellings),*])
        });

        quote! {
            #rt::__private::impl_strum! {
                #strum_badge
                #ty,
                names: [#(#names),*],
                serializations: { #(#arms),* },
                message: Self::description,
                detailed: Self::#detailed,
            }
        }
    }
}
