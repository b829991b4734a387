//! The App Store Server API: its error codes, what to do about each, and
//! reading its responses; and, in [`notifications`], how the App Store
//! delivers App Store Server Notifications.
//!
#![doc = include_str!(concat!(env!("OUT_DIR"), "/app_store_server.md"))]
//!
//! # Reading responses
//!
//! A refused request answers with an HTTP status and, usually, a JSON body
//! `{"errorCode": 4040010, "errorMessage": "Transaction id not found."}`; a
//! 429 also carries `Retry-After`, the UNIX time in milliseconds from which
//! to send again. [`Response::classify`] turns what your HTTP client holds
//! into a [`Success`] or a [`Rejection`] that keeps the status, the code
//! (known or not) and the message, and knows what to do next, by Apple's
//! rules where Apple states them:
//!
//! ```
//! use apple_errors::app_store_server::{ErrorCode, Response};
//! use apple_errors::retry::RetryAction;
//!
//! let body = br#"{"errorCode": 4040010, "errorMessage": "Transaction id not found."}"#;
//! let rejection = Response::new(404, body).classify().unwrap_err();
//! assert_eq!(rejection.error_code(), Some(ErrorCode::TransactionIdNotFound));
//! // Asked of production, the transaction may be a sandbox one.
//! assert_eq!(rejection.retry().action(), RetryAction::OtherEnvironment);
//!
//! // A 401 has no body: the JWT is bad or expired.
//! let rejection = Response::new(401, b"").classify().unwrap_err();
//! assert_eq!(rejection.retry().action(), RetryAction::NewProviderToken);
//! ```
//!
//! Codes are per API: the Retention Messaging and Advanced Commerce APIs
//! reuse numbers with other meanings, so they have their own
//! [`ErrorCode`](crate::retention_messaging::ErrorCode) types
//! ([`retention_messaging`](crate::retention_messaging),
//! [`advanced_commerce`](crate::advanced_commerce)).
//!
//! Apple documents three more errors without a published number
//! (`ConsumptionPercentageOutOfRange`, `UndeliveredConsumptionPercentageNonZero`,
//! `AdvancedCommerceTransactionNotSupported`); they are not invented here:
//! one arriving is an unknown code, kept with its number and message.
//!
//! The codes and statuses are generated from `app_store_server.json` in the
//! `apple-errors-spec` package.

pub mod notifications;

include!(concat!(env!("OUT_DIR"), "/app_store_server.rs"));

crate::store_api::store_api!(api: "App Store Server API", example: "app_store_server");
