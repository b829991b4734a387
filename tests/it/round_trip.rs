//! Real round trips on loopback: mock Apple servers on 127.0.0.1 and real
//! HTTP clients, each response turned into a decision through feature
//! `http`, and every decision checked, down to the wait before the next
//! attempt. APNs over HTTP/2 with hyper (the code of
//! `examples/apns_client.rs`, a GOAWAY with debug data included), App Store
//! Connect with reqwest, and the App Store Server API with hyper, both over
//! HTTP/1.1. The README's "Plug it into your client" shows the same lines.
//!
//! Every test runs under a time limit, and every server takes one
//! connection, so nothing here can hang CI.

use std::convert::Infallible;
use std::error::Error as _;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, SystemTime};

use apple_errors::apns::{self, Reason};
use apple_errors::body::BodyError;
use apple_errors::retry::{Backoff, Decision, GiveUp, Next, RetryAction, TokenAction};
use apple_errors::{app_store_connect, app_store_server};
use http_body_util::{BodyExt, Empty};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};

#[allow(dead_code, reason = "its `main` is the example's, not the test's")]
#[path = "../../examples/apns_client.rs"]
mod apns_client;

use apns_client::{
    APNS_ID, Outcome, connect, go_away, mock_apns, mock_apns_goaway, outcome, push, serve,
};

/// Far more than any of these takes; reached only if something hangs.
const LIMIT: Duration = Duration::from_secs(20);

async fn within_limit<T>(test: impl Future<Output = T>) -> T {
    tokio::time::timeout(LIMIT, test)
        .await
        .expect("the round trip took longer than its limit")
}

/// When the responses arrived, for the decisions' times (the schedule reads
/// no clock, so the waits are exact).
fn received_at() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

/// What a default schedule says after a first attempt refused with
/// `decision`, at the start (jitter 0) and the end (jitter `u64::MAX`) of
/// its window.
fn first_retry(decision: Decision) -> [Next; 2] {
    [0, u64::MAX].map(|jitter| Backoff::new().next(&decision, 1, received_at(), jitter))
}

const NOT_AGAIN: [Next; 2] = [Next::GiveUp(GiveUp::NotRetryable); 2];
const UP_TO_1_S: [Next; 2] = [
    Next::After(Duration::ZERO),
    Next::After(Duration::from_secs(1)),
];

#[tokio::test]
async fn apns_over_http2() {
    within_limit(async {
        let addr = mock_apns().await;
        let mut apns = connect(addr).await;
        let mut send = async |token| {
            let sent = apns.send_request(push(addr, token)).await;
            outcome(sent).await.unwrap()
        };

        let Outcome::Delivered(delivered) = send("good").await else {
            panic!("200 is a delivery")
        };
        assert_eq!(delivered.ids().apns_id().unwrap().as_str(), Some(APNS_ID));

        let Outcome::Rejected(bad) = send("bad").await else {
            panic!("400 is a rejection")
        };
        assert_eq!(
            (bad.status(), bad.reason()),
            (400, Some(Reason::BadDeviceToken))
        );
        assert_eq!(bad.retry().action(), RetryAction::Never);
        assert_eq!(bad.retry().token(), TokenAction::CheckEnvironment);
        assert_eq!(bad.ids().apns_id().unwrap().as_str(), Some(APNS_ID));
        assert_eq!(bad.label(), "apns.bad_device_token");
        assert!(!bad.needs_new_connection() && !bad.needs_new_provider_token());
        assert_eq!(first_retry(bad.decision(received_at())), NOT_AGAIN);

        let Outcome::Rejected(gone) = send("gone").await else {
            panic!("410 is a rejection")
        };
        assert_eq!(gone.reason(), Some(Reason::Unregistered));
        assert_eq!(gone.timestamp_millis(), Some(1_700_000_000_000));
        assert_eq!(gone.retry().action(), RetryAction::Never);
        assert_eq!(gone.retry().token(), TokenAction::Drop);
        assert_eq!(first_retry(gone.decision(received_at())), NOT_AGAIN);

        // A proxy's HTML page: no reason, a body error, and the status's
        // rule (Apple: no sooner than 15 minutes after a 5xx).
        let Outcome::Rejected(down) = send("down").await else {
            panic!("503 is a rejection")
        };
        assert_eq!((down.status(), down.raw_reason()), (503, None));
        assert!(matches!(down.body_error(), Some(BodyError::Syntax { .. })));
        assert_eq!(down.retry().action(), RetryAction::BackOff);
        assert_eq!(down.retry().min_delay(), Some(Duration::from_secs(900)));
        let minutes = |m: u64| Next::After(Duration::from_secs(m * 60));
        assert_eq!(
            first_retry(down.decision(received_at())),
            [minutes(15), minutes(30)]
        );

        let Outcome::Rejected(busy) = send("busy").await else {
            panic!("429 is a rejection")
        };
        assert_eq!(busy.reason(), Some(Reason::TooManyRequests));
        assert_eq!(busy.retry().action(), RetryAction::AfterDelay);
        assert_eq!(busy.retry().token(), TokenAction::Keep);
        // No floor: the first window is the schedule's base, 1 second.
        assert_eq!(first_retry(busy.decision(received_at())), UP_TO_1_S);
    })
    .await;
}

