mod specs {
    apple_errors::vocabulary!("specs/invalid.json");
}

fn main() {}
