//! JSONTestSuite through every public entry point, against `serde_json`.
//!
//! Each of the suite's documents (`y_` must be accepted, `n_` refused, `i_`
//! either) goes to every parser three ways: as the whole body, as the value
//! of a member the parser reads, and as the value of a member it skips. The
//! oracle is `serde_json::from_slice::<Value>` on the same bytes: the parser
//! must refuse the body as not JSON (empty, not UTF-8, a syntax error, too
//! deep) exactly when `serde_json` does, except for the differences listed in
//! [`DIFFERENCES`], each asserted in its documented direction. Valid JSON of
//! the wrong shape is a shape problem, not a refusal. Where a skipped member
//! holds valid JSON, the rest of the body must read as it does without it.
//!
//! Agreements worth knowing, asserted like the rest: lone surrogates
//! (`\uD800` alone) and invalid UTF-8 inside strings are refused by both;
//! nesting is refused at the same depth (the `x_nested_*` documents added
//! here, 125 to 129 levels, pin it, since the suite has nothing near the
//! limit); a member given twice is accepted by both. Error bodies over
//! [`MAX_BODY_LEN`] are refused unread, whatever they hold (the suite's
//! 250 kB `n_structure_open_array_object.json`).
//!
//! The suite is vendored under `tests/data/JSONTestSuite` (MIT, see its
//! `README.md`), so that a fresh clone runs this test.

use std::fmt::Debug;

use apple_errors::apns::broadcast::{self, Operation};
use apple_errors::app_store_connect::{self, ErrorResponse};
use apple_errors::app_store_server::notifications::{
    CheckTestNotificationResponse, NotificationHistoryResponse,
};
use apple_errors::body::{BodyError, MAX_BODY_LEN, MAX_RESPONSE_LEN, ParseError};
use apple_errors::{advanced_commerce, apns, app_store_server, retention_messaging};

const SUITE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/JSONTestSuite/test_parsing"
);

/// A documented way in which a parser of this crate and `serde_json` differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Difference {
    /// A number out of `f64` range (`1e400`, `-1e+9999`) is valid JSON
    /// (RFC 8259 §6 sets no range); this crate keeps its text, `serde_json`
    /// (without `arbitrary_precision`) refuses it. Any placement.
    HugeNumber,
    /// RFC 8259 §8.1 lets a parser ignore a leading byte-order mark; this
    /// crate skips it, `serde_json` refuses it. Only as the whole body: a
    /// mark inside a document is an error for both.
    LeadingBom,
    /// The spec crate's reader refuses a key given twice by design (spec
    /// files are written by people); `serde_json` keeps the last, as do
    /// this crate's response parsers.
    DuplicateKeySpecOnly,
    /// A GOAWAY frame without debug data is normal, so `GoAway::parse`
    /// reads an empty or blank body (after an optional byte-order mark) as
    /// no reason and no problem, not as a body that is not JSON. Only
    /// `GoAway::parse`, only as the whole body.
    NoDebugData,
}

/// Every suite document on which some parser disagrees with `serde_json`,
/// and why. The test fails if one of these no longer differs anywhere, so
/// the list stays exact.
const DIFFERENCES: &[(&str, Difference)] = &[
    ("i_number_huge_exp.json", Difference::HugeNumber),
    ("i_number_neg_int_huge_exp.json", Difference::HugeNumber),
    ("i_number_pos_double_huge_exp.json", Difference::HugeNumber),
    ("i_number_real_neg_overflow.json", Difference::HugeNumber),
    ("i_number_real_pos_overflow.json", Difference::HugeNumber),
    (
        "i_structure_UTF-8_BOM_empty_object.json",
        Difference::LeadingBom,
    ),
    ("n_single_space.json", Difference::NoDebugData),
    ("n_structure_UTF8_BOM_no_data.json", Difference::NoDebugData),
    ("n_structure_no_data.json", Difference::NoDebugData),
    (
        "y_object_duplicated_key.json",
        Difference::DuplicateKeySpecOnly,
    ),
    (
        "y_object_duplicated_key_and_value.json",
        Difference::DuplicateKeySpecOnly,
    ),
];

/// What a parser made of a body.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// Not JSON: empty, not UTF-8, a syntax error or nested too deeply.
    NotJson(BodyError),
    /// Over the entry point's length limit, refused unread.
    TooLarge,
    /// JSON, read: what was read, shape problems included.
    Read(String),
}

