//! The operation enum: the requests of a surface, each with the one status
//! that means it succeeded.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Ctx, docs, ident};
use crate::model::{OperationTable, StatusTable};

impl Ctx<'_> {
    pub(super) fn operation_enum(&self, table: &StatusTable, ops: &OperationTable) -> TokenStream {
        let rt = self.rt;
        let ty = ident(&ops.type_name);
        let st = ident(&table.type_name);
        let variants = ops.entries.iter().map(|op| {
            let doc = docs::attrs(&format!(
                "{}\n\n`{} {}`, answered with {} on success.",
                docs::md(&op.description),
                op.method,
                op.path,
                op.success
            ));
            let name = ident(&op.name);
            quote! {
                #doc
                #name,
            }
        });
        let all = super::all_const(
            "Every operation, in spec order.",
            ops.entries.iter().map(|op| ident(&op.name)),
        );
        let method = super::str_method(
            "The HTTP method.",
            "method",
            ops.entries
                .iter()
                .map(|o| (o.name.as_str(), o.method.as_str())),
        );
        let path = super::str_method(
            "The path, with `{placeholders}` for its parameters.",
            "path",
            ops.entries
                .iter()
                .map(|o| (o.name.as_str(), o.path.as_str())),
        );
        let description = super::str_method(
            "What the operation does.",
            "description",
            ops.entries
                .iter()
                .map(|o| (o.name.as_str(), o.description.as_str())),
        );
        let rule = &ops.unexpected_success;
        let retry_doc = docs::attrs(
            "The retry policy when a request gets the success status of another operation: \
             it may have taken effect.",
        );
        let policy = self.policy(&rule.retry);
        let remedy_doc = docs::attrs(
            "The remedy that goes with \
             [`retry_for_unexpected_success`](Self::retry_for_unexpected_success).",
        );
        let remedy = Literal::string(&rule.remedy);
        let success_doc = docs::attrs("The one status that means the operation succeeded.");
        // Validation guarantees every success status is in the table.
        let success_arms = ops.entries.iter().filter_map(|op| {
            let status = table.entries.iter().find(|s| s.code == op.success)?;
            let (name, status) = (ident(&op.name), ident(&status.name));
            Some(quote!(Self::#name => #st::#status,))
        });
        let methods = quote! {
                #all
                #method
                #path
                #description

                #retry_doc
                #[inline]
                pub const fn retry_for_unexpected_success() -> #rt::retry::RetryPolicy {
                    #policy
                }

                #remedy_doc
                #[inline]
                pub const fn remedy_for_unexpected_success() -> &'static ::core::primitive::str {
                    #remedy
                }

                #success_doc
                #[inline]
                pub const fn success_status(self) -> #st {
                    match self {
                        #(#success_arms)*
                    }
                }
        };
        let doc = docs::md(&ops.doc);
        let mut out = super::enum_with_methods(&doc, &ty, variants.collect(), methods);
        // An operation has no wire value to write.
        out.extend(self.display_impl(&ty, "Writes the description.", format_ident!("description")));
        // An operation has no wire value: its name stands in.
        let serializations = ops
            .entries
            .iter()
            .map(|op| (ident(&op.name), vec![op.name.clone()]))
            .collect();
        // strum's derive gives the message as the detailed message when
        // there is no other; an operation has no remedy.
        out.extend(self.strum_impls(&ty, serializations, format_ident!("description")));
        out
    }
}
