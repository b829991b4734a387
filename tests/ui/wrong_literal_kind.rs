fn main() {
    let _ = apple_errors::apns::reason!(17);
    let _ = apple_errors::apns::reason!(b"BadTopic");
    let _ = apple_errors::apns::reason!(BadTopic);
}
