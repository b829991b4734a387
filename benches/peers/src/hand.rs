//! The limit reference: a minimal hand-written classifier for the two body
//! shapes APNs sends, `{"reason":"…"}` and `{"reason":"…","timestamp":…}`,
//! byte for byte as Apple writes them. No whitespace, no escapes, no other
//! member order; an unknown reason is reported as unknown and its spelling
//! dropped. It is what a sender could write if it trusted APNs completely,
//! and so a floor for what parsing these bodies can cost, not a parser.

/// The 32 reasons of APNs device pushes (the enum `benches/parse.rs` checks
/// against the spec), or `None` for anything else.
pub use crate::baselines::A2Reason as Reason;

fn reason(wire: &[u8]) -> Option<Reason> {
    use Reason::*;
    Some(match wire {
        b"BadCollapseId" => BadCollapseId,
        b"BadDeviceToken" => BadDeviceToken,
        b"BadExpirationDate" => BadExpirationDate,
        b"BadMessageId" => BadMessageId,
        b"BadPriority" => BadPriority,
        b"BadTopic" => BadTopic,
        b"DeviceTokenNotForTopic" => DeviceTokenNotForTopic,
        b"DuplicateHeaders" => DuplicateHeaders,
        b"IdleTimeout" => IdleTimeout,
        b"InvalidPushType" => InvalidPushType,
        b"MissingDeviceToken" => MissingDeviceToken,
        b"MissingTopic" => MissingTopic,
        b"PayloadEmpty" => PayloadEmpty,
        b"TopicDisallowed" => TopicDisallowed,
        b"BadCertificate" => BadCertificate,
        b"BadCertificateEnvironment" => BadCertificateEnvironment,
        b"ExpiredProviderToken" => ExpiredProviderToken,
        b"Forbidden" => Forbidden,
        b"InvalidProviderToken" => InvalidProviderToken,
        b"MissingProviderToken" => MissingProviderToken,
        b"UnrelatedKeyIdInToken" => UnrelatedKeyIdInToken,
        b"BadEnvironmentKeyIdInToken" => BadEnvironmentKeyIdInToken,
        b"BadPath" => BadPath,
        b"MethodNotAllowed" => MethodNotAllowed,
        b"ExpiredToken" => ExpiredToken,
        b"Unregistered" => Unregistered,
        b"PayloadTooLarge" => PayloadTooLarge,
        b"TooManyProviderTokenUpdates" => TooManyProviderTokenUpdates,
        b"TooManyRequests" => TooManyRequests,
        b"InternalServerError" => InternalServerError,
        b"ServiceUnavailable" => ServiceUnavailable,
        b"Shutdown" => Shutdown,
        _ => return None,
    })
}

/// What the hand classifier finds: the status, the reason (`None` when the
/// body is not one of the two shapes, `Some(None)` for a reason it does not
/// know) and the timestamp.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rejection {
    pub status: u16,
    pub reason: Option<Option<Reason>>,
    pub timestamp: Option<u64>,
}

/// Classifies a response: 200 is a delivery (`Ok`), anything else a
/// rejection whose body is read for the two shapes.
#[inline]
pub fn classify(status: u16, body: &[u8]) -> Result<(), Rejection> {
    if status == 200 {
        return Ok(());
    }
    let (reason, timestamp) = match parse(body) {
        Some((r, t)) => (Some(r), t),
        None => (None, None),
    };
    Err(Rejection {
        status,
        reason,
        timestamp,
    })
}

/// Reads `{"reason":"…"}` or `{"reason":"…","timestamp":N}`.
#[inline]
pub fn parse(body: &[u8]) -> Option<(Option<Reason>, Option<u64>)> {
    const HEAD: &[u8] = br#"{"reason":""#;
    const STAMP: &[u8] = br#","timestamp":"#;
    let rest = body.strip_prefix(HEAD)?;
    let end = rest.iter().position(|&b| b == b'"')?;
    let found = reason(&rest[..end]);
    let rest = &rest[end + 1..];
    if rest == b"}" {
        return Some((found, None));
    }
    let digits = rest.strip_prefix(STAMP)?.strip_suffix(b"}")?;
    if digits.is_empty() || digits.len() > 19 {
        return None;
    }
    let mut n: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(d - b'0');
    }
    Some((found, Some(n)))
}
