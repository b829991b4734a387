//! One test per loader/validator rule: each breaks a minimal valid spec in
//! exactly one way and checks that the error names the file, the entry and
//! the problem.

use apple_errors_spec::{SpecError, emit};
use serde_json::{Map, Value, json};

const FILE: &str = "test.json";

/// A minimal valid spec: two statuses, a fallback and three values.
fn valid() -> Value {
    json!({
        "format": 1,
        "module": "demo",
        "title": "Demo service",
        "page": "Demo error responses",
        "value_type": "Reason",
        "value_noun": "demo reason",
        "value_doc": "Why the demo service refused a request.\n\nSecond paragraph.",
        "status_type": "Status",
        "status_doc": "The statuses the demo service sends.",
        "statuses": [
            {
                "code": 200,
                "name": "Success",
                "success": true,
                "description": "The request was accepted.",
                "retry": { "action": "never" },
                "remedy": "Nothing to do."
            },
            {
                "code": 400,
                "name": "BadRequest",
                "description": "Something in the request is wrong.",
                "retry": { "action": "after_fix" },
                "remedy": "Fix the request, then send it again."
            }
        ],
        "fallback": {
            "client_error": {
                "retry": { "action": "after_fix", "inferred": true },
                "remedy": "Check the request before sending again."
            },
            "server_error": {
                "retry": { "action": "back_off", "min_delay_secs": 60 },
                "remedy": "Send again later, backing off."
            },
            "other": {
                "retry": { "action": "after_fix", "inferred": true },
                "remedy": "Check the connection setup."
            }
        },
        "values": [
            {
                "wire": "BadTopic",
                "status": 400,
                "description": "The topic is not one the service knows.",
                "retry": { "action": "after_fix" },
                "remedy": "Send a known topic."
            },
            {
                "wire": "Unregistered",
                "status": 400,
                "description": "The token is no longer active.",
                "retry": { "action": "never", "token": "drop" },
                "remedy": "Stop sending to this token.",
                "flags": ["not_an_error_condition"]
            },
            {
                "wire": "TOO_MANY_UPDATES",
                "aliases": ["TooManyTokenUpdates"],
                "status": 400,
                "description": "The credentials changed too often.",
                "retry": { "action": "reuse_provider_token", "token_min_age_secs": 1200 },
                "remedy": "Keep the current credentials for a while.",
                "page": "Demo credentials"
            }
        ]
    })
}

fn load(spec: &Value) -> Result<apple_errors_spec::Spec, SpecError> {
    let text = serde_json::to_string_pretty(spec).unwrap();
    apple_errors_spec::load(FILE, &text)
}

/// Loads `spec`, expecting an error about `entry` whose problem contains
/// `fragment`.
#[track_caller]
fn fails(spec: &Value, entry: Option<&str>, fragment: &str) -> SpecError {
    let err = load(spec).expect_err("spec should be refused");
    assert_eq!(err.file(), FILE, "{err}");
    assert_eq!(err.entry(), entry, "{err}");
    assert!(
        err.problem().contains(fragment),
        "problem {:?} lacks {fragment:?}",
        err.problem()
    );
    err
}

fn top(spec: &mut Value) -> &mut Map<String, Value> {
    spec.as_object_mut().unwrap()
}

fn value(spec: &mut Value, i: usize) -> &mut Map<String, Value> {
    spec["values"][i].as_object_mut().unwrap()
}

fn status(spec: &mut Value, i: usize) -> &mut Map<String, Value> {
    spec["statuses"][i].as_object_mut().unwrap()
}

fn push_value<'s>(spec: &'s mut Value, wire: &str) -> &'s mut Map<String, Value> {
    let entry = json!({
        "wire": wire,
        "status": 400,
        "description": "Another value.",
        "retry": { "action": "after_fix" },
        "remedy": "Fix it."
    });
    let values = spec["values"].as_array_mut().unwrap();
    values.push(entry);
    values.last_mut().unwrap().as_object_mut().unwrap()
}

