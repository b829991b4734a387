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

/// Whether `name` can be used as a Rust type or variant name.
pub fn is_type_ident(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "Self"
}

/// Whether `name` can be used as a Rust module name.
pub fn is_module_ident(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
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
    fn identifiers_are_checked() {
        assert!(is_type_ident("Reason"));
        assert!(!is_type_ident("reason"));
        assert!(!is_type_ident("1Reason"));
        assert!(!is_type_ident("Self"));
        assert!(!is_type_ident(""));
        assert!(is_module_ident("app_store_connect"));
        assert!(!is_module_ident("Apns"));
    }
}
