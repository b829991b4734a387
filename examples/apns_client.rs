//! Pushes with a hyper 1 HTTP/2 client, and what each answer means, against
//! a mock APNs on loopback that this example starts itself (plain HTTP/2,
//! no TLS; the real APNs needs TLS and a provider token):
//!
//! ```text
//! cargo run --example apns_client --features http,h2
//! ```
//!
//! [`outcome`] is the whole integration: from what hyper returned for one
//! push to a decision. The rest is the mock and the printing.
//! `tests/it/round_trip.rs` runs the same code and checks every decision.

use std::convert::Infallible;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};

use apple_errors::apns;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::client::conn::http2::SendRequest;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What became of one push.
#[derive(Debug)]
pub enum Outcome {
    /// APNs accepted it.
    Delivered(apns::Delivered),
    /// APNs refused it: what it said, and what to do.
    Rejected(apns::Rejection),
    /// APNs closed the connection before answering: the push was not
    /// processed; send it again on a new connection.
    Closed(apns::GoAway),
}

/// From what hyper returned for one push to a decision.
pub async fn outcome(
    sent: Result<Response<Incoming>, hyper::Error>,
) -> Result<Outcome, hyper::Error> {
    let response = match sent {
        Ok(response) => response,
        // A GOAWAY: open a new connection and send the push again on it.
        Err(e) => return apns::GoAway::from_error(&e).map(Outcome::Closed).ok_or(e),
    };
    let (parts, body) = response.into_parts();
    let body = body.collect().await?.to_bytes();
    let response = apns::Response::from_parts(parts.status, &parts.headers, &body);
    Ok(match response.classify() {
        Ok(delivered) => Outcome::Delivered(delivered),
        Err(rejection) => Outcome::Rejected(rejection),
    })
}

/// The `apns-id` the mock answers with.
pub const APNS_ID: &str = "EC1BF194-B3B2-424A-89A9-5A918A6E6B5E";

/// The device tokens the mock knows, each answered as the real APNs
/// answers in that case.
pub const TOKENS: [&str; 5] = ["good", "bad", "gone", "down", "busy"];

/// A mock APNs over HTTP/2 without TLS (h2c) on 127.0.0.1, for one
/// connection; the token at the end of the path picks the answer.
pub async fn mock_apns() -> SocketAddr {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { serve(listener.accept().await.unwrap().0).await });
    addr
}

/// Answers the pushes of one HTTP/2 connection as APNs does.
pub async fn serve(tcp: TcpStream) {
    let service = hyper::service::service_fn(|request: Request<Incoming>| async move {
        let token = request.uri().path().rsplit('/').next().unwrap_or("");
        Ok::<_, Infallible>(answer(token))
    });
    let connection = hyper::server::conn::http2::Builder::new(TokioExecutor::new())
        .serve_connection(TokioIo::new(tcp), service);
    // The client going away ends the connection; that is not a failure.
    let _ = connection.await;
}

