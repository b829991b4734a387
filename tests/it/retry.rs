//! The retry vocabulary exists twice: as spec-file keywords in
//! `apple-errors-spec` (what a spec can say) and as the runtime enums
//! generated code names (what a program gets). The emitter turns each
//! keyword into the runtime variant of the same name; these tests fail the
//! moment the two lists differ.

use apple_errors::retry::{RetryAction, TokenAction};
use apple_errors_spec::model;

fn names<T: std::fmt::Debug>(all: &[T]) -> Vec<String> {
    all.iter().map(|v| format!("{v:?}")).collect()
}

#[test]
fn retry_actions_are_the_same_in_spec_and_runtime() {
    let spec: Vec<&str> = model::RetryAction::ALL
        .iter()
        .map(|a| a.variant())
        .collect();
    assert_eq!(spec, names(RetryAction::ALL));
}

#[test]
fn token_actions_are_the_same_in_spec_and_runtime() {
    let spec: Vec<&str> = model::TokenAction::ALL
        .iter()
        .map(|a| a.variant())
        .collect();
    assert_eq!(spec, names(TokenAction::ALL));
}

/// The keywords spec files use, as `tests/it/common.rs` reads them.
#[test]
fn spec_keywords_name_the_runtime_variants() {
    for action in model::RetryAction::ALL {
        let runtime = crate::common::retry_action(action.key());
        assert_eq!(format!("{runtime:?}"), action.variant(), "{}", action.key());
    }
    for token in model::TokenAction::ALL {
        let runtime = crate::common::token_action(token.key());
        assert_eq!(format!("{runtime:?}"), token.variant(), "{}", token.key());
    }
}
