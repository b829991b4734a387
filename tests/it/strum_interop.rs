//! strum interop (feature `strum`): code written generically over strum's
//! traits, and nothing else, sees every generated enum as the tables say.

use apple_errors::apns::{self, broadcast};
use apple_errors::app_store_connect::ErrorCodeFamily;
use apple_errors::app_store_server::notifications::SendAttemptResult;
use strum::{EnumCount, EnumMessage, IntoEnumIterator, VariantArray, VariantNames};

/// Everything the strum traits say about `T`, checked against each other and
/// against the serializations; returns the names.
pub(crate) fn through_strum<T>() -> Vec<(&'static str, Option<&'static str>, Option<&'static str>)>
where
    T: EnumCount
        + VariantArray
        + VariantNames
        + IntoEnumIterator
        + EnumMessage
        + PartialEq
        + Copy
        + std::fmt::Debug,
{
    let iterated: Vec<T> = T::iter().collect();
    assert_eq!(iterated.len(), T::COUNT);
    assert_eq!(iterated.as_slice(), <T as VariantArray>::VARIANTS);
    assert_eq!(<T as VariantNames>::VARIANTS.len(), T::COUNT);
    assert_eq!(T::iter().rev().count(), T::COUNT, "double-ended");
    iterated
        .iter()
        .zip(<T as VariantNames>::VARIANTS)
        .map(|(value, name)| {
            let serializations = value.get_serializations();
            assert_eq!(
                serializations.first(),
                Some(name),
                "{value:?}: wire value first"
            );
            assert_eq!(value.get_documentation(), value.get_message());
            (*name, value.get_message(), value.get_detailed_message())
        })
        .collect()
}

#[test]
fn value_enums_speak_strum() {
    let seen = through_strum::<apns::Reason>();
    for (&(name, message, detailed), reason) in seen.iter().zip(apns::Reason::ALL) {
        assert_eq!(name, reason.as_str());
        assert_eq!(message, Some(reason.description()));
        assert_eq!(detailed, Some(reason.remedy()));
    }
    let alias = apns::Reason::BadEnvironmentKeyIdInToken;
    assert_eq!(
        alias.get_serializations(),
        ["BadEnvironmentKeyIdInToken", "BadEnvironmentKeyInToken"]
    );
    through_strum::<broadcast::Reason>();
    through_strum::<ErrorCodeFamily>();
    let results = through_strum::<SendAttemptResult>();
    assert!(results.iter().any(|(name, ..)| *name == "TIMED_OUT"));
    assert_eq!(
        SendAttemptResult::TlsIssue.get_serializations(),
        ["TLS_ISSUE", "SSL_ISSUE"]
    );
}

#[test]
fn statuses_and_operations_speak_strum() {
    let statuses = through_strum::<apns::Status>();
    assert_eq!(statuses[0].0, "200");
    assert_eq!(statuses[0].2, Some(apns::Status::Success.remedy()));
    let operations = through_strum::<broadcast::Operation>();
    assert!(operations.iter().any(|(name, ..)| *name == "CreateChannel"));
    // No remedy: the message stands in, as with strum's derive.
    assert!(
        operations
            .iter()
            .all(|(_, message, detailed)| message.is_some() && detailed == message)
    );
}
