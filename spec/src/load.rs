//! Reading spec JSON into the typed model.
//!
//! The loader works on a parsed [`Value`] field by field rather than through
//! derived deserializers, so that every problem can name the entry it is in
//! and unknown fields (usually typos) are refused instead of ignored.

use crate::json::{self, Value};

use crate::SpecError;
use crate::model::{
    Entry, Fallback, Flag, Operation, OperationTable, Provenance, Retry, RetryAction, Rule,
    Schedule, Spec, StatusEntry, StatusTable, TokenAction, WireType,
};

/// The spec format version this crate reads.
pub const FORMAT: u64 = 1;

/// Parses one spec file. `file` names it in error messages.
///
/// This checks the shape of the file only; [`crate::validate`] checks the
/// rules that span entries.
pub fn parse(file: &str, json: &str) -> Result<Spec, SpecError> {
    let root =
        json::parse(json).map_err(|e| SpecError::new(file, None, format!("invalid JSON: {e}")))?;
    let cx = Cx { file, entry: None };
    let top = cx.object(
        &root,
        "the file",
        &[
            "format",
            "module",
            "title",
            "page",
            "page_url",
            "value_type",
            "wire_type",
            "value_noun",
            "value_doc",
            "status_type",
            "status_doc",
            "statuses",
            "fallback",
            "values_have_status",
            "operation_type",
            "operation_doc",
            "operations",
            "unexpected_success",
            "hierarchy_separator",
            "schedules",
            "values",
        ],
    )?;

    let format = top.u64("format")?;
    if format != FORMAT {
        return Err(cx.err(format!(
            "unsupported format {format}; this version reads format {FORMAT}"
        )));
    }
    let module = top.string("module")?;
    let title = top.string("title")?;
    let page = top.string("page")?;
    let page_url = top.opt_string("page_url")?;
    let value_type = top.string("value_type")?;
    let wire_type = match top.opt_string("wire_type")? {
        None => WireType::String,
        Some(key) => WireType::from_key(&key).ok_or_else(|| {
            cx.err(format!(
                "unknown `wire_type` `{key}` (expected one of: {})",
                keys(WireType::ALL.iter().map(|w| w.key()))
            ))
        })?,
    };
    let value_noun = top.string("value_noun")?;
    let value_doc = top.string("value_doc")?;

    let statuses = match top.take("statuses") {
        None => {
            if let Some(key) = [
                "status_type",
                "status_doc",
                "fallback",
                "values_have_status",
                "operations",
            ]
            .into_iter()
            .find(|k| top.take(k).is_some())
            {
                return Err(cx.err(format!("`{key}` is only allowed with `statuses`")));
            }
            None
        }
        Some(list) => {
            let type_name = top.string("status_type")?;
            let doc = top.string("status_doc")?;
            let entries = cx
                .array(list, "statuses")?
                .iter()
                .enumerate()
                .map(|(i, v)| status_entry(&cx.entry(v, "statuses", i, "code"), v))
                .collect::<Result<_, _>>()?;
            let fallback = match top.take("fallback") {
                Some(v) => fallback(&cx, v)?,
                None => return Err(cx.err("missing field `fallback` (required with `statuses`)")),
            };
            Some(StatusTable {
                type_name,
                doc,
                entries,
                fallback,
                values_have_status: top.opt_bool("values_have_status")?.unwrap_or(true),
            })
        }
    };

    let operations = match top.take("operations") {
        None => {
            if let Some(key) = ["operation_type", "operation_doc", "unexpected_success"]
                .into_iter()
                .find(|k| top.take(k).is_some())
            {
                return Err(cx.err(format!("`{key}` is only allowed with `operations`")));
            }
            None
        }
        Some(list) => Some(OperationTable {
            type_name: top.string("operation_type")?,
            doc: top.string("operation_doc")?,
            entries: cx
                .array(list, "operations")?
                .iter()
                .enumerate()
                .map(|(i, v)| operation(&cx.entry(v, "operations", i, "name"), v))
                .collect::<Result<_, _>>()?,
            unexpected_success: {
                let cx = Cx {
                    file: cx.file,
                    entry: Some("`unexpected_success`".into()),
                };
                match top.take("unexpected_success") {
                    Some(v) => rule(&cx, v)?,
                    None => {
                        return Err(cx.err(
                            "missing field `unexpected_success` (required with `operations`)",
                        ));
                    }
                }
            },
        }),
    };

    let hierarchy_separator = match top.opt_string("hierarchy_separator")? {
        None => None,
        Some(sep) => {
            let mut chars = sep.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(c),
                _ => return Err(cx.err("`hierarchy_separator` must be one character")),
            }
        }
    };

    let schedules = match top.take("schedules") {
        None => Vec::new(),
        Some(list) => cx
            .array(list, "schedules")?
            .iter()
            .enumerate()
            .map(|(i, v)| schedule(&cx.entry(v, "schedules", i, "name"), v))
            .collect::<Result<_, _>>()?,
    };

    let values = match top.take("values") {
        Some(list) => cx
            .array(list, "values")?
            .iter()
            .enumerate()
            .map(|(i, v)| entry(&cx.entry(v, "values", i, "wire"), v, wire_type))
            .collect::<Result<_, _>>()?,
        None => return Err(cx.err("missing field `values`")),
    };

    Ok(Spec {
        file: file.to_owned(),
        module,
        title,
        page,
        page_url,
        value_type,
        wire_type,
        value_noun,
        value_doc,
        statuses,
        operations,
        hierarchy_separator,
        schedules,
        values,
    })
}

