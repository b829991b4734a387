//! Rules a loaded spec must satisfy before code is generated from it.

use std::collections::BTreeMap;

use crate::SpecError;
use crate::model::{Flag, Retry, RetryAction, Spec, TokenAction, WireType};
use crate::names::{
    UNKNOWN_LABEL, is_module_ident, is_reserved, is_type_ident, label_tail, snake_case,
    variant_name,
};

/// Checks the rules that span fields and entries; returns the first problem.
pub fn validate(spec: &Spec) -> Result<(), SpecError> {
    let top = |problem: String| SpecError::new(&spec.file, None, problem);
    let at = |entry: &str, problem: String| {
        SpecError::new(&spec.file, Some(format!("`{entry}`")), problem)
    };

    if is_reserved(&spec.module) {
        return Err(top(format!(
            "`module` `{}` is reserved in Rust and cannot name a module; choose another name",
            spec.module
        )));
    }
    if !is_module_ident(&spec.module) {
        return Err(top(format!(
            "`module` is `{}`, not a snake_case Rust module name",
            spec.module
        )));
    }
    for (field, text) in [
        ("title", &spec.title),
        ("page", &spec.page),
        ("value_noun", &spec.value_noun),
    ] {
        text_field(text).map_err(|p| top(format!("`{field}` {p}")))?;
    }
    if let Some(address) = &spec.page_url {
        url(address).map_err(|p| top(format!("`page_url` {p}")))?;
    }
    doc_field(&spec.value_doc).map_err(|p| top(format!("`value_doc` {p}")))?;
    type_name(&spec.value_type)
        .map_err(|p| top(format!("`value_type` {p}; choose another name")))?;
    let literal_macro = snake_case(&spec.value_type);
    if is_reserved(&literal_macro) {
        return Err(top(format!(
            "`value_type` `{}` would name its checked-literal macro `{literal_macro}!`, which Rust reserves; choose another name",
            spec.value_type
        )));
    }
    if spec.values.is_empty() {
        return Err(top("`values` is empty".into()));
    }

    if let Some(table) = &spec.statuses {
        type_name(&table.type_name)
            .map_err(|p| top(format!("`status_type` {p}; choose another name")))?;
        if table.type_name == spec.value_type {
            return Err(top(
                "`status_type` and `value_type` are the same name".into()
            ));
        }
        doc_field(&table.doc).map_err(|p| top(format!("`status_doc` {p}")))?;
        let mut codes = Taken::default();
        let mut names = Taken::default();
        let mut labels = Labels::default();
        for s in &table.entries {
            let id = s.code.to_string();
            if !(100..=599).contains(&s.code) {
                return Err(at(&id, format!("status {} is not an HTTP status", s.code)));
            }
            if codes.take(&id, &id).is_some() {
                return Err(at(&id, "duplicate status code".into()));
            }
            if let Some(other) = names.take(&s.name, &id) {
                return Err(at(
                    &id,
                    format!("name `{}` is also used by {other}", s.name),
                ));
            }
            type_name(&s.name).map_err(|p| at(&id, format!("`name` {p}; choose another name")))?;
            not_a_constant(&s.name, &table.type_name, false)
                .map_err(|p| at(&id, format!("`name` {p}; choose another name")))?;
            labels
                .add(&s.name, &id)
                .map_err(|p| at(&id, format!("`name` `{}` {p}; choose another name", s.name)))?;
            text_field(&s.description).map_err(|p| at(&id, format!("`description` {p}")))?;
            text_field(&s.remedy).map_err(|p| at(&id, format!("`remedy` {p}")))?;
            retry(&s.retry).map_err(|p| at(&id, p))?;
            if s.flags.contains(&Flag::Success) {
                return Err(at(
                    &id,
                    "use `\"success\": true` on statuses, not the `success` flag".into(),
                ));
            }
        }
        let fallback = &table.fallback;
        for (key, rule) in [
            ("fallback.client_error", &fallback.client_error),
            ("fallback.server_error", &fallback.server_error),
            ("fallback.other", &fallback.other),
        ] {
            text_field(&rule.remedy).map_err(|p| at(key, format!("`remedy` {p}")))?;
            retry(&rule.retry).map_err(|p| at(key, p))?;
        }
    }

    if spec.wire_type == WireType::Integer && spec.hierarchy_separator.is_some() {
        return Err(top(
            "`hierarchy_separator` is for string codes; the file's `wire_type` is `integer`".into(),
        ));
    }
    if let Some(sep) = spec.hierarchy_separator {
        if !sep.is_ascii_punctuation() || matches!(sep, '"' | '\'' | '`' | '\\') {
            return Err(top(format!(
                "`hierarchy_separator` {sep:?} is not an ASCII punctuation mark"
            )));
        }
    }

    // Every spelling, canonical or alias, must map to exactly one entry.
    let mut spellings = Taken::default();
    let mut names = Taken::default();
    let mut labels = Labels::default();
    for e in &spec.values {
        let id = e.wire.as_str();
        wire(&e.wire).map_err(|p| at(id, format!("wire value {p}")))?;
        if let Some(first) = spellings.take(&e.wire, id) {
            return Err(if first == id {
                at(id, "duplicate wire value".into())
            } else {
                at(id, format!("wire value is already an alias of `{first}`"))
            });
        }
        if let Some(other) = names.take(&e.name, id) {
            return Err(at(
                id,
                format!("variant name `{}` is also used by `{other}`", e.name),
            ));
        }
        // A name that was derived is fixed by giving one.
        let advice = if e.name == variant_name(&e.wire) {
            "set `name`"
        } else {
            "choose another `name`"
        };
        type_name(&e.name).map_err(|p| at(id, format!("variant name {p}; {advice}")))?;
        not_a_constant(
            &e.name,
            &spec.value_type,
            spec.hierarchy_separator.is_some(),
        )
        .map_err(|p| at(id, format!("variant name {p}; {advice}")))?;
        labels
            .add(&e.name, id)
            .map_err(|p| at(id, format!("variant name `{}` {p}; {advice}", e.name)))?;
        if spec.wire_type == WireType::Integer && !e.aliases.is_empty() {
            return Err(at(
                id,
                "integer wire values take no `aliases`; put other names of the code in `other_names`"
                    .into(),
            ));
        }
        if spec.wire_type == WireType::String && !e.other_names.is_empty() {
            return Err(at(
                id,
                "`other_names` is for integer codes; a string value's other spellings go in `aliases`"
                    .into(),
            ));
        }
        for other in &e.other_names {
            type_name(other).map_err(|p| at(id, format!("other name {p}")))?;
            if let Some(owner) = names.take(other, id) {
                return Err(at(
                    id,
                    format!("other name `{other}` is also a name of `{owner}`"),
                ));
            }
        }
        for (field, text) in [("deprecated", &e.deprecated), ("since", &e.since)] {
            if let Some(text) = text {
                text_field(text).map_err(|p| at(id, format!("`{field}` {p}")))?;
            }
        }
        // The runtime records which alias came in one byte.
        if e.aliases.len() > 255 {
            return Err(at(
                id,
                format!("has {} aliases; at most 255 are allowed", e.aliases.len()),
            ));
        }
        for alias in &e.aliases {
            wire(alias).map_err(|p| at(id, format!("alias `{alias}` {p}")))?;
            if let Some(owner) = spellings.take(alias, id) {
                return Err(at(
                    id,
                    format!("alias `{alias}` collides with a spelling of `{owner}`"),
                ));
            }
        }
        text_field(&e.description).map_err(|p| at(id, format!("`description` {p}")))?;
        text_field(&e.remedy).map_err(|p| at(id, format!("`remedy` {p}")))?;
        if let Some(page) = &e.page {
            text_field(page).map_err(|p| at(id, format!("`page` {p}")))?;
        }
        match (&e.page, &e.page_url) {
            (_, None) => {}
            (Some(_), Some(address)) => {
                url(address).map_err(|p| at(id, format!("`page_url` {p}")))?;
            }
            (None, Some(_)) => {
                return Err(at(
                    id,
                    "has a `page_url` but no `page`; the file's `page_url` covers the file's page"
                        .into(),
                ));
            }
        }
        retry(&e.retry).map_err(|p| at(id, p))?;
        inferred_flags(&e.flags, &e.inferred_flags).map_err(|p| at(id, p))?;
        match (&spec.statuses, e.status) {
            (Some(table), Some(_)) if !table.values_have_status => {
                return Err(at(
                    id,
                    "has a `status` but the file sets `values_have_status` to false".into(),
                ));
            }
            (Some(table), Some(code)) => {
                if !table.entries.iter().any(|s| s.code == code) {
                    return Err(at(id, format!("status {code} is not in the status table")));
                }
            }
            (Some(table), None) if table.values_have_status => {
                return Err(at(id, "missing field `status`".into()));
            }
            (Some(_), None) => {}
            (None, Some(_)) => {
                return Err(at(
                    id,
                    "has a `status` but the file has no status table".into(),
                ));
            }
            (None, None) => {}
        }
        if let Some(sep) = spec.hierarchy_separator {
            for spelling in std::iter::once(&e.wire).chain(&e.aliases) {
                if spelling.split(sep).any(str::is_empty) {
                    return Err(at(
                        id,
                        format!("`{spelling}` has an empty level between `{sep}` separators"),
                    ));
                }
            }
        }
    }

    let mut schedule_names = Taken::default();
    for sch in &spec.schedules {
        let id = sch.name.as_str();
        if !is_const_ident(id) {
            return Err(at(
                id,
                "schedule `name` is not a SCREAMING_SNAKE_CASE name".into(),
            ));
        }
        if schedule_names.take(id, id).is_some() {
            return Err(at(id, "duplicate schedule name".into()));
        }
        doc_field(&sch.doc).map_err(|p| at(id, format!("`doc` {p}")))?;
        text_field(&sch.page).map_err(|p| at(id, format!("`page` {p}")))?;
        if let Some(address) = &sch.page_url {
            url(address).map_err(|p| at(id, format!("`page_url` {p}")))?;
        }
        if sch.delays_secs.is_empty() {
            return Err(at(id, "`delays_secs` is empty".into()));
        }
        if sch.delays_secs.contains(&0) {
            return Err(at(id, "`delays_secs` holds a zero delay".into()));
        }
    }

    if let Some(ops) = &spec.operations {
        // The loader refuses `operations` without `statuses`.
        let Some(table) = &spec.statuses else {
            return Err(top("`operations` needs `statuses`".into()));
        };
        type_name(&ops.type_name)
            .map_err(|p| top(format!("`operation_type` {p}; choose another name")))?;
        if ops.type_name == spec.value_type || ops.type_name == table.type_name {
            return Err(top(
                "`operation_type` repeats the name of another generated type".into(),
            ));
        }
        doc_field(&ops.doc).map_err(|p| top(format!("`operation_doc` {p}")))?;
        if ops.entries.is_empty() {
            return Err(top("`operations` is empty".into()));
        }
        let rule = &ops.unexpected_success;
        let at_rule = |p: String| at("unexpected_success", p);
        text_field(&rule.remedy).map_err(|p| at_rule(format!("`remedy` {p}")))?;
        retry(&rule.retry).map_err(at_rule)?;
        let mut names = Taken::default();
        let mut routes = Taken::default();
        for op in &ops.entries {
            let id = op.name.as_str();
            // Earlier operations passed every check below, so their method
            // and path hold no space: two routes meet only if both parts do.
            let route = format!("{} {}", op.method, op.path);
            if let Some(other) = routes.take(&route, id) {
                return Err(at(id, format!("`{route}` is also `{other}`")));
            }
            type_name(id).map_err(|p| at(id, format!("`name` {p}; choose another name")))?;
            not_a_constant(id, &ops.type_name, false)
                .map_err(|p| at(id, format!("`name` {p}; choose another name")))?;
            if names.take(id, id).is_some() {
                return Err(at(id, "duplicate operation name".into()));
            }
            if !matches!(
                op.method.as_str(),
                "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
            ) {
                return Err(at(
                    id,
                    format!("`method` `{}` is not an HTTP method", op.method),
                ));
            }
            if !op.path.starts_with('/') || wire(&op.path).is_err() || op.path.contains(' ') {
                return Err(at(
                    id,
                    format!("`path` `{}` is not an absolute path", op.path),
                ));
            }
            match table.entries.iter().find(|s| s.code == op.success) {
                Some(s) if s.success => {}
                Some(_) => {
                    return Err(at(
                        id,
                        format!("`success` {} is not a success status", op.success),
                    ));
                }
                None => {
                    return Err(at(
                        id,
                        format!("`success` {} is not in the status table", op.success),
                    ));
                }
            }
            text_field(&op.description).map_err(|p| at(id, format!("`description` {p}")))?;
        }
    }
    Ok(())
}

