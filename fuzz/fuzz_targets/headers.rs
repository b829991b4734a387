//! Header values: `X-Rate-Limit`, and codes built from arbitrary text.
#![no_main]

use apple_errors::app_store_connect::{ErrorCode, RateLimit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // `parse` is `read` made strict: the same reading, or its first problem.
    let reading = RateLimit::read(data);
    assert_eq!(RateLimit::parse(data), reading.clone().into_result());
    assert_eq!(reading.is_complete(), reading.problems().is_empty());
    let text = String::from_utf8_lossy(data);
    let code = ErrorCode::new(&text);
    if let Some(family) = code.family() {
        assert!(code.starts_with(family.as_str()));
    }
    let _ = code.levels().count();
});