#[test]
fn valid_minimal_spec_loads() {
    let spec = load(&valid()).unwrap();
    assert_eq!(spec.file, FILE);
    assert_eq!(spec.values.len(), 3);
    assert_eq!(spec.values[2].name, "TooManyUpdates");
    assert_eq!(spec.values[2].aliases, ["TooManyTokenUpdates"]);
    let table = spec.statuses.as_ref().unwrap();
    assert_eq!(table.entries.len(), 2);
    assert_eq!(table.fallback.server_error.retry.min_delay_secs, Some(60));
}

#[test]
fn bundled_specs_load() {
    assert!(!apple_errors_spec::BUNDLED.is_empty());
    for (file, text) in apple_errors_spec::BUNDLED {
        let spec = apple_errors_spec::load(file, text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(spec.file, *file);
    }
}

#[test]
fn invalid_json() {
    let err = apple_errors_spec::load(FILE, "{ \"format\": 1, }").unwrap_err();
    assert_eq!(err.file(), FILE);
    assert_eq!(err.entry(), None);
    assert!(err.problem().starts_with("invalid JSON: "), "{err}");
}

#[test]
fn unsupported_format_version() {
    let mut spec = valid();
    top(&mut spec)["format"] = json!(2);
    let err = fails(&spec, None, "unsupported format 2");
    assert_eq!(
        err.to_string(),
        "test.json: unsupported format 2; this version reads format 1"
    );
}

#[test]
fn duplicate_wire_value() {
    let mut spec = valid();
    push_value(&mut spec, "BadTopic");
    fails(&spec, Some("`BadTopic`"), "duplicate wire value");
}

#[test]
fn alias_collides_with_wire_value() {
    let mut spec = valid();
    value(&mut spec, 1).insert("aliases".into(), json!(["BadTopic"]));
    fails(
        &spec,
        Some("`Unregistered`"),
        "alias `BadTopic` collides with a spelling of `BadTopic`",
    );
}

#[test]
fn wire_value_collides_with_earlier_alias() {
    let mut spec = valid();
    push_value(&mut spec, "TooManyTokenUpdates");
    fails(
        &spec,
        Some("`TooManyTokenUpdates`"),
        "wire value is already an alias of `TOO_MANY_UPDATES`",
    );
}

#[test]
fn alias_collides_with_other_alias() {
    let mut spec = valid();
    push_value(&mut spec, "Other").insert("aliases".into(), json!(["TooManyTokenUpdates"]));
    fails(
        &spec,
        Some("`Other`"),
        "alias `TooManyTokenUpdates` collides with a spelling of `TOO_MANY_UPDATES`",
    );
}

#[test]
fn status_missing_from_table() {
    let mut spec = valid();
    value(&mut spec, 0)["status"] = json!(404);
    fails(
        &spec,
        Some("`BadTopic`"),
        "status 404 is not in the status table",
    );
}

#[test]
fn value_without_status_when_table_exists() {
    let mut spec = valid();
    value(&mut spec, 0).remove("status");
    fails(&spec, Some("`BadTopic`"), "missing field `status`");
}

#[test]
fn status_without_status_table() {
    let mut spec = valid();
    for key in ["statuses", "status_type", "status_doc", "fallback"] {
        top(&mut spec).remove(key);
    }
    for i in 1..3 {
        value(&mut spec, i).remove("status");
    }
    fails(
        &spec,
        Some("`BadTopic`"),
        "has a `status` but the file has no status table",
    );
}

#[test]
fn unknown_retry_action() {
    let mut spec = valid();
    value(&mut spec, 0)["retry"]["action"] = json!("sometimes");
    let err = fails(
        &spec,
        Some("`BadTopic`"),
        "unknown retry action `sometimes`",
    );
    assert!(err.problem().contains("reuse_provider_token"), "{err}");
    assert_eq!(
        err.to_string(),
        format!("test.json: entry `BadTopic`: {}", err.problem())
    );
}

#[test]
fn unknown_token_action() {
    let mut spec = valid();
    value(&mut spec, 1)["retry"]["token"] = json!("forget");
    fails(
        &spec,
        Some("`Unregistered`"),
        "unknown token action `forget`",
    );
}

#[test]
fn unknown_flag() {
    let mut spec = valid();
    value(&mut spec, 1)["flags"] = json!(["not_an_error_condition", "loud"]);
    fails(&spec, Some("`Unregistered`"), "unknown flag `loud`");
}

#[test]
fn empty_description() {
    let mut spec = valid();
    value(&mut spec, 0)["description"] = json!("");
    fails(&spec, Some("`BadTopic`"), "`description` is empty");
}

#[test]
fn whitespace_only_remedy() {
    let mut spec = valid();
    value(&mut spec, 1)["remedy"] = json!("  \t ");
    fails(&spec, Some("`Unregistered`"), "`remedy` is empty");
}

#[test]
fn multi_line_description() {
    let mut spec = valid();
    value(&mut spec, 0)["description"] = json!("One line.\nAnother line.");
    fails(
        &spec,
        Some("`BadTopic`"),
        "`description` spans several lines",
    );
}

#[test]
fn missing_remedy_in_value() {
    let mut spec = valid();
    value(&mut spec, 0).remove("remedy");
    fails(&spec, Some("`BadTopic`"), "missing field `remedy`");
}

#[test]
fn missing_description_in_status() {
    let mut spec = valid();
    status(&mut spec, 1).remove("description");
    fails(&spec, Some("`400`"), "missing field `description`");
}

#[test]
fn unknown_field_in_value() {
    let mut spec = valid();
    value(&mut spec, 0).insert("alias".into(), json!(["Typo"]));
    fails(&spec, Some("`BadTopic`"), "unknown field `alias`");
}

#[test]
fn unknown_top_level_field() {
    let mut spec = valid();
    top(&mut spec).insert("modul".into(), json!("demo"));
    fails(&spec, None, "unknown field `modul`");
}

#[test]
fn status_as_string() {
    let mut spec = valid();
    value(&mut spec, 0)["status"] = json!("400");
    fails(
        &spec,
        Some("`BadTopic`"),
        "`status` must be an HTTP status number",
    );
}

#[test]
fn min_delay_on_action_without_delay() {
    let mut spec = valid();
    value(&mut spec, 0)["retry"]["min_delay_secs"] = json!(30);
    fails(
        &spec,
        Some("`BadTopic`"),
        "retry action `after_fix` takes no `min_delay_secs`",
    );
}

#[test]
fn zero_min_delay() {
    let mut spec = valid();
    top(&mut spec)["fallback"]["server_error"]["retry"]["min_delay_secs"] = json!(0);
    fails(
        &spec,
        Some("`fallback.server_error`"),
        "`min_delay_secs` is 0",
    );
}

#[test]
fn reuse_provider_token_without_token_min_age() {
    let mut spec = valid();
    value(&mut spec, 2)["retry"]
        .as_object_mut()
        .unwrap()
        .remove("token_min_age_secs");
    fails(
        &spec,
        Some("`TOO_MANY_UPDATES`"),
        "retry action `reuse_provider_token` needs `token_min_age_secs`",
    );
}

#[test]
fn token_min_age_on_another_action() {
    let mut spec = valid();
    value(&mut spec, 0)["retry"]["token_min_age_secs"] = json!(60);
    fails(
        &spec,
        Some("`BadTopic`"),
        "retry action `after_fix` takes no `token_min_age_secs`",
    );
}

#[test]
fn token_inferred_needs_a_token_action() {
    let mut spec = valid();
    value(&mut spec, 0)["retry"]["token_inferred"] = json!(true);
    fails(
        &spec,
        Some("`BadTopic`"),
        "`token_inferred` needs a `token` action",
    );
}

#[test]
fn delays_must_fit_the_runtime_type() {
    let mut spec = valid();
    value(&mut spec, 2)["retry"]["token_min_age_secs"] = json!(u64::from(u32::MAX) + 1);
    fails(&spec, Some("`TOO_MANY_UPDATES`"), "is too large");
}

#[test]
fn duplicate_status_code() {
    let mut spec = valid();
    status(&mut spec, 0)["code"] = json!(400);
    fails(&spec, Some("`400`"), "duplicate status code");
}

#[test]
fn fallback_rule_errors_name_the_rule() {
    let mut spec = valid();
    top(&mut spec)["fallback"]["client_error"]
        .as_object_mut()
        .unwrap()
        .remove("remedy");
    fails(
        &spec,
        Some("`fallback.client_error`"),
        "missing field `remedy`",
    );
}

#[test]
fn missing_fallback_rule() {
    let mut spec = valid();
    top(&mut spec)["fallback"]
        .as_object_mut()
        .unwrap()
        .remove("other");
    fails(&spec, Some("`fallback`"), "missing field `other`");
}

#[test]
fn invalid_module_name() {
    let mut spec = valid();
    top(&mut spec)["module"] = json!("Demo-Service");
    fails(
        &spec,
        None,
        "`module` is `Demo-Service`, not a snake_case Rust module name",
    );
}

#[test]
fn invalid_type_name() {
    let mut spec = valid();
    top(&mut spec)["value_type"] = json!("reason");
    fails(
        &spec,
        None,
        "`value_type` `reason` is not a CamelCase Rust name",
    );
}

#[test]
fn invalid_derived_variant_name() {
    let mut spec = valid();
    push_value(&mut spec, "5xx");
    let err = fails(&spec, Some("`5xx`"), "is not a CamelCase Rust name");
    assert_eq!(
        err.problem(),
        "variant name `5xx` is not a CamelCase Rust name"
    );
}

#[test]
fn variant_name_collision() {
    let mut spec = valid();
    push_value(&mut spec, "FOO_BAR");
    push_value(&mut spec, "FooBar");
    fails(
        &spec,
        Some("`FooBar`"),
        "variant name `FooBar` is also used by `FOO_BAR`",
    );
}

#[test]
fn emit_is_deterministic() {
    let spec = load(&valid()).unwrap();
    let options = emit::Options::default();
    assert_eq!(emit::emit(&spec, &options), emit::emit(&spec, &options));

    let apns = apple_errors_spec::load("apns.json", apple_errors_spec::APNS).unwrap();
    let first = emit::emit(&apns, &options);
    let second = emit::emit(&apns, &options);
    assert_eq!(first, second);
    assert!(first.contains("pub enum Reason"));
    assert!(first.contains("pub enum Status"));
}

#[test]
fn a_typo_in_a_required_field_is_reported_as_itself() {
    let mut spec = valid();
    let remedy = value(&mut spec, 0).remove("remedy").unwrap();
    value(&mut spec, 0).insert("remdy".into(), remedy);
    fails(&spec, Some("`BadTopic`"), "unknown field `remdy`");
}

#[test]
fn status_fields_need_a_status_table() {
    let mut spec = valid();
    top(&mut spec).remove("statuses");
    for v in 0..3 {
        value(&mut spec, v).remove("status");
    }
    fails(&spec, None, "`status_type` is only allowed with `statuses`");
}

#[test]
fn wire_values_cannot_hold_quotes() {
    let mut spec = valid();
    value(&mut spec, 0).insert("wire".into(), json!("Bad\"Topic"));
    fails(&spec, Some("`Bad\"Topic`"), "has the character '\"'");
    let mut spec = valid();
    value(&mut spec, 2).insert("aliases".into(), json!(["Too\u{a0}Many"]));
    fails(
        &spec,
        Some("`TOO_MANY_UPDATES`"),
        "alias `Too\u{a0}Many` has the character",
    );
}

#[test]
fn statuses_say_success_with_their_field() {
    let mut spec = valid();
    status(&mut spec, 0).insert("flags".into(), json!(["success"]));
    fails(&spec, Some("`200`"), "use `\"success\": true`");
}

#[test]
fn an_alias_spelled_like_the_variant_name_still_emits_valid_code() {
    let mut spec = valid();
    value(&mut spec, 2).insert("aliases".into(), json!(["TooManyUpdates"]));
    let loaded = load(&spec).expect("valid");
    let code = emit::emit(&loaded, &Default::default());
    assert!(code.contains("#[doc(alias = \"TOO_MANY_UPDATES\")]"));
    assert!(!code.contains("#[doc(alias = \"TooManyUpdates\")]"));
    assert!(code.contains("\"TooManyUpdates\" => Some(Self::TooManyUpdates),"));
}

#[test]
fn top_level_text_fields_are_checked() {
    for (field, bad, fragment) in [
        ("title", json!(" "), "`title` is empty"),
        ("page", json!("two\nlines"), "`page` spans several lines"),
        ("value_noun", json!(""), "`value_noun` is empty"),
        (
            "value_doc",
            json!("a\r\nb"),
            "`value_doc` has a carriage return",
        ),
    ] {
        let mut spec = valid();
        top(&mut spec).insert(field.into(), bad);
        fails(&spec, None, fragment);
    }
}

#[test]
fn values_must_not_be_empty() {
    let mut spec = valid();
    top(&mut spec).insert("values".into(), json!([]));
    fails(&spec, None, "`values` is empty");
    top(&mut spec).remove("values");
    fails(&spec, None, "missing field `values`");
}

#[test]
fn status_type_is_checked() {
    let mut spec = valid();
    top(&mut spec).insert("status_type".into(), json!("Reason"));
    fails(
        &spec,
        None,
        "`status_type` and `value_type` are the same name",
    );
    top(&mut spec).insert("status_type".into(), json!("status"));
    fails(
        &spec,
        None,
        "`status_type` `status` is not a CamelCase Rust name",
    );
}

#[test]
fn status_codes_must_be_http_statuses() {
    let mut spec = valid();
    status(&mut spec, 1).insert("code".into(), json!(99));
    fails(&spec, Some("`99`"), "status 99 is not an HTTP status");
    status(&mut spec, 1).insert("code".into(), json!(70000));
    fails(&spec, Some("`70000`"), "status 70000 is out of range");
    let mut spec = valid();
    value(&mut spec, 0).insert("status".into(), json!(70000));
    fails(
        &spec,
        Some("`BadTopic`"),
        "`status` must be an HTTP status number",
    );
}

#[test]
fn status_names_are_checked() {
    let mut spec = valid();
    status(&mut spec, 1).insert("name".into(), json!("Success"));
    fails(&spec, Some("`400`"), "name `Success` is also used by 200");
    status(&mut spec, 1).insert("name".into(), json!("bad request"));
    fails(
        &spec,
        Some("`400`"),
        "`name` `bad request` is not a CamelCase Rust name",
    );
}

#[test]
fn wire_values_must_be_trimmed_and_non_empty() {
    let mut spec = valid();
    value(&mut spec, 0).insert("wire".into(), json!(""));
    fails(&spec, Some("``"), "wire value is empty");
    value(&mut spec, 0).insert("wire".into(), json!(" BadTopic"));
    fails(
        &spec,
        Some("` BadTopic`"),
        "has leading or trailing white space",
    );
}

#[test]
fn an_entry_page_must_not_be_empty() {
    let mut spec = valid();
    value(&mut spec, 0).insert("page".into(), json!(""));
    fails(&spec, Some("`BadTopic`"), "`page` is empty");
}

#[test]
fn lists_hold_only_strings() {
    let mut spec = valid();
    value(&mut spec, 0).insert("aliases".into(), json!([1]));
    fails(
        &spec,
        Some("`BadTopic`"),
        "`aliases` must hold only strings",
    );
    let mut spec = valid();
    value(&mut spec, 0).insert("flags".into(), json!([true]));
    fails(&spec, Some("`BadTopic`"), "`flags` must hold only strings");
}

#[test]
fn fallback_is_required_with_statuses() {
    let mut spec = valid();
    top(&mut spec).remove("fallback");
    fails(&spec, None, "missing field `fallback`");
}

#[test]
fn fields_have_types() {
    let mut spec = valid();
    value(&mut spec, 0).insert("description".into(), json!(["not", "a", "string"]));
    fails(&spec, Some("`BadTopic`"), "`description` must be a string");
    let mut spec = valid();
    status(&mut spec, 0).insert("success".into(), json!("yes"));
    fails(&spec, Some("`200`"), "`success` must be true or false");
    let mut spec = valid();
    top(&mut spec).insert("format".into(), json!("1"));
    fails(&spec, None, "`format` must be a whole number");
}
