//! The error codes of the App Store Server, Retention Messaging and Advanced
//! Commerce APIs against the facts table (`tests/facts/`, a copy of the
//! project's reference file), read here independently of the spec files:
//! every numbered row is a variant with that name, status and deprecation,
//! and Apple's retry groups hold exactly. The generated types are also
//! checked entry by entry against their spec JSON.

use std::collections::BTreeMap;

use apple_errors::retry::RetryAction;
use apple_errors::{advanced_commerce, app_store_server, retention_messaging};

use crate::common::{Value, check_statuses, check_values, spec};

/// One numbered row of the facts table.
struct Row {
    api: String,
    code: u32,
    name: String,
    status: u16,
    provenance: String,
    notes: String,
}

fn rows() -> Vec<Row> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/facts/app-store-server-error-codes.tsv"
    );
    let text = std::fs::read_to_string(path).expect("the facts table");
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let code = f[1].parse().ok()?;
            Some(Row {
                api: f[0].to_owned(),
                code,
                name: f[2].to_owned(),
                status: f[3].parse().expect("a status"),
                provenance: f[4].to_owned(),
                notes: f.get(5).copied().unwrap_or("").to_owned(),
            })
        })
        .collect()
}

/// What the generated API says about a code: Apple's name, status, retry
/// action, whether the action is inferred, deprecation.
struct Facts {
    name: &'static str,
    status: u16,
    action: RetryAction,
    inferred: bool,
    deprecated: bool,
}

macro_rules! facts_of {
    ($module:ident) => {
        |code: u32| -> Option<Facts> {
            let c = $module::ErrorCode::from_code(code)?;
            Some(Facts {
                name: c.name(),
                status: c.status().code(),
                action: c.retry().action(),
                inferred: c.retry().is_inferred(),
                deprecated: c.deprecation().is_some(),
            })
        }
    };
}

fn facts(api: &str, code: u32) -> Option<Facts> {
    match api {
        "App Store Server" => facts_of!(app_store_server)(code),
        "Retention Messaging" => facts_of!(retention_messaging)(code),
        "Advanced Commerce" => facts_of!(advanced_commerce)(code),
        other => panic!("unknown API {other}"),
    }
}

fn from_name(api: &str, name: &str) -> Option<u32> {
    match api {
        "App Store Server" => app_store_server::ErrorCode::from_name(name).map(|c| c.code()),
        "Retention Messaging" => retention_messaging::ErrorCode::from_name(name).map(|c| c.code()),
        "Advanced Commerce" => advanced_commerce::ErrorCode::from_name(name).map(|c| c.code()),
        other => panic!("unknown API {other}"),
    }
}

#[test]
fn every_numbered_row_is_a_code() {
    let mut per_api: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for row in rows() {
        let what = format!("{} {} {}", row.api, row.code, row.name);
        let f = facts(&row.api, row.code).unwrap_or_else(|| panic!("{what}: not a known code"));
        assert_eq!(f.status, row.status, "{what}: status");
        assert_eq!(
            u32::from(row.status),
            row.code / 10_000,
            "{what}: the facts' own rule"
        );
        // One number may have two names (the rows say so): each is accepted,
        // and the variant's is the one from Apple's own pages or libraries.
        assert_eq!(
            from_name(&row.api, &row.name),
            Some(row.code),
            "{what}: name"
        );
        if row.provenance.starts_with("apple") {
            assert_eq!(f.name, row.name, "{what}: Apple's name");
        }
        assert_eq!(
            f.deprecated,
            row.notes.starts_with("deprecated"),
            "{what}: deprecation"
        );
        per_api.entry(row.api).or_default().push(row.code);
    }
    for (api, mut codes) in per_api {
        codes.sort_unstable();
        codes.dedup();
        let generated = match api.as_str() {
            "App Store Server" => app_store_server::ErrorCode::ALL.len(),
            "Retention Messaging" => retention_messaging::ErrorCode::ALL.len(),
            "Advanced Commerce" => advanced_commerce::ErrorCode::ALL.len(),
            _ => unreachable!(),
        };
        assert_eq!(generated, codes.len(), "{api}: no code beyond the facts");
    }
}