fn answer(token: &str) -> Response<Full<Bytes>> {
    let (status, body): (u16, &'static str) = match token {
        "good" => (200, ""),
        "bad" => (400, r#"{"reason":"BadDeviceToken"}"#),
        "gone" => (
            410,
            r#"{"reason":"Unregistered","timestamp":1700000000000}"#,
        ),
        // Not APNs's JSON: a proxy's error page.
        "down" => (503, "<html><body>Service Unavailable</body></html>"),
        "busy" => (429, r#"{"reason":"TooManyRequests"}"#),
        _ => (400, r#"{"reason":"BadPath"}"#),
    };
    Response::builder()
        .status(StatusCode::from_u16(status).unwrap())
        .header("apns-id", APNS_ID)
        .body(Full::new(Bytes::from_static(body.as_bytes())))
        .unwrap()
}

/// A mock APNs on 127.0.0.1 that closes its one connection with a GOAWAY
/// carrying `debug_data` ([`go_away`]).
pub async fn mock_apns_goaway(debug_data: &'static [u8]) -> SocketAddr {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { go_away(listener.accept().await.unwrap().0, debug_data).await });
    addr
}

/// Closes an HTTP/2 connection as APNs does: answers the client's
/// connection preface, waits for the first request, then sends a GOAWAY
/// frame (last stream 0, `NO_ERROR`) with `debug_data`, and reads until the
/// client hangs up. Written by hand on the TCP stream, since h2's server
/// cannot send debug data.
pub async fn go_away(mut tcp: TcpStream, debug_data: &[u8]) -> io::Result<()> {
    let mut preface = [0; 24];
    tcp.read_exact(&mut preface).await?;
    assert_eq!(&preface, b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    tcp.write_all(&frame(SETTINGS, 0, &[])).await?;
    loop {
        let mut head = [0; 9];
        tcp.read_exact(&mut head).await?;
        let len = u32::from_be_bytes([0, head[0], head[1], head[2]]);
        let mut payload = vec![0; len as usize];
        tcp.read_exact(&mut payload).await?;
        match (head[3], head[4] & ACK) {
            (SETTINGS, 0) => tcp.write_all(&frame(SETTINGS, ACK, &[])).await?,
            (HEADERS, _) => break,
            _ => {}
        }
    }
    // Last stream ID 0 (no request was processed), error code NO_ERROR.
    let goaway = [&[0; 8][..], debug_data].concat();
    tcp.write_all(&frame(GOAWAY, 0, &goaway)).await?;
    tcp.read_to_end(&mut Vec::new()).await?;
    Ok(())
}

const HEADERS: u8 = 0x1;
const SETTINGS: u8 = 0x4;
const GOAWAY: u8 = 0x7;
const ACK: u8 = 0x1;

/// An HTTP/2 frame on stream 0 (RFC 9113 §4.1).
fn frame(kind: u8, flags: u8, payload: &[u8]) -> Vec<u8> {
    let len = u32::try_from(payload.len()).unwrap().to_be_bytes();
    [&len[1..], &[kind, flags], &[0; 4], payload].concat()
}

/// An HTTP/2 connection to `addr` without TLS (prior knowledge).
pub async fn connect(addr: SocketAddr) -> SendRequest<Full<Bytes>> {
    let tcp = TcpStream::connect(addr).await.unwrap();
    let (sender, connection) =
        hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(tcp))
            .await
            .unwrap();
    tokio::spawn(connection);
    sender
}

/// A push to `token`, as APNs takes it.
pub fn push(addr: SocketAddr, token: &str) -> Request<Full<Bytes>> {
    Request::post(format!("http://{addr}/3/device/{token}"))
        .header("apns-topic", "com.example.app")
        .header("apns-push-type", "alert")
        .body(Full::new(Bytes::from_static(br#"{"aps":{"alert":"Hi"}}"#)))
        .unwrap()
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), hyper::Error> {
    let addr = mock_apns().await;
    let mut apns = connect(addr).await;
    for token in TOKENS {
        let sent = apns.send_request(push(addr, token)).await;
        print(token, outcome(sent).await?);
    }
    let addr = mock_apns_goaway(br#"{"reason":"Shutdown"}"#).await;
    let sent = connect(addr).await.send_request(push(addr, "good")).await;
    print("good", outcome(sent).await?);
    Ok(())
}

fn print(token: &str, outcome: Outcome) {
    match outcome {
        Outcome::Delivered(_) => println!("{token}: delivered"),
        Outcome::Rejected(rejection) => {
            let retry = rejection.retry();
            println!("{token}: {rejection}\n  {retry}\n  {}", rejection.remedy());
        }
        Outcome::Closed(goaway) => {
            println!(
                "{token}: {goaway}\n  {}\n  {}",
                goaway.retry(),
                goaway.remedy()
            );
        }
    }
}