impl Outcome {
    fn body_error(e: BodyError, read: impl FnOnce() -> String) -> Self {
        match e {
            BodyError::TooLarge { .. } => Outcome::TooLarge,
            BodyError::Empty
            | BodyError::InvalidUtf8 { .. }
            | BodyError::Syntax { .. }
            | BodyError::TooDeep => Outcome::NotJson(e),
            _ => Outcome::Read(read()),
        }
    }

    /// A lenient parser's outcome: the body error it recorded, and what it read.
    fn lenient(error: Option<BodyError>, read: impl Debug) -> Self {
        let read = || format!("{read:?} {error:?}");
        match error {
            Some(e) => Outcome::body_error(e, read),
            None => Outcome::Read(read()),
        }
    }

    /// A strict parser's outcome.
    fn strict<T: Debug>(parsed: Result<T, ParseError>) -> Self {
        match parsed {
            Err(ParseError::Body(e)) => Outcome::body_error(e, || format!("{e:?}")),
            other => Outcome::Read(format!("{other:?}")),
        }
    }
}

/// The entry of an API that shares the `store_api!` core: the same bodies,
/// read the same way.
macro_rules! store_entry {
    ($module:ident) => {
        Entry {
            name: concat!(stringify!($module), "::Response::classify"),
            limit: MAX_BODY_LEN,
            run: |body| match $module::Response::new(400, body).classify() {
                Ok(s) => Outcome::Read(format!("{s:?}")),
                Err(r) => Outcome::lenient(r.body_error(), (r.raw_code(), r.message())),
            },
            read: STORE_READ,
            skip: STORE_SKIP,
            plain: STORE_PLAIN,
            blank_is_no_data: false,
        }
    };
}

/// A parse entry point and the bodies that embed a document in it.
struct Entry {
    name: &'static str,
    /// Its length limit.
    limit: usize,
    run: fn(&[u8]) -> Outcome,
    /// `(before, after)` around the document, where the parser reads it.
    read: &'static [(&'static str, &'static str)],
    /// `(before, after)` around the document, where the parser skips it,
    /// and the body without it, which must read the same when the
    /// document is JSON.
    skip: &'static [(&'static str, &'static str)],
    plain: &'static str,
    /// Whether a blank body is no data rather than a problem
    /// ([`Difference::NoDebugData`]).
    blank_is_no_data: bool,
}

