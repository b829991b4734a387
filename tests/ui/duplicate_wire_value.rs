mod duplicate {
    apple_errors::vocabulary!("../../../../tests/ui/specs/duplicate.json");
}

fn main() {}
