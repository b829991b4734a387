fn main() {
    let _ = apple_errors::apns::reason!("BadDeviceTokn");
    let _ = apple_errors::apns::reason!(r"BadTopic");
    let _ = apple_errors::apns::reason!(17);
}
