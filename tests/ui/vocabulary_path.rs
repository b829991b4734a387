// Without `path`, the checked-literal macro would look for the types at
// `crate::pager`: the invocation says so at once.
mod api {
    pub mod pager {
        apple_errors::vocabulary!("specs/pager.json");
    }
}

// Paths start at the crate root.
mod other {
    apple_errors::vocabulary!("specs/pager.json", path = self::other);
}

// An option the macro does not have.
mod third {
    apple_errors::vocabulary!("specs/pager.json", module = third);
}

fn main() {}