const APNS_SKIP: &[(&str, &str)] = &[
    (r#"{"skipped":"#, r#","reason":"BadTopic","timestamp":17}"#),
    (r#"{"reason":"BadTopic","timestamp":17,"skipped":["#, "]}"),
];
const APNS_PLAIN: &str = r#"{"reason":"BadTopic","timestamp":17}"#;
const STORE_READ: &[(&str, &str)] = &[
    (r#"{"errorCode":"#, "}"),
    (r#"{"errorCode":4040010,"errorMessage":"#, "}"),
];
const STORE_SKIP: &[(&str, &str)] = &[
    (
        r#"{"skipped":"#,
        r#","errorCode":4040010,"errorMessage":"m"}"#,
    ),
    (
        r#"{"errorCode":4040010,"errorMessage":"m","skipped":{"a":"#,
        "}}",
    ),
];
const STORE_PLAIN: &str = r#"{"errorCode":4040010,"errorMessage":"m"}"#;

fn entries() -> Vec<Entry> {
    vec![
        Entry {
            name: "apns::Response::classify",
            limit: MAX_BODY_LEN,
            run: |body| match apns::Response::new(410, body).classify() {
                Ok(d) => Outcome::Read(format!("{d:?}")),
                Err(r) => {
                    let read = (r.raw_reason(), r.timestamp_millis());
                    Outcome::lenient(r.body_error(), read)
                }
            },
            read: &[
                (r#"{"reason":"#, "}"),
                (r#"{"reason":"BadTopic","timestamp":"#, "}"),
            ],
            skip: APNS_SKIP,
            plain: APNS_PLAIN,
            blank_is_no_data: false,
        },
        Entry {
            name: "apns::broadcast::Response::classify",
            limit: MAX_BODY_LEN,
            run: |body| match broadcast::Response::new(Operation::Broadcast, 400, body).classify() {
                Ok(s) => Outcome::Read(format!("{s:?}")),
                Err(r) => Outcome::lenient(r.body_error(), r.raw_reason()),
            },
            read: &[(r#"{"reason":"#, "}")],
            skip: APNS_SKIP,
            plain: APNS_PLAIN,
            blank_is_no_data: false,
        },
        Entry {
            name: "apns::GoAway::parse",
            limit: MAX_BODY_LEN,
            run: |body| {
                let g = apns::GoAway::parse(body);
                Outcome::lenient(g.body_error(), g.raw_reason())
            },
            read: &[(r#"{"reason":"#, "}")],
            skip: APNS_SKIP,
            plain: APNS_PLAIN,
            blank_is_no_data: true,
        },
        Entry {
            name: "apns::broadcast::GoAway::parse",
            limit: MAX_BODY_LEN,
            run: |body| {
                let g = broadcast::GoAway::parse(body);
                Outcome::lenient(g.body_error(), g.raw_reason())
            },
            read: &[(r#"{"reason":"#, "}")],
            skip: APNS_SKIP,
            plain: APNS_PLAIN,
            blank_is_no_data: true,
        },
        store_entry!(app_store_server),
        store_entry!(retention_messaging),
        store_entry!(advanced_commerce),
        Entry {
            name: "NotificationHistoryResponse::parse",
            limit: MAX_RESPONSE_LEN,
            run: |body| Outcome::strict(NotificationHistoryResponse::parse(body)),
            read: &[
                (r#"{"notificationHistory":"#, "}"),
                (r#"{"notificationHistory":["#, "]}"),
                (r#"{"notificationHistory":[{"sendAttempts":"#, "}]}"),
                (r#"{"notificationHistory":[{"sendAttempts":["#, "]}]}"),
                (r#"{"notificationHistory":[],"paginationToken":"#, "}"),
            ],
            skip: &[
                (
                    r#"{"skipped":"#,
                    r#","notificationHistory":[{"signedPayload":"p","sendAttempts":[]}]}"#,
                ),
                (
                    r#"{"notificationHistory":[{"signedPayload":"p","skipped":"#,
                    r#","sendAttempts":[]}]}"#,
                ),
            ],
            plain: r#"{"notificationHistory":[{"signedPayload":"p","sendAttempts":[]}]}"#,
            blank_is_no_data: false,
        },
        Entry {
            name: "CheckTestNotificationResponse::parse",
            limit: MAX_RESPONSE_LEN,
            run: |body| Outcome::strict(CheckTestNotificationResponse::parse(body)),
            read: &[
                (r#"{"sendAttempts":"#, "}"),
                (r#"{"sendAttempts":["#, "]}"),
                (r#"{"signedPayload":"#, "}"),
            ],
            skip: &[(
                r#"{"sendAttempts":[{"skipped":"#,
                r#","attemptDate":1698148900000,"sendAttemptResult":"SUCCESS"}]}"#,
            )],
            plain: r#"{"sendAttempts":[{"attemptDate":1698148900000,"sendAttemptResult":"SUCCESS"}]}"#,
            blank_is_no_data: false,
        },
        Entry {
            name: "app_store_connect::ErrorResponse::parse",
            limit: MAX_BODY_LEN,
            run: |body| Outcome::strict(ErrorResponse::parse(body)),
            read: ASC_READ,
            skip: ASC_SKIP,
            plain: ASC_PLAIN,
            blank_is_no_data: false,
        },
        Entry {
            name: "app_store_connect::Response::classify",
            limit: MAX_BODY_LEN,
            run: |body| match app_store_connect::Response::new(409, body).classify() {
                Ok(s) => Outcome::Read(format!("{s:?}")),
                Err(r) => match r.body_error() {
                    Some(ParseError::Body(e)) => Outcome::body_error(*e, || format!("{r:?}")),
                    _ => Outcome::Read(format!("{:?} {:?}", r.errors(), r.body_error())),
                },
            },
            read: ASC_READ,
            skip: ASC_SKIP,
            plain: ASC_PLAIN,
            blank_is_no_data: false,
        },
    ]
}

const ASC_READ: &[(&str, &str)] = &[
    (r#"{"errors":"#, "}"),
    (r#"{"errors":["#, "]}"),
    (
        r#"{"errors":[{"status":"409","code":"#,
        r#","title":"t"}]}"#,
    ),
    (
        r#"{"errors":[{"status":"409","code":"C","title":"t","source":"#,
        "}]}",
    ),
    (
        r#"{"errors":[{"status":"409","code":"C","title":"t","meta":"#,
        "}]}",
    ),
    (
        r#"{"errors":[{"status":"409","code":"C","title":"t","meta":{"associatedErrors":{"/v1/x":"#,
        "}}}]}",
    ),
];
const ASC_SKIP: &[(&str, &str)] = &[
    (
        r#"{"skipped":"#,
        r#","errors":[{"status":"409","code":"ENTITY_ERROR","title":"t"}]}"#,
    ),
    (
        r#"{"errors":[{"status":"409","code":"ENTITY_ERROR","skipped":"#,
        r#","title":"t"}]}"#,
    ),
];
const ASC_PLAIN: &str = r#"{"errors":[{"status":"409","code":"ENTITY_ERROR","title":"t"}]}"#;

/// The suite's documents, by file name, plus a few of our own at the
/// nesting limit (where the suite has none).
fn documents() -> Vec<(String, Vec<u8>)> {
    let mut docs: Vec<(String, Vec<u8>)> = std::fs::read_dir(SUITE)
        .unwrap_or_else(|e| panic!("{SUITE}: {e}"))
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    docs.sort();
    assert_eq!(docs.len(), 318, "the suite's test_parsing has 318 files");
    for depth in 125..=129 {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        docs.push((format!("x_nested_{depth}_arrays"), nested.into_bytes()));
    }
    docs
}

fn serde_accepts(body: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(body).is_ok()
}

fn difference(name: &str) -> Option<Difference> {
    DIFFERENCES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, d)| d)
}

fn wrap(before: &str, doc: &[u8], after: &str) -> Vec<u8> {
    [before.as_bytes(), doc, after.as_bytes()].concat()
}

/// `serde_json` itself against the suite: the oracle must be sound.
#[test]
fn serde_json_follows_the_suite() {
    for (name, doc) in documents() {
        let accepts = serde_accepts(&doc);
        let exception = difference(&name).is_some_and(|d| d != Difference::DuplicateKeySpecOnly);
        if name.starts_with("y_") {
            assert!(accepts, "serde_json refuses {name}");
        } else if name.starts_with("n_") {
            assert!(!accepts, "serde_json accepts {name}");
        } else if exception {
            assert!(!accepts, "serde_json accepts {name}, listed as refused");
        }
    }
}

#[test]
fn every_entry_point_agrees_with_serde_json() {
    let mut failures = Vec::new();
    let mut differed = Vec::new();
    let docs = documents();
    for entry in entries() {
        let plain = (entry.run)(entry.plain.as_bytes());
        assert!(
            matches!(plain, Outcome::Read(_)),
            "{}: {plain:?}",
            entry.name
        );
        for (name, doc) in &docs {
            let mut bodies = vec![("whole body", doc.clone(), false)];
            for (before, after) in entry.read {
                bodies.push(("read member", wrap(before, doc, after), false));
            }
            for (before, after) in entry.skip {
                bodies.push(("skipped member", wrap(before, doc, after), true));
            }
            for (placement, body, skipped) in bodies {
                let outcome = (entry.run)(&body);
                let serde = serde_accepts(&body);
                let whole = placement == "whole body";
                let expected = match difference(name) {
                    _ if body.len() > entry.limit => Expected::TooLarge,
                    Some(Difference::HugeNumber) if !serde => Expected::Json,
                    Some(Difference::LeadingBom) if whole => Expected::Json,
                    Some(Difference::NoDebugData) if whole && entry.blank_is_no_data => {
                        Expected::Json
                    }
                    _ if serde => Expected::Json,
                    _ => Expected::NotJson,
                };
                if expected == Expected::Json && !serde {
                    differed.push(name.as_str());
                }
                let fail = |why: &str| {
                    let shown = String::from_utf8_lossy(&body);
                    let shown: String = shown.chars().take(160).collect();
                    format!(
                        "{} on {name} ({placement}): {why}; serde_json {}; got {outcome:?}; body {shown:?}",
                        entry.name,
                        if serde { "accepts" } else { "refuses" }
                    )
                };
                match (&expected, &outcome) {
                    (Expected::TooLarge, Outcome::TooLarge) => {}
                    (Expected::NotJson, Outcome::NotJson(_)) => {}
                    (Expected::Json, Outcome::Read(read)) => {
                        if skipped && serde && *read != plain_read(&plain) {
                            failures.push(fail(&format!(
                                "the skipped member changed what was read (without it: {plain:?})"
                            )));
                        }
                    }
                    _ => failures.push(fail(&format!("expected {expected:?}"))),
                }
            }
        }
        // The suite's own verdicts, on the whole document.
        for (name, doc) in &docs {
            let outcome = (entry.run)(doc);
            if doc.len() > entry.limit {
                continue;
            }
            let json = matches!(outcome, Outcome::Read(_));
            if entry.blank_is_no_data && difference(name) == Some(Difference::NoDebugData) {
                continue;
            }
            if name.starts_with("y_") && !json || name.starts_with("n_") && json {
                failures.push(format!("{} on {name}: {outcome:?}", entry.name));
            }
        }
    }
    for (name, d) in DIFFERENCES {
        if *d != Difference::DuplicateKeySpecOnly {
            assert!(
                differed.contains(name),
                "{name} is listed as {d:?} but no parser differs on it"
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn plain_read(plain: &Outcome) -> &str {
    match plain {
        Outcome::Read(read) => read,
        _ => unreachable!(),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Expected {
    Json,
    NotJson,
    TooLarge,
}

/// The spec crate's reader, on the whole document: it refuses what
/// `serde_json` refuses, and accepts the rest but duplicate keys and
/// nesting beyond 64 levels.
#[test]
fn the_spec_reader_agrees_with_serde_json() {
    let mut failures = Vec::new();
    for (name, doc) in documents() {
        let read = std::str::from_utf8(&doc)
            .map_err(|e| e.to_string())
            .and_then(|text| apple_errors_spec::json::parse(text).map_err(|e| e.to_string()));
        let serde = serde_accepts(&doc);
        let expected = match difference(&name) {
            Some(Difference::DuplicateKeySpecOnly) => false,
            Some(Difference::HugeNumber) => true,
            // Spec files nest at most 64 levels (real ones use four), where
            // `serde_json` allows 128: refused by design.
            _ if name.starts_with("x_nested_") => false,
            _ => serde,
        };
        if read.is_ok() != expected {
            failures.push(format!(
                "spec reader on {name}: expected {}, got {read:?}",
                if expected { "a value" } else { "an error" }
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The suite's strings, escapes and all, decode as `serde_json` decodes
/// them wherever a parser keeps one: an APNs reason, an App Store server
/// API message, an App Store Connect code and title.
#[test]
fn strings_decode_as_serde_json_decodes_them() {
    let mut checked = 0;
    for (name, doc) in documents() {
        // Most string documents are `["…"]`: take the element's own text.
        let text = doc.trim_ascii();
        let inner = text
            .strip_prefix(b"[")
            .and_then(|t| t.strip_suffix(b"]"))
            .unwrap_or(text);
        let Ok(serde_json::Value::String(expected)) = serde_json::from_slice(inner) else {
            continue;
        };
        let expected = Some(expected.as_str());
        let reason = wrap(r#"{"reason":"#, inner, "}");
        let apns = apns::Response::new(400, &reason).classify().unwrap_err();
        assert_eq!(apns.raw_reason(), expected, "APNs reason, {name}");
        let goaway = apns::GoAway::parse(&reason);
        assert_eq!(goaway.raw_reason(), expected, "GOAWAY reason, {name}");
        let body = wrap(r#"{"errorCode":4040010,"errorMessage":"#, inner, "}");
        let store = app_store_server::Response::new(404, &body)
            .classify()
            .unwrap_err();
        assert_eq!(store.message(), expected, "errorMessage, {name}");
        let body = wrap(
            r#"{"errors":[{"status":"409","code":"#,
            inner,
            r#","title":"t"}]}"#,
        );
        let asc = ErrorResponse::parse(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            Some(asc.errors()[0].code().as_str()),
            expected,
            "code, {name}"
        );
        let body = wrap(r#"{"signedPayload":"#, inner, r#","sendAttempts":[]}"#);
        let status = CheckTestNotificationResponse::parse(&body).unwrap();
        assert_eq!(status.signed_payload(), expected, "signedPayload, {name}");
        checked += 1;
    }
    assert!(checked >= 45, "only {checked} strings checked");
}
