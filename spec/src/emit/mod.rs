//! Turning a validated spec into Rust.
//!
//! [`emit`] returns the items as tokens, meant to be `include!`d into a
//! hand-written module that holds the module docs; [`render_file`] renders
//! them as the text of a file for `OUT_DIR`, and [`overview`] writes the
//! Markdown table of the spec that the module docs include. Every name from `core` is written in full
//! (`::core::option::Option::Some`, `::core::primitive::str`), so nothing in
//! the including module's scope can change what the code means, and items of
//! the `apple-errors` runtime go through [`Options::runtime`]. The output is
//! deterministic: entries keep their file order, and nothing depends on
//! hash-map iteration or the environment.

mod docs;
mod impls;
mod literal;
mod operations;
mod overview;
mod retry;
mod schedules;
mod statuses;
mod values;

use proc_macro2::{Ident, Literal, TokenStream, TokenTree};
use quote::{format_ident, quote};

pub use self::docs::md;
pub use self::overview::overview;
use crate::model::{Entry, Flag, Spec, StatusEntry, StatusTable};
use crate::names::{is_keyword, is_reserved};

/// Options for [`emit`]. Made with [`Options::new`] or [`Default`], so that
/// options can be added without breaking callers.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Options {
    /// Path of the `apple-errors` runtime crate as seen from the generated
    /// code: `crate` inside `apple-errors`, `::apple_errors` (the default)
    /// elsewhere. A build script without `quote` can write
    /// `"crate".parse().expect("a path")`.
    pub runtime: TokenStream,
    /// Where the including crate puts the items, from its root, as module
    /// names; see [`Options::with_module_path`].
    module_path: Option<Vec<String>>,
}

/// A module path [`Options::with_module_path`] cannot use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModulePathError {
    path: String,
    problem: String,
}

impl std::fmt::Display for ModulePathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "module path `{}`: {}", self.path, self.problem)
    }
}

impl std::error::Error for ModulePathError {}

impl Options {
    /// Options for code that reaches the runtime crate at `runtime`.
    pub fn new(runtime: TokenStream) -> Self {
        Options {
            runtime,
            module_path: None,
        }
    }

    /// The same options, for items included at `path` from the including
    /// crate's root (`apns::broadcast`; a leading `crate::` is allowed, and
    /// raw identifiers such as `r#type`). The checked-literal macro names
    /// the value type through it. Without it, the items are taken to be in
    /// a module at the root named after the spec's `module`.
    ///
    /// Module names only: `self`, `super`, a leading `::`, generics or an
    /// empty path are refused, since the macro's path must start at the
    /// crate root.
    pub fn with_module_path(mut self, path: &str) -> Result<Self, ModulePathError> {
        let refuse = |problem: String| ModulePathError {
            path: path.to_owned(),
            problem,
        };
        let mut segments: Vec<&str> = path.split("::").map(str::trim).collect();
        if segments.first() == Some(&"crate") {
            segments.remove(0);
        }
        if segments.is_empty() || segments == [""] {
            return Err(refuse(
                "names no module; give the modules from the crate root".into(),
            ));
        }
        for segment in &segments {
            let bare = segment.strip_prefix("r#").unwrap_or(segment);
            let ident = bare.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && bare != "_";
            if !ident || is_reserved(bare) {
                return Err(refuse(format!(
                    "`{segment}` is not a module name; give the modules from the crate root, as in `api::push`"
                )));
            }
        }
        self.module_path = Some(segments.iter().map(|s| (*s).to_owned()).collect());
        Ok(self)
    }

    /// The module path set with [`with_module_path`](Self::with_module_path).
    pub fn module_path(&self) -> Option<&[String]> {
        self.module_path.as_deref()
    }
}

impl Default for Options {
    fn default() -> Self {
        Options::new(quote!(::apple_errors))
    }
}

