//! `vocabulary!`: read, load and validate the spec, then emit it.

use std::path::Path;

use apple_errors_spec::emit::{self, Options};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::Vocabulary;

/// The items for `input`, with the spec file found under `manifest_dir`;
/// every problem is an error at the file's literal.
pub(crate) fn vocabulary(
    input: &Vocabulary,
    manifest_dir: Option<&Path>,
) -> syn::Result<TokenStream> {
    let at = |problem: String| syn::Error::new(input.file.span(), problem);
    let written = input.file.value();
    let Some(dir) = manifest_dir else {
        return Err(at(
            "CARGO_MANIFEST_DIR is not set: spec paths are relative to the crate's Cargo.toml, so build with Cargo".into(),
        ));
    };
    let path = dir.join(&written);
    // The kind, not the OS's text, so that messages read the same anywhere.
    let json = std::fs::read_to_string(&path).map_err(|e| {
        at(format!(
            "cannot read `{written}` ({}): {}",
            path.display(),
            e.kind()
        ))
    })?;
    // Errors name the file as the invocation does.
    let spec = apple_errors_spec::load(&written, &json).map_err(|e| at(e.to_string()))?;
    let mut options = match &input.runtime {
        Some(runtime) => Options::new(quote!(#runtime)),
        None => Options::default(),
    };
    let module_path = match &input.module_path {
        Some(path) => {
            let text = quote!(#path).to_string().replace(' ', "");
            options = options
                .with_module_path(&text)
                .map_err(|e| syn::Error::new_spanned(path, e))?;
            quote!(#path)
        }
        None => {
            let module = Ident::new(&spec.module, Span::call_site());
            quote!(#module)
        }
    };
    let items = emit::emit(&spec, &options);
    // The checked-literal macro reaches the type from the crate root: check
    // here that it does, so that a wrong `path` fails at the invocation
    // rather than at the first literal.
    let ty = Ident::new(&spec.value_type, Span::call_site());
    let check_at = match &input.module_path {
        Some(path) => path.span(),
        None => input.file.span(),
    };
    let module_path = module_path.into_iter().map(|mut t| {
        t.set_span(check_at);
        t
    });
    let check = quote_spanned! {check_at=>
        const _: fn(#ty) -> crate::#(#module_path)*::#ty = |value| value;
    };
    // Cargo rebuilds a crate when a file it `include_bytes!` changes; proc
    // macros have no stable way to say so themselves.
    let tracked = path
        .to_str()
        .map(Literal::string)
        .ok_or_else(|| at(format!("the path {} is not UTF-8", path.display())))?;
    Ok(quote! {
        const _: &[::core::primitive::u8] = ::core::include_bytes!(#tracked);
        #check
        #items
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(tokens: TokenStream, dir: &Path) -> Result<String, String> {
        let input: Vocabulary = syn::parse2(tokens).unwrap();
        vocabulary(&input, Some(dir))
            .map(|t| t.to_string())
            .map_err(|e| e.to_string())
    }

    fn spec_dir() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
    }

    #[test]
    fn a_bundled_spec_expands_with_its_literal_macro() {
        let code = run(quote!("apns.json"), &spec_dir()).unwrap();
        assert!(code.contains("pub enum Reason"), "{code}");
        assert!(code.contains("as reason ;"), "{code}");
        assert!(code.contains(":: core :: include_bytes !"));
        assert!(
            code.contains("crate :: apns :: Reason = | value | value"),
            "{code}"
        );
        let code = run(quote!("apns.json", path = push::apple), &spec_dir()).unwrap();
        assert!(code.contains("crate :: push :: apple :: Reason = | value | value"));
        let code = run(quote!("apns.json", crate = ::ae), &spec_dir()).unwrap();
        assert!(code.contains(":: ae :: retry :: RetryPolicy"));
    }

    #[test]
    fn problems_name_the_file() {
        let err = run(quote!("no/such.json"), &spec_dir()).unwrap_err();
        assert!(err.starts_with("cannot read `no/such.json` ("), "{err}");
        assert!(err.ends_with("): entity not found"), "{err}");
        for bad in [
            quote!(self::x),
            quote!(super::x),
            quote!(::x),
            quote!(x::crate),
        ] {
            let err = run(quote!("apns.json", path = #bad), &spec_dir()).unwrap_err();
            assert!(err.starts_with("module path `"), "{err}");
        }
        let err = run(quote!("README.md"), &spec_dir()).unwrap_err();
        assert!(err.starts_with("README.md: invalid JSON"), "{err}");
        let input: Vocabulary = syn::parse2(quote!("apns.json")).unwrap();
        let err = vocabulary(&input, None).unwrap_err().to_string();
        assert!(err.starts_with("CARGO_MANIFEST_DIR is not set"), "{err}");
    }
}
