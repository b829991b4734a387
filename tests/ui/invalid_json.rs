mod specs {
    apple_errors::vocabulary!("../../../../tests/ui/specs/invalid.json");
}

fn main() {}