/// Generates the items for one spec: the value enum, then the status and
/// operation enums when the spec has them, then the schedules.
///
/// The spec must have passed [`crate::validate`]; unchecked input can yield
/// code that does not compile.
pub fn emit(spec: &Spec, options: &Options) -> TokenStream {
    Ctx::new(spec, options).items()
}

impl<'a> Ctx<'a> {
    fn new(spec: &'a Spec, options: &'a Options) -> Self {
        Ctx {
            spec,
            rt: &options.runtime,
            rt_doc: doc_path(&options.runtime),
            module_path: match &options.module_path {
                Some(path) => path.clone(),
                None => vec![spec.module.clone()],
            },
        }
    }

    /// Whether the code is for the runtime crate itself (`crate`).
    fn inside_runtime(&self) -> bool {
        matches!(
            self.rt.clone().into_iter().collect::<Vec<_>>().as_slice(),
            [TokenTree::Ident(i)] if i == "crate"
        )
    }

    /// `#[cfg_attr(docsrs, doc(cfg(feature = …)))]` for an impl that a
    /// runtime feature turns on, so that docs.rs shows the feature it needs;
    /// nothing for code outside the runtime, whose crate may not enable
    /// rustdoc's `doc_cfg` under `docsrs`.
    fn feature_badge(&self, feature: &str) -> TokenStream {
        if self.inside_runtime() {
            quote!(#[cfg_attr(docsrs, doc(cfg(feature = #feature)))])
        } else {
            TokenStream::new()
        }
    }

    /// What a label starts with: the module path with dots, raw
    /// identifiers without `r#` (`apns.broadcast`); for the status type, its
    /// name in snake_case after that (`apns.status`).
    fn label_prefix(&self, status: bool) -> String {
        let mut prefix: Vec<String> = self
            .module_path
            .iter()
            .map(|m| m.strip_prefix("r#").unwrap_or(m).to_owned())
            .collect();
        if let (true, Some(table)) = (status, &self.spec.statuses) {
            prefix.push(crate::names::snake_case(&table.type_name));
        }
        prefix.join(".")
    }

    /// The label of the variant `name`: `<prefix>.<variant in snake_case>`.
    fn label(&self, status: bool, name: &str) -> String {
        format!(
            "{}.{}",
            self.label_prefix(status),
            crate::names::label_tail(name)
        )
    }

    /// The doc of `label(self)`, which states the rule, with the label of
    /// the first variant as the example.
    fn label_doc(&self, status: bool, first: Option<&str>) -> String {
        let prefix = self.label_prefix(status);
        let example = first.map_or(String::new(), |n| format!(" (`{}`)", self.label(status, n)));
        let other = self.rt_link("KnownValue::UNKNOWN_LABEL", "KnownValue::UNKNOWN_LABEL");
        format!(
            "A stable, low-cardinality name for metrics and logs: `{prefix}.` and the variant's \
             name in snake_case{example}. A value this version does not know has none of \
             these; it is counted as `{prefix}.{}` ({other}), with the raw string kept apart.",
            crate::names::UNKNOWN_LABEL
        )
    }

    /// `__row(self)`: the variant's [row](Row) of the type's one `static`
    /// table, which the accessors read. `status` is the type of the rows'
    /// `status` (`()` for none); `index` is the variant's position in the
    /// table (see [`index_fn`]).
    fn row_fn(&self, status: TokenStream, rows: &[Row], index: TokenStream) -> TokenStream {
        let rt = self.rt;
        let count = Literal::usize_unsuffixed(rows.len());
        let rows = rows.iter().map(|row| {
            let Row {
                wire,
                label,
                description,
                remedy,
                retry,
                status,
                aliases,
                deprecation,
            } = row;
            let deprecation = match deprecation {
                Some(why) => quote!(::core::option::Option::Some(#why)),
                None => quote!(::core::option::Option::None),
            };
            quote! {
                #rt::__private::Row {
                    wire: #wire,
                    label: #label,
                    description: #description,
                    remedy: #remedy,
                    retry: #retry,
                    status: #status,
                    aliases: &[#(#aliases),*],
                    deprecation: #deprecation,
                }
            }
        });
        quote! {
            #[inline]
            const fn __row(self) -> &'static #rt::__private::Row<#status> {
                static ROWS: [#rt::__private::Row<#status>; #count] = [#(#rows),*];
                &ROWS[#index]
            }
        }
    }

    fn items(&self) -> TokenStream {
        let (cx, spec) = (self, self.spec);
        let mut out = cx.value_enum();
        out.extend(cx.literal_macro());
        if let Some(table) = &spec.statuses {
            out.extend(cx.status_enum(table));
            if let Some(ops) = &spec.operations {
                out.extend(cx.operation_enum(table, ops));
            }
        }
        out.extend(cx.schedules());
        out
    }
}

/// The comment that opens every generated file: what made it, from what.
pub fn header(spec: &Spec) -> String {
    format!(
        "// @generated by apple-errors-spec {} from {} (format {}).\n\
         // Do not edit: change the spec file and rebuild.\n\n",
        env!("CARGO_PKG_VERSION"),
        spec.file,
        crate::load::FORMAT
    )
}

/// The whole file for `OUT_DIR`: [`header`], then the tokens of [`emit`] as
/// [`TokenStream`] prints them, on one line, unformatted.
pub fn render_file(spec: &Spec, options: &Options) -> String {
    let mut file = header(spec);
    file.push_str(&emit(spec, options).to_string());
    file.push('\n');
    file
}

/// What every part of the emitter needs.
struct Ctx<'a> {
    spec: &'a Spec,
    /// The runtime crate's path, for code.
    rt: &'a TokenStream,
    /// The same path as rustdoc reads link targets, when it is a plain path.
    rt_doc: Option<String>,
    /// The modules from the including crate's root to the items.
    module_path: Vec<String>,
}

/// A path of identifiers and `::` as one string for intra-doc links
/// (`::apple_errors`, `crate`); `None` for anything else, such as a macro's
/// `$crate`, which rustdoc cannot resolve in a link.
fn doc_path(path: &TokenStream) -> Option<String> {
    let mut out = String::new();
    for token in path.clone() {
        match token {
            TokenTree::Ident(ident) => out.push_str(&ident.to_string()),
            TokenTree::Punct(p) if p.as_char() == ':' => out.push(':'),
            _ => return None,
        }
    }
    (!out.is_empty() && !out.contains('$')).then_some(out)
}

/// The identifier for a validated name: a keyword that can be raw is written
/// raw (`r#type`).
fn ident(name: &str) -> Ident {
    debug_assert!(!is_reserved(name), "`{name}` passed validation");
    if is_keyword(name) {
        format_ident!("r#{}", name)
    } else {
        format_ident!("{}", name)
    }
}

/// A generated enum: its doc, the derives (paths in full), the variants,
/// and an inherent impl with `methods`.
fn enum_with_methods(
    doc: &str,
    ty: &Ident,
    variants: TokenStream,
    methods: TokenStream,
) -> TokenStream {
    enum_with_attrs(doc, TokenStream::new(), ty, variants, methods)
}

/// [`enum_with_methods`] with more attributes on the enum (`#[repr(u32)]`).
fn enum_with_attrs(
    doc: &str,
    attrs: TokenStream,
    ty: &Ident,
    variants: TokenStream,
    methods: TokenStream,
) -> TokenStream {
    let doc = docs::attrs(doc);
    quote! {
        #doc
        #attrs
        #[derive(
            ::core::clone::Clone,
            ::core::marker::Copy,
            ::core::fmt::Debug,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash,
            ::core::cmp::PartialOrd,
            ::core::cmp::Ord
        )]
        #[non_exhaustive]
        pub enum #ty {
            #variants
        }

        impl #ty {
            #methods
        }
    }
}

