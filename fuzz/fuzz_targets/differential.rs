//! Every body parser against `serde_json`, on the same bytes: the crate
//! refuses a body as a whole exactly when `serde_json` does (with the
//! documented differences below), and when both read it, the crate extracts
//! what `serde_json::Value` holds: the APNs reason and timestamp, the App
//! Store Server API code and message, notification history items and
//! attempts, App Store Connect errors with their nested errors.
//!
//! `serde_json` is built with `arbitrary_precision` (numbers are kept as
//! their text, so the model reads them with `str::parse`, independently of
//! the crate) and `preserve_order` (an object's keys keep the place of their
//! first occurrence and take the last value, as the crate's
//! `associatedErrors` does).
//!
//! Documented differences, encoded in `document` below:
//! - a body over the parser's length limit (`MAX_BODY_LEN` for error bodies,
//!   `MAX_RESPONSE_LEN` for history) is refused unread (`TooLarge`);
//! - a leading UTF-8 byte-order mark is skipped (RFC 8259 allows it;
//!   `serde_json` refuses it): the model reads the bytes after it;
//! - a body of white space only is `Empty` (`serde_json`: EOF error), and a
//!   GOAWAY's empty debug data is no problem at all;
//! - numbers out of `f64` range (`1e400`) are valid JSON for the crate; with
//!   `arbitrary_precision` `serde_json` takes them too. (Without it,
//!   `serde_json` refuses them with "number out of range".)
//! - duplicate keys: both keep the last value. Which problem a strict parse
//!   names first when several members are wrong is not compared (the crate
//!   orders problems by the last occurrence of a key, an ordered map by the
//!   first), nor which of `source.pointer` / `source.parameter` wins when
//!   both are strings (the crate: the one that comes last).
//! - nesting: both refuse a 128th level (`TooDeep`; serde_json's recursion
//!   limit of 128). With `arbitrary_precision`, `serde_json::Value` counts a
//!   number as one more level and can report the limit as "invalid number"
//!   at column 1, so `grammar` finds the limit independently, and a body
//!   only that quirk refuses is not compared (`Doc::Unmodelled`).
#![no_main]

use apple_errors::app_store_connect::{self as asc, ApiError, ErrorResponse, Source};
use apple_errors::app_store_server::notifications::{
    CheckTestNotificationResponse, NotificationHistoryResponse, SendAttempt,
};
use apple_errors::body::{BodyError, MAX_BODY_LEN, MAX_ERRORS, MAX_RESPONSE_LEN, ParseError};
use apple_errors::{apns, app_store_server};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

/// What a body is, as `serde_json` sees it, after the crate's documented
/// pre-checks.
#[derive(Debug)]
enum Doc {
    TooLarge,
    Empty,
    /// Not JSON for `serde_json`: the crate must say `Syntax`, `TooDeep` or
    /// `InvalidUtf8`. `deep` when `serde_json` hit its recursion limit.
    Bad {
        deep: bool,
    },
    NotObject,
    Object(Map<String, Value>),
    /// Valid JSON within the depth limit that `Value` with
    /// `arbitrary_precision` refuses (see `grammar`): not compared.
    Unmodelled,
}

fn document(data: &[u8], limit: usize) -> Doc {
    if data.len() > limit {
        return Doc::TooLarge;
    }
    let content = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    if content
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return Doc::Empty;
    }
    match serde_json::from_slice::<Value>(content) {
        Err(e) => match grammar(content, &e) {
            Grammar::TooDeep => Doc::Bad { deep: true },
            Grammar::Bad => Doc::Bad { deep: false },
            // Valid within the depth limit: `Value` refused it for
            // `arbitrary_precision`'s extra level under a number. No model.
            Grammar::Fine => Doc::Unmodelled,
        },
        Ok(Value::Object(m)) => Doc::Object(m),
        Ok(_) => Doc::NotObject,
    }
}

/// How `content` stands against the grammar and the depth limit, found
/// without `Value`: with `arbitrary_precision`, `Value` counts a number as
/// one more level (a number at the 127th level is "recursion limit
/// exceeded") and can report the limit as "invalid number" at column 1.
/// `IgnoredAny` has no depth limit, so its error, if any, is the first one
/// of grammar but for escapes, which `Value` checks; levels are counted up
/// to the first of the two (not included: a bracket where none may stand is
/// a syntax error, not a level), outside strings.
enum Grammar {
    TooDeep,
    Bad,
    Fine,
}

