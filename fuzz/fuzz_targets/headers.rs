//! Header values: `X-Rate-Limit`, and codes built from arbitrary text.
#![no_main]

use apple_errors::app_store_connect::{ErrorCode, RateLimit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = RateLimit::parse(data);
    let text = String::from_utf8_lossy(data);
    let code = ErrorCode::new(&text);
    if let Some(family) = code.family() {
        assert!(code.starts_with(family.as_str()));
    }
    let _ = code.levels().count();
});
