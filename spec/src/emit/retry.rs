//! Retry policies as const expressions of the runtime's `RetryPolicy`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Ctx, ident};
use crate::model::{Retry, TokenAction};

impl Ctx<'_> {
    /// `RetryPolicy::new(RetryAction::…)` with a builder call for each field
    /// the rule sets; a const expression.
    pub(super) fn policy(&self, r: &Retry) -> TokenStream {
        let rt = self.rt;
        let action = ident(r.action.variant());
        let mut p = quote!(#rt::retry::RetryPolicy::new(#rt::retry::RetryAction::#action));
        if let Some(secs) = r.min_delay_secs {
            let secs = Literal::u64_unsuffixed(secs);
            p.extend(quote!(.with_min_delay_secs(#secs)));
        }
        if let Some(secs) = r.token_min_age_secs {
            let secs = Literal::u64_unsuffixed(secs);
            p.extend(quote!(.with_provider_token_min_age_secs(#secs)));
        }
        if r.token != TokenAction::Keep {
            let token = ident(r.token.variant());
            p.extend(quote!(.with_token(#rt::retry::TokenAction::#token)));
        }
        if r.inferred {
            p.extend(quote!(.inferred()));
        }
        if r.token_inferred {
            p.extend(quote!(.token_inferred()));
        }
        p
    }
}
