//! APNs device-push bodies and GOAWAY data: never a panic, the fast path
//! agrees with the general parser, and a known reason is backed by its raw
//! spelling.
#![no_main]

use apple_errors::apns::{GoAway, Reason, Response};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    assert!(apple_errors::__fuzzing::reason_body_paths_agree(data));
    let status = match data.first() {
        Some(b) => 400 + u16::from(*b % 200),
        None => 400,
    };
    if let Err(r) = Response::new(status, data).apns_id(data).classify() {
        if let Some(reason) = r.reason() {
            assert_eq!(r.raw_reason().and_then(Reason::from_wire), Some(reason));
        }
        let _ = (r.to_string(), r.retry(), r.remedy(), r.timestamp());
    }
    let g = GoAway::parse(data);
    let _ = (g.to_string(), g.retry(), g.remedy());
});
