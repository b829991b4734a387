//! The last arm of a checked-literal macro: a known value the exact-string
//! arms could not see as text becomes its variant; anything else is an
//! error saying what was wrong, with the nearest known values.

use proc_macro2::TokenStream;
use syn::Lit;

use crate::ast::Literal;

/// At most this many suggestions.
const MAX_SUGGESTIONS: usize = 3;

/// Literals longer than this get no suggestions: nothing that long is near
/// a wire value, and the distance costs time per character.
const MAX_SUGGEST_LEN: usize = 200;

/// The value of a string or integer literal as text: `BadTopic`, `4040010`
/// (whatever the suffix or base it was written in).
fn value(lit: &Lit) -> Option<String> {
    match lit {
        Lit::Str(s) => Some(s.value()),
        Lit::Int(i) => i.base10_parse::<u128>().ok().map(|n| n.to_string()),
        _ => None,
    }
}

/// The variant's path for a known value, or the error, at the literal.
pub(crate) fn literal(input: &Literal) -> syn::Result<TokenStream> {
    // A raw string, `4040010u32`, or a literal another macro passed on as a
    // whole: `macro_rules!` cannot compare those with its arms.
    let same_kind = |k: &Lit| {
        matches!(
            (k, &input.literal),
            (Lit::Str(_), Lit::Str(_)) | (Lit::Int(_), Lit::Int(_))
        )
    };
    if let Some(wrote) = value(&input.literal) {
        let found = input
            .known
            .iter()
            .find(|(k, _)| same_kind(k) && value(k).as_deref() == Some(wrote.as_str()));
        if let Some((_, path)) = found {
            return Ok(path.clone());
        }
    }
    Err(error(input))
}

fn error(input: &Literal) -> syn::Error {
    let noun = input.noun.value();
    let known: Vec<String> = input.known.iter().filter_map(|(k, _)| value(k)).collect();
    let numeric = matches!(input.known.first(), Some((Lit::Int(_), _)));
    let message = match &input.literal {
        Lit::Int(i) if numeric => {
            let wrote = i.base10_digits().to_owned();
            match nearest(&wrote, &known).as_slice() {
                [] => format!(
                    "unknown {noun} {wrote}; known values include {}",
                    list_plain(&known[..known.len().min(MAX_SUGGESTIONS)], "and")
                ),
                near => format!(
                    "unknown {noun} {wrote}; did you mean {}?",
                    list_plain(near, "or")
                ),
            }
        }
        Lit::Str(s) if !numeric => {
            let wrote = s.value();
            match nearest(&wrote, &known).as_slice() {
                [] => format!(
                    "unknown {noun} {wrote:?}; known values include {}",
                    list(&known[..known.len().min(MAX_SUGGESTIONS)], "and")
                ),
                near => format!(
                    "unknown {noun} {wrote:?}; did you mean {}?",
                    list(near, "or")
                ),
            }
        }
        other if numeric => format!(
            "expected an integer literal such as {}, found {}",
            known.first().map_or("", String::as_str),
            kind(other)
        ),
        other => format!(
            "expected a string literal such as {:?}, found {}",
            known.first().map_or("", String::as_str),
            kind(other)
        ),
    };
    syn::Error::new(input.literal.span(), message)
}

fn kind(lit: &Lit) -> &'static str {
    match lit {
        Lit::Str(_) => "a string",
        Lit::ByteStr(_) => "a byte string",
        Lit::CStr(_) => "a C string",
        Lit::Byte(_) => "a byte",
        Lit::Char(_) => "a character",
        Lit::Int(_) => "an integer",
        Lit::Float(_) => "a float",
        Lit::Bool(_) => "a boolean",
        _ => "another kind of literal",
    }
}

/// `"A"`, `"A" or "B"`, `"A", "B" or "C"`.
fn list(items: &[String], last: &str) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    join(&quoted, last)
}

/// `4040010`, `4040010 or 4040011`, …: numbers, unquoted.
fn list_plain(items: &[String], last: &str) -> String {
    join(items, last)
}

fn join(quoted: &[String], last: &str) -> String {
    match quoted.split_last() {
        None => String::new(),
        Some((only, [])) => only.clone(),
        Some((tail, head)) => format!("{} {last} {tail}", head.join(", ")),
    }
}

