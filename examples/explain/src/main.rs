//! `apple-errors-explain`: what a response from one of Apple's server APIs
//! means, and what to do next, for people reading logs.
//!
//! ```text
//! apple-errors-explain 410 '{"reason":"Unregistered","timestamp":1700000000000}'
//! apple-errors-explain --json 400 '{"reason":"BadDeviceToken"}'
//! apple-errors-explain --goaway '{"reason":"Shutdown"}'
//! echo '{"reason":"BadDeviceToken"}' | apple-errors-explain 400 -
//! ```
//!
//! Every option is in [`HELP`]. The work is the `apple-errors` library's;
//! this crate only reads the command line and writes what the library
//! found, as text or JSON.

use std::io::Read;
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use apple_errors::apns::{self, broadcast};
use apple_errors::app_store_server::notifications::{Environment, NotificationVersion};

mod explain;
mod out;

use explain::Context;
use out::Out;

const USAGE: &str = "\
usage: apple-errors-explain [--json] [--api apns] STATUS [BODY | -]
       apple-errors-explain [--json] [--api apns|broadcast] --goaway [DATA | -]
       apple-errors-explain [--json] --api broadcast --operation OPERATION STATUS [BODY | -]
       apple-errors-explain [--json] --api connect [--rate-limit VALUE] [--retry-after VALUE] STATUS [BODY | -]
       apple-errors-explain [--json] --api notifications [--notification-version 1|2] [--environment production|sandbox] [BODY | -]
       apple-errors-explain [--json] --api app-store-server|retention-messaging|advanced-commerce [--retry-after VALUE] STATUS [BODY | -]";

/// `--help`.
pub const HELP: &str = "\
Explains a response from one of Apple's server APIs: what the status and
body mean, whether and when to send the request again, what to do with the
device token, and how to fix the request.

STATUS is the HTTP status. BODY is the response body as received (JSON), or
`-` to read it from standard input; leave it out for an empty body. For
--goaway, DATA is the GOAWAY frame's debug data.

options:
  --api API              the API the response came from (default apns):
                           apns                 APNs device push
                           broadcast            APNs broadcast push and channels
                           connect              App Store Connect API
                           notifications        App Store Server Notifications (a Get
                                                Notification History or Get Test
                                                Notification Status body, no STATUS)
                           app-store-server     App Store Server API
                           retention-messaging  Retention Messaging API
                           advanced-commerce    Advanced Commerce API
  --goaway               explain the debug data of an HTTP/2 GOAWAY (apns, broadcast)
  --operation OPERATION  the broadcast request: create-channel, read-channel,
                         delete-channel, list-channels, broadcast
  --retry-after VALUE    the response's Retry-After header (delay-seconds, an
                         HTTP-date or UNIX milliseconds)
  --rate-limit VALUE     App Store Connect's X-Rate-Limit header
  --notification-version 1|2
                         the App Store Server Notifications version (default 2)
  --environment production|sandbox
                         the notifications' environment (default production)
  --received-at MILLIS   when the response arrived, in ms since the UNIX epoch
                         (default: now); a Retry-After delay and the least
                         delay count from then
  --json                 print one JSON object instead of text: the library's
                         serde form of the refusal (which reads back as its
                         retry Decision) and the least delay, status label,
                         description and remedy
  -h, --help             print this help
  -V, --version          print the version

