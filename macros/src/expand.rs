//! `vocabulary!`: read, load and validate the spec, then emit it.

use std::path::Path;

use apple_errors_spec::emit::{self, Options};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

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
    let json = std::fs::read_to_string(&path)
        .map_err(|e| at(format!("cannot read `{written}` ({}): {e}", path.display())))?;
    // Errors name the file as the invocation does.
    let spec = apple_errors_spec::load(&written, &json).map_err(|e| at(e.to_string()))?;
    let mut options = Options::default();
    if let Some(module_path) = &input.module_path {
        let segments: Vec<String> = module_path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        options = options.with_module_path(&segments.join("::"));
    }
    let items = emit::emit(&spec, &options);
    // Cargo rebuilds a crate when a file it `include_bytes!` changes; proc
    // macros have no stable way to say so themselves.
    let tracked = path
        .to_str()
        .map(Literal::string)
        .ok_or_else(|| at(format!("the path {} is not UTF-8", path.display())))?;
    Ok(quote! {
        const _: &[::core::primitive::u8] = ::core::include_bytes!(#tracked);
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
        assert!(code.contains("pub use __apple_errors_apns_reason as reason"));
        assert!(code.contains(":: core :: include_bytes !"));
        let code = run(quote!("apns.json", path = push::apple), &spec_dir()).unwrap();
        assert!(code.contains("pub use __apple_errors_push_apple_reason as reason"));
    }

    #[test]
    fn problems_name_the_file() {
        let err = run(quote!("no/such.json"), &spec_dir()).unwrap_err();
        assert!(err.starts_with("cannot read `no/such.json` ("), "{err}");
        let err = run(quote!("README.md"), &spec_dir()).unwrap_err();
        assert!(err.starts_with("README.md: invalid JSON"), "{err}");
        let input: Vocabulary = syn::parse2(quote!("apns.json")).unwrap();
        let err = vocabulary(&input, None).unwrap_err().to_string();
        assert!(err.starts_with("CARGO_MANIFEST_DIR is not set"), "{err}");
    }
}
