//! The overview of a spec in Markdown: one table row per value, status and
//! operation, for the docs of the module that includes the generated items.
//!
//! It is text rather than tokens because it belongs to the module, not to an
//! item: `include!`d code cannot carry the including module's inner doc
//! attributes (an inner attribute is refused anywhere but at the start of a
//! module's own file), so the build script writes the text next to the code
//! and the hand-written module reads it with
//! `#![doc = include_str!(concat!(env!("OUT_DIR"), "/apns.md"))]`. Links
//! are intra-doc paths from that module (`Reason::BadDeviceToken`) and from
//! the runtime ([`Options::runtime`](super::Options::runtime)).

use std::fmt::Write as _;

use super::docs::{duration_text, md, page_ref};
use super::{Ctx, Options};
use crate::model::{Entry, Flag, Provenance, Retry, RetryAction, Spec, TokenAction, WireType};

/// The overview of `spec` in Markdown, opening with an `# Overview`
/// heading: a table of every value (wire value, status, retry action, token
/// action, least delay, each linked to its item), then the statuses with the
/// rules for unlisted codes, the operations and the schedules, when the spec
/// has them.
///
/// Meant for the docs of the module at [`Options::with_module_path`], as
/// `#![doc = include_str!(…)]`; the spec must have passed
/// [`crate::validate`].
pub fn overview(spec: &Spec, options: &Options) -> String {
    Ctx::new(spec, options).overview()
}

