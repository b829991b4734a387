//! One test per loader/validator rule: each breaks a minimal valid spec in
//! exactly one way and checks that the error names the file, the entry and
//! the problem.

use apple_errors_spec::{SpecError, emit};
use proc_macro2::TokenStream;
use quote::quote;
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

/// The generated tokens, as text, for comparing with [`tokens`].
fn emitted(spec: &apple_errors_spec::Spec) -> String {
    emit::emit(spec, &Default::default()).to_string()
}

/// `code` as text spaced the way [`emitted`] spaces it.
fn tokens(code: TokenStream) -> String {
    code.to_string()
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
    for &apple_errors_spec::Bundled {
        file, json: text, ..
    } in apple_errors_spec::BUNDLED
    {
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
fn at_most_255_aliases_per_value() {
    let mut spec = valid();
    let aliases: Vec<String> = (0..256).map(|i| format!("Alias{i}")).collect();
    value(&mut spec, 1).insert("aliases".into(), json!(aliases[..255]));
    load(&spec).unwrap();
    value(&mut spec, 1).insert("aliases".into(), json!(aliases));
    fails(
        &spec,
        Some("`Unregistered`"),
        "has 256 aliases; at most 255 are allowed",
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
fn inferred_flag_not_in_flags() {
    let mut spec = valid();
    value(&mut spec, 0).insert("flags".into(), json!(["needs_new_provider_token"]));
    value(&mut spec, 0).insert("inferred_flags".into(), json!(["needs_new_connection"]));
    fails(
        &spec,
        Some("`BadTopic`"),
        "`inferred_flags` lists `needs_new_connection`, which is not in `flags`",
    );
}

#[test]
fn inferred_flag_listed_twice() {
    let mut spec = valid();
    value(&mut spec, 0).insert("flags".into(), json!(["needs_new_connection"]));
    value(&mut spec, 0).insert(
        "inferred_flags".into(),
        json!(["needs_new_connection", "needs_new_connection"]),
    );
    fails(
        &spec,
        Some("`BadTopic`"),
        "`inferred_flags` lists `needs_new_connection` twice",
    );
}

#[test]
fn inferred_flag_that_is_not_a_connection_fact() {
    let mut spec = valid();
    value(&mut spec, 1).insert("inferred_flags".into(), json!(["not_an_error_condition"]));
    fails(
        &spec,
        Some("`Unregistered`"),
        "`inferred_flags` lists `not_an_error_condition`, which is not a fact that can be inferred",
    );
}

#[test]
fn unknown_inferred_flag() {
    let mut spec = valid();
    value(&mut spec, 0).insert("inferred_flags".into(), json!(["loud"]));
    fails(&spec, Some("`BadTopic`"), "unknown flag `loud`");
    value(&mut spec, 0).insert("inferred_flags".into(), json!("needs_new_connection"));
    fails(
        &spec,
        Some("`BadTopic`"),
        "`inferred_flags` must be a JSON array",
    );
}

#[test]
fn inferred_flags_get_a_query_and_a_doc_line() {
    let mut spec = valid();
    value(&mut spec, 0).insert("flags".into(), json!(["needs_new_connection"]));
    value(&mut spec, 2).insert("flags".into(), json!(["needs_new_connection"]));
    // Only Apple's facts: no query for provenance.
    let code = emitted(&load(&spec).expect("valid"));
    assert!(
        code.contains(
            "Needs a new connection: [`Reason::needs_new_connection`]; Apple's statement"
        )
    );
    assert!(!code.contains("needs_new_connection_is_inferred"));

    value(&mut spec, 0).insert("inferred_flags".into(), json!(["needs_new_connection"]));
    let code = emitted(&load(&spec).expect("valid"));
    assert!(code.contains(&tokens(quote! {
        pub const fn needs_new_connection_is_inferred(self) -> ::core::primitive::bool {
            ::core::matches!(self, Self::BadTopic)
        }
    })));
    assert!(code.contains("this crate's reading of Apple's guidance, not Apple's statement"));
    // The other value keeps Apple's word.
    assert!(code.contains("[`Reason::needs_new_connection`]; Apple's statement\""));
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
        "variant name `5xx` is not a CamelCase Rust name; set `name`"
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
    let code = emitted(&loaded);
    assert!(code.contains(&tokens(quote!(#[doc(alias = "TOO_MANY_UPDATES")]))));
    assert!(!code.contains(&tokens(quote!(#[doc(alias = "TooManyUpdates")]))));
    assert!(code.contains(&tokens(quote! {
        b"TooManyUpdates" => ::core::option::Option::Some(Self::TooManyUpdates),
    })));
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

/// Large tables lose `#[inline]` on `from_wire_bytes`: the `match` would be
/// compiled again in every calling module of a release build.
#[test]
fn large_lookups_are_not_inlined() {
    let limit = apple_errors_spec::emit::INLINE_LOOKUP_LIMIT;
    // The status table's lookup, one arm, stays inline either way.
    for (count, inlined) in [(limit - 1, 2), (limit, 1)] {
        let mut spec = valid();
        let values: Vec<Value> = (0..count)
            .map(|i| {
                json!({
                    "wire": format!("Code{i}"),
                    "status": 400,
                    "description": "A code.",
                    "retry": { "action": "after_fix" },
                    "remedy": "Fix it."
                })
            })
            .collect();
        top(&mut spec).insert("values".into(), Value::Array(values));
        let code = emitted(&load(&spec).unwrap());
        let inline = tokens(quote::quote!(#[inline] pub const fn from_wire_bytes));
        assert_eq!(code.matches(&inline).count(), inlined, "{count} values");
        let any = tokens(quote::quote!(pub const fn from_wire_bytes));
        assert_eq!(code.matches(&any).count(), 2);
    }
}

#[test]
fn value_type_gives_a_usable_macro_name() {
    for ty in ["Crate", "Super"] {
        let mut spec = valid();
        top(&mut spec).insert("value_type".into(), json!(ty));
        fails(
            &spec,
            None,
            &format!(
                "`value_type` `{ty}` would name its checked-literal macro `{}!`, which Rust reserves",
                ty.to_lowercase()
            ),
        );
    }
    // A keyword that can be raw is fine: `r#type!`.
    let mut spec = valid();
    top(&mut spec).insert("value_type".into(), json!("Type"));
    load(&spec).unwrap();
}

#[test]
fn text_has_no_control_characters() {
    for (bad, fragment) in [
        (
            "A bell \u{7} here.",
            "`description` has the control character '\\u{7}'",
        ),
        ("A\ttab.", "`description` has the control character '\\t'"),
    ] {
        let mut spec = valid();
        value(&mut spec, 0).insert("description".into(), json!(bad));
        fails(&spec, Some("`BadTopic`"), fragment);
    }
    let mut spec = valid();
    top(&mut spec).insert("value_doc".into(), json!("First.\n\nA\u{1b}[31m escape."));
    fails(
        &spec,
        None,
        "`value_doc` has the control character '\\u{1b}'",
    );
}

#[test]
fn code_spans_are_closed() {
    let mut spec = valid();
    value(&mut spec, 0).insert("remedy".into(), json!("Send `apns-topic, then [retry]."));
    fails(
        &spec,
        Some("`BadTopic`"),
        "`remedy` has an unmatched backtick; close the code span",
    );
    // Per paragraph in docs: a span may not run across a blank line.
    let mut spec = valid();
    top(&mut spec).insert("value_doc".into(), json!("One `span.\n\nAnd` more."));
    fails(&spec, None, "`value_doc` has an unmatched backtick");
    let mut spec = valid();
    top(&mut spec).insert("value_doc".into(), json!("One `span`.\n\nAnd `more`."));
    load(&spec).unwrap();
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

/// Loads `spec`, expecting an error about `entry` with exactly `problem`.
#[track_caller]
fn refused(spec: &Value, entry: Option<&str>, problem: &str) {
    let err = fails(spec, entry, problem);
    assert_eq!(err.problem(), problem, "{err}");
}

/// Removes the status table, and every value's status with it.
fn without_statuses(spec: &mut Value) {
    for key in ["statuses", "status_type", "status_doc", "fallback"] {
        top(spec).remove(key);
    }
    for i in 0..3 {
        value(spec, i).remove("status");
    }
}

/// `valid()` plus two operations that succeed with 200.
fn with_operations() -> Value {
    let mut spec = valid();
    let t = top(&mut spec);
    t.insert("operation_type".into(), json!("Operation"));
    t.insert(
        "unexpected_success".into(),
        json!({
            "retry": { "action": "never", "inferred": true },
            "remedy": "Check what the request did before sending it again."
        }),
    );
    t.insert(
        "operation_doc".into(),
        json!("The requests of the demo service."),
    );
    t.insert(
        "operations".into(),
        json!([
            {
                "name": "CreateThing",
                "method": "POST",
                "path": "/1/things",
                "success": 200,
                "description": "Create a thing."
            },
            {
                "name": "ReadThing",
                "method": "GET",
                "path": "/1/things/{thingId}",
                "success": 200,
                "description": "Read a thing."
            }
        ]),
    );
    spec
}

fn operation(spec: &mut Value, i: usize) -> &mut Map<String, Value> {
    spec["operations"][i].as_object_mut().unwrap()
}

/// `valid()` plus one resend schedule.
fn with_schedule() -> Value {
    let mut spec = valid();
    top(&mut spec).insert(
        "schedules".into(),
        json!([
            {
                "name": "RESEND_DELAYS",
                "doc": "When the demo service sends again.",
                "delays_secs": [60, 3600],
                "page": "Demo resends"
            }
        ]),
    );
    spec
}

fn schedule(spec: &mut Value, i: usize) -> &mut Map<String, Value> {
    spec["schedules"][i].as_object_mut().unwrap()
}

#[test]
fn operations_load() {
    let spec = load(&with_operations()).unwrap();
    let ops = spec.operations.as_ref().unwrap();
    assert_eq!(ops.type_name, "Operation");
    assert_eq!(ops.entries.len(), 2);
    assert_eq!(ops.entries[1].method, "GET");
    assert_eq!(ops.entries[1].path, "/1/things/{thingId}");
    assert_eq!(ops.entries[1].success, 200);
}

#[test]
fn operations_need_statuses() {
    let mut spec = with_operations();
    without_statuses(&mut spec);
    refused(&spec, None, "`operations` is only allowed with `statuses`");
}

#[test]
fn operation_fields_need_operations() {
    for key in ["operation_type", "operation_doc"] {
        let mut spec = valid();
        top(&mut spec).insert(key.into(), json!("Operation"));
        refused(
            &spec,
            None,
            &format!("`{key}` is only allowed with `operations`"),
        );
    }
}

#[test]
fn operations_need_their_type_and_doc() {
    for key in ["operation_type", "operation_doc"] {
        let mut spec = with_operations();
        top(&mut spec).remove(key);
        refused(&spec, None, &format!("missing field `{key}`"));
    }
}

#[test]
fn operations_must_not_be_empty() {
    let mut spec = with_operations();
    top(&mut spec).insert("operations".into(), json!([]));
    refused(&spec, None, "`operations` is empty");
}

#[test]
fn operation_type_is_checked() {
    for other in ["Reason", "Status"] {
        let mut spec = with_operations();
        top(&mut spec).insert("operation_type".into(), json!(other));
        refused(
            &spec,
            None,
            "`operation_type` repeats the name of another generated type",
        );
    }
    let mut spec = with_operations();
    top(&mut spec).insert("operation_type".into(), json!("operation"));
    refused(
        &spec,
        None,
        "`operation_type` `operation` is not a CamelCase Rust name; choose another name",
    );
}

#[test]
fn operation_doc_is_checked() {
    let mut spec = with_operations();
    top(&mut spec).insert("operation_doc".into(), json!(" "));
    refused(&spec, None, "`operation_doc` is empty");
}

#[test]
fn duplicate_operation_name() {
    let mut spec = with_operations();
    operation(&mut spec, 1).insert("name".into(), json!("CreateThing"));
    refused(&spec, Some("`CreateThing`"), "duplicate operation name");
}

#[test]
fn operation_names_are_checked() {
    let mut spec = with_operations();
    operation(&mut spec, 0).insert("name".into(), json!("create_thing"));
    refused(
        &spec,
        Some("`create_thing`"),
        "`name` `create_thing` is not a CamelCase Rust name; choose another name",
    );
    operation(&mut spec, 0).remove("name");
    refused(&spec, Some("operations[0]"), "missing field `name`");
}

#[test]
fn operation_method_must_be_an_http_method() {
    for method in ["FETCH", "post"] {
        let mut spec = with_operations();
        operation(&mut spec, 0).insert("method".into(), json!(method));
        refused(
            &spec,
            Some("`CreateThing`"),
            &format!("`method` `{method}` is not an HTTP method"),
        );
    }
}

#[test]
fn operation_path_must_be_absolute() {
    for path in ["1/things", "/1/some things", ""] {
        let mut spec = with_operations();
        operation(&mut spec, 0).insert("path".into(), json!(path));
        refused(
            &spec,
            Some("`CreateThing`"),
            &format!("`path` `{path}` is not an absolute path"),
        );
    }
}

#[test]
fn operation_success_must_be_a_listed_status() {
    let mut spec = with_operations();
    operation(&mut spec, 0).insert("success".into(), json!(201));
    refused(
        &spec,
        Some("`CreateThing`"),
        "`success` 201 is not in the status table",
    );
}

#[test]
fn operation_success_must_be_a_success_status() {
    let mut spec = with_operations();
    operation(&mut spec, 1).insert("success".into(), json!(400));
    refused(
        &spec,
        Some("`ReadThing`"),
        "`success` 400 is not a success status",
    );
}

#[test]
fn operation_success_must_fit_a_status() {
    let mut spec = with_operations();
    operation(&mut spec, 0).insert("success".into(), json!(70000));
    refused(&spec, Some("`CreateThing`"), "status 70000 is out of range");
}

#[test]
fn operation_description_is_checked() {
    let mut spec = with_operations();
    operation(&mut spec, 0).insert("description".into(), json!("One.\nTwo."));
    refused(
        &spec,
        Some("`CreateThing`"),
        "`description` spans several lines; keep it to one paragraph",
    );
}

#[test]
fn values_without_status() {
    let mut spec = valid();
    top(&mut spec).insert("values_have_status".into(), json!(false));
    for i in 0..3 {
        value(&mut spec, i).remove("status");
    }
    let loaded = load(&spec).unwrap();
    assert!(!loaded.statuses.as_ref().unwrap().values_have_status);
    assert!(loaded.values.iter().all(|v| v.status.is_none()));
    // The default is `true`.
    assert!(load(&valid()).unwrap().statuses.unwrap().values_have_status);
}

#[test]
fn values_have_status_false_refuses_a_value_status() {
    let mut spec = valid();
    top(&mut spec).insert("values_have_status".into(), json!(false));
    for i in 1..3 {
        value(&mut spec, i).remove("status");
    }
    refused(
        &spec,
        Some("`BadTopic`"),
        "has a `status` but the file sets `values_have_status` to false",
    );
}

#[test]
fn values_have_status_needs_statuses() {
    let mut spec = valid();
    without_statuses(&mut spec);
    top(&mut spec).insert("values_have_status".into(), json!(false));
    refused(
        &spec,
        None,
        "`values_have_status` is only allowed with `statuses`",
    );
}

#[test]
fn values_have_status_is_a_boolean() {
    let mut spec = valid();
    top(&mut spec).insert("values_have_status".into(), json!("no"));
    refused(&spec, None, "`values_have_status` must be true or false");
}

#[test]
fn hierarchy_separator_is_one_character() {
    for sep in ["::", ""] {
        let mut spec = valid();
        top(&mut spec).insert("hierarchy_separator".into(), json!(sep));
        refused(&spec, None, "`hierarchy_separator` must be one character");
    }
}

#[test]
fn hierarchy_separator_is_ascii_punctuation() {
    for (sep, shown) in [
        ("a", "'a'"),
        (" ", "' '"),
        ("\"", "'\"'"),
        ("\u{b7}", "'\u{b7}'"),
    ] {
        let mut spec = valid();
        top(&mut spec).insert("hierarchy_separator".into(), json!(sep));
        refused(
            &spec,
            None,
            &format!("`hierarchy_separator` {shown} is not an ASCII punctuation mark"),
        );
    }
}

#[test]
fn hierarchical_spellings_have_no_empty_level() {
    for wire in ["A..B", "A.", ".A"] {
        let mut spec = valid();
        top(&mut spec).insert("hierarchy_separator".into(), json!("."));
        push_value(&mut spec, wire).insert("name".into(), json!("Other"));
        refused(
            &spec,
            Some(&format!("`{wire}`")),
            &format!("`{wire}` has an empty level between `.` separators"),
        );
    }
    let mut spec = valid();
    top(&mut spec).insert("hierarchy_separator".into(), json!("."));
    value(&mut spec, 0).insert("aliases".into(), json!(["BAD.TOPIC."]));
    refused(
        &spec,
        Some("`BadTopic`"),
        "`BAD.TOPIC.` has an empty level between `.` separators",
    );
}

#[test]
fn schedules_load() {
    let spec = load(&with_schedule()).unwrap();
    assert_eq!(spec.schedules.len(), 1);
    assert_eq!(spec.schedules[0].name, "RESEND_DELAYS");
    assert_eq!(spec.schedules[0].delays_secs, [60, 3600]);
    assert!(load(&valid()).unwrap().schedules.is_empty());
}

#[test]
fn schedule_names_are_screaming_snake_case() {
    for name in ["ResendDelays", "resend_delays", "_DELAYS", "RESEND-DELAYS"] {
        let mut spec = with_schedule();
        schedule(&mut spec, 0).insert("name".into(), json!(name));
        refused(
            &spec,
            Some(&format!("`{name}`")),
            "schedule `name` is not a SCREAMING_SNAKE_CASE name",
        );
    }
}

#[test]
fn duplicate_schedule_name() {
    let mut spec = with_schedule();
    let copy = spec["schedules"][0].clone();
    spec["schedules"].as_array_mut().unwrap().push(copy);
    refused(&spec, Some("`RESEND_DELAYS`"), "duplicate schedule name");
}

#[test]
fn schedule_delays_must_not_be_empty() {
    let mut spec = with_schedule();
    schedule(&mut spec, 0).insert("delays_secs".into(), json!([]));
    refused(&spec, Some("`RESEND_DELAYS`"), "`delays_secs` is empty");
}

#[test]
fn schedule_delays_must_not_be_zero() {
    let mut spec = with_schedule();
    schedule(&mut spec, 0).insert("delays_secs".into(), json!([60, 0]));
    refused(
        &spec,
        Some("`RESEND_DELAYS`"),
        "`delays_secs` holds a zero delay",
    );
}

#[test]
fn schedule_delays_are_whole_seconds() {
    for delay in [json!(1.5), json!(-1), json!("60")] {
        let mut spec = with_schedule();
        schedule(&mut spec, 0).insert("delays_secs".into(), json!([60, delay]));
        refused(
            &spec,
            Some("`RESEND_DELAYS`"),
            "`delays_secs` must hold whole numbers of seconds",
        );
    }
    let mut spec = with_schedule();
    schedule(&mut spec, 0).insert("delays_secs".into(), json!(60));
    refused(
        &spec,
        Some("`RESEND_DELAYS`"),
        "`delays_secs` must be a JSON array",
    );
}

#[test]
fn schedule_text_fields_are_checked() {
    let mut spec = with_schedule();
    schedule(&mut spec, 0).insert("doc".into(), json!(""));
    refused(&spec, Some("`RESEND_DELAYS`"), "`doc` is empty");
    let mut spec = with_schedule();
    schedule(&mut spec, 0).insert("page".into(), json!("two\nlines"));
    refused(
        &spec,
        Some("`RESEND_DELAYS`"),
        "`page` spans several lines; keep it to one paragraph",
    );
    let mut spec = with_schedule();
    schedule(&mut spec, 0).remove("page");
    refused(&spec, Some("`RESEND_DELAYS`"), "missing field `page`");
}

#[test]
fn every_new_feature_loads_and_emits() {
    let mut spec = with_operations();
    let schedules = with_schedule()["schedules"].take();
    let t = top(&mut spec);
    t.insert("schedules".into(), schedules);
    t.insert("values_have_status".into(), json!(false));
    t.insert("hierarchy_separator".into(), json!("."));
    for i in 0..3 {
        value(&mut spec, i).remove("status");
    }
    push_value(&mut spec, "TOPIC_ERROR.TOO_LONG").remove("status");
    let loaded = load(&spec).expect("valid");
    assert_eq!(loaded.hierarchy_separator, Some('.'));
    assert_eq!(loaded.values[3].name, "TopicErrorTooLong");

    let code = emitted(&loaded);
    for wanted in [
        quote!(pub enum Operation),
        quote!(pub const fn method(self) -> &'static ::core::primitive::str),
        quote!(pub const fn path(self) -> &'static ::core::primitive::str),
        quote!(pub const fn success_status(self) -> Status),
        quote!(Self::ReadThing => "/1/things/{thingId}",),
        quote!(Self::CreateThing => Status::Success,),
        quote!(impl ::core::fmt::Display for Operation),
        quote!(pub fn family_of(code: &::core::primitive::str) -> ::core::option::Option<Self>),
        quote!(prefix = &prefix[..prefix.rfind('.')?];),
        quote!(pub const RESEND_DELAYS: &[::core::time::Duration]),
        quote!(::core::time::Duration::from_secs(3600)),
        quote! {
            pub const fn retry_for_unlisted(code: ::core::primitive::u16)
                -> ::apple_errors::retry::RetryPolicy
        },
        quote! {
            pub const fn remedy_for_unlisted(code: ::core::primitive::u16)
                -> &'static ::core::primitive::str
        },
        quote!(::core::option::Option::None => Self::retry_for_unlisted(code),),
        quote!(::core::option::Option::None => Self::remedy_for_unlisted(code),),
    ] {
        let wanted = tokens(wanted);
        assert!(code.contains(&wanted), "missing {wanted:?} in:\n{code}");
    }
    assert!(
        !code.contains(&tokens(quote!(pub const fn status(self)))),
        "{code}"
    );
    assert!(!code.contains("- HTTP status:"), "{code}");
}

#[test]
fn plain_specs_emit_no_new_items() {
    let code = emitted(&load(&valid()).unwrap());
    assert!(code.contains(&tokens(quote!(pub const fn status(self) -> Status))));
    assert!(code.contains(&tokens(quote!(
        pub const fn retry_for_unlisted(code: ::core::primitive::u16)
    ))));
    for absent in [
        quote!(pub enum Operation),
        quote!(pub fn family_of),
        quote!(::core::time::Duration),
    ] {
        let absent = tokens(absent);
        assert!(!code.contains(&absent), "unexpected {absent:?} in:\n{code}");
    }
}

#[test]
fn a_bad_separator_is_blamed_on_the_separator() {
    let mut spec = valid();
    top(&mut spec).insert("hierarchy_separator".into(), json!("T"));
    fails(
        &spec,
        None,
        "`hierarchy_separator` 'T' is not an ASCII punctuation mark",
    );
}

#[test]
fn operations_need_an_unexpected_success_rule() {
    let mut spec = with_operations();
    top(&mut spec).remove("unexpected_success");
    fails(
        &spec,
        Some("`unexpected_success`"),
        "missing field `unexpected_success`",
    );
    let mut spec = with_operations();
    top(&mut spec)["unexpected_success"]["remedy"] = json!(" ");
    fails(&spec, Some("`unexpected_success`"), "`remedy` is empty");
    let mut spec = valid();
    top(&mut spec).insert("unexpected_success".into(), json!({}));
    fails(
        &spec,
        None,
        "`unexpected_success` is only allowed with `operations`",
    );
}

#[test]
fn two_operations_cannot_share_a_route() {
    let mut spec = with_operations();
    operation(&mut spec, 1).insert("method".into(), json!("POST"));
    operation(&mut spec, 1).insert("path".into(), json!("/1/things"));
    fails(
        &spec,
        Some("`ReadThing`"),
        "`POST /1/things` is also `CreateThing`",
    );
}

#[test]
fn path_keywords_cannot_name_the_module() {
    for module in ["self", "super", "crate"] {
        let mut spec = valid();
        top(&mut spec)["module"] = json!(module);
        refused(
            &spec,
            None,
            &format!(
                "`module` `{module}` is reserved in Rust and cannot name a module; \
                 choose another name"
            ),
        );
    }
    // Other keywords can be raw identifiers (`mod r#type`).
    let mut spec = valid();
    top(&mut spec)["module"] = json!("type");
    load(&spec).expect("a keyword that can be raw");
}

#[test]
fn a_wire_value_deriving_to_self_needs_a_name() {
    let mut spec = valid();
    push_value(&mut spec, "self");
    refused(
        &spec,
        Some("`self`"),
        "variant name `Self` is reserved in Rust; set `name`",
    );
    value(&mut spec, 3).insert("name".into(), json!("Myself"));
    load(&spec).expect("a given name");
    push_value(&mut spec, "me").insert("name".into(), json!("Self"));
    refused(
        &spec,
        Some("`me`"),
        "variant name `Self` is reserved in Rust; choose another `name`",
    );
}

#[test]
fn generated_types_cannot_be_named_self() {
    let mut spec = valid();
    top(&mut spec)["value_type"] = json!("Self");
    refused(
        &spec,
        None,
        "`value_type` `Self` is reserved in Rust; choose another name",
    );
    let mut spec = valid();
    status(&mut spec, 1).insert("name".into(), json!("Self"));
    refused(
        &spec,
        Some("`400`"),
        "`name` `Self` is reserved in Rust; choose another name",
    );
    let mut spec = with_operations();
    operation(&mut spec, 0).insert("name".into(), json!("Self"));
    refused(
        &spec,
        Some("`Self`"),
        "`name` `Self` is reserved in Rust; choose another name",
    );
}

#[test]
fn variants_cannot_hide_generated_constants() {
    let mut spec = valid();
    push_value(&mut spec, "ALL").insert("name".into(), json!("ALL"));
    refused(
        &spec,
        Some("`ALL`"),
        "variant name `ALL` clashes with the generated constant `Reason::ALL`; \
         choose another `name`",
    );
    let mut spec = valid();
    status(&mut spec, 1).insert("name".into(), json!("ALL"));
    refused(
        &spec,
        Some("`400`"),
        "`name` `ALL` clashes with the generated constant `Status::ALL`; choose another name",
    );
    let mut spec = with_operations();
    operation(&mut spec, 0).insert("name".into(), json!("ALL"));
    refused(
        &spec,
        Some("`ALL`"),
        "`name` `ALL` clashes with the generated constant `Operation::ALL`; \
         choose another name",
    );
    // `SEPARATOR` only exists with a separator.
    let mut spec = valid();
    push_value(&mut spec, "SEPARATOR").insert("name".into(), json!("SEPARATOR"));
    load(&spec).expect("no separator, no constant");
    top(&mut spec).insert("hierarchy_separator".into(), json!("."));
    refused(
        &spec,
        Some("`SEPARATOR`"),
        "variant name `SEPARATOR` clashes with the generated constant \
         `Reason::SEPARATOR`; choose another `name`",
    );
}

/// The spec crate's own JSON parser reads every bundled file as `serde_json`
/// does.
#[test]
fn the_spec_parser_agrees_with_serde_json() {
    use apple_errors_spec::json::{self, Value as Ours};
    fn convert(v: &Value) -> Ours {
        match v {
            Value::Null => Ours::Null,
            Value::Bool(b) => Ours::Bool(*b),
            Value::Number(n) => Ours::Number(n.to_string()),
            Value::String(s) => Ours::String(s.clone()),
            Value::Array(a) => Ours::Array(a.iter().map(convert).collect()),
            Value::Object(m) => {
                Ours::Object(m.iter().map(|(k, v)| (k.clone(), convert(v))).collect())
            }
        }
    }
    for &apple_errors_spec::Bundled {
        file, json: text, ..
    } in apple_errors_spec::BUNDLED
    {
        let theirs: Value = serde_json::from_str(text).unwrap();
        let mut ours = json::parse(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        // serde_json sorts keys; compare without order.
        fn sort(v: &mut Ours) {
            match v {
                Ours::Array(a) => a.iter_mut().for_each(sort),
                Ours::Object(m) => {
                    m.iter_mut().for_each(|(_, v)| sort(v));
                    m.sort_by(|a, b| a.0.cmp(&b.0));
                }
                _ => {}
            }
        }
        let mut expected = convert(&theirs);
        sort(&mut ours);
        sort(&mut expected);
        assert_eq!(ours, expected, "{file}");
    }
}

/// The minimal spec with numeric codes: 4000001, 4000002 and 4000003, named
/// after the string spec's values.
fn numeric() -> Value {
    let mut spec = valid();
    top(&mut spec).insert("wire_type".into(), json!("integer"));
    for (i, name) in ["BadTopic", "Unregistered", "TooManyUpdates"]
        .into_iter()
        .enumerate()
    {
        let v = value(&mut spec, i);
        v.insert("wire".into(), json!(4_000_001 + i));
        v.insert("name".into(), json!(name));
        v.remove("aliases");
    }
    spec
}

#[test]
fn numeric_codes_load() {
    let spec = load(&numeric()).unwrap();
    assert_eq!(spec.values[0].wire, "4000001");
    assert_eq!(spec.values[2].name, "TooManyUpdates");
}

#[test]
fn numeric_codes_are_whole_numbers_with_names() {
    let mut spec = numeric();
    value(&mut spec, 0).insert("wire".into(), json!("4000001"));
    fails(&spec, Some("`4000001`"), "`wire` must be a whole number");
    let mut spec = numeric();
    value(&mut spec, 0).insert("wire".into(), json!(4_294_967_296_u64));
    fails(
        &spec,
        Some("`4294967296`"),
        "wire value 4294967296 is over 4294967295",
    );
    let mut spec = numeric();
    value(&mut spec, 1).remove("name");
    fails(
        &spec,
        Some("`4000002`"),
        "missing field `name` (required for integer wire values)",
    );
}

#[test]
fn numeric_codes_take_other_names_not_aliases() {
    let mut spec = numeric();
    value(&mut spec, 0).insert("aliases".into(), json!(["Other"]));
    fails(
        &spec,
        Some("`4000001`"),
        "integer wire values take no `aliases`; put other names of the code in `other_names`",
    );
    let mut spec = numeric();
    value(&mut spec, 0).insert("other_names".into(), json!(["TooManyUpdates"]));
    fails(
        &spec,
        Some("`4000003`"),
        "variant name `TooManyUpdates` is also used by `4000001`",
    );
    let mut spec = numeric();
    value(&mut spec, 2).insert("other_names".into(), json!(["BadTopic"]));
    fails(
        &spec,
        Some("`4000003`"),
        "other name `BadTopic` is also a name of `4000001`",
    );
    let mut spec = numeric();
    value(&mut spec, 0).insert("other_names".into(), json!(["bad name"]));
    fails(
        &spec,
        Some("`4000001`"),
        "other name `bad name` is not a CamelCase Rust name",
    );
}

#[test]
fn other_names_are_for_numeric_codes() {
    let mut spec = valid();
    value(&mut spec, 0).insert("other_names".into(), json!(["Other"]));
    fails(
        &spec,
        Some("`BadTopic`"),
        "`other_names` is for integer codes; a string value's other spellings go in `aliases`",
    );
}

/// Wire values that look like numbers in a string spec stay strings: no
/// discriminants (`"1"` and `"01"` would both be 1).
#[test]
fn numeric_looking_strings_are_not_codes() {
    let mut spec = valid();
    value(&mut spec, 0).insert("wire".into(), json!("1"));
    value(&mut spec, 0).insert("name".into(), json!("One"));
    value(&mut spec, 1).insert("wire".into(), json!("01"));
    value(&mut spec, 1).insert("name".into(), json!("ZeroOne"));
    let code = emitted(&load(&spec).unwrap());
    assert!(code.contains(&tokens(quote::quote!(One,))), "{code}");
    assert!(code.contains(&tokens(quote::quote!(ZeroOne,))));
    assert!(!code.contains("repr"));
}

#[test]
fn numeric_codes_have_no_levels() {
    let mut spec = numeric();
    top(&mut spec).insert("hierarchy_separator".into(), json!("."));
    fails(
        &spec,
        None,
        "`hierarchy_separator` is for string codes; the file's `wire_type` is `integer`",
    );
}

#[test]
fn wire_type_and_provenance_are_keywords() {
    let mut spec = numeric();
    top(&mut spec).insert("wire_type".into(), json!("float"));
    fails(
        &spec,
        None,
        "unknown `wire_type` `float` (expected one of: string, integer)",
    );
    let mut spec = numeric();
    value(&mut spec, 0).insert("provenance".into(), json!("rumour"));
    fails(
        &spec,
        Some("`4000001`"),
        "unknown provenance `rumour` (expected one of: apple_libraries, apple_docs, peer_library)",
    );
    let mut spec = numeric();
    value(&mut spec, 0).insert("deprecated".into(), json!("two\nlines"));
    fails(&spec, Some("`4000001`"), "`deprecated` spans several lines");
    let mut spec = numeric();
    value(&mut spec, 0).insert("since".into(), json!(""));
    fails(&spec, Some("`4000001`"), "`since` is empty");
}

#[test]
fn other_environment_is_a_retry_action() {
    let mut spec = numeric();
    value(&mut spec, 0).insert("retry".into(), json!({ "action": "other_environment" }));
    let loaded = load(&spec).unwrap();
    assert_eq!(
        loaded.values[0].retry.action,
        apple_errors_spec::model::RetryAction::OtherEnvironment
    );
}

#[test]
fn two_values_with_the_same_label() {
    // `Foo_Bar` and `FooBar` are different names with one label, `foo_bar`.
    let mut spec = valid();
    push_value(&mut spec, "FooBar");
    push_value(&mut spec, "Foo_Bar").insert("name".into(), json!("Foo_Bar"));
    fails(
        &spec,
        Some("`Foo_Bar`"),
        "variant name `Foo_Bar` gives the label `foo_bar`, as `FooBar` does; choose another `name`",
    );
}

#[test]
fn a_value_may_not_take_the_unknown_label() {
    let mut spec = valid();
    push_value(&mut spec, "UNKNOWN");
    fails(
        &spec,
        Some("`UNKNOWN`"),
        "variant name `Unknown` gives the label `unknown`, which stands for every value this version does not know; set `name`",
    );
    // The label comes from the name, so another name fixes it.
    let mut spec = valid();
    push_value(&mut spec, "UNKNOWN").insert("name".into(), json!("UnknownReason"));
    load(&spec).unwrap();
}

#[test]
fn two_statuses_with_the_same_label() {
    let mut spec = valid();
    status(&mut spec, 1)["name"] = json!("Bad_Request");
    status(&mut spec, 0)["name"] = json!("BadRequest");
    fails(
        &spec,
        Some("`400`"),
        "`name` `Bad_Request` gives the label `bad_request`, as `200` does; choose another name",
    );
    let mut spec = valid();
    status(&mut spec, 1)["name"] = json!("Unknown");
    fails(&spec, Some("`400`"), "gives the label `unknown`");
}

#[test]
fn labels_are_the_module_path_and_the_snake_case_name() {
    let spec = load(&valid()).unwrap();
    let code = emitted(&spec);
    // Each variant's row holds its label.
    assert!(
        code.contains(r#"wire : "TOO_MANY_UPDATES" , label : "demo.too_many_updates""#),
        "{code}"
    );
    assert!(code.contains(r#"wire : "400" , label : "demo.status.bad_request""#));
    assert!(code.contains(
        r#"const UNKNOWN_LABEL : & 'static :: core :: primitive :: str = "demo.unknown""#
    ));
    let options = emit::Options::default()
        .with_module_path("api::r#type")
        .unwrap();
    let code = emit::emit(&spec, &options).to_string();
    assert!(
        code.contains(r#""api.type.bad_topic""#),
        "raw identifiers lose `r#`"
    );
}

#[test]
fn page_urls_are_https_addresses_without_link_breakers() {
    let mut spec = valid();
    top(&mut spec).insert(
        "page_url".into(),
        json!("https://example.com/docs/errors#codes"),
    );
    load(&spec).unwrap();
    for (bad, problem) in [
        ("http://example.com/docs", "is not an `https://` address"),
        ("https://", "has no host"),
        ("https:///docs", "has no host"),
        ("https://example.com/a b", "has the character ' '"),
        ("https://example.com/a(b)", "has the character '('"),
        ("https://example.com/\"", "has the character '\"'"),
    ] {
        let mut spec = valid();
        top(&mut spec).insert("page_url".into(), json!(bad));
        fails(&spec, None, problem);
    }
    let mut spec = valid();
    top(&mut spec).insert("page_url".into(), json!(3));
    fails(&spec, None, "`page_url` must be a string");
}

#[test]
fn an_entry_page_url_needs_the_entry_page() {
    let mut spec = valid();
    value(&mut spec, 2).insert("page_url".into(), json!("https://example.com/credentials"));
    let loaded = load(&spec).unwrap();
    assert_eq!(
        loaded.values[2].page_url.as_deref(),
        Some("https://example.com/credentials")
    );
    assert!(
        emitted(&loaded).contains("[Demo credentials](https://example.com/credentials)"),
        "the entry's source links its page"
    );
    let mut spec = valid();
    value(&mut spec, 0).insert("page_url".into(), json!("https://example.com/topics"));
    fails(&spec, Some("`BadTopic`"), "has a `page_url` but no `page`");
    let mut spec = valid();
    value(&mut spec, 2).insert("page_url".into(), json!("ftp://example.com"));
    fails(
        &spec,
        Some("`TOO_MANY_UPDATES`"),
        "`page_url` `ftp://example.com` is not an `https://` address",
    );
}

#[test]
fn a_schedule_page_url_is_checked() {
    let mut spec = with_schedule();
    schedule(&mut spec, 0).insert("page_url".into(), json!("https://example.com/resends"));
    let loaded = load(&spec).unwrap();
    assert_eq!(
        loaded.schedules[0].page_url.as_deref(),
        Some("https://example.com/resends")
    );
    schedule(&mut spec, 0).insert("page_url".into(), json!("example.com"));
    fails(
        &spec,
        Some("`RESEND_DELAYS`"),
        "`page_url` `example.com` is not an `https://` address",
    );
}
