//! The integration tests, in one binary: one module per topic. The
//! allocation-counting test is its own binary, since it installs a global
//! allocator.

mod apns_facts;
mod apns_response;
mod apns_spec;
mod app_store_connect;
mod backoff;
mod broadcast;
mod common;
mod compiled_where_used;
mod conformance;
mod connection;
mod generated;
#[cfg(feature = "http")]
mod http;
mod labels;
mod limits;
mod literals;
mod messages;
mod properties;
mod retry;
mod retry_after;
#[cfg(all(feature = "http", feature = "h2"))]
mod round_trip;
mod send_attempt;
#[cfg(feature = "serde")]
mod serde_shapes;
mod store_api_facts;
mod store_api_response;
#[cfg(feature = "strum")]
mod strum_interop;
mod timeouts;
mod ui;
#[cfg(feature = "macros")]
mod vocabulary;
mod wire;
