//! Get Notification History and Get Test Notification Status bodies, and the
//! delivery state of whatever attempts they hold.
#![no_main]

use apple_errors::app_store_server::notifications::{
    CheckTestNotificationResponse, Environment, NotificationHistoryResponse, NotificationVersion,
    delivery,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(history) = NotificationHistoryResponse::parse(data) {
        for item in history.items() {
            for version in [NotificationVersion::V1, NotificationVersion::V2] {
                for env in [Environment::Production, Environment::Sandbox] {
                    let _ = delivery(item.send_attempts(), version, env);
                }
            }
        }
    }
    if let Ok(status) = CheckTestNotificationResponse::parse(data) {
        let _ = delivery(
            status.send_attempts(),
            NotificationVersion::V2,
            Environment::Production,
        );
    }
});
