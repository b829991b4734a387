//! The inputs of the macros, parsed with `syn`.

use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, Lit, LitStr, Path, Token, bracketed, parenthesized};

/// `vocabulary!("specs/fcm.json")`, with the options `path = push::fcm`
/// and `crate = ::renamed_apple_errors`.
pub(crate) struct Vocabulary {
    /// The spec file, relative to the invoking crate's manifest.
    pub(crate) file: LitStr,
    /// Where the invocation is, from the crate root.
    pub(crate) module_path: Option<Path>,
    /// The path of the `apple-errors` crate, if not `::apple_errors`.
    pub(crate) runtime: Option<Path>,
}

impl Parse for Vocabulary {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if !input.peek(LitStr) {
            return Err(input.error(
                "expected the spec file's path as a string literal: `vocabulary!(\"specs/my_api.json\")`",
            ));
        }
        let file = input.parse()?;
        let (mut module_path, mut runtime) = (None, None);
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key = Ident::parse_any(input)?;
            let slot = match key.to_string().as_str() {
                "path" => &mut module_path,
                "crate" => &mut runtime,
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown option `{key}`; the options are `path = module::path` and `crate = path::to::apple_errors`"
                        ),
                    ));
                }
            };
            if slot.is_some() {
                return Err(syn::Error::new(
                    key.span(),
                    format!("`{key}` is given twice"),
                ));
            }
            input.parse::<Token![=]>()?;
            *slot = Some(input.call(Path::parse_mod_style)?);
        }
        Ok(Vocabulary {
            file,
            module_path,
            runtime,
        })
    }
}

/// `literal!("APNs reason", <literal>, [("BadCollapseId", <path>), …])` (or
/// `(4040010, <path>)` for numeric codes), as
/// the last arm of the generated checked-literal macros passes it.
pub(crate) struct Literal {
    /// What a value is called (`APNs reason`).
    pub(crate) noun: LitStr,
    /// What the caller wrote.
    pub(crate) literal: Lit,
    /// Every known spelling (a string, or a number for numeric codes), with
    /// the path of its variant.
    pub(crate) known: Vec<(Lit, TokenStream)>,
}

impl Parse for Literal {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let noun = input.parse()?;
        input.parse::<Token![,]>()?;
        let literal = input.parse()?;
        input.parse::<Token![,]>()?;
        let list;
        bracketed!(list in input);
        let mut known = Vec::new();
        while !list.is_empty() {
            let pair;
            parenthesized!(pair in list);
            let spelling = pair.parse()?;
            pair.parse::<Token![,]>()?;
            // The path starts with `$crate`, which only the compiler reads.
            known.push((spelling, pair.parse()?));
            if !list.is_empty() {
                list.parse::<Token![,]>()?;
            }
        }
        Ok(Literal {
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
        let generic = err(quote!("a.json", path = a<u8>));
        assert!(generic.starts_with("expected `,`"), "{generic}");
    }

    #[test]
    fn vocabulary_takes_the_runtime_path() {
        let v: Vocabulary = syn::parse2(quote!("a.json", crate = ::ae, path = a)).unwrap();
        let runtime = v.runtime.unwrap();
        assert_eq!(quote!(#runtime).to_string(), ":: ae");
        assert!(v.module_path.is_some());
    }

    #[test]
    fn literal_reads_what_the_generated_macros_pass() {
        let u: Literal = syn::parse2(quote!(
            "APNs reason",
            17,
            [("A", crate::x::R::A), ("B", crate::x::R::B),]
        ))
        .unwrap();
        assert_eq!(u.noun.value(), "APNs reason");
        assert!(matches!(u.literal, Lit::Int(_)));
        assert_eq!(u.known.len(), 2);
        assert!(matches!(&u.known[1].0, Lit::Str(b) if b.value() == "B"));
        assert_eq!(u.known[1].1.to_string(), "crate :: x :: R :: B");
    }
}
