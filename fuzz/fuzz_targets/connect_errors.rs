//! App Store Connect error bodies, with code-family queries on every code.
#![no_main]

use apple_errors::app_store_connect::{ApiError, ErrorResponse, Response};
use libfuzzer_sys::fuzz_target;

fn walk(errors: &[ApiError]) {
    for e in errors {
        let code = e.code();
        if let Some(family) = code.family() {
            assert!(code.starts_with(family.as_str()));
        }
        let _ = e.to_string();
        for (_, nested) in e.associated_errors() {
            walk(nested);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(response) = ErrorResponse::parse(data) {
        walk(response.errors());
    }
    if let Err(r) = Response::new(409, data).classify() {
        let _ = (r.to_string(), r.retry());
    }
});