/// `SCREAMING_SNAKE_CASE`, for constants.
fn is_const_ident(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn text_field(text: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        Err("is empty".into())
    } else if text.contains(['\n', '\r']) {
        Err("spans several lines; keep it to one paragraph".into())
    } else {
        prose(text)
    }
}

/// Type docs may have several paragraphs, separated by blank lines.
fn doc_field(text: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        Err("is empty".into())
    } else if text.contains('\r') {
        Err("has a carriage return; separate paragraphs with `\\n\\n`".into())
    } else {
        text.split('\n').try_for_each(prose)
    }
}

/// What any text becomes docs and messages through: no control characters
/// (they would reach doc comments and `Display` output raw), and code spans
/// closed (an open one swallows the rest of the doc, and its escaping).
fn prose(line: &str) -> Result<(), String> {
    if let Some(c) = line.chars().find(|c| c.is_control()) {
        Err(format!(
            "has the control character {c:?}; write it out in words or leave it out"
        ))
    } else if line.matches('`').count() % 2 == 1 {
        Err("has an unmatched backtick; close the code span".into())
    } else {
        Ok(())
    }
}

/// `inferred_flags` marks flags the entry has, each once, and only the
/// facts that can be our reading rather than Apple's statement.
fn inferred_flags(flags: &[Flag], inferred: &[Flag]) -> Result<(), String> {
    for (i, flag) in inferred.iter().enumerate() {
        let key = flag.key();
        if inferred[..i].contains(flag) {
            return Err(format!("`inferred_flags` lists `{key}` twice"));
        }
        if !flag.can_be_inferred() {
            return Err(format!(
                "`inferred_flags` lists `{key}`, which is not a fact that can be inferred \
                 (only: {})",
                Flag::ALL
                    .iter()
                    .filter(|f| f.can_be_inferred())
                    .map(|f| format!("`{}`", f.key()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if !flags.contains(flag) {
            return Err(format!(
                "`inferred_flags` lists `{key}`, which is not in `flags`; add it there or remove it"
            ));
        }
    }
    Ok(())
}

fn type_name(name: &str) -> Result<(), String> {
    if is_reserved(name) {
        Err(format!("`{name}` is reserved in Rust"))
    } else if is_type_ident(name) {
        Ok(())
    } else {
        Err(format!("`{name}` is not a CamelCase Rust name"))
    }
}

/// The keys of one uniqueness rule met so far (wire values, names,
/// routes), each with the entry that took it. Every rule uses this one map
/// type: each instance of `BTreeMap` is compiled anew, and this crate is
/// compiled into every dependent's build script.
#[derive(Default)]
struct Taken(BTreeMap<String, String>);

impl Taken {
    /// Takes `key` for entry `id`, giving the entry that had it before.
    fn take(&mut self, key: &str, id: &str) -> Option<String> {
        self.0.insert(key.to_owned(), id.to_owned())
    }
}

/// The labels of one generated type so far (`bad_device_token`, after the
/// module path), with the entry that took each: a label names one value,
/// and [`UNKNOWN_LABEL`] is kept for values this version does not know.
#[derive(Default)]
struct Labels(Taken);

impl Labels {
    fn add(&mut self, variant: &str, id: &str) -> Result<(), String> {
        let label = label_tail(variant);
        if label == UNKNOWN_LABEL {
            return Err(format!(
                "gives the label `{UNKNOWN_LABEL}`, which stands for every value this version does not know"
            ));
        }
        match self.0.take(&label, id) {
            Some(other) => Err(format!("gives the label `{label}`, as `{other}` does")),
            None => Ok(()),
        }
    }
}

/// An `https://` address that can go into a Markdown link as it is:
/// RFC 3986 characters without parentheses, brackets, quotes or
/// backslashes, which would end the link or the doc string.
fn url(address: &str) -> Result<(), String> {
    let Some(rest) = address.strip_prefix("https://") else {
        return Err(format!("`{address}` is not an `https://` address"));
    };
    if rest.is_empty() || rest.starts_with('/') {
        return Err(format!("`{address}` has no host"));
    }
    match address
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-._~:/?#@!$&*+,;=%".contains(*c)))
    {
        Some(c) => Err(format!(
            "has the character {c:?}; percent-encode it (only letters, digits and `-._~:/?#@!$&*+,;=%` are allowed)"
        )),
        None => Ok(()),
    }
}

/// A variant named like a constant of its own type would be reached by
/// `Type::ALL` instead of the constant.
fn not_a_constant(variant: &str, ty: &str, has_separator: bool) -> Result<(), String> {
    if variant == "ALL" || (has_separator && variant == "SEPARATOR") {
        Err(format!(
            "`{variant}` clashes with the generated constant `{ty}::{variant}`"
        ))
    } else {
        Ok(())
    }
}

fn wire(value: &str) -> Result<(), String> {
    if value.is_empty() {
        Err("is empty".into())
    } else if value.trim() != value {
        Err("has leading or trailing white space".into())
    } else if let Some(c) = value
        .chars()
        .find(|c| !(c.is_ascii_graphic() || *c == ' ') || matches!(c, '"' | '\'' | '`' | '\\'))
    {
        // Rust string literals and rustdoc aliases must carry the value as is.
        Err(format!(
            "has the character {c:?}; only printable ASCII without quotes, backticks and backslashes is allowed"
        ))
    } else {
        Ok(())
    }
}

fn retry(r: &Retry) -> Result<(), String> {
    let action = r.action.key();
    let takes_delay = matches!(r.action, RetryAction::AfterDelay | RetryAction::BackOff);
    let takes_age = r.action == RetryAction::ReuseProviderToken;
    match (r.min_delay_secs, r.token_min_age_secs) {
        (Some(_), _) if !takes_delay => {
            return Err(format!("retry action `{action}` takes no `min_delay_secs`"));
        }
        (_, Some(_)) if !takes_age => {
            return Err(format!(
                "retry action `{action}` takes no `token_min_age_secs`"
            ));
        }
        (_, None) if takes_age => {
            return Err(format!(
                "retry action `{action}` needs `token_min_age_secs`"
            ));
        }
        _ => {}
    }
    for (key, secs) in [
        ("min_delay_secs", r.min_delay_secs),
        ("token_min_age_secs", r.token_min_age_secs),
    ] {
        match secs {
            Some(0) => return Err(format!("`{key}` is 0; leave it out instead")),
            Some(s) if s > u64::from(u32::MAX) => return Err(format!("`{key}` {s} is too large")),
            _ => {}
        }
    }
    if r.token_inferred && r.token == TokenAction::Keep {
        return Err("`token_inferred` needs a `token` action other than `keep`".into());
    }
    Ok(())
}
