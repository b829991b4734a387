mod specs {
    apple_errors::vocabulary!("specs/missing.json");
}

fn main() {}
