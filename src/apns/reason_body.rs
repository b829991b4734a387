//! The APNs error body, `{"reason": "…", "timestamp": …}`, which device
//! push, broadcast and GOAWAY debug data share: a fast path for the two
//! shapes APNs sends and a general path for anything else, kept in
//! agreement by tests and fuzzing.

use crate::KnownValue;
use crate::body::{BodyError, MAX_BODY_LEN};
use crate::json::walk::{document, millis};
use crate::json::{self, Value};
use crate::wire::Wire;

/// What a reason body held. On a body error, the fields read before it was
/// found are kept only when the error concerns a single field.
#[derive(PartialEq, Eq)]
pub(crate) struct ReasonBody<R> {
    pub(crate) reason: Option<Wire<R>>,
    pub(crate) timestamp: Option<u64>,
    pub(crate) error: Option<BodyError>,
}

impl<R> ReasonBody<R> {
    fn failed(error: BodyError) -> Self {
        ReasonBody {
            reason: None,
            timestamp: None,
            error: Some(error),
        }
    }
}

/// Parses `{"reason": "…", "timestamp": …}`, ignoring other members. With
/// duplicate keys the last one wins, as in JavaScript and `serde_json::Value`.
/// Inlined, so that the fast path writes straight into the caller's result.
#[inline]
pub(crate) fn parse<R: KnownValue>(body: &[u8], read_timestamp: bool) -> ReasonBody<R> {
    // The size limit comes first for both paths.
    if body.len() <= MAX_BODY_LEN {
        if let Some((reason, timestamp)) = fast_reason_body::<R>(body, read_timestamp) {
            return ReasonBody {
                reason: Some(reason),
                timestamp,
                error: None,
            };
        }
    }
    general_reason_body(body, read_timestamp)
}

/// The two shapes APNs actually sends, read directly:
/// `{"reason":"…"}` and, with `read_timestamp`, `{"reason":"…","timestamp":…}`,
/// byte for byte, with a reason without escapes or control characters, and
/// a timestamp of at most 19 digits (so it fits a `u64`) without a leading
/// zero. `None` for anything else, which the general parser then reads.
///
/// Every body this accepts is valid JSON that the general parser reads the
/// same way; `paths_agree` checks that, and the tests and fuzz targets call
/// it on every input they make.
#[inline]
fn fast_reason_body<R: KnownValue>(
    body: &[u8],
    read_timestamp: bool,
) -> Option<(Wire<R>, Option<u64>)> {
    let rest = body.strip_prefix(b"{\"reason\":\"")?;
    // Eight bytes at a time, up to a quote, backslash or control character.
    let (reason, rest) = rest.split_at(json::skip_short(rest, 0));
    let timestamp = match rest {
        b"\"}" => None,
        [b'"', rest @ ..] if read_timestamp => {
            let digits = rest.strip_prefix(b",\"timestamp\":")?.strip_suffix(b"}")?;
            if !matches!(digits, [b'1'..=b'9', ..] | [b'0']) || digits.len() > 19 {
                return None;
            }
            // At most 19 digits: the sum cannot overflow.
            let mut ms = 0u64;
            for d in digits {
                if !d.is_ascii_digit() {
                    return None;
                }
                ms = ms * 10 + u64::from(d - b'0');
            }
            Some(ms)
        }
        _ => return None,
    };
    // Known spellings are ASCII; anything else must be UTF-8, as the
    // general parser requires of the whole body (the rest of which is
    // ASCII here).
    Some((Wire::parse_bytes(reason)?, timestamp))
}

/// Whether the fast path, where it applies, reads `body` as the general
/// parser does. For tests and fuzzing.
#[cfg(any(test, fuzzing))]
pub(crate) fn paths_agree<R: KnownValue>(body: &[u8]) -> bool {
    [false, true].into_iter().all(|read_timestamp| {
        let general = general_reason_body::<R>(body, read_timestamp);
        let used = parse::<R>(body, read_timestamp);
        let fast_agrees = match fast_reason_body::<R>(body, read_timestamp) {
            // Within the size limit the fast path must read what the
            // general parser reads; beyond it, it is never used.
            Some((reason, timestamp)) if body.len() <= MAX_BODY_LEN => {
                general.reason == Some(reason)
                    && general.timestamp == timestamp
                    && general.error.is_none()
            }
            _ => true,
        };
        fast_agrees && used == general
    })
}