impl Ctx<'_> {
    fn overview(&self) -> String {
        let s = self.spec;
        let mut d = String::from("# Overview\n\n");
        let _ = write!(
            d,
            "Every {} this version knows ({}), from Apple's page {}; each links to its \
             full entry. *Inferred* marks this crate's reading of Apple's guidance rather \
             than Apple's own rule.\n\n",
            md(&s.value_noun),
            s.values.len(),
            page_ref(&s.page, s.page_url.as_deref())
        );
        let with_status = s.statuses.as_ref().is_some_and(|t| t.values_have_status);
        d.push_str(if with_status {
            "| Value | Status | Retry | Token | Least delay |\n| --- | --- | --- | --- | --- |\n"
        } else {
            "| Value | Retry | Token | Least delay |\n| --- | --- | --- | --- |\n"
        });
        for e in &s.values {
            let _ = write!(d, "| {}", self.value_cell(e));
            if let (Some(table), Some(code)) = (&s.statuses, e.status.filter(|_| with_status)) {
                let name = &super::status_of(table, e).name;
                let _ = write!(d, " | [{code}]({}::{name})", table.type_name);
            }
            let _ = writeln!(d, " | {} |", self.retry_cells(&e.retry));
        }
        self.statuses_overview(&mut d);
        self.operations_overview(&mut d);
        self.schedules_overview(&mut d);
        d
    }

    /// The wire value linked to its variant (numeric codes with Apple's
    /// name), with what sets the entry apart.
    fn value_cell(&self, e: &Entry) -> String {
        let ty = &self.spec.value_type;
        let shown = match self.spec.wire_type {
            WireType::String => e.wire.clone(),
            WireType::Integer => format!("{} {}", e.wire, e.name),
        };
        let mut cell = format!("[`{}`]({ty}::{})", cell_text(&shown), e.name);
        let mut notes = Vec::new();
        if e.flags.contains(&Flag::Undocumented) {
            notes.push("not in Apple's table".to_owned());
        }
        if e.provenance == Some(Provenance::PeerLibrary) {
            notes.push("known from a third-party library".to_owned());
        }
        if e.deprecated.is_some() {
            notes.push("deprecated".to_owned());
        }
        for &flag in &e.flags {
            if let Some(fact) = flag.fact() {
                let method = flag.method();
                let mut note = format!("[{fact}]({ty}::{method})");
                if e.inferred_flags.contains(&flag) {
                    note.push_str(", inferred");
                }
                notes.push(note);
            }
        }
        if let Some(page) = &e.page {
            notes.push(format!(
                "from {}",
                cell_text(&page_ref(page, e.page_url.as_deref()))
            ));
        }
        if !notes.is_empty() {
            let _ = write!(cell, " ({})", notes.join("; "));
        }
        cell
    }

    /// `Retry | Token | Least delay`, without the outer pipes.
    fn retry_cells(&self, r: &Retry) -> String {
        let action = r.action.variant();
        let mut retry = self.rt_link(action, &format!("retry::RetryAction::{action}"));
        if r.inferred {
            retry.push_str(" (inferred)");
        }
        let token = match r.token {
            TokenAction::Keep => "`Keep`".to_owned(),
            t => {
                let name = t.variant();
                let mut link = self.rt_link(name, &format!("retry::TokenAction::{name}"));
                if r.token_inferred {
                    link.push_str(" (inferred)");
                }
                link
            }
        };
        let delay = match (r.min_delay_secs, r.token_min_age_secs) {
            (Some(secs), _) => duration_text(secs),
            (None, Some(secs)) if r.action == RetryAction::ReuseProviderToken => {
                format!("new provider tokens {} apart", duration_text(secs))
            }
            _ => "\u{2014}".to_owned(),
        };
        format!("{retry} | {token} | {delay}")
    }

    fn statuses_overview(&self, d: &mut String) {
        let Some(table) = &self.spec.statuses else {
            return;
        };
        let ty = &table.type_name;
        let _ = write!(
            d,
            "\nThe statuses ({}), each with the rule that applies when no known value \
             decides, and the rules for codes not listed:\n\n\
             | Status | Retry | Token | Least delay |\n| --- | --- | --- | --- |\n",
            table.entries.len()
        );
        for st in &table.entries {
            let cells = if st.success {
                "success | \u{2014} | \u{2014}".to_owned()
            } else {
                self.retry_cells(&st.retry)
            };
            let _ = writeln!(
                d,
                "| [{} `{}`]({ty}::{}) | {cells} |",
                st.code, st.name, st.name
            );
        }
        let fb = &table.fallback;
        for (what, rule) in [
            ("any other 4xx", &fb.client_error),
            ("any other 5xx", &fb.server_error),
            ("any other code", &fb.other),
        ] {
            let _ = writeln!(d, "| {what} | {} |", self.retry_cells(&rule.retry));
        }
    }

    fn operations_overview(&self, d: &mut String) {
        let (Some(ops), Some(table)) = (&self.spec.operations, &self.spec.statuses) else {
            return;
        };
        let (ty, st) = (&ops.type_name, &table.type_name);
        d.push_str(
            "\nThe operations, each with the one status that means it succeeded:\n\n\
             | Operation | Request | Success |\n| --- | --- | --- |\n",
        );
        for op in &ops.entries {
            // Validation guarantees the success status is in the table.
            let success = table
                .entries
                .iter()
                .find(|s| s.code == op.success)
                .map_or(op.success.to_string(), |s| {
                    format!("[{}]({st}::{})", s.code, s.name)
                });
            let _ = writeln!(
                d,
                "| [`{}`]({ty}::{}) | `{} {}` | {success} |",
                op.name,
                op.name,
                op.method,
                cell_text(&op.path)
            );
        }
    }

    fn schedules_overview(&self, d: &mut String) {
        if self.spec.schedules.is_empty() {
            return;
        }
        d.push_str("\nSchedules:\n\n");
        for sch in &self.spec.schedules {
            let delays: Vec<String> = sch.delays_secs.iter().map(|s| duration_text(*s)).collect();
            let _ = writeln!(
                d,
                "- [`{}`]({}): {}; from {}.",
                sch.name,
                sch.name,
                delays.join(", "),
                page_ref(&sch.page, sch.page_url.as_deref())
            );
        }
    }
}

/// Text for a table cell: a `|` would end the cell, even in a code span.
fn cell_text(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_do_not_end_cells() {
        assert_eq!(cell_text("A|B"), "A\\|B");
    }
}