/// A real GOAWAY frame with APNs's debug data: hyper fails the request with
/// h2's error, from which the decision is found, but not the debug data.
#[tokio::test]
async fn apns_goaway_over_http2() {
    within_limit(async {
        let debug_data = br#"{"reason":"Shutdown"}"#;
        let addr = mock_apns_goaway(debug_data).await;
        let mut apns = connect(addr).await;
        let sent = apns.send_request(push(addr, "good")).await;

        // What hyper and h2 expose: the error is h2's, from a GOAWAY APNs
        // sent, with its HTTP/2 error code.
        let error = sent.as_ref().unwrap_err();
        let h2 = error.source().unwrap().downcast_ref::<h2::Error>().unwrap();
        assert!(h2.is_go_away() && h2.is_remote());
        assert_eq!(h2.reason(), Some(h2::Reason::NO_ERROR));
        // The debug data came through, but only into the text for people,
        // as an escaped byte string: h2 has no accessor for it.
        assert_eq!(
            h2.to_string(),
            r#"connection error received: not a result of an error (b"{\"reason\":\"Shutdown\"}")"#
        );

        let Outcome::Closed(goaway) = outcome(sent).await.unwrap() else {
            panic!("a GOAWAY is the connection's end")
        };
        assert_eq!(goaway, apns::GoAway::without_data());
        assert_eq!(goaway.reason(), None);
        assert_eq!(goaway.retry().action(), RetryAction::NewConnection);
        assert!(goaway.needs_new_connection());
        // Where a stack gives the debug data, the reason comes with it, and
        // the decision is the same.
        let parsed = apns::GoAway::parse(debug_data);
        assert_eq!(parsed.reason(), Some(Reason::Shutdown));
        assert_eq!(parsed.retry(), goaway.retry());

        // The connection is gone: the next request is not sent at all.
        let next = apns.send_request(push(addr, "good")).await.unwrap_err();
        assert!(next.is_canceled(), "{next:?}");
        assert_eq!(apns::GoAway::from_error(&next), None);
    })
    .await;
}

/// A reqwest client that speaks HTTP/2 without TLS, as the APNs mocks do,
/// with `retry` as its retry policy instead of reqwest's default.
fn reqwest_h2(retry: Option<reqwest::retry::Builder>) -> reqwest::Client {
    let builder = reqwest::Client::builder()
        .no_proxy()
        .http2_prior_knowledge()
        .timeout(LIMIT);
    match retry {
        Some(retry) => builder.retry(retry),
        None => builder,
    }
    .build()
    .unwrap()
}