/// Apple's retry groups, exactly: in the App Store Server API the "errors
/// to retry" are 4040002, 4040004, 4040006 and 5000001; Retention Messaging
/// adds 5000000; 4290000 waits for `Retry-After`; 5000000 in the App Store
/// Server API is "try again later", our reading; 4040010 there may be a
/// sandbox transaction: the other environment.
#[test]
fn apples_retry_groups_hold() {
    let ass = |code| facts("App Store Server", code).unwrap();
    for code in [4_040_002, 4_040_004, 4_040_006, 5_000_001] {
        assert_eq!(ass(code).action, RetryAction::BackOff, "{code}");
        assert!(!ass(code).inferred, "{code}: Apple's rule");
    }
    assert_eq!(ass(5_000_000).action, RetryAction::BackOff);
    assert!(ass(5_000_000).inferred, "5000000: our reading");
    assert_eq!(ass(4_040_010).action, RetryAction::OtherEnvironment);
    assert!(!ass(4_040_010).inferred);
    let rm = |code| facts("Retention Messaging", code).unwrap();
    assert_eq!(rm(5_000_000).action, RetryAction::BackOff);
    assert!(!rm(5_000_000).inferred, "listed among the errors to retry");
    for api in [
        "App Store Server",
        "Retention Messaging",
        "Advanced Commerce",
    ] {
        let f = facts(api, 4_290_000).unwrap();
        assert_eq!(f.action, RetryAction::AfterDelay, "{api}: 4290000");
    }
    // Nothing else in the App Store Server API may be retried unchanged.
    for row in rows().iter().filter(|r| r.api == "App Store Server") {
        let f = ass(row.code);
        let grouped = [
            4_040_002, 4_040_004, 4_040_006, 5_000_001, 5_000_000, 4_290_000,
        ];
        if !grouped.contains(&row.code) {
            assert!(!f.action.is_transient(), "{}: {:?}", row.code, f.action);
        }
    }
}

/// Where a number comes from, as the spec files say it, against the facts:
/// Apple's libraries, Apple's pages (also when a third-party number was
/// confirmed on one), or a third-party library only.
#[test]
fn provenance_follows_the_facts() {
    let files = [
        ("App Store Server", "app_store_server.json"),
        ("Retention Messaging", "retention_messaging.json"),
        ("Advanced Commerce", "advanced_commerce.json"),
    ];
    for (api, file) in files {
        let json = spec(file);
        for row in rows().iter().filter(|r| r.api == api) {
            let entry = crate::common::array(&json, "values")
                .iter()
                .find(|e| e["wire"].as_u64() == Some(u64::from(row.code)))
                .unwrap_or_else(|| panic!("{api} {}: in the spec", row.code));
            let expected = match row.provenance.as_str() {
                "apple-libraries" => "apple_libraries",
                "apple-docs" => "apple_docs",
                "peer-library" => "peer_library",
                p if p.contains("confirmed on an Apple page") => "apple_docs",
                other => panic!("{api} {}: provenance {other}", row.code),
            };
            // 4000168's two rows differ; its entry follows Apple's page.
            if row.code == 4_000_168 && row.provenance.starts_with("peer") {
                continue;
            }
            assert_eq!(
                entry["provenance"].as_str(),
                Some(expected),
                "{api} {}",
                row.code
            );
        }
    }
}

/// Every rule outside Apple's stated groups is this crate's reading, and
/// says so.
#[test]
fn every_other_rule_is_marked_inferred() {
    for row in rows() {
        let stated = match row.api.as_str() {
            "App Store Server" => [
                4_040_002, 4_040_004, 4_040_006, 5_000_001, 4_040_010, 4_290_000,
            ]
            .contains(&row.code),
            "Retention Messaging" => [5_000_000, 4_290_000].contains(&row.code),
            _ => false,
        };
        let f = facts(&row.api, row.code).unwrap();
        assert_eq!(!f.inferred, stated, "{} {} {}", row.api, row.code, row.name);
    }
}

#[test]
fn every_entry_matches_its_spec() {
    let ass = spec("app_store_server.json");
    check_values!(
        app_store_server::ErrorCode,
        &ass,
        |c: app_store_server::ErrorCode, e: &Value| {
            assert_eq!(u64::from(c.status().code()), e["status"].as_u64().unwrap());
            assert_eq!(c.name(), e["name"].as_str().unwrap());
        }
    );
    check_statuses!(app_store_server::Status, &ass);
    let rm = spec("retention_messaging.json");
    check_values!(
        retention_messaging::ErrorCode,
        &rm,
        |c: retention_messaging::ErrorCode, e: &Value| {
            assert_eq!(c.name(), e["name"].as_str().unwrap());
        }
    );
    check_statuses!(retention_messaging::Status, &rm);
    let ac = spec("advanced_commerce.json");
    check_values!(
        advanced_commerce::ErrorCode,
        &ac,
        |c: advanced_commerce::ErrorCode, e: &Value| {
            assert_eq!(c.name(), e["name"].as_str().unwrap());
        }
    );
    check_statuses!(advanced_commerce::Status, &ac);
}