fn operation(cx: &Cx<'_>, v: &Value) -> Result<Operation, SpecError> {
    let o = cx.object(
        v,
        "an operation",
        &["name", "method", "path", "success", "description"],
    )?;
    let success = o.u64("success")?;
    Ok(Operation {
        name: o.string("name")?,
        method: o.string("method")?,
        path: o.string("path")?,
        success: u16::try_from(success)
            .map_err(|_| cx.err(format!("status {success} is out of range")))?,
        description: o.string("description")?,
    })
}

fn schedule(cx: &Cx<'_>, v: &Value) -> Result<Schedule, SpecError> {
    let o = cx.object(
        v,
        "a schedule",
        &["name", "doc", "delays_secs", "page", "page_url"],
    )?;
    let delays_secs = cx
        .array(o.required("delays_secs")?, "`delays_secs`")?
        .iter()
        .map(|d| {
            d.as_u64()
                .ok_or_else(|| cx.err("`delays_secs` must hold whole numbers of seconds"))
        })
        .collect::<Result<_, _>>()?;
    Ok(Schedule {
        name: o.string("name")?,
        doc: o.string("doc")?,
        delays_secs,
        page: o.string("page")?,
        page_url: o.opt_string("page_url")?,
    })
}

fn status_entry(cx: &Cx<'_>, v: &Value) -> Result<StatusEntry, SpecError> {
    let o = cx.object(
        v,
        "a status",
        &[
            "code",
            "name",
            "success",
            "description",
            "retry",
            "remedy",
            "flags",
        ],
    )?;
    let code = o.u64("code")?;
    let code = u16::try_from(code).map_err(|_| cx.err(format!("status {code} is out of range")))?;
    let e = StatusEntry {
        code,
        name: o.string("name")?,
        success: o.opt_bool("success")?.unwrap_or(false),
        description: o.string("description")?,
        retry: retry(cx, o.required("retry")?)?,
        remedy: o.string("remedy")?,
        flags: flags(cx, o.take("flags"), "flags")?,
    };
    Ok(e)
}

fn fallback(cx: &Cx<'_>, v: &Value) -> Result<Fallback, SpecError> {
    let cx = Cx {
        file: cx.file,
        entry: Some("`fallback`".into()),
    };
    let o = cx.object(v, "`fallback`", &["client_error", "server_error", "other"])?;
    let rule = |key: &'static str| -> Result<Rule, SpecError> {
        let cx = Cx {
            file: cx.file,
            entry: Some(format!("`fallback.{key}`")),
        };
        rule(&cx, o.required(key)?)
    };
    let f = Fallback {
        client_error: rule("client_error")?,
        server_error: rule("server_error")?,
        other: rule("other")?,
    };
    Ok(f)
}

/// `{ "retry": …, "remedy": … }`.
fn rule(cx: &Cx<'_>, v: &Value) -> Result<Rule, SpecError> {
    let r = cx.object(v, "a rule", &["retry", "remedy"])?;
    Ok(Rule {
        retry: retry(cx, r.required("retry")?)?,
        remedy: r.string("remedy")?,
    })
}

