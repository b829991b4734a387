//! Speed of lookups and body classification, each measured side by side
//! with the approach other crates take, in one run.
//!
//! ```text
//! cargo bench --bench parse
//! ```
//!
//! Figures and ratios are in `BENCHMARKS.md`.

use std::collections::HashMap;
use std::hint::black_box;

use apple_errors::apns::{self, Reason, broadcast};
use apple_errors::app_store_connect::ErrorResponse;
use apple_errors::app_store_server;
use apple_errors::app_store_server::notifications::{
    CheckTestNotificationResponse, NotificationHistoryResponse,
};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;
use serde::de::IntoDeserializer;

#[path = "shared/baselines.rs"]
mod baselines;
use baselines::{A2Reason, BroadcastReason, SendAttemptResult};

/// `a2`'s error body: the derived enum plus the optional timestamp.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct A2Body {
    reason: A2Reason,
    timestamp: Option<u64>,
}

/// The hand-written baselines know every value of the generated tables.
fn baselines_match_the_tables() {
    fn knows<'de, T: Deserialize<'de>>(wire: &'static str) -> bool {
        let r: Result<T, serde::de::value::Error> = T::deserialize(wire.into_deserializer());
        r.is_ok()
    }
    for r in Reason::ALL {
        assert!(
            knows::<A2Reason>(r.as_str()),
            "A2Reason lacks {}",
            r.as_str()
        );
    }
    for r in broadcast::Reason::ALL {
        assert!(
            knows::<BroadcastReason>(r.as_str()),
            "BroadcastReason lacks {}",
            r.as_str()
        );
    }
    for r in apple_errors::app_store_server::notifications::SendAttemptResult::ALL {
        assert!(
            knows::<SendAttemptResult>(r.as_str()),
            "SendAttemptResult lacks {}",
            r.as_str()
        );
    }
}

/// Every reason once, plus one this version does not know.
fn inputs() -> Vec<&'static str> {
    let mut v: Vec<&str> = Reason::ALL.iter().map(|r| r.as_str()).collect();
    v.push("SomethingAppleAddsLater");
    v
}

/// A perfect-hash map built at run time with the generator `phf` uses, so
/// that `phf` can be compared without writing the keys out again.
struct Phf {
    key: phf_shared::HashKey,
    disps: Vec<(u32, u32)>,
    entries: Vec<(&'static str, Reason)>,
}

impl Phf {
    fn new() -> Self {
        let keys: Vec<&str> = Reason::ALL.iter().map(|r| r.as_str()).collect();
        let state = phf_generator::generate_hash(&keys);
        let entries = state
            .map
            .iter()
            .map(|&i| (keys[i], Reason::ALL[i]))
            .collect();
        Phf {
            key: state.key,
            disps: state.disps,
            entries,
        }
    }