fn grammar(content: &[u8], value_error: &serde_json::Error) -> Grammar {
    // Lines and columns (bytes, from 1) back to the offset of the byte in
    // error.
    let offset = |e: &serde_json::Error| {
        let line_start: usize = content
            .split(|&b| b == b'\n')
            .take(e.line().saturating_sub(1))
            .map(|l| l.len() + 1)
            .sum();
        (line_start + e.column())
            .saturating_sub(1)
            .min(content.len())
    };
    // `IgnoredAny` does not check escapes (a lone surrogate passes), so
    // `Value`'s error, unless it is one of the quirks, may come first.
    let message = value_error.to_string();
    let quirk = message.starts_with("recursion limit exceeded")
        || (message.starts_with("invalid number") && value_error.column() == 1);
    let value_at = (!quirk).then(|| offset(value_error));
    let (end, fine) = match serde_json::from_slice::<serde::de::IgnoredAny>(content) {
        Ok(_) => (value_at.unwrap_or(content.len()), value_at.is_none()),
        Err(e) => (value_at.map_or(offset(&e), |v| v.min(offset(&e))), false),
    };
    let (mut depth, mut in_string, mut escaped) = (0u32, false, false);
    for &b in &content[..end] {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > 127 {
                    return Grammar::TooDeep;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if fine { Grammar::Fine } else { Grammar::Bad }
}

/// The body error's class agrees with the model's; `true` when both read
/// the body as an object (the caller then compares the values).
fn whole_body_agrees(data: &[u8], doc: &Doc, got: Option<BodyError>, what: &str) -> bool {
    let utf8 = std::str::from_utf8(data).is_ok();
    match (doc, got) {
        (Doc::TooLarge, Some(BodyError::TooLarge { len, .. })) => assert_eq!(len, data.len()),
        (Doc::Empty, Some(BodyError::Empty)) => {}
        (Doc::NotObject, Some(BodyError::NotObject)) => {}
        (Doc::Bad { .. }, Some(BodyError::InvalidUtf8 { valid_up_to })) => {
            assert!(!utf8, "{what}: InvalidUtf8 on UTF-8");
            assert_eq!(
                Err(valid_up_to),
                std::str::from_utf8(data)
                    .map_err(|e| e.valid_up_to())
                    .map(|_| ())
            );
        }
        (Doc::Bad { deep }, Some(BodyError::TooDeep)) => {
            assert!(utf8, "{what}: TooDeep on non-UTF-8");
            assert!(
                *deep,
                "{what}: TooDeep where serde_json found a syntax error"
            );
        }
        (Doc::Bad { deep }, Some(BodyError::Syntax { offset })) => {
            assert!(utf8, "{what}: Syntax on non-UTF-8");
            assert!(
                !*deep,
                "{what}: Syntax where serde_json hit its depth limit"
            );
            assert!(offset <= data.len());
        }
        (Doc::Object(_), e) => {
            assert!(
                e.is_none_or(|e| !e.is_whole_body()),
                "{what}: serde_json reads an object, the crate says {e:?}"
            );
            return true;
        }
        (doc, e) => panic!("{what}: serde_json: {doc:?}, the crate: {e:?}"),
    }
    false
}

/// A number member's text as `serde_json` kept it.
fn number_text(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `{"reason": …, "timestamp": …}` as the model reads it: the reason, the
/// timestamp, and the first problem.
fn reason_model(
    m: &Map<String, Value>,
    read_timestamp: bool,
) -> (Option<String>, Option<u64>, Option<BodyError>) {
    let (mut reason, mut timestamp, mut error) = (None, None, None);
    match m.get("reason") {
        None | Some(Value::Null) => error = Some(BodyError::MissingReason),
        Some(Value::String(s)) => reason = Some(s.clone()),
        Some(_) => error = Some(BodyError::ReasonNotString),
    }
    if read_timestamp {
        match m.get("timestamp") {
            None | Some(Value::Null) => {}
            Some(v) => match number_text(v).and_then(|t| t.parse::<u64>().ok()) {
                Some(ms) => timestamp = Some(ms),
                None => {
                    error.get_or_insert(BodyError::InvalidTimestamp);
                }
            },
        }
    }
    (reason, timestamp, error)
}

fn apns_bodies(data: &[u8]) {
    let doc = document(data, MAX_BODY_LEN);

    let r = apns::Response::new(400, data).classify().unwrap_err();
    if whole_body_agrees(data, &doc, r.body_error(), "apns") {
        let Doc::Object(m) = &doc else { unreachable!() };
        let (reason, timestamp, error) = reason_model(m, true);
        assert_eq!(r.body_error(), error, "apns body error");
        assert_eq!(r.raw_reason(), reason.as_deref(), "apns reason");
        assert_eq!(r.timestamp_millis(), timestamp, "apns timestamp");
    } else {
        assert_eq!((r.raw_reason(), r.timestamp_millis()), (None, None));
    }

    let g = apns::GoAway::parse(data);
    if matches!(doc, Doc::Empty) {
        assert_eq!((g.body_error(), g.raw_reason()), (None, None), "goaway");
    } else if whole_body_agrees(data, &doc, g.body_error(), "goaway") {
        let Doc::Object(m) = &doc else { unreachable!() };
        let (reason, _, error) = reason_model(m, false);
        assert_eq!(g.body_error(), error, "goaway body error");
        assert_eq!(g.raw_reason(), reason.as_deref(), "goaway reason");
    }

    let op = apns::broadcast::Operation::ALL[0];
    let b = apns::broadcast::Response::new(op, 400, data)
        .classify()
        .unwrap_err();
    if whole_body_agrees(data, &doc, b.body_error(), "broadcast") {
        let Doc::Object(m) = &doc else { unreachable!() };
        let (reason, _, error) = reason_model(m, false);
        assert_eq!(b.body_error(), error, "broadcast body error");
        assert_eq!(b.raw_reason(), reason.as_deref(), "broadcast reason");
    }
}

/// A JSON number's text with its exponent written as `e` followed by a
/// sign, the one spelling `arbitrary_precision` produces.
fn exponent_spelled_out(number: &str) -> String {
    let number = number.to_ascii_lowercase();
    match number.split_once('e') {
        Some((mantissa, exp)) if !exp.starts_with(['+', '-']) => format!("{mantissa}e+{exp}"),
        _ => number,
    }
}

fn store_api_body(data: &[u8]) {
    let doc = document(data, MAX_BODY_LEN);
    let r = app_store_server::Response::new(400, data)
        .classify()
        .unwrap_err();
    if !whole_body_agrees(data, &doc, r.body_error(), "store api") {
        assert_eq!((r.code(), r.raw_code(), r.message()), (None, None, None));
        return;
    }
    let Doc::Object(m) = &doc else { unreachable!() };
    let (mut code, mut raw, mut message, mut error) = (None, None, None, None);
    let mut raw_is_number = false;
    match m.get("errorCode") {
        None | Some(Value::Null) => error = Some(BodyError::MissingCode),
        Some(Value::Number(n)) => {
            raw_is_number = true;
            let text = n.to_string();
            code = text.parse::<i64>().ok();
            if code.is_none() {
                error = Some(BodyError::InvalidCode);
            }
            raw = Some(text);
        }
        Some(Value::String(s)) => {
            raw = Some(s.clone());
            error = Some(BodyError::InvalidCode);
        }
        Some(_) => error = Some(BodyError::InvalidCode),
    }
    match m.get("errorMessage") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => message = Some(s.clone()),
        Some(_) => {
            error.get_or_insert(BodyError::InvalidMessage);
        }
    }
    assert_eq!(r.body_error(), error, "store api body error");
    assert_eq!(r.code(), code, "store api code");
    match (r.raw_code(), raw.as_deref()) {
        // `arbitrary_precision` writes an exponent's `E` as `e` and an
        // unsigned exponent as `e+`; the crate keeps the number's text as
        // sent, so that text is also in the body as it is.
        (Some(ours), Some(model)) if raw_is_number => {
            assert_eq!(
                exponent_spelled_out(ours),
                exponent_spelled_out(model),
                "store api raw code: {ours:?}, model {model:?}"
            );
            assert!(
                data.windows(ours.len()).any(|w| w == ours.as_bytes()),
                "store api raw code {ours:?} is not in the body"
            );
        }
        (ours, model) => assert_eq!(ours, model, "store api raw code"),
    }
    assert_eq!(r.message(), message.as_deref(), "store api message");
}

/// A model's reading of a structure: its value, and whether any member had
/// a problem (which one comes first is not compared).
struct Read<T> {
    value: T,
    problem: bool,
}

/// A string member: its text, `None` for missing or `null`; another type
/// is a problem.
fn string_member(m: &Map<String, Value>, key: &str, problem: &mut bool) -> Option<String> {
    match m.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        None | Some(Value::Null) => None,
        Some(_) => {
            *problem = true;
            None
        }
    }
}

/// `sendAttempts` (a missing one is no attempts): `(date, result)` of the
/// attempts that have both.
fn attempts_model(m: &Map<String, Value>, problem: &mut bool) -> Vec<(u64, String)> {
    let list = match m.get("sendAttempts") {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(list)) => list,
        Some(_) => {
            *problem = true;
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for a in list {
        let Value::Object(a) = a else {
            *problem = true;
            continue;
        };
        let date = match a.get("attemptDate") {
            Some(v) => number_text(v).and_then(|t| t.parse::<u64>().ok()),
            None => None,
        };
        let result = match a.get("sendAttemptResult") {
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        };
        match (date, result) {
            (Some(d), Some(r)) => out.push((d, r)),
            _ => *problem = true,
        }
    }
    out
}

fn attempts_of(list: &[SendAttempt]) -> Vec<(u64, String)> {
    list.iter()
        .map(|a| (a.attempt_date_millis(), a.raw_result().to_owned()))
        .collect()
}

type Item = (Option<String>, Vec<(u64, String)>);

fn history_model(m: &Map<String, Value>) -> Read<(Vec<Item>, Option<bool>, Option<String>)> {
    let mut problem = false;
    let mut items = Vec::new();
    match m.get("notificationHistory") {
        Some(Value::Array(list)) => {
            for item in list {
                let Value::Object(item) = item else {
                    problem = true;
                    continue;
                };
                let payload = string_member(item, "signedPayload", &mut problem);
                items.push((payload, attempts_model(item, &mut problem)));
            }
        }
        _ => problem = true,
    }
    let has_more = match m.get("hasMore") {
        Some(Value::Bool(b)) => Some(*b),
        None | Some(Value::Null) => None,
        Some(_) => {
            problem = true;
            None
        }
    };
    let token = string_member(m, "paginationToken", &mut problem);
    Read {
        value: (items, has_more, token),
        problem,
    }
}

/// The crate's body error, if a parse failed for the body as a whole.
fn body_error<T>(parsed: &Result<T, ParseError>) -> Option<BodyError> {
    match parsed {
        Err(ParseError::Body(e)) => Some(*e),
        _ => None,
    }
}

/// A problem the model does not see must be one of the crate's documented
/// limits on list lengths (`MAX_HISTORY_ITEMS`, `MAX_SEND_ATTEMPTS`,
/// `MAX_ERRORS`, `MAX_ASSOCIATED_PATHS`): `TooMany`, the first ones kept.
fn is_limit(e: &ParseError) -> bool {
    matches!(e, ParseError::Body(BodyError::TooMany { .. }))
}

fn notifications(data: &[u8]) {
    let doc = document(data, MAX_RESPONSE_LEN);

    let parsed = NotificationHistoryResponse::parse(data);
    if whole_body_agrees(data, &doc, body_error(&parsed), "history") {
        let Doc::Object(m) = &doc else { unreachable!() };
        let model = history_model(m);
        match &parsed {
            Ok(h) => {
                assert!(
                    !model.problem || h.body_error().is_some(),
                    "history: read, the model has a problem"
                );
                let items: Vec<Item> = h
                    .items()
                    .iter()
                    .map(|i| {
                        let payload = i.signed_payload().map(str::to_owned);
                        (payload, attempts_of(i.send_attempts()))
                    })
                    .collect();
                if h.body_error().is_some() {
                    // `TooMany`: the first items and attempts are kept.
                    assert!(matches!(h.body_error(), Some(BodyError::TooMany { .. })));
                    assert!(
                        items.len() <= model.value.0.len(),
                        "history: more items kept"
                    );
                    for ((p, a), (mp, ma)) in items.iter().zip(&model.value.0) {
                        assert_eq!(p, mp, "history payload");
                        assert_eq!(Some(&a[..]), ma.get(..a.len()), "history attempts");
                    }
                } else {
                    assert_eq!(items, model.value.0, "history items");
                }
                assert_eq!(h.has_more(), model.value.1, "history hasMore");
                assert_eq!(
                    h.pagination_token(),
                    model.value.2.as_deref(),
                    "history token"
                );
            }
            Err(e) => assert!(
                model.problem || is_limit(e),
                "history: {e}, the model reads it"
            ),
        }
    }

    let parsed = CheckTestNotificationResponse::parse(data);
    if whole_body_agrees(data, &doc, body_error(&parsed), "test status") {
        let Doc::Object(m) = &doc else { unreachable!() };
        let mut problem = false;
        let payload = string_member(m, "signedPayload", &mut problem);
        let attempts = attempts_model(m, &mut problem);
        match &parsed {
            Ok(s) => {
                assert!(
                    !problem || s.body_error().is_some(),
                    "test status: read, the model has a problem"
                );
                assert_eq!(
                    s.signed_payload(),
                    payload.as_deref(),
                    "test status payload"
                );
                let got = attempts_of(s.send_attempts());
                if s.body_error().is_some() {
                    assert!(matches!(s.body_error(), Some(BodyError::TooMany { .. })));
                    assert_eq!(
                        Some(&got[..]),
                        attempts.get(..got.len()),
                        "test status attempts"
                    );
                } else {
                    assert_eq!(got, attempts, "test status attempts");
                }
            }
            Err(e) => assert!(
                problem || is_limit(e),
                "test status: {e}, the model reads it"
            ),
        }
    }
}

/// An App Store Connect error as compared: id, status, code, title, detail,
/// source (any of the allowed ones), about, associated errors.
#[derive(Debug, PartialEq)]
struct Error {
    id: Option<String>,
    status: Option<u16>,
    code: String,
    title: Option<String>,
    detail: Option<String>,
    sources: Vec<Option<Source>>,
    about: Option<String>,
    associated: Vec<(String, Vec<Error>)>,
}

fn error_list_model(v: Option<&Value>, problem: &mut bool) -> Vec<Error> {
    let Some(Value::Array(list)) = v else {
        *problem = true;
        return Vec::new();
    };
    list.iter()
        .filter_map(|e| match e {
            Value::Object(e) => error_model(e, problem),
            _ => {
                *problem = true;
                None
            }
        })
        .collect()
}

fn error_model(m: &Map<String, Value>, problem: &mut bool) -> Option<Error> {
    let id = string_member(m, "id", problem);
    let status = match m.get("status") {
        None | Some(Value::Null) => None,
        Some(v) => {
            let text = match v {
                Value::String(s) => Some(s.clone()),
                v => number_text(v),
            };
            let status = text
                .filter(|t| t.len() == 3 && t.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|t| t.parse::<u16>().ok())
                .filter(|s| (100..600).contains(s));
            *problem |= status.is_none();
            status
        }
    };
    let code = string_member(m, "code", problem);
    let title = string_member(m, "title", problem);
    let detail = string_member(m, "detail", problem);
    *problem |= status.is_none() || code.is_none() || title.is_none();
    let sources = match m.get("source") {
        Some(Value::Object(s)) => {
            let pointer = string_member(s, "pointer", problem).map(Source::Pointer);
            let parameter = string_member(s, "parameter", problem).map(Source::Parameter);
            match (pointer, parameter) {
                (Some(p), Some(q)) => vec![Some(p), Some(q)],
                (p, q) => vec![p.or(q)],
            }
        }
        _ => vec![None],
    };
    let about = match m.get("links") {
        Some(Value::Object(l)) => string_member(l, "about", problem),
        _ => None,
    };
    let associated = match m.get("meta") {
        Some(Value::Object(meta)) => match meta.get("associatedErrors") {
            None => Vec::new(),
            Some(Value::Object(a)) => a
                .iter()
                .map(|(path, list)| (path.clone(), error_list_model(Some(list), problem)))
                .collect(),
            Some(_) => {
                *problem = true;
                Vec::new()
            }
        },
        _ => Vec::new(),
    };
    Some(Error {
        id,
        status,
        code: code?,
        title,
        detail,
        sources,
        about,
        associated,
    })
}

fn compare_errors(got: &[ApiError], model: &[Error], what: &str) {
    assert_eq!(got.len(), model.len(), "{what}: number of errors");
    for (g, m) in got.iter().zip(model) {
        assert_eq!(g.id(), m.id.as_deref(), "{what}: id");
        assert_eq!(g.status(), m.status, "{what}: status");
        assert_eq!(g.code().as_str(), m.code, "{what}: code");
        assert_eq!(g.title(), m.title.as_deref(), "{what}: title");
        assert_eq!(g.detail(), m.detail.as_deref(), "{what}: detail");
        let source = g.source().cloned();
        assert!(
            m.sources.contains(&source),
            "{what}: source {source:?}, model {:?}",
            m.sources
        );
        assert_eq!(g.about(), m.about.as_deref(), "{what}: about");
        let nested = g.associated_errors();
        assert_eq!(nested.len(), m.associated.len(), "{what}: associated");
        for ((path, list), (mpath, mlist)) in nested.iter().zip(&m.associated) {
            assert_eq!(path, mpath, "{what}: associated path");
            compare_errors(list, mlist, what);
        }
    }
}

/// Errors at every depth.
/// Every element of the `errors` list and of the `associatedErrors` lists
/// under it, whatever its kind: what the crate's `MAX_ERRORS` budget can
/// spend, an element it drops (no code, not an object) included.
fn raw_count(v: Option<&Value>) -> usize {
    let Some(Value::Array(list)) = v else {
        return 0;
    };
    list.len()
        + list
            .iter()
            .filter_map(|e| match e {
                Value::Object(e) => match e.get("meta") {
                    Some(Value::Object(meta)) => match meta.get("associatedErrors") {
                        Some(Value::Object(paths)) => {
                            Some(paths.values().map(|l| raw_count(Some(l))).sum::<usize>())
                        }
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            })
            .sum::<usize>()
}

fn connect_errors(data: &[u8]) {
    let doc = document(data, MAX_BODY_LEN);
    let strict = ErrorResponse::parse(data);
    let lenient = asc::Response::new(409, data).classify().unwrap_err();
    let lenient_body = match lenient.body_error() {
        Some(ParseError::Body(e)) => Some(*e),
        _ => None,
    };
    assert_eq!(
        lenient_body,
        match &strict {
            Ok(r) => r.body_error(),
            Err(_) => body_error(&strict),
        },
        "connect: strict and lenient body errors"
    );
    if !whole_body_agrees(data, &doc, body_error(&strict), "connect") {
        assert!(lenient.errors().is_empty());
        return;
    }
    let Doc::Object(m) = &doc else { unreachable!() };
    let mut problem = false;
    let model = error_list_model(m.get("errors"), &mut problem);
    match &strict {
        Ok(r) => {
            // Past a limit, problems in what is skipped are not read.
            assert!(
                !problem || r.body_error().is_some(),
                "connect: read, the model has a problem"
            );
            if r.body_error().is_none() {
                compare_errors(r.errors(), &model, "connect");
                assert!(lenient.body_error().is_none());
            } else {
                // `TooMany`: the first errors are kept.
                assert!(matches!(r.body_error(), Some(BodyError::TooMany { .. })));
                assert!(r.errors().len() <= model.len());
            }
            assert_eq!(lenient.errors(), r.errors());
        }
        Err(e) => {
            assert!(problem || is_limit(e), "connect: {e}, the model reads it");
            assert_eq!(lenient.body_error(), Some(e));
            if !is_limit(e) {
                // The lenient reading keeps every error with a code.
                let codes: Vec<&str> = lenient.errors().iter().map(|e| e.code().as_str()).collect();
                let want: Vec<&str> = model.iter().map(|e| e.code.as_str()).collect();
                // Past `MAX_ERRORS` (every depth together) the first ones.
                assert_eq!(
                    Some(&codes[..]),
                    want.get(..codes.len()),
                    "connect: lenient codes"
                );
                if raw_count(m.get("errors")) <= MAX_ERRORS {
                    assert_eq!(codes, want, "connect: lenient codes");
                }
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if matches!(document(data, usize::MAX), Doc::Unmodelled) {
        return;
    }
    apns_bodies(data);
    store_api_body(data);
    notifications(data);
    connect_errors(data);
});