exit status: 0 when the response was explained, whatever it says; a body
that is not what the API sends is reported on the `body:` line (`data:` for
--goaway; `body_error` in JSON) and the status decides. 1 when nothing could
be explained: standard input could not be read, or a --api notifications body,
which has no status to fall back on, is not one of its two responses. 2 when
the command line is wrong.";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(message)) => {
            eprintln!("apple-errors-explain: {message}\n{USAGE}\n(--help explains every option)");
            ExitCode::from(2)
        }
        Err(Failure::Body(message)) => {
            eprintln!("apple-errors-explain: cannot read the body: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Why nothing could be explained.
#[derive(Debug, PartialEq)]
enum Failure {
    /// The command line is wrong (exit status 2).
    Usage(String),
    /// Nothing could be decided: the body could not be read, or a
    /// notifications body (which has no status to decide from) is not a
    /// response of that kind (exit status 1). Any other body problem is
    /// explained, with the decision the status gives.
    Body(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Usage(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Self {
        Failure::Usage(message.into())
    }
}

#[derive(Default)]
struct Options {
    api: Option<String>,
    goaway: bool,
    json: bool,
    operation: Option<String>,
    rate_limit: Option<String>,
    notification_version: Option<String>,
    environment: Option<String>,
    retry_after: Option<String>,
    received_at: Option<String>,
}

/// Options anywhere (`--name value` or `--name=value`), `--` ends them.
fn run(args: Vec<String>) -> Result<String, Failure> {
    let mut args = args.into_iter();
    let mut o = Options::default();
    let mut positional = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--" {
            positional.extend(args.by_ref());
            break;
        }
        if !arg.starts_with('-') || arg == "-" {
            positional.push(arg);
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg, None),
        };
        let slot = match flag.as_str() {
            "--api" => &mut o.api,
            "--operation" => &mut o.operation,
            "--rate-limit" => &mut o.rate_limit,
            "--notification-version" => &mut o.notification_version,
            "--environment" => &mut o.environment,
            "--retry-after" => &mut o.retry_after,
            "--received-at" => &mut o.received_at,
            "--goaway" | "--json" | "-h" | "--help" | "-V" | "--version" => {
                if inline.is_some() {
                    return Err(format!("{flag} takes no value").into());
                }
                match flag.as_str() {
                    "--goaway" => o.goaway = true,
                    "--json" => o.json = true,
                    "-h" | "--help" => return Ok(format!("{USAGE}\n\n{HELP}\n")),
                    _ => {
                        return Ok(format!(
                            "apple-errors-explain {}\n",
                            env!("CARGO_PKG_VERSION")
                        ));
                    }
                }
                continue;
            }
            other => return Err(format!("unknown option {other}").into()),
        };
        let value = match inline {
            Some(value) => value,
            None => args.next().ok_or(format!("{flag} needs a value"))?,
        };
        *slot = Some(value);
    }
    let received_at = match o.received_at.as_deref() {
        None => SystemTime::now(),
        Some(ms) => ms
            .trim()
            .parse()
            .ok()
            .and_then(|ms| SystemTime::UNIX_EPOCH.checked_add(Duration::from_millis(ms)))
            .ok_or(format!(
                "--received-at is milliseconds since the UNIX epoch, not {ms:?}"
            ))?,
    };
    let cx = Context { received_at };
    let mut out = Out::default();
    let api = o.api.as_deref().unwrap_or("apns");
    let only = |allowed: &[&str]| -> Result<(), Failure> {
        let given = [
            ("--goaway", o.goaway.then_some("")),
            ("--operation", o.operation.as_deref()),
            ("--rate-limit", o.rate_limit.as_deref()),
            ("--notification-version", o.notification_version.as_deref()),
            ("--environment", o.environment.as_deref()),
            ("--retry-after", o.retry_after.as_deref()),
        ];
        match given
            .iter()
            .find(|(name, value)| value.is_some() && !allowed.contains(name))
        {
            Some((name, _)) => Err(format!("{name} is not an option of --api {api}").into()),
            None => Ok(()),
        }
    };
    match (api, o.goaway) {
        ("apns", true) => {
            only(&["--goaway"])?;
            let data = body_only(&positional)?;
            explain::goaway(&mut out, &cx, "apns", &apns::GoAway::parse(&data));
        }
        ("broadcast", true) => {
            only(&["--goaway"])?;
            let data = body_only(&positional)?;
            explain::goaway(&mut out, &cx, "broadcast", &broadcast::GoAway::parse(&data));
        }
        ("apns", false) => {
            only(&[])?;
            let (status, body) = status_and_body(&positional)?;
            explain::apns(&mut out, &cx, status, &body);
        }
        ("broadcast", false) => {
            only(&["--operation"])?;
            let name = o
                .operation
                .as_deref()
                .ok_or("broadcast needs --operation")?;
            let operation = operation(name)?;
            let (status, body) = status_and_body(&positional)?;
            explain::broadcast(&mut out, &cx, operation, status, &body);
        }
        ("connect", false) => {
            only(&["--rate-limit", "--retry-after"])?;
            let (status, body) = status_and_body(&positional)?;
            let (rate_limit, retry_after) = (o.rate_limit.as_deref(), o.retry_after.as_deref());
            explain::connect(&mut out, &cx, status, &body, rate_limit, retry_after);
        }
        ("notifications", false) => {
            only(&["--notification-version", "--environment"])?;
            let body = body_only(&positional)?;
            let version = match o.notification_version.as_deref().unwrap_or("2") {
                "1" => NotificationVersion::V1,
                "2" => NotificationVersion::V2,
                other => {
                    return Err(format!("--notification-version is 1 or 2, not {other:?}").into());
                }
            };
            let environment = match o.environment.as_deref().unwrap_or("production") {
                "production" => Environment::Production,
                "sandbox" => Environment::Sandbox,
                other => {
                    return Err(
                        format!("--environment is production or sandbox, not {other:?}").into(),
                    );
                }
            };
            explain::notifications(&mut out, &body, version, environment).map_err(Failure::Body)?;
        }
        ("app-store-server", false) => {
            only(&["--retry-after"])?;
            let (status, body) = status_and_body(&positional)?;
            let retry_after = o.retry_after.as_deref();
            explain::app_store_server(&mut out, &cx, status, &body, retry_after);
        }
        ("retention-messaging", false) => {
            only(&["--retry-after"])?;
            let (status, body) = status_and_body(&positional)?;
            let retry_after = o.retry_after.as_deref();
            explain::retention_messaging(&mut out, &cx, status, &body, retry_after);
        }
        ("advanced-commerce", false) => {
            only(&["--retry-after"])?;
            let (status, body) = status_and_body(&positional)?;
            let retry_after = o.retry_after.as_deref();
            explain::advanced_commerce(&mut out, &cx, status, &body, retry_after);
        }
        (
            "connect"
            | "notifications"
            | "app-store-server"
            | "retention-messaging"
            | "advanced-commerce",
            true,
        ) => {
            return Err(format!("--goaway is for apns and broadcast, not {api}").into());
        }
        _ => return Err(format!("unknown API {api:?}").into()),
    }
    Ok(out.finish(o.json))
}

/// `STATUS [BODY]`.
fn status_and_body(args: &[String]) -> Result<(u16, Vec<u8>), Failure> {
    let (status, rest) = args.split_first().ok_or("missing STATUS")?;
    let status = status
        .trim()
        .parse()
        .map_err(|_| format!("STATUS must be a number from 0 to 65535, not {status:?}"))?;
    Ok((status, body_only(rest)?))
}

/// `[BODY]`, where `-` means standard input.
fn body_only(args: &[String]) -> Result<Vec<u8>, Failure> {
    match args {
        [] => Ok(Vec::new()),
        [arg] if arg == "-" => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Failure::Body(format!("standard input: {e}")))?;
            Ok(buf)
        }
        [arg] => Ok(arg.as_bytes().to_vec()),
        [_, extra, ..] => Err(format!("unexpected argument {extra:?}").into()),
    }
}

/// `create-channel` → [`broadcast::Operation::CreateChannel`].
fn operation(name: &str) -> Result<broadcast::Operation, String> {
    broadcast::Operation::ALL
        .iter()
        .copied()
        .find(|op| kebab(&format!("{op:?}")) == name)
        .ok_or_else(|| format!("unknown broadcast operation {name:?}"))
}

fn kebab(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests;
