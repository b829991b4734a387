mod duplicate {
    apple_errors::vocabulary!("specs/duplicate.json");
}

fn main() {}