/// The known spellings closest to `wrote`: those at the smallest edit
/// distance (ignoring case first, since wire values differ mostly by case),
/// if it is small for the word's length.
fn nearest(wrote: &str, known: &[String]) -> Vec<String> {
    let length = wrote.chars().count();
    if length > MAX_SUGGEST_LEN {
        return Vec::new();
    }
    let lower = wrote.to_lowercase();
    if let Some(same) = known.iter().find(|k| k.to_lowercase() == lower) {
        return vec![same.clone()];
    }
    let limit = (length / 3).max(2);
    let mut scored: Vec<(usize, &String)> = known
        .iter()
        // The distance is at least the difference in length.
        .filter(|k| k.chars().count().abs_diff(length) <= limit)
        .map(|k| (distance(&lower, &k.to_lowercase()), k))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort();
    let best = scored.first().map(|(d, _)| *d);
    scored
        .into_iter()
        .take_while(|(d, _)| Some(*d) == best)
        .take(MAX_SUGGESTIONS)
        .map(|(_, k)| k.clone())
        .collect()
}

/// Edit distance with adjacent transpositions (optimal string alignment),
/// on characters.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: two back (for transpositions), one back, current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut last: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut last, row);
    }
    last[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// The expansion, or the error's message.
    fn expand(tokens: proc_macro2::TokenStream) -> Result<String, String> {
        literal(&syn::parse2(tokens).unwrap())
            .map(|t| t.to_string())
            .map_err(|e| e.to_string())
    }

    fn message(tokens: proc_macro2::TokenStream) -> String {
        expand(tokens).unwrap_err()
    }

    #[test]
    fn distances() {
        assert_eq!(distance("badtopic", "badtopic"), 0);
        assert_eq!(distance("badtopc", "badtopic"), 1);
        assert_eq!(distance("badtpoic", "badtopic"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn a_misspelling_names_the_nearest() {
        let known = quote!([
            ("BadDeviceToken", R::BadDeviceToken),
            ("BadTopic", R::BadTopic),
            ("BadPriority", R::BadPriority)
        ]);
        assert_eq!(
            message(quote!("APNs reason", "BadDeviceTokn", #known)),
            r#"unknown APNs reason "BadDeviceTokn"; did you mean "BadDeviceToken"?"#
        );
        assert_eq!(
            message(quote!("APNs reason", "badtopic", #known)),
            r#"unknown APNs reason "badtopic"; did you mean "BadTopic"?"#
        );
        assert_eq!(
            message(quote!("APNs reason", "Elsewhere", #known)),
            r#"unknown APNs reason "Elsewhere"; known values include "BadDeviceToken", "BadTopic" and "BadPriority""#
        );
        let two = quote!([("AB1", C::Ab1), ("AB2", C::Ab2), ("XYZW", C::Xyzw)]);
        assert_eq!(
            message(quote!("code", "AB", #two)),
            r#"unknown code "AB"; did you mean "AB1" or "AB2"?"#
        );
    }

    #[test]
    fn other_literals_say_what_they_are() {
        let known = quote!([("BadTopic", R::BadTopic)]);
        assert_eq!(
            message(quote!("APNs reason", 17, #known)),
            r#"expected a string literal such as "BadTopic", found an integer"#
        );
        assert_eq!(
            message(quote!("APNs reason", b"BadTopic", #known)),
            r#"expected a string literal such as "BadTopic", found a byte string"#
        );
    }

    #[test]
    fn known_values_written_another_way_are_the_variant() {
        let known = quote!([("BadTopic", crate::apns::Reason::BadTopic)]);
        assert_eq!(
            expand(quote!("APNs reason", r"BadTopic", #known)).unwrap(),
            "crate :: apns :: Reason :: BadTopic"
        );
        assert_eq!(
            expand(quote!("APNs reason", "Bad\x54opic", #known)).unwrap(),
            "crate :: apns :: Reason :: BadTopic"
        );
    }

    #[test]
    fn numeric_codes() {
        let known = quote!([
            (4040010, C::TransactionIdNotFound),
            (4040001, C::AccountNotFound)
        ]);
        assert_eq!(
            expand(quote!("error code", 4040010u32, #known)).unwrap(),
            "C :: TransactionIdNotFound"
        );
        assert_eq!(
            message(quote!("error code", 4040011, #known)),
            "unknown error code 4040011; did you mean 4040001 or 4040010?"
        );
        assert_eq!(
            message(quote!("error code", "4040010", #known)),
            "expected an integer literal such as 4040010, found a string"
        );
    }

    #[test]
    fn huge_literals_get_no_suggestions() {
        let known = quote!([("BadTopic", R::BadTopic)]);
        let huge = "BadTopic".repeat(10_000);
        let err = message(quote!("APNs reason", #huge, #known));
        assert!(err.contains("; known values include \"BadTopic\""));
    }
}
