//! Checks the generated `apns` API against `spec/apns.json`, read here
//! directly with `serde_json` (not through `apple-errors-spec`), entry by
//! entry, so a generator bug cannot hide behind the loader that produced it.

use std::time::Duration;

use apple_errors::apns::{Reason, Status};
use apple_errors::retry::{RetryAction, RetryPolicy, TokenAction};
use serde_json::Value;

fn spec() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/spec/apns.json");
    let text = std::fs::read_to_string(path).expect("spec/apns.json is readable");
    serde_json::from_str(&text).expect("spec/apns.json is JSON")
}

fn str_field<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is a string in {v}"))
}

fn flags(v: &Value) -> Vec<&str> {
    v.get("flags")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// Asserts that a generated policy says what the spec's `retry` object says.
fn check_policy(what: &str, got: RetryPolicy, retry: &Value) {
    let action = match str_field(retry, "action") {
        "never" => RetryAction::Never,
        "after_fix" => RetryAction::AfterFix,
        "new_provider_token" => RetryAction::NewProviderToken,
        "new_connection" => RetryAction::NewConnection,
        "after_delay" => RetryAction::AfterDelay,
        "back_off" => RetryAction::BackOff,
        "reuse_provider_token" => RetryAction::ReuseProviderToken,
        other => panic!("{what}: unexpected action {other}"),
    };
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
    let token = match retry.get("token").and_then(Value::as_str) {
        None | Some("keep") => TokenAction::Keep,
        Some("drop") => TokenAction::Drop,
        Some("check_environment") => TokenAction::CheckEnvironment,
        Some("check_topic") => TokenAction::CheckTopic,
        Some(other) => panic!("{what}: unexpected token action {other}"),
    };
    assert_eq!(got.token(), token, "{what}: token");
    let flag = |key: &str| retry.get(key).and_then(Value::as_bool).unwrap_or(false);
    assert_eq!(got.is_inferred(), flag("inferred"), "{what}: inferred");
    assert_eq!(
        got.is_token_inferred(),
        flag("token_inferred"),
        "{what}: token inferred"
    );
}

#[test]
fn every_reason_matches_its_spec_entry() {
    let spec = spec();
    let values = spec["values"].as_array().expect("`values` is an array");
    assert_eq!(Reason::ALL.len(), values.len(), "one variant per entry");
    for (i, entry) in values.iter().enumerate() {
        let wire = str_field(entry, "wire");
        let reason = Reason::from_wire(wire).unwrap_or_else(|| panic!("{wire} is known"));
        assert_eq!(Reason::ALL[i], reason, "{wire}: ALL keeps file order");
        assert_eq!(reason.as_str(), wire);
        assert_eq!(wire.parse::<Reason>(), Ok(reason));
        assert_eq!(reason.description(), str_field(entry, "description"));
        assert_eq!(reason.to_string(), str_field(entry, "description"));
        assert_eq!(reason.remedy(), str_field(entry, "remedy"));
        assert_eq!(
            u64::from(reason.status().code()),
            entry["status"].as_u64().expect("status is a number"),
            "{wire}: status"
        );
        check_policy(wire, reason.retry(), &entry["retry"]);

        let aliases: Vec<&str> = entry
            .get("aliases")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        assert_eq!(reason.aliases(), aliases.as_slice(), "{wire}: aliases");
        for alias in aliases {
            assert_eq!(Reason::from_wire(alias), Some(reason), "{alias} → {wire}");
        }

        let flags = flags(entry);
        assert_eq!(
            reason.is_error_condition(),
            !flags.contains(&"not_an_error_condition"),
            "{wire}: error condition"
        );
        assert_eq!(
            reason.closes_connection_sooner(),
            flags.contains(&"closes_connection_sooner"),
            "{wire}: closes connection sooner"
        );
        let known = ["not_an_error_condition", "closes_connection_sooner"];
        assert!(
            flags.iter().all(|f| known.contains(f)),
            "{wire}: untested flag in {flags:?}"
        );
    }
}

#[test]
fn every_status_matches_its_spec_entry() {
    let spec = spec();
    let statuses = spec["statuses"].as_array().expect("`statuses` is an array");
    assert_eq!(Status::ALL.len(), statuses.len(), "one variant per entry");
    for (i, entry) in statuses.iter().enumerate() {
        let code = entry["code"].as_u64().expect("code is a number");
        let code = u16::try_from(code).expect("code fits u16");
        let status = Status::from_code(code).unwrap_or_else(|| panic!("{code} is known"));
        assert_eq!(Status::ALL[i], status);
        assert_eq!(status.code(), code);
        assert_eq!(status.as_str(), code.to_string());
        assert_eq!(Status::from_wire(&code.to_string()), Some(status));
        assert_eq!(format!("{status:?}"), str_field(entry, "name"));
        assert_eq!(status.description(), str_field(entry, "description"));
        assert_eq!(status.to_string(), str_field(entry, "description"));
        assert_eq!(status.remedy(), str_field(entry, "remedy"));
        assert_eq!(
            status.is_success(),
            entry
                .get("success")
                .and_then(Value::as_bool)
                .unwrap_or(false)
        );
        check_policy(&code.to_string(), status.retry(), &entry["retry"]);
        check_policy(
            &code.to_string(),
            Status::retry_for_code(code),
            &entry["retry"],
        );
        assert_eq!(Status::remedy_for_code(code), status.remedy());
        let success = entry.get("success").and_then(Value::as_bool) == Some(true);
        assert_eq!(
            status.is_error_condition(),
            !success && !flags(entry).contains(&"not_an_error_condition"),
            "{code}: error condition"
        );
    }
}

#[test]
fn undocumented_statuses_follow_the_fallback_rules() {
    let spec = spec();
    let fallback = &spec["fallback"];
    for (code, class) in [
        (401, "client_error"),
        (418, "client_error"),
        (499, "client_error"),
        (501, "server_error"),
        (502, "server_error"),
        (599, "server_error"),
        (0, "other"),
        (204, "other"),
        (302, "other"),
        (600, "other"),
        (u16::MAX, "other"),
    ] {
        assert_eq!(Status::from_code(code), None, "{code} is undocumented");
        let rule = &fallback[class];
        check_policy(
            &code.to_string(),
            Status::retry_for_code(code),
            &rule["retry"],
        );
        assert_eq!(
            Status::remedy_for_code(code),
            str_field(rule, "remedy"),
            "{code}"
        );
    }
}