#[inline(never)]
fn general_reason_body<R: KnownValue>(body: &[u8], read_timestamp: bool) -> ReasonBody<R> {
    let text = match document(body, MAX_BODY_LEN) {
        Ok(text) => text,
        Err(e) => return ReasonBody::failed(e),
    };
    let mut reason = None;
    let mut timestamp = None;
    let scanned = json::object_document(text, |key, r| {
        if key.eq_str("reason") {
            reason = Some(r.value()?);
        } else if read_timestamp && key.eq_str("timestamp") {
            timestamp = Some(r.value()?);
        }
        Ok::<(), json::Error>(())
    });
    if let Err(e) = scanned {
        return ReasonBody::failed(e.into());
    }

    let mut out = ReasonBody {
        reason: None,
        timestamp: None,
        error: None,
    };
    match reason {
        Some(Value::Str(s)) => out.reason = Some(Wire::parse(&s.decode())),
        None | Some(Value::Null) => out.error = Some(BodyError::MissingReason),
        Some(_) => out.error = Some(BodyError::ReasonNotString),
    }
    match timestamp {
        None | Some(Value::Null) => {}
        Some(Value::Number(n)) if millis(n).is_some() => out.timestamp = millis(n),
        Some(_) => {
            out.error.get_or_insert(BodyError::InvalidTimestamp);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apns::Reason;
    use proptest::prelude::*;

    #[test]
    fn the_fast_path_takes_the_usual_shapes_only() {
        let fast = |b: &[u8], t| fast_reason_body::<Reason>(b, t).is_some();
        assert!(fast(br#"{"reason":"BadDeviceToken"}"#, false));
        assert!(fast(
            br#"{"reason":"Unregistered","timestamp":1700000000000}"#,
            true
        ));
        assert!(fast(br#"{"reason":"X","timestamp":0}"#, true));
        assert!(!fast(br#"{"reason":"X","timestamp":0}"#, false));
        assert!(!fast(br#"{"reason":"X","timestamp":01}"#, true));
        assert!(!fast(
            br#"{"reason":"X","timestamp":18446744073709551615}"#,
            true
        ));
        assert!(!fast(br#"{"reason":"B\u0061d"}"#, false));
        assert!(!fast(br#"{"reason":"X"} "#, false));
        assert!(!fast(br#"{ "reason":"X"}"#, false));
        assert!(fast(b"{\"reason\":\"\xC3\xA9\x7F\"}", false));
        assert!(!fast(b"{\"reason\":\"\xC3\"}", false));
        assert!(!fast(b"{\"reason\":\"\x1F\"}", false));
        assert!(!fast(br#"{"reason":"X"#, false));
        assert!(!fast(br#"{"reason":"X","reason":"Y"}"#, false));
    }

    /// Bodies near the fast path's shapes: the usual ones with a few bytes
    /// changed, inserted or cut.
    fn near_fast_shapes() -> impl Strategy<Value = Vec<u8>> {
        // Known spellings, short printable ASCII, and anything the fast
        // path may take (no quote, backslash or control character), past
        // the 30 bytes kept inline.
        let reason = prop_oneof![
            prop::sample::select(Reason::ALL).prop_map(|r| r.as_str().to_owned()),
            "[ -~]{0,12}",
            r#"[^"\\\x00-\x1f]{0,40}"#,
        ];
        let shape = (reason, proptest::option::of(any::<u64>())).prop_map(|(reason, ts)| {
            let mut body = format!(r#"{{"reason":"{reason}""#);
            if let Some(ts) = ts {
                body.push_str(&format!(r#","timestamp":{ts}"#));
            }
            body.push('}');
            body.into_bytes()
        });
        let edits =
            prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 0..3);
        (shape, edits).prop_map(|(mut body, edits)| {
            for (at, byte, kind) in edits {
                let i = at.index(body.len() + 1);
                match kind {
                    0 if i < body.len() => body[i] = byte,
                    1 => body.insert(i, byte),
                    _ if i < body.len() => {
                        body.remove(i);
                    }
                    _ => {}
                }
            }
            body
        })
    }

    #[test]
    fn the_size_limit_applies_to_the_fast_path_too() {
        let mut body = br#"{"reason":""#.to_vec();
        body.resize(MAX_BODY_LEN, b'x');
        body.extend_from_slice(br#""}"#);
        assert!(fast_reason_body::<Reason>(&body, false).is_some());
        assert!(paths_agree::<Reason>(&body));
        let parsed = parse::<Reason>(&body, false);
        assert_eq!(
            parsed.error,
            Some(BodyError::TooLarge {
                len: MAX_BODY_LEN + 2,
                limit: MAX_BODY_LEN
            })
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn the_fast_path_agrees_with_the_general_parser(body in near_fast_shapes()) {
            prop_assert!(paths_agree::<Reason>(&body));
            prop_assert!(paths_agree::<crate::apns::broadcast::Reason>(&body));
        }

        #[test]
        fn the_paths_agree_on_any_bytes(tail in prop::collection::vec(any::<u8>(), 0..48)) {
            // After the prefix the fast path looks for, so it gets a chance.
            let mut body = br#"{"reason":""#.to_vec();
            body.extend_from_slice(&tail);
            prop_assert!(paths_agree::<Reason>(&body));
            prop_assert!(paths_agree::<Reason>(&tail));
        }
    }
}
