mod specs {
    apple_errors::vocabulary!("/nonexistent/apple-errors/missing.json");
}

fn main() {}
