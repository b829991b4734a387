//! The inputs of the macros, parsed with `syn`.

use syn::parse::{Parse, ParseStream};
use syn::{Ident, Lit, LitStr, Path, Token, bracketed};

/// `vocabulary!("specs/fcm.json")`, or with `, path = push::fcm`.
pub(crate) struct Vocabulary {
    /// The spec file, relative to the invoking crate's manifest.
    pub(crate) file: LitStr,
    /// Where the invocation is, from the crate root.
    pub(crate) module_path: Option<Path>,
}

impl Parse for Vocabulary {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if !input.peek(LitStr) {
            return Err(input.error(
                "expected the spec file's path as a string literal: `vocabulary!(\"specs/my_api.json\")`",
            ));
        }
        let file = input.parse()?;
        let mut module_path = None;
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: Ident = input.parse()?;
            if key != "path" || module_path.is_some() {
                let problem = if key == "path" {
                    "`path` is given twice".to_owned()
                } else {
                    format!("unknown option `{key}`; the one option is `path = module::path`")
                };
                return Err(syn::Error::new(key.span(), problem));
            }
            input.parse::<Token![=]>()?;
            module_path = Some(input.parse()?);
        }
        Ok(Vocabulary { file, module_path })
    }
}

/// `unknown_literal!("APNs reason", <literal>, ["BadCollapseId", …])`, as
/// the generated literal macros pass it.
pub(crate) struct UnknownLiteral {
    /// What a value is called (`APNs reason`).
    pub(crate) noun: LitStr,
    /// What the caller wrote.
    pub(crate) literal: Lit,
    /// Every known spelling.
    pub(crate) known: Vec<LitStr>,
}

impl Parse for UnknownLiteral {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let noun = input.parse()?;
        input.parse::<Token![,]>()?;
        let literal = input.parse()?;
        input.parse::<Token![,]>()?;
        let list;
        bracketed!(list in input);
        let known = list
            .parse_terminated(<LitStr as Parse>::parse, Token![,])?
            .into_iter()
            .collect();
        Ok(UnknownLiteral {
            noun,
            literal,
            known,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn vocabulary_takes_a_path_and_one_option() {
        let v: Vocabulary = syn::parse2(quote!("specs/a.json")).unwrap();
        assert_eq!(v.file.value(), "specs/a.json");
        assert!(v.module_path.is_none());
        let v: Vocabulary = syn::parse2(quote!("a.json", path = push::fcm,)).unwrap();
        let path = v.module_path.unwrap();
        assert_eq!(quote!(#path).to_string(), "push :: fcm");
    }

    #[test]
    fn vocabulary_refuses_anything_else() {
        let err = |tokens| syn::parse2::<Vocabulary>(tokens).err().unwrap().to_string();
        assert!(err(quote!(specs)).starts_with("expected the spec file's path"));
        assert!(err(quote!("a.json", module = x)).starts_with("unknown option `module`"));
        assert_eq!(
            err(quote!("a.json", path = a, path = b)),
            "`path` is given twice"
        );
    }

    #[test]
    fn unknown_literal_reads_what_the_generated_macros_pass() {
        let u: UnknownLiteral = syn::parse2(quote!("APNs reason", 17, ["A", "B"])).unwrap();
        assert_eq!(u.noun.value(), "APNs reason");
        assert!(matches!(u.literal, Lit::Int(_)));
        assert_eq!(u.known.len(), 2);
    }
}