fn entry(cx: &Cx<'_>, v: &Value, wire_type: WireType) -> Result<Entry, SpecError> {
    let o = cx.object(
        v,
        "an entry",
        &[
            "wire",
            "name",
            "aliases",
            "other_names",
            "status",
            "description",
            "retry",
            "remedy",
            "flags",
            "inferred_flags",
            "page",
            "page_url",
            "provenance",
            "deprecated",
            "since",
        ],
    )?;
    let (wire, name) = match wire_type {
        WireType::String => {
            let wire = o.string("wire")?;
            let name = match o.opt_string("name")? {
                Some(name) => name,
                None => crate::names::variant_name(&wire),
            };
            (wire, name)
        }
        // A number has no spelling to derive a name from.
        WireType::Integer => {
            let code = o.u64("wire")?;
            let code = u32::try_from(code)
                .map_err(|_| cx.err(format!("wire value {code} is over 4294967295")))?;
            let name = o
                .opt_string("name")?
                .ok_or_else(|| cx.err("missing field `name` (required for integer wire values)"))?;
            (code.to_string(), name)
        }
    };
    let other_names = match o.take("other_names") {
        None => Vec::new(),
        Some(v) => cx
            .array(v, "`other_names`")?
            .iter()
            .map(|a| match a {
                Value::String(s) => Ok(s.clone()),
                _ => Err(cx.err("`other_names` must hold only strings")),
            })
            .collect::<Result<_, _>>()?,
    };
    let provenance = match o.opt_string("provenance")? {
        None => None,
        Some(key) => Some(Provenance::from_key(&key).ok_or_else(|| {
            cx.err(format!(
                "unknown provenance `{key}` (expected one of: {})",
                keys(Provenance::ALL.iter().map(|p| p.key()))
            ))
        })?),
    };
    let aliases = match o.take("aliases") {
        None => Vec::new(),
        Some(v) => cx
            .array(v, "`aliases`")?
            .iter()
            .map(|a| match a {
                Value::String(s) => Ok(s.clone()),
                _ => Err(cx.err("`aliases` must hold only strings")),
            })
            .collect::<Result<_, _>>()?,
    };
    let status = match o.take("status") {
        None => None,
        Some(v) => Some(
            v.as_u64()
                .and_then(|c| u16::try_from(c).ok())
                .ok_or_else(|| cx.err("`status` must be an HTTP status number"))?,
        ),
    };
    let e = Entry {
        wire,
        name,
        aliases,
        status,
        description: o.string("description")?,
        retry: retry(cx, o.required("retry")?)?,
        remedy: o.string("remedy")?,
        flags: flags(cx, o.take("flags"), "flags")?,
        inferred_flags: flags(cx, o.take("inferred_flags"), "inferred_flags")?,
        page: o.opt_string("page")?,
        page_url: o.opt_string("page_url")?,
        other_names,
        provenance,
        deprecated: o.opt_string("deprecated")?,
        since: o.opt_string("since")?,
    };
    Ok(e)
}

fn retry(cx: &Cx<'_>, v: &Value) -> Result<Retry, SpecError> {
    let o = cx.object(
        v,
        "`retry`",
        &[
            "action",
            "min_delay_secs",
            "token_min_age_secs",
            "token",
            "inferred",
            "token_inferred",
        ],
    )?;
    let action = o.string("action")?;
    let action = RetryAction::from_key(&action).ok_or_else(|| {
        cx.err(format!(
            "unknown retry action `{action}` (expected one of: {})",
            keys(RetryAction::ALL.iter().map(|a| a.key()))
        ))
    })?;
    let token = match o.opt_string("token")? {
        None => TokenAction::Keep,
        Some(t) => TokenAction::from_key(&t).ok_or_else(|| {
            cx.err(format!(
                "unknown token action `{t}` (expected one of: {})",
                keys(TokenAction::ALL.iter().map(|a| a.key()))
            ))
        })?,
    };
    let secs = |key: &'static str| -> Result<Option<u64>, SpecError> {
        match o.take(key) {
            None => Ok(None),
            Some(v) => v
                .as_u64()
                .map(Some)
                .ok_or_else(|| cx.err(format!("`{key}` must be a whole number of seconds"))),
        }
    };
    let r = Retry {
        action,
        min_delay_secs: secs("min_delay_secs")?,
        token_min_age_secs: secs("token_min_age_secs")?,
        token,
        inferred: o.opt_bool("inferred")?.unwrap_or(false),
        token_inferred: o.opt_bool("token_inferred")?.unwrap_or(false),
    };
    Ok(r)
}

