//! Real round trips on loopback: mock Apple servers on 127.0.0.1 and real
//! HTTP clients, each response turned into a decision through feature
//! `http`, and every decision checked. APNs over HTTP/2 with hyper (the code
//! of `examples/apns_client.rs`, GOAWAY included), App Store Connect and the
//! App Store Server API over HTTP/1.1.
//!
//! Every test runs under a time limit, and every server takes one
//! connection, so nothing here can hang CI.

use std::convert::Infallible;
use std::error::Error as _;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use apple_errors::apns::{self, Reason};
use apple_errors::body::BodyError;
use apple_errors::retry::{RetryAction, TokenAction};
use apple_errors::{app_store_connect, app_store_server};
use http_body_util::{BodyExt, Empty};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};

#[allow(dead_code, reason = "its `main` is the example's, not the test's")]
#[path = "../../examples/apns_client.rs"]
mod apns_client;

use apns_client::{APNS_ID, Outcome, connect, mock_apns, mock_apns_goaway, outcome, push};

/// Far more than any of these takes; reached only if something hangs.
const LIMIT: Duration = Duration::from_secs(20);

async fn within_limit<T>(test: impl Future<Output = T>) -> T {
    tokio::time::timeout(LIMIT, test)
        .await
        .expect("the round trip took longer than its limit")
}

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

        let Outcome::Rejected(gone) = send("gone").await else {
            panic!("410 is a rejection")
        };
        assert_eq!(gone.reason(), Some(Reason::Unregistered));
        assert_eq!(gone.timestamp_millis(), Some(1_700_000_000_000));
        assert_eq!(gone.retry().action(), RetryAction::Never);
        assert_eq!(gone.retry().token(), TokenAction::Drop);

        // A proxy's HTML page: no reason, a body error, and the status's
        // rule (Apple: no sooner than 15 minutes after a 5xx).
        let Outcome::Rejected(down) = send("down").await else {
            panic!("503 is a rejection")
        };
        assert_eq!((down.status(), down.raw_reason()), (503, None));
        assert!(matches!(down.body_error(), Some(BodyError::Syntax { .. })));
        assert_eq!(down.retry().action(), RetryAction::BackOff);
        assert_eq!(down.retry().min_delay(), Some(Duration::from_secs(900)));

        let Outcome::Rejected(busy) = send("busy").await else {
            panic!("429 is a rejection")
        };
        assert_eq!(busy.reason(), Some(Reason::TooManyRequests));
        assert_eq!(busy.retry().action(), RetryAction::AfterDelay);
        assert_eq!(busy.retry().token(), TokenAction::Keep);
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
        // The debug data is in there, but only as text for people: h2 has
        // no accessor for it.
        assert!(h2.to_string().contains("Shutdown"), "{h2}");

        let Outcome::ConnectionGone(goaway) = outcome(sent).await.unwrap() else {
            panic!("a GOAWAY is the connection's end")
        };
        assert_eq!(goaway, apns::GoAway::without_data());
        assert_eq!(goaway.reason(), None);
        assert_eq!(goaway.retry().action(), RetryAction::NewConnection);
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

/// What a user writes with hyper for App Store Connect: collect the body,
/// then one line to the decision.
async fn app_store_connect_decision(
    response: Response<Incoming>,
) -> Result<app_store_connect::Success, app_store_connect::Rejection> {
    let (parts, body) = response.into_parts();
    let body = body.collect().await.unwrap().to_bytes();
    app_store_connect::Response::from_parts(parts.status, &parts.headers, &body).classify()
}

#[tokio::test]
async fn app_store_connect_over_http1() {
    within_limit(async {
        let addr = mock_http1(app_store_connect_answer).await;
        let rejection = app_store_connect_decision(get(addr, "/v1/apps").await)
            .await
            .unwrap_err();
        assert_eq!(rejection.status(), 429);
        assert_eq!(rejection.retry().action(), RetryAction::AfterDelay);
        assert_eq!(rejection.errors()[0].code().as_str(), "RATE_LIMIT_EXCEEDED");
        let limit = rejection.rate_limit().unwrap();
        assert!(limit.is_complete());
        assert_eq!(limit.limit().hour_limit(), Some(3600));
        assert_eq!(limit.limit().hour_remaining(), Some(0));
        assert!(limit.limit().is_exhausted());

        let addr = mock_http1(app_store_connect_answer).await;
        let rejection = app_store_connect_decision(get(addr, "/v1/apps/1").await)
            .await
            .unwrap_err();
        assert_eq!(rejection.status(), 409);
        assert_eq!(rejection.retry().action(), RetryAction::AfterFix);
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
    })
    .await;
}
