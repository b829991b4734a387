fn main() {
    let _ = apple_errors::apns::reason!(17);
    let _ = apple_errors::apns::reason!(r"BadTopic");
    let _ = apple_errors::apns::reason!(BadTopic);
}