/// `flags` or `inferred_flags`: a list of flag keywords.
fn flags(cx: &Cx<'_>, v: Option<&Value>, field: &str) -> Result<Vec<Flag>, SpecError> {
    let Some(v) = v else { return Ok(Vec::new()) };
    cx.array(v, &format!("`{field}`"))?
        .iter()
        .map(|f| {
            let key = f
                .as_str()
                .ok_or_else(|| cx.err(format!("`{field}` must hold only strings")))?;
            Flag::from_key(key).ok_or_else(|| {
                cx.err(format!(
                    "unknown flag `{key}` (expected one of: {})",
                    keys(Flag::ALL.iter().map(|f| f.key()))
                ))
            })
        })
        .collect()
}

fn keys<'a>(it: impl Iterator<Item = &'a str>) -> String {
    it.collect::<Vec<_>>().join(", ")
}

/// Where in the file we are, for error messages.
struct Cx<'f> {
    file: &'f str,
    entry: Option<String>,
}

impl<'f> Cx<'f> {
    fn err(&self, problem: impl Into<String>) -> SpecError {
        SpecError::new(self.file, self.entry.clone(), problem.into())
    }

    /// The context for item `i` of `list`, named by its `key` field if it has one.
    fn entry(&self, v: &Value, list: &str, i: usize, key: &str) -> Cx<'f> {
        let name = match v.get(key) {
            Some(Value::String(s)) => format!("`{s}`"),
            Some(Value::Number(n)) => format!("`{n}`"),
            _ => format!("{list}[{i}]"),
        };
        Cx {
            file: self.file,
            entry: Some(name),
        }
    }

    /// `v` as an object whose keys are all among `fields`; an unknown key is
    /// refused before anything is read, so a typo is reported as itself
    /// rather than as the field it was meant to be.
    fn object<'v>(
        &self,
        v: &'v Value,
        what: &str,
        fields: &[&str],
    ) -> Result<Obj<'_, 'v, 'f>, SpecError> {
        let Value::Object(map) = v else {
            return Err(self.err(format!("{what} must be a JSON object")));
        };
        // The smallest unknown key, so the message does not depend on the
        // map's iteration order.
        match map
            .iter()
            .map(|(k, _)| k)
            .filter(|k| !fields.contains(&k.as_str()))
            .min()
        {
            Some(k) => Err(self.err(format!(
                "unknown field `{k}` in {what} (expected: {})",
                fields.join(", ")
            ))),
            None => Ok(Obj { cx: self, map }),
        }
    }

    fn array<'v>(&self, v: &'v Value, what: &str) -> Result<&'v [Value], SpecError> {
        v.as_array()
            .ok_or_else(|| self.err(format!("{what} must be a JSON array")))
    }
}

/// An object whose keys have been checked; fields are read by name.
struct Obj<'c, 'v, 'f> {
    cx: &'c Cx<'f>,
    map: &'v [(String, Value)],
}

impl<'v> Obj<'_, 'v, '_> {
    fn take(&self, key: &str) -> Option<&'v Value> {
        self.map.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn required(&self, key: &'static str) -> Result<&'v Value, SpecError> {
        self.take(key)
            .ok_or_else(|| self.cx.err(format!("missing field `{key}`")))
    }

    fn string(&self, key: &'static str) -> Result<String, SpecError> {
        let v = self.required(key)?;
        v.as_str()
            .map(str::to_owned)
            .ok_or_else(|| self.cx.err(format!("`{key}` must be a string")))
    }

    fn opt_string(&self, key: &'static str) -> Result<Option<String>, SpecError> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.cx.err(format!("`{key}` must be a string"))),
        }
    }

    fn opt_bool(&self, key: &'static str) -> Result<Option<bool>, SpecError> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.cx.err(format!("`{key}` must be true or false"))),
        }
    }

    fn u64(&self, key: &'static str) -> Result<u64, SpecError> {
        let v = self.required(key)?;
        v.as_u64()
            .ok_or_else(|| self.cx.err(format!("`{key}` must be a whole number")))
    }
}
