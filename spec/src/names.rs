//! Rust names derived from wire values.

/// The CamelCase variant name for a wire value.
///
/// Words are split at `_`, `.`, `-` and spaces. A word written in capitals
/// (`TLS`, `ISSUE`) keeps only its first capital; any other word keeps its
/// spelling with the first letter raised, so `BadDeviceToken` stays as it is
/// and `TLS_ISSUE` becomes `TlsIssue`.
pub fn variant_name(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len());
    for word in wire.split(['_', '.', '-', ' ']).filter(|w| !w.is_empty()) {
        let shouting = !word.chars().any(|c| c.is_ascii_lowercase());
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
        }
        for c in chars {
            out.push(if shouting { c.to_ascii_lowercase() } else { c });
        }
    }
    out
}

/// The snake_case form of a CamelCase name, for labels and for the
/// checked-literal macro named after a type: `Reason` → `reason`,
/// `ErrorCodeFamily` → `error_code_family`, `TLSIssue` → `tls_issue`.
///
/// A `_` goes before a capital that follows a lowercase letter or a digit,
/// and before the last capital of a run when a lowercase letter follows it
/// (`TLSIssue`). One exception: a run of two or more capitals followed by a
/// lone `s` that ends the word (a capital, a digit, `_` or the end comes
/// next) is a plural acronym and stays one word, so `DependentSKUsCannot` →
/// `dependent_skus_cannot` and `APIsDown` → `apis_down`. The plural reading
/// wins over a word `Is` after an acronym: `TLSIs` → `tlsis`; spell such a
/// name `TlsIs` to get `tls_is`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let plural = prev.is_ascii_uppercase()
                && chars.get(i + 1) == Some(&'s')
                && chars
                    .get(i + 2)
                    .is_none_or(|n| n.is_ascii_uppercase() || n.is_ascii_digit() || *n == '_');
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower && !plural)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The last part of the label of every value this version does not know
/// (`apns.unknown`); no known value may take it.
pub const UNKNOWN_LABEL: &str = "unknown";

/// The last part of a value's label, after the module path: the snake_case
/// form of its variant name (`BadDeviceToken` → `bad_device_token`), by
/// the rules of [`snake_case`].
pub fn label_tail(variant: &str) -> String {
    snake_case(variant)
}

/// Whether `name` can be used as a Rust type or variant name.
pub fn is_type_ident(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "Self"
}

/// Whether `name` can be used as a Rust module name. A keyword that can be
/// a raw identifier (`r#type`) counts; see [`is_reserved`].
pub fn is_module_ident(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The keywords of Rust 2024, strict and reserved. Weak keywords (`union`,
/// `macro_rules`, `raw`, `safe`) are ordinary identifiers where names go.
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Whether `name` is a Rust keyword, so that it needs the raw form
/// (`r#type`) to be an identifier.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Whether `name` is a keyword that cannot be an identifier at all, not even
/// a raw one: `self`, `Self`, `super` and `crate` are path roots.
pub fn is_reserved(name: &str) -> bool {
    matches!(name, "self" | "Self" | "super" | "crate")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_values_are_kept() {
        assert_eq!(variant_name("BadDeviceToken"), "BadDeviceToken");
        assert_eq!(variant_name("badTopic"), "BadTopic");
    }

    #[test]
    fn shouting_snake_case_is_converted() {
        assert_eq!(variant_name("TLS_ISSUE"), "TlsIssue");
        assert_eq!(
            variant_name("UNSUCCESSFUL_HTTP_RESPONSE_CODE"),
            "UnsuccessfulHttpResponseCode"
        );
        assert_eq!(
            variant_name("ENTITY_ERROR.ATTRIBUTE"),
            "EntityErrorAttribute"
        );
    }

    #[test]
    fn spaces_split_words() {
        assert_eq!(variant_name("Service Unavailable"), "ServiceUnavailable");
    }

    #[test]
    fn snake_case_splits_words_and_acronyms() {
        assert_eq!(snake_case("Reason"), "reason");
        assert_eq!(snake_case("ErrorCodeFamily"), "error_code_family");
        assert_eq!(snake_case("SendAttemptResult"), "send_attempt_result");
        assert_eq!(snake_case("TLSIssue"), "tls_issue");
        assert_eq!(snake_case("Http2Error"), "http2_error");
        assert_eq!(snake_case("APNS"), "apns");
        assert_eq!(snake_case("Type"), "type");
    }

    #[test]
    fn label_tails_are_snake_case() {
        assert_eq!(label_tail("BadDeviceToken"), "bad_device_token");
        assert_eq!(
            label_tail("TransactionIdNotFound"),
            "transaction_id_not_found"
        );
        assert_eq!(label_tail("EntityErrorAttribute"), "entity_error_attribute");
        // Underscores in a name stay single.
        assert_eq!(label_tail("Foo_Bar"), "foo_bar");
        assert_eq!(label_tail("FooBar"), "foo_bar");
    }

    #[test]
    fn plural_acronyms_stay_one_word() {
        assert_eq!(
            label_tail("DependentSKUsCannotBeChained"),
            "dependent_skus_cannot_be_chained"
        );
        assert_eq!(label_tail("SKUsAndIDs"), "skus_and_ids");
        assert_eq!(label_tail("InvalidURLs"), "invalid_urls");
        assert_eq!(label_tail("APIsDown"), "apis_down");
        assert_eq!(label_tail("IDs2"), "ids2");
        assert_eq!(label_tail("IDs_Foo"), "ids_foo");
        // Only a lone `s` that ends the word: these are ordinary splits.
        assert_eq!(label_tail("TLSIssue"), "tls_issue");
        assert_eq!(label_tail("TLSSession"), "tls_session");
        assert_eq!(label_tail("UsesX"), "uses_x");
        assert_eq!(label_tail("ThisIs"), "this_is");
        assert_eq!(label_tail("Http2Error"), "http2_error");
        assert_eq!(label_tail("BadDeviceToken"), "bad_device_token");
        assert_eq!(
            label_tail("ACAPriceIncreaseIsNotCurrentlySupportedInIndia"),
            "aca_price_increase_is_not_currently_supported_in_india"
        );
        // The plural reading wins over `Is` after an acronym (documented).
        assert_eq!(label_tail("TLSIs"), "tlsis");
        assert_eq!(label_tail("TlsIs"), "tls_is");
    }

    #[test]
    fn identifiers_are_checked() {
        assert!(is_type_ident("Reason"));
        assert!(!is_type_ident("reason"));
        assert!(!is_type_ident("1Reason"));
        assert!(!is_type_ident("Self"));
        assert!(!is_type_ident(""));
        assert!(is_module_ident("app_store_connect"));
        assert!(!is_module_ident("Apns"));
    }

    #[test]
    fn keywords_are_known() {
        assert!(is_keyword("type") && is_keyword("async") && is_keyword("gen"));
        assert!(!is_keyword("union") && !is_keyword("Type") && !is_keyword("core"));
        assert!(is_reserved("Self") && is_reserved("crate"));
        assert!(!is_reserved("type"));
        assert!(KEYWORDS.iter().all(|k| is_module_ident(k) || *k == "Self"));
    }
}
