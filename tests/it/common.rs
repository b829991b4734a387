//! Reading the spec files directly (with `serde_json`, not through
//! `apple-errors-spec`) and checking generated types against them, so a
//! generator bug cannot hide behind the loader that produced it.

use std::time::Duration;

use apple_errors::retry::{RetryAction, RetryPolicy, TokenAction};
pub use serde_json::Value;

/// `spec/<file>` as JSON.
pub fn spec(file: &str) -> Value {
    let path = format!("{}/spec/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// An entry's wire value as text: the string, or a numeric code in decimal.
pub fn wire(entry: &Value) -> String {
    match &entry["wire"] {
        Value::String(s) => s.clone(),
        Value::Number(n) => n
            .as_u64()
            .map(|n| n.to_string())
            .unwrap_or_else(|| panic!("`wire` {n} is a whole number")),
        other => panic!("`wire` is a string or a number, not {other}"),
    }
}

/// `BadDeviceToken` → `bad_device_token`, `TLSIssue` → `tls_issue`,
/// `Http2Error` → `http2_error`: a word starts at a capital after a small
/// letter or digit, or at the last capital of a run before a small letter,
/// unless that small letter is a lone `s` ending the word: a plural acronym
/// (`DependentSKUsCannot` → `dependent_skus_cannot`).
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let plural_acronym = chars.get(i + 1) == Some(&'s')
            && !chars.get(i + 2).is_some_and(char::is_ascii_lowercase);
        let starts_word = i > 0
            && c.is_ascii_uppercase()
            && (chars[i - 1].is_ascii_lowercase()
                || chars[i - 1].is_ascii_digit()
                || (chars[i - 1].is_ascii_uppercase()
                    && chars.get(i + 1).is_some_and(char::is_ascii_lowercase)
                    && !plural_acronym));
        if starts_word {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

pub fn str_field<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is a string in {v}"))
}

pub fn array<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

pub fn strings<'a>(v: &'a Value, key: &str) -> Vec<&'a str> {
    array(v, key).iter().filter_map(Value::as_str).collect()
}