/// The same GOAWAY through reqwest: by default reqwest sends the refused
/// request again on a new connection by itself; without that, the error
/// reaches the caller with h2's error in its source chain.
#[tokio::test]
async fn apns_goaway_through_reqwest() {
    within_limit(async {
        // A mock APNs that closes the first connection with a GOAWAY and
        // answers on the second.
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (first, _) = listener.accept().await.unwrap();
            let _ = go_away(first, br#"{"reason":"Shutdown"}"#).await;
            let (second, _) = listener.accept().await.unwrap();
            serve(second).await;
        });
        let url = format!("http://{addr}/3/device/good");

        // reqwest's default policy resends a request refused by a GOAWAY
        // with NO_ERROR (or a REFUSED_STREAM) within its retry budget: the
        // caller gets the second connection's answer, never the GOAWAY.
        let client = reqwest_h2(None);
        let response = client.post(&url).body("{}").send().await.unwrap();
        assert_eq!(response.status(), 200);

        // Without that policy, the GOAWAY is the request's error, and the
        // decision is found in it.
        let addr = mock_apns_goaway(br#"{"reason":"Shutdown"}"#).await;
        let client = reqwest_h2(Some(reqwest::retry::never()));
        let url = format!("http://{addr}/3/device/good");
        let error = client.post(url).body("{}").send().await.unwrap_err();
        assert!(error.is_request(), "{error:?}");
        let goaway = apns::GoAway::from_error(&error).unwrap();
        assert_eq!(goaway.retry().action(), RetryAction::NewConnection);
    })
    .await;
}

/// A server on 127.0.0.1 answering one HTTP/1.1 connection with `answer`.
async fn mock_http1(answer: fn(&str) -> Response<String>) -> SocketAddr {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.unwrap();
        let service = hyper::service::service_fn(move |request: Request<Incoming>| async move {
            Ok::<_, Infallible>(answer(request.uri().path()))
        });
        let _ = hyper::server::conn::http1::Builder::new()
            .serve_connection(TokioIo::new(tcp), service)
            .await;
    });
    addr
}

/// A GET with hyper's HTTP/1.1 client; the response as hyper gives it.
async fn get(addr: SocketAddr, path: &str) -> Response<Incoming> {
    let tcp = TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(tcp))
        .await
        .unwrap();
    tokio::spawn(connection);
    let request = Request::get(path)
        .header("host", addr.to_string())
        .body(Empty::<Bytes>::new())
        .unwrap();
    sender.send_request(request).await.unwrap()
}

fn app_store_connect_answer(path: &str) -> Response<String> {
    let builder = Response::builder().header("x-rate-limit", "user-hour-lim:3600;user-hour-rem:0;");
    let (status, body) = match path {
        "/v1/apps" => (
            429,
            r#"{"errors":[{"id":"1","status":"429","code":"RATE_LIMIT_EXCEEDED","title":"The API key in use has exceeded its rate limit."}]}"#,
        ),
        _ => (
            409,
            r#"{"errors":[
              {"id":"a","status":"409","code":"ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG","title":"An attribute value is too long.",
               "detail":"'name' must be 30 characters or fewer.","source":{"pointer":"/data/attributes/name"}},
              {"id":"b","status":"409","code":"ENTITY_ERROR.RELATIONSHIP.INVALID","title":"A relationship value is invalid.",
               "meta":{"associatedErrors":{"/v1/builds":[{"code":"ENTITY_ERROR.NOT_FOUND","status":"404","title":"The build does not exist."}]}}}
            ]}"#,
        ),
    };
    builder.status(status).body(body.to_owned()).unwrap()
}

/// What a user writes with reqwest for App Store Connect: keep the status
/// and headers, since reading the body consumes the response, then one line
/// to the decision.
async fn app_store_connect_decision(
    response: reqwest::Response,
) -> reqwest::Result<Result<app_store_connect::Success, app_store_connect::Rejection>> {
    let (status, headers) = (response.status(), response.headers().clone());
    let body = response.bytes().await?;
    Ok(app_store_connect::Response::from_parts(status, &headers, &body).classify())
}

/// A reqwest client for the mocks: plain HTTP/1.1 on loopback, never through
/// a proxy from the environment, and bounded in time.
fn reqwest_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(LIMIT)
        .build()
        .unwrap()
}