    fn get(&self, wire: &str) -> Option<Reason> {
        let hashes = phf_shared::hash(wire, &self.key);
        let index = phf_shared::get_index(&hashes, &self.disps, self.entries.len());
        let (key, reason) = self.entries[index as usize];
        (key == wire).then_some(reason)
    }
}

fn lookup(c: &mut Criterion) {
    baselines_match_the_tables();
    let inputs = inputs();
    let phf = Phf::new();
    let hash: HashMap<&str, Reason> = Reason::ALL.iter().map(|r| (r.as_str(), *r)).collect();
    for wire in &inputs {
        assert_eq!(phf.get(wire), Reason::from_wire(wire));
    }

    let mut g = c.benchmark_group("lookup");
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.bench_function("apple-errors from_wire (generated match)", |b| {
        b.iter(|| {
            for wire in &inputs {
                black_box(Reason::from_wire(black_box(wire)));
            }
        })
    });
    g.bench_function("phf perfect hash", |b| {
        b.iter(|| {
            for wire in &inputs {
                black_box(phf.get(black_box(wire)));
            }
        })
    });
    g.bench_function("std HashMap", |b| {
        b.iter(|| {
            for wire in &inputs {
                black_box(hash.get(black_box(wire)));
            }
        })
    });
    g.bench_function("serde-derived enum (a2)", |b| {
        b.iter(|| {
            for wire in &inputs {
                let r: Result<A2Reason, serde::de::value::Error> =
                    A2Reason::deserialize(black_box(*wire).into_deserializer());
                let _ = black_box(r);
            }
        })
    });
    g.finish();
}

const BAD_TOKEN: &[u8] = br#"{"reason":"BadDeviceToken"}"#;
const UNREGISTERED: &[u8] = br#"{"reason":"Unregistered","timestamp":1700000000000}"#;

fn classify(c: &mut Criterion) {
    for (name, status, body) in [
        ("BadDeviceToken", 400, BAD_TOKEN),
        ("Unregistered", 410, UNREGISTERED),
    ] {
        let mut g = c.benchmark_group(format!("classify {name}"));
        g.bench_function("apple-errors Response::classify + retry", |b| {
            b.iter(|| {
                // The decision a sender acts on: reason, policy, timestamp.
                match apns::Response::new(black_box(status), black_box(body)).classify() {
                    Ok(_) => black_box(None),
                    Err(r) => black_box(Some((r.reason(), r.retry(), r.timestamp_millis()))),
                }
            })
        });
        g.bench_function("serde_json into a2-style struct", |b| {
            b.iter(|| black_box(serde_json::from_slice::<A2Body>(black_box(body))))
        });
        g.finish();
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct BroadcastBody {
        reason: BroadcastReason,
    }
    let body = br#"{"reason":"CannotCreateChannelConfig"}"#;
    let mut g = c.benchmark_group("classify broadcast");
    g.bench_function("apple-errors broadcast::Response::classify + retry", |b| {
        b.iter(|| {
            let op = broadcast::Operation::CreateChannel;
            match broadcast::Response::new(op, black_box(400), black_box(body)).classify() {
                Ok(_) => black_box(None),
                Err(r) => black_box(Some((r.reason(), r.retry()))),
            }
        })
    });
    g.bench_function("serde_json into a serde-derived struct and enum", |b| {
        b.iter(|| black_box(serde_json::from_slice::<BroadcastBody>(black_box(body))))
    });
    g.finish();

    let body = br#"{"reason":"Shutdown"}"#;
    let mut g = c.benchmark_group("GOAWAY data");
    g.bench_function("apple-errors GoAway::parse + retry", |b| {
        b.iter(|| {
            let g = apns::GoAway::parse(black_box(body));
            black_box((g.reason(), g.retry()))
        })
    });
    g.bench_function("serde_json into a2-style struct", |b| {
        b.iter(|| black_box(serde_json::from_slice::<A2Body>(black_box(body))))
    });
    g.finish();
}

const HISTORY: &[u8] = br#"{"notificationHistory":[{"sendAttempts":[{"attemptDate":1698148900000,"sendAttemptResult":"NO_RESPONSE"},{"attemptDate":1698152500000,"sendAttemptResult":"SUCCESS"}],"signedPayload":"eyJhbGciOiJFUzI1NiIsIng1YyI6WyJNSUlCIl19.eyJub3RpZmljYXRpb25UeXBlIjoiU1VCU0NSSUJFRCJ9.c2lnbmF0dXJl"},{"sendAttempts":[{"attemptDate":1698148900000,"sendAttemptResult":"TLS_ISSUE"}],"signedPayload":"eyJhbGciOiJFUzI1NiJ9.e30.c2ln"}],"hasMore":true,"paginationToken":"57715481-805a-4283-8499-1c19b5d6b20a"}"#;

const TEST_STATUS: &[u8] = br#"{"signedPayload":"eyJhbGciOiJFUzI1NiJ9.eyJub3RpZmljYXRpb25UeXBlIjoiVEVTVCJ9.c2ln","sendAttempts":[{"attemptDate":1698148900000,"sendAttemptResult":"TIMED_OUT"},{"attemptDate":1698152500000,"sendAttemptResult":"SUCCESS"}]}"#;

const ERRORS: &[u8] = br#"{"errors":[{"id":"4c5b5bb6-0d1f-4b2b-9d1c-2b0f6a4a8e11","status":"409","code":"ENTITY_ERROR.ATTRIBUTE.INVALID","title":"An attribute value is invalid.","detail":"The value of 'versionString' is not valid.","source":{"pointer":"/data/attributes/versionString"}}]}"#;

fn responses(c: &mut Criterion) {
    #[derive(Deserialize)]
    #[allow(dead_code, non_snake_case)]
    struct Attempt {
        attemptDate: u64,
        sendAttemptResult: SendAttemptResult,
    }
    #[derive(Deserialize)]
    #[allow(dead_code, non_snake_case)]
    struct Item {
        sendAttempts: Vec<Attempt>,
        signedPayload: String,
    }
    #[derive(Deserialize)]
    #[allow(dead_code, non_snake_case)]
    struct History {
        notificationHistory: Vec<Item>,
        hasMore: bool,
        paginationToken: Option<String>,
    }
    let mut g = c.benchmark_group("notification history");
    g.bench_function("apple-errors NotificationHistoryResponse::parse", |b| {
        b.iter(|| black_box(NotificationHistoryResponse::parse(black_box(HISTORY))))
    });
    g.bench_function("serde_json into derived structs", |b| {
        b.iter(|| black_box(serde_json::from_slice::<History>(black_box(HISTORY))))
    });
    g.finish();

    #[derive(Deserialize)]
    #[allow(dead_code, non_snake_case)]
    struct TestStatus {
        signedPayload: String,
        sendAttempts: Vec<Attempt>,
    }
    let mut g = c.benchmark_group("test notification status");
    g.bench_function("apple-errors CheckTestNotificationResponse::parse", |b| {
        b.iter(|| black_box(CheckTestNotificationResponse::parse(black_box(TEST_STATUS))))
    });
    g.bench_function("serde_json into derived structs", |b| {
        b.iter(|| black_box(serde_json::from_slice::<TestStatus>(black_box(TEST_STATUS))))
    });
    g.finish();

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Source {
        pointer: Option<String>,
        parameter: Option<String>,
    }
    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct ApiError {
        id: Option<String>,
        status: String,
        code: String,
        title: String,
        detail: Option<String>,
        source: Option<Source>,
    }
    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Errors {
        errors: Vec<ApiError>,
    }
    let mut g = c.benchmark_group("App Store Connect errors");
    g.bench_function("apple-errors ErrorResponse::parse", |b| {
        b.iter(|| black_box(ErrorResponse::parse(black_box(ERRORS))))
    });
    g.bench_function("serde_json into derived structs", |b| {
        b.iter(|| black_box(serde_json::from_slice::<Errors>(black_box(ERRORS))))
    });
    g.finish();

    // The shape of Apple's libraries' error model: a code and a message.
    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct ApiErrorBody {
        #[serde(rename = "errorCode")]
        error_code: Option<i64>,
        #[serde(rename = "errorMessage")]
        error_message: Option<String>,
    }
    const API_ERROR: &[u8] =
        br#"{"errorCode": 4040010, "errorMessage": "Transaction id not found."}"#;
    let mut g = c.benchmark_group("App Store Server API error");
    g.bench_function("apple-errors Response::classify + retry", |b| {
        b.iter(|| {
            let r = app_store_server::Response::new(404, black_box(API_ERROR))
                .classify()
                .unwrap_err();
            black_box((
                r.error_code(),
                r.retry().action(),
                r.message().map(str::len),
            ))
        })
    });
    g.bench_function("serde_json into a derived struct, code looked up", |b| {
        b.iter(|| {
            let body: ApiErrorBody = serde_json::from_slice(black_box(API_ERROR)).unwrap();
            let code = body
                .error_code
                .and_then(|c| u32::try_from(c).ok())
                .and_then(app_store_server::ErrorCode::from_code);
            black_box((code, body.error_message.map(|m| m.len())))
        })
    });
    g.finish();
}

criterion_group!(benches, lookup, classify, responses);
criterion_main!(benches);