/// `pub const ALL: &'static [Self]`, every variant in order.
fn all_const(doc: &str, names: impl Iterator<Item = Ident>) -> TokenStream {
    let doc = docs::attrs(doc);
    quote! {
        #doc
        pub const ALL: &'static [Self] = &[#(Self::#names),*];
    }
}

/// A `const fn name(self) -> &'static str` that matches on every variant.
fn str_method<'s>(
    doc: &str,
    name: &str,
    arms: impl Iterator<Item = (&'s str, &'s str)>,
) -> TokenStream {
    let doc = docs::attrs(doc);
    let name = ident(name);
    let arms = arms.map(|(variant, text)| {
        let variant = ident(variant);
        let text = Literal::string(text);
        quote!(Self::#variant => #text,)
    });
    quote! {
        #doc
        #[inline]
        pub const fn #name(self) -> &'static ::core::primitive::str {
            match self {
                #(#arms)*
            }
        }
    }
}

/// What one row of a generated table holds, as tokens (see `Row` in the
/// runtime's `__private`).
struct Row {
    wire: Literal,
    label: Literal,
    description: Literal,
    remedy: Literal,
    retry: TokenStream,
    status: TokenStream,
    aliases: Vec<Literal>,
    deprecation: Option<Literal>,
}

/// `__index(self)`: the variant's position in spec order, for a type whose
/// discriminants are codes (numeric codes, statuses); other enums read it
/// with `self as usize`. One `match` that every accessor shares, not
/// inlined for large tables, where it is a tree of comparisons.
fn index_fn(names: &[Ident]) -> TokenStream {
    let arms = names.iter().enumerate().map(|(i, name)| {
        let i = Literal::usize_unsuffixed(i);
        quote!(Self::#name => #i,)
    });
    let inline = (names.len() < INLINE_INDEX_LIMIT).then(|| quote!(#[inline]));
    quote! {
        #inline
        const fn __index(self) -> ::core::primitive::usize {
            match self {
                #(#arms)*
            }
        }
    }
}

/// Types with codes as discriminants and at least this many variants get
/// no `#[inline]` on `__index`: one compiled copy of its `match` instead of
/// one in every accessor that is inlined.
const INLINE_INDEX_LIMIT: usize = 32;

/// `method(self)`, a `const fn` that returns `field` of the variant's row.
fn row_accessor(doc: &str, method: &str, field: &str, ty: TokenStream) -> TokenStream {
    let doc = docs::attrs(doc);
    let (method, field) = (ident(method), ident(field));
    quote! {
        #doc
        #[inline]
        pub const fn #method(self) -> #ty {
            self.__row().#field
        }
    }
}

/// Tables with at least this many spellings get no `#[inline]` on
/// `from_wire_bytes`: in release builds the `match` is compiled again in
/// every module that calls it, which at 512 values added 1.2 s per module
/// (`benches/lookup`, BENCHMARKS.md). Smaller tables keep it, for speed.
pub const INLINE_LOOKUP_LIMIT: usize = 512;

/// `from_wire`, which hands the string's bytes to `from_wire_bytes`, and
/// `from_wire_bytes`, which runs `match value { … }` with `arms` and a
/// final `None`; `spellings` is the number of arms.
fn wire_lookups(
    from_wire_doc: &str,
    bytes_doc: &str,
    arms: TokenStream,
    spellings: usize,
) -> TokenStream {
    let from_wire_doc = docs::attrs(from_wire_doc);
    let bytes_doc = docs::attrs(bytes_doc);
    let inline = (spellings < INLINE_LOOKUP_LIMIT).then(|| quote!(#[inline]));
    quote! {
        #from_wire_doc
        #[inline]
        pub const fn from_wire(value: &::core::primitive::str) -> ::core::option::Option<Self> {
            Self::from_wire_bytes(value.as_bytes())
        }

        #bytes_doc
        #inline
        pub const fn from_wire_bytes(
            value: &[::core::primitive::u8]
        ) -> ::core::option::Option<Self> {
            match value {
                #arms
                _ => ::core::option::Option::None,
            }
        }
    }
}

/// `::core::matches!(self, Self::A | Self::B)`, or `false` for no variant.
fn matches_any<'s>(variants: impl Iterator<Item = &'s str>) -> TokenStream {
    let variants: Vec<Ident> = variants.map(ident).collect();
    if variants.is_empty() {
        quote!(false)
    } else {
        quote!(::core::matches!(self, #(Self::#variants)|*))
    }
}

/// The query method for `flag`, true for the variants in `arms` that have it
/// (false for them, if the flag is negated).
fn flag_method<'s>(flag: Flag, arms: impl Iterator<Item = (&'s str, bool)>) -> TokenStream {
    let doc = docs::attrs(flag.method_doc());
    let name = ident(flag.method());
    let test = matches_any(arms.filter(|(_, has)| *has).map(|(v, _)| v));
    let test = if flag.negated() { quote!(!#test) } else { test };
    quote! {
        #doc
        #[inline]
        pub const fn #name(self) -> ::core::primitive::bool {
            #test
        }
    }
}

/// The name of the query method that tells whether `flag` is inferred for a
/// value: `needs_new_connection_is_inferred`.
fn inferred_method(flag: Flag) -> String {
    format!("{}_is_inferred", flag.method())
}

/// `<flag method>_is_inferred`, true for the variants in `arms` whose flag
/// is our reading rather than Apple's statement.
fn inferred_flag_method<'s>(flag: Flag, arms: impl Iterator<Item = &'s str>) -> TokenStream {
    let method = flag.method();
    let doc = docs::attrs(&format!(
        "Whether [`{method}`](Self::{method}) is this crate's reading of Apple's guidance for \
         this value rather than Apple's statement: `false` where Apple states it, and where \
         [`{method}`](Self::{method}) is `false`."
    ));
    let name = ident(&inferred_method(flag));
    let test = matches_any(arms);
    quote! {
        #doc
        #[inline]
        pub const fn #name(self) -> ::core::primitive::bool {
            #test
        }
    }
}

/// The flags some entry of one type uses, in declaration order: each gets a
/// query method on that type, and types without the flag get none.
fn used_flags<'s>(entries: impl Iterator<Item = &'s [Flag]>) -> Vec<Flag> {
    let used: Vec<Flag> = entries.flatten().copied().collect();
    Flag::ALL
        .iter()
        .copied()
        .filter(|f| used.contains(f))
        .collect()
}

fn status_of<'t>(table: &'t StatusTable, e: &Entry) -> &'t StatusEntry {
    // Validation guarantees the status is in the table.
    table
        .entries
        .iter()
        .find(|s| Some(s.code) == e.status)
        .unwrap_or_else(|| panic!("`{}`: status not in table; validate the spec first", e.wire))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_paths_are_checked() {
        let path = |p: &str| {
            Options::default()
                .with_module_path(p)
                .map(|o| o.module_path().unwrap().join("/"))
        };
        assert_eq!(path("apns::broadcast").unwrap(), "apns/broadcast");
        assert_eq!(path("crate::a::r#type").unwrap(), "a/r#type");
        assert_eq!(path(" a :: b ").unwrap(), "a/b");
        for bad in [
            "", "crate", "::a", "self::a", "a::super", "a::crate", "a-b", "a<u8>", "a::", "_",
        ] {
            let err = path(bad).unwrap_err();
            assert!(
                err.to_string()
                    .starts_with(&format!("module path `{bad}`: ")),
                "{err}"
            );
        }
    }

    #[test]
    fn plain_paths_become_link_targets() {
        assert_eq!(
            doc_path(&quote!(::apple_errors)),
            Some("::apple_errors".into())
        );
        assert_eq!(doc_path(&quote!(crate)), Some("crate".into()));
        assert_eq!(doc_path(&quote!(a::b)), Some("a::b".into()));
    }

    #[test]
    fn other_paths_give_plain_text() {
        let dollar: TokenStream = "$crate".parse().unwrap();
        assert_eq!(doc_path(&dollar), None);
        assert_eq!(doc_path(&quote!(<T as X>)), None);
        assert_eq!(doc_path(&TokenStream::new()), None);
    }
}
