//! Schedules: named lists of delays, as `Duration` slice constants.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Ctx, docs, ident};

impl Ctx<'_> {
    pub(super) fn schedules(&self) -> TokenStream {
        self.spec
            .schedules
            .iter()
            .map(|sch| {
                let doc = docs::attrs(&format!(
                    "{}\n\nSource: Apple, {}.",
                    docs::md(&sch.doc),
                    docs::page_ref(&sch.page, sch.page_url.as_deref())
                ));
                let name = ident(&sch.name);
                let delays = sch
                    .delays_secs
                    .iter()
                    .map(|secs| Literal::u64_unsuffixed(*secs));
                quote! {
                    #doc
                    pub const #name: &[::core::time::Duration] = &[
                        #(::core::time::Duration::from_secs(#delays)),*
                    ];
                }
            })
            .collect()
    }
}
