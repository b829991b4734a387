//! Hand-written baselines shared by the two bench crates (`benches/parse.rs`
//! in the workspace, `benches/peers/` outside it): the wire values as
//! serde-derived enums, the way the peers write them. `benches/parse.rs`
//! checks them against the generated tables.

use serde::Deserialize;

/// The `a2` crate's approach: a serde-derived enum with one variant per
/// reason, named as the wire value. `baselines_match_the_tables` in
/// `benches/parse.rs` keeps it in step with the spec.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
#[allow(clippy::enum_variant_names)]
pub enum A2Reason {
    BadCollapseId,
    BadDeviceToken,
    BadExpirationDate,
    BadMessageId,
    BadPriority,
    BadTopic,
    DeviceTokenNotForTopic,
    DuplicateHeaders,
    IdleTimeout,
    InvalidPushType,
    MissingDeviceToken,
    MissingTopic,
    PayloadEmpty,
    TopicDisallowed,
    BadCertificate,
    BadCertificateEnvironment,
    ExpiredProviderToken,
    Forbidden,
    InvalidProviderToken,
    MissingProviderToken,
    UnrelatedKeyIdInToken,
    BadEnvironmentKeyIdInToken,
    BadPath,
    MethodNotAllowed,
    ExpiredToken,
    Unregistered,
    PayloadTooLarge,
    TooManyProviderTokenUpdates,
    TooManyRequests,
    InternalServerError,
    ServiceUnavailable,
    Shutdown,
}

/// The same approach for broadcast reasons, which `a2` does not cover.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
#[allow(clippy::enum_variant_names)]
pub enum BroadcastReason {
    FeatureNotEnabled,
    MissingChannelId,
    BadChannelId,
    ChannelNotRegistered,
    BadRequestParams,
    BadRequestPayload,
    PayloadEmpty,
    BadMessageId,
    MissingPushType,
    InvalidPushType,
    CannotCreateChannelConfig,
    BadExpirationDate,
    TopicDisallowed,
    BadPriority,
    MissingChannelQueueSize,
    BadCertificate,
    BadCertificateEnvironment,
    TopicMismatch,
    MissingProviderToken,
    ExpiredProviderToken,
    InvalidProviderToken,
    BadPath,
    MethodNotAllowed,
    PayloadTooLarge,
    TooManyRequests,
    TooManyProviderTokenUpdates,
    InternalServerError,
    #[serde(alias = "Service Unavailable")]
    ServiceUnavailable,
    Shutdown,
}

/// And for send-attempt results.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SendAttemptResult {
    Success,
    CircularRedirect,
    InvalidResponse,
    NoResponse,
    Other,
    PrematureClose,
    SocketIssue,
    TimedOut,
    #[serde(alias = "SSL_ISSUE")]
    TlsIssue,
    UnsuccessfulHttpResponseCode,
    UnsupportedCharset,
}
