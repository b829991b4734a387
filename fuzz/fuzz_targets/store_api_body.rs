//! App Store Server, Retention Messaging and Advanced Commerce API error
//! bodies and `Retry-After` values: never a panic, and a code that is read
//! is the code the body holds.
#![no_main]

use apple_errors::{advanced_commerce, app_store_server, retention_messaging};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the status; the rest is the body and, split at
    // its middle, a Retry-After value.
    let Some((&status, body)) = data.split_first() else {
        return;
    };
    let status = 400 + u16::from(status);
    let retry_after = &body[body.len() / 2..];
    if let Err(r) = app_store_server::Response::new(status, body)
        .retry_after(retry_after)
        .classify()
    {
        if let (Some(code), Some(known)) = (r.code(), r.error_code()) {
            assert_eq!(i64::from(known.code()), code);
        }
        let _ = (r.to_string(), r.retry(), r.remedy(), r.retry_at());
        let owned = r.clone().into_owned();
        assert_eq!(owned, r);
    }
    if let Err(r) = retention_messaging::Response::new(status, body).classify() {
        let _ = (r.to_string(), r.retry());
    }
    if let Err(r) = advanced_commerce::Response::new(status, body).classify() {
        let _ = (r.to_string(), r.retry());
    }
});