#[tokio::test]
async fn app_store_connect_with_reqwest() {
    within_limit(async {
        let client = reqwest_client();
        let addr = mock_http1(app_store_connect_answer).await;
        let response = client.get(format!("http://{addr}/v1/apps")).send().await;
        let rejection = app_store_connect_decision(response.unwrap())
            .await
            .unwrap()
            .unwrap_err();
        assert_eq!(rejection.status(), 429);
        assert_eq!(rejection.retry().action(), RetryAction::AfterDelay);
        assert_eq!(rejection.errors()[0].code().as_str(), "RATE_LIMIT_EXCEEDED");
        let limit = rejection.rate_limit().unwrap();
        assert!(limit.is_complete());
        assert_eq!(limit.limit().hour_limit(), Some(3600));
        assert_eq!(limit.limit().hour_remaining(), Some(0));
        assert!(limit.limit().is_exhausted());
        assert_eq!(rejection.label(), "app_store_connect.rate_limit_exceeded");
        // No `Retry-After`: the first window is the schedule's base.
        assert_eq!(first_retry(rejection.decision(received_at())), UP_TO_1_S);

        // A new mock, so a new connection: each mock takes one.
        let addr = mock_http1(app_store_connect_answer).await;
        let response = client.get(format!("http://{addr}/v1/apps/1")).send().await;
        let rejection = app_store_connect_decision(response.unwrap())
            .await
            .unwrap()
            .unwrap_err();
        assert_eq!(rejection.status(), 409);
        assert_eq!(rejection.retry().action(), RetryAction::AfterFix);
        assert_eq!(
            first_retry(rejection.decision(received_at())),
            [Next::FixFirst; 2]
        );
        assert_eq!(rejection.body_error(), None);
        let codes: Vec<_> = rejection
            .errors()
            .iter()
            .map(|e| e.code().as_str())
            .collect();
        assert_eq!(
            codes,
            [
                "ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG",
                "ENTITY_ERROR.RELATIONSHIP.INVALID"
            ]
        );
        assert_eq!(
            rejection.errors()[0].code().family(),
            Some(app_store_connect::ErrorCodeFamily::EntityErrorAttributeInvalid)
        );
        assert_eq!(
            rejection.errors()[0].source(),
            Some(&app_store_connect::Source::Pointer(
                "/data/attributes/name".into()
            ))
        );
        let [(path, nested)] = rejection.errors()[1].associated_errors() else {
            panic!("one path of associated errors")
        };
        assert_eq!(path, "/v1/builds");
        assert_eq!(nested[0].code().as_str(), "ENTITY_ERROR.NOT_FOUND");
        assert_eq!(nested[0].status(), Some(404));
        assert!(rejection.rate_limit().unwrap().limit().is_exhausted());
    })
    .await;
}

fn app_store_server_answer(_path: &str) -> Response<String> {
    Response::builder()
        .status(429)
        .header("retry-after", "1700000060000")
        .body(r#"{"errorCode":4290000,"errorMessage":"Rate limit exceeded."}"#.to_owned())
        .unwrap()
}

#[tokio::test]
async fn app_store_server_api_over_http1() {
    within_limit(async {
        let addr = mock_http1(app_store_server_answer).await;
        let response = get(addr, "/inApps/v1/history/1").await;

        // What a user writes with hyper: the whole `http::Response`, then
        // one line to the decision.
        let (parts, body) = response.into_parts();
        let response = http::Response::from_parts(parts, body.collect().await.unwrap().to_bytes());
        let rejection = app_store_server::Response::from(&response)
            .classify()
            .unwrap_err();

        assert_eq!(rejection.status(), 429);
        assert_eq!(
            rejection.error_code(),
            Some(app_store_server::ErrorCode::RateLimitExceeded)
        );
        assert_eq!(rejection.message(), Some("Rate limit exceeded."));
        assert_eq!(rejection.retry().action(), RetryAction::AfterDelay);
        assert_eq!(rejection.retry_at_millis(), Some(1_700_000_060_000));
        assert_eq!(rejection.retry_after_error(), None);
        // Retry-After's time, 60 s after the response, is the floor.
        let seconds = |s| Next::After(Duration::from_secs(s));
        assert_eq!(
            first_retry(rejection.decision(received_at())),
            [seconds(60), seconds(61)]
        );
    })
    .await;
}
