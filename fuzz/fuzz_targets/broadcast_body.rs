//! APNs broadcast and channel-management bodies, for every operation.
#![no_main]

use apple_errors::apns::broadcast::{GoAway, Operation, Response};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let status = match data.first() {
        Some(b) => 200 + u16::from(*b % 200),
        None => 400,
    };
    for &op in Operation::ALL {
        match Response::new(op, status, data).request_id(data).classify() {
            Ok(s) => assert_eq!(op.success_status().code(), status, "{s:?}"),
            Err(r) => {
                let _ = (r.to_string(), r.retry(), r.remedy(), r.description());
            }
        }
    }
    let _ = GoAway::parse(data).to_string();
});
