fn main() {
    let _ = apple_errors::apns::reason!("BadDeviceTokn");
    let _ = apple_errors::app_store_server::notifications::send_attempt_result!("timed_out");
}
