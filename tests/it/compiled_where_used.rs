//! The parsers a push sender does not use are compiled where they are used
//! ("Compiled where used" in `src/lib.rs`): every function of theirs that
//! is not generic carries `#[inline]` right above it, or rustc compiles it
//! into this crate's release build, and every dependent pays for it. A
//! function added without one fails here, by name. It reads the source, so
//! what derives, macros defined elsewhere and the generated tables add to
//! these modules is not its business (`src/lib.rs` says what stays).

/// The modules under the rule, as `src/lib.rs` lists them.
const MODULES: [&str; 7] = [
    "src/app_store_server/notifications.rs",
    "src/app_store_connect/error_code.rs",
    "src/app_store_connect/error_response.rs",
    "src/app_store_connect/rate_limit.rs",
    "src/app_store_connect/response.rs",
    "src/store_api.rs",
    "src/apns/broadcast.rs",
];

/// The name of the function a line declares, if it declares one that is
/// not generic over types (lifetimes only do not make it generic).
fn plain_fn(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    // Visibility, then qualifiers, in the order Rust allows them.
    if let Some(after) = rest.strip_prefix("pub") {
        rest = match after.strip_prefix('(') {
            Some(scope) => scope.split_once(')')?.1,
            None => after,
        }
        .trim_start();
    }
    for qualifier in ["const ", "async ", "unsafe ", "extern \"C\" "] {
        rest = rest.strip_prefix(qualifier).unwrap_or(rest);
    }
    let rest = rest.strip_prefix("fn ")?;
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    let (name, after) = rest.split_at(end);
    let generic_over_types = after.strip_prefix('<').is_some_and(|params| {
        let params = &params[..params.find('>').unwrap_or(params.len())];
        params
            .split(',')
            .any(|p| !p.trim().is_empty() && !p.trim().starts_with('\''))
    });
    (!generic_over_types).then_some(name)
}

/// Every function of `text` before its `#[cfg(test)]` module that is not
/// generic and lacks `#[inline]` on the line above.
fn missing_inline(text: &str) -> Vec<String> {
    let mut missing = Vec::new();
    let mut above = "";
    for line in text.lines() {
        if above.starts_with("#[cfg(test)]") && line.starts_with("mod ") {
            break;
        }
        if let Some(name) = plain_fn(line) {
            if !matches!(above.trim(), "#[inline]" | "#[inline(always)]") {
                missing.push(name.to_owned());
            }
        }
        if !line.trim().is_empty() {
            above = line;
        }
    }
    missing
}

#[test]
fn every_plain_function_of_the_app_store_parsers_is_inline() {
    for module in MODULES {
        let path = format!("{}/{module}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(text.contains("fn "), "{module} has no functions");
        assert_eq!(missing_inline(&text), Vec::<String>::new(), "{module}");
    }
}

#[test]
fn the_check_finds_what_it_looks_for() {
    let text = "\
fn plain() {}
#[inline]
pub fn inlined() {}
pub(crate) fn borrows<'a>(x: &'a str) -> &'a str { x }
fn generic<T>(t: T) -> T { t }
fn mixed<'a, K: Copy>(k: &'a K) -> K { *k }
#[inline(never)]
pub(in crate::apns) const fn never() {}
pub(super) async fn later() {}
#[cfg(test)]
mod tests {
    fn helper() {}
}
";
    assert_eq!(missing_inline(text), ["plain", "borrows", "never", "later"]);
}