pub fn bool_field(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// The runtime action for a spec file's `action` keyword.
pub fn retry_action(key: &str) -> RetryAction {
    match key {
        "never" => RetryAction::Never,
        "after_fix" => RetryAction::AfterFix,
        "new_provider_token" => RetryAction::NewProviderToken,
        "new_connection" => RetryAction::NewConnection,
        "after_delay" => RetryAction::AfterDelay,
        "back_off" => RetryAction::BackOff,
        "reuse_provider_token" => RetryAction::ReuseProviderToken,
        "other_environment" => RetryAction::OtherEnvironment,
        other => panic!("unexpected action {other}"),
    }
}

/// The runtime token action for a spec file's `token` keyword.
pub fn token_action(key: &str) -> TokenAction {
    match key {
        "keep" => TokenAction::Keep,
        "drop" => TokenAction::Drop,
        "check_environment" => TokenAction::CheckEnvironment,
        "check_topic" => TokenAction::CheckTopic,
        other => panic!("unexpected token action {other}"),
    }
}

/// Asserts that a generated policy says what a spec `retry` object says.
pub fn check_policy(what: &str, got: RetryPolicy, retry: &Value) {
    let action = retry_action(str_field(retry, "action"));
    assert_eq!(got.action(), action, "{what}: action");
    let secs = |key: &str| {
        retry
            .get(key)
            .and_then(Value::as_u64)
            .map(Duration::from_secs)
    };
    assert_eq!(got.min_delay(), secs("min_delay_secs"), "{what}: min delay");
    assert_eq!(
        got.provider_token_min_age(),
        secs("token_min_age_secs"),
        "{what}: provider token min age"
    );
    let token = token_action(retry.get("token").and_then(Value::as_str).unwrap_or("keep"));
    assert_eq!(got.token(), token, "{what}: token");
    assert_eq!(
        got.is_inferred(),
        bool_field(retry, "inferred"),
        "{what}: inferred"
    );
    assert_eq!(
        got.is_token_inferred(),
        bool_field(retry, "token_inferred"),
        "{what}: token inferred"
    );
}

/// Checks a generated value enum against the `values` of a spec: one variant
/// per entry in file order, wire value, aliases, text and policy. Runs
/// `$more(value, entry)` for type-specific checks.
macro_rules! check_values {
    ($ty:ty, $spec:expr, $more:expr) => {{
        let spec: &$crate::common::Value = $spec;
        let entries = $crate::common::array(spec, "values");
        assert_eq!(<$ty>::ALL.len(), entries.len(), "one variant per entry");
        for (i, entry) in entries.iter().enumerate() {
            let wire = &$crate::common::wire(entry);
            let value = <$ty>::from_wire(wire).unwrap_or_else(|| panic!("{wire} is known"));
            assert_eq!(<$ty>::ALL[i], value, "{wire}: ALL keeps file order");
            assert_eq!(value.as_str(), wire);
            assert_eq!(wire.parse::<$ty>(), Ok(value));
            assert_eq!(
                value.description(),
                $crate::common::str_field(entry, "description")
            );
            assert_eq!(
                value.to_string(),
                *wire,
                "{wire}: Display writes the wire value"
            );
            assert_eq!(value.remedy(), $crate::common::str_field(entry, "remedy"));
            $crate::common::check_policy(wire, value.retry(), &entry["retry"]);
            let aliases = $crate::common::strings(entry, "aliases");
            assert_eq!(value.aliases(), aliases.as_slice(), "{wire}: aliases");
            for alias in aliases {
                assert_eq!(<$ty>::from_wire(alias), Some(value), "{alias} → {wire}");
            }
            let more: &dyn Fn($ty, &$crate::common::Value) = &$more;
            more(value, entry);
        }
    }};
}

/// Checks a generated status enum against the `statuses` and `fallback` of a
/// spec, including the class rules for codes it does not list.
macro_rules! check_statuses {
    ($ty:ty, $spec:expr) => {{
        let spec: &$crate::common::Value = $spec;
        let entries = $crate::common::array(spec, "statuses");
        assert_eq!(<$ty>::ALL.len(), entries.len(), "one variant per entry");
        for (i, entry) in entries.iter().enumerate() {
            let code = entry["code"].as_u64().expect("code is a number");
            let code = u16::try_from(code).expect("code fits u16");
            let status = <$ty>::from_code(code).unwrap_or_else(|| panic!("{code} is known"));
            assert_eq!(<$ty>::ALL[i], status);
            assert_eq!(status.code(), code);
            assert_eq!(status.as_str(), code.to_string());
            assert_eq!(<$ty>::from_wire(&code.to_string()), Some(status));
            assert_eq!(
                format!("{status:?}"),
                $crate::common::str_field(entry, "name")
            );
            assert_eq!(
                status.description(),
                $crate::common::str_field(entry, "description")
            );
            assert_eq!(
                status.to_string(),
                code.to_string(),
                "Display writes the code"
            );
            assert_eq!(status.remedy(), $crate::common::str_field(entry, "remedy"));
            assert_eq!(
                status.is_success(),
                $crate::common::bool_field(entry, "success")
            );
            let what = code.to_string();
            $crate::common::check_policy(&what, status.retry(), &entry["retry"]);
            $crate::common::check_policy(&what, <$ty>::retry_for_code(code), &entry["retry"]);
            assert_eq!(<$ty>::remedy_for_code(code), status.remedy());
        }
        let fallback = &spec["fallback"];
        for code in [
            0,
            1,
            100,
            204,
            302,
            401,
            418,
            499,
            501,
            502,
            599,
            600,
            u16::MAX,
        ] {
            let class = match code {
                400..=499 => "client_error",
                500..=599 => "server_error",
                _ => "other",
            };
            let rule = &fallback[class];
            let what = format!("{code} ({class})");
            $crate::common::check_policy(&what, <$ty>::retry_for_unlisted(code), &rule["retry"]);
            assert_eq!(
                <$ty>::remedy_for_unlisted(code),
                $crate::common::str_field(rule, "remedy")
            );
            if <$ty>::from_code(code).is_none() {
                $crate::common::check_policy(&what, <$ty>::retry_for_code(code), &rule["retry"]);
                assert_eq!(
                    <$ty>::remedy_for_code(code),
                    $crate::common::str_field(rule, "remedy")
                );
            }
        }
    }};
}

pub(crate) use {check_statuses, check_values};
