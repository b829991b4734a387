//! Doc text: what the generated items say about themselves, and the
//! `#[doc]` attributes that carry it.

use std::fmt::Write as _;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::Ctx;
use crate::model::{Entry, Flag, Provenance, Retry, StatusEntry, TokenAction, WireType};

/// `text` as `#[doc = "…"]` attributes, one per line, each line with a
/// leading space as `///` would give it; paragraphs are separated by `\n\n`.
pub(super) fn attrs(text: &str) -> TokenStream {
    text.split('\n')
        .map(|line| {
            let line = if line.is_empty() {
                Literal::string("")
            } else {
                Literal::string(&format!(" {line}"))
            };
            quote!(#[doc = #line])
        })
        .collect()
}

/// Escapes text for Markdown in doc comments: brackets and angle brackets
/// outside backtick spans would otherwise become links or HTML.
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '[' | ']' | '<' | '>' | '*' | '_' | '\\' if !in_code => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// `“Title”` with the title escaped, as a link to `url` when there is one.
pub(super) fn page_ref(title: &str, url: Option<&str>) -> String {
    match url {
        Some(url) => format!("\u{201c}[{}]({url})\u{201d}", md(title)),
        None => format!("\u{201c}{}\u{201d}", md(title)),
    }
}

impl Ctx<'_> {
    /// The page an entry comes from, and its address: the entry's own, or
    /// the file's.
    pub(super) fn entry_page<'e>(&'e self, e: &'e Entry) -> (&'e str, Option<&'e str>) {
        match &e.page {
            Some(page) => (page, e.page_url.as_deref()),
            None => (&self.spec.page, self.spec.page_url.as_deref()),
        }
    }

    /// A value's doc: meaning, wire value, status, retry, remedy, source.
    pub(super) fn entry_doc(&self, e: &Entry) -> String {
        let mut d = md(&e.description);
        d.push_str("\n\n");
        let _ = write!(d, "- Wire value: `{}`", e.wire);
        if self.spec.wire_type == WireType::Integer {
            let _ = write!(d, "\n- Apple's name: `{}`", e.name);
            if !e.other_names.is_empty() {
                let list: Vec<String> = e.other_names.iter().map(|a| format!("`{a}`")).collect();
                let _ = write!(d, " (also known as {})", list.join(", "));
            }
        }
        if !e.aliases.is_empty() {
            let list: Vec<String> = e.aliases.iter().map(|a| format!("`{a}`")).collect();
            let _ = write!(d, " (also accepted: {})", list.join(", "));
        }
        if let (Some(table), Some(_)) = (&self.spec.statuses, e.status) {
            let st = super::status_of(table, e);
            let _ = write!(
                d,
                "\n- HTTP status: {} ([`{}::{}`])",
                st.code, table.type_name, st.name
            );
        }
        let _ = write!(d, "\n- Retry: {}", self.retry_doc(&e.retry));
        let _ = write!(d, "\n- Remedy: {}", md(&e.remedy));
        for &flag in &e.flags {
            if let Some(fact) = flag.fact() {
                self.fact_doc(&mut d, fact, flag, e.inferred_flags.contains(&flag));
            }
        }
        let (page, url) = self.entry_page(e);
        let _ = write!(d, "\n- Source: Apple, {}", page_ref(page, url));
        if e.flags.contains(&Flag::Undocumented) {
            d.push_str(" (not in Apple's table; seen from the service)");
        }
        match e.provenance {
            Some(Provenance::AppleLibraries) => {
                d.push_str("; also in Apple's own libraries");
            }
            Some(Provenance::AppleDocs) => d.push_str(" only, not in Apple's libraries"),
            Some(Provenance::PeerLibrary) => d.push_str(
                "; the number is known only from a third-party library, so it is less certain",
            ),
            None => {}
        }
        if let Some(since) = &e.since {
            let _ = write!(d, "\n- Since: version {}", md(since));
        }
        if let Some(why) = &e.deprecated {
            let _ = write!(d, "\n- Deprecated: {}", md(why));
        }
        d
    }

    /// A line naming a connection fact (`needs a new connection`) and its
    /// query, with whose word it is: Apple's, or this crate's reading.
    fn fact_doc(&self, d: &mut String, fact: &str, flag: Flag, inferred: bool) {
        let ty = &self.spec.value_type;
        let method = flag.method();
        let mut chars = fact.chars();
        let first = chars.next().map(|c| c.to_ascii_uppercase());
        let _ = write!(
            d,
            "\n- {}{}: [`{ty}::{method}`]; ",
            first.unwrap_or_default(),
            chars.as_str()
        );
        if inferred {
            let _ = write!(
                d,
                "this crate's reading of Apple's guidance, not Apple's statement \
                 ([`{ty}::{}`])",
                super::inferred_method(flag)
            );
        } else {
            d.push_str("Apple's statement");
        }
    }

    /// A status's doc: meaning, code, retry, remedy.
    pub(super) fn status_doc(&self, st: &StatusEntry) -> String {
        let mut d = md(&st.description);
        let _ = write!(d, "\n\n- Wire value: `{}`", st.code);
        let _ = write!(d, "\n- Retry: {}", self.retry_doc(&st.retry));
        let _ = write!(d, "\n- Remedy: {}", md(&st.remedy));
        d
    }

    /// `` [`shown`](<runtime>::item) ``, or only `` `shown` `` when the
    /// runtime's path cannot be a link target.
    pub(super) fn rt_link(&self, shown: &str, item: &str) -> String {
        match &self.rt_doc {
            Some(rt) => format!("[`{shown}`]({rt}::{item})"),
            None => format!("`{shown}`"),
        }
    }

    /// A retry rule in words, with links to the runtime's actions.
    pub(super) fn retry_doc(&self, r: &Retry) -> String {
        let action = r.action.variant();
        let mut d = self.rt_link(action, &format!("retry::RetryAction::{action}"));
        if let Some(secs) = r.min_delay_secs {
            let _ = write!(d, ", after at least {}", duration_text(secs));
        }
        if let Some(secs) = r.token_min_age_secs {
            let _ = write!(
                d,
                "; replace provider tokens at most every {}",
                duration_text(secs)
            );
        }
        if r.inferred {
            d.push_str(" (this crate's reading of Apple's guidance)");
        }
        if r.token != TokenAction::Keep {
            let token = r.token.variant();
            let link = self.rt_link(token, &format!("retry::TokenAction::{token}"));
            let _ = write!(d, "; token: {link}");
            if r.token_inferred {
                d.push_str(" (this crate's reading; common practice)");
            }
        }
        d
    }
}

/// A whole number of seconds in the largest unit that divides it.
pub(super) fn duration_text(secs: u64) -> String {
    match secs {
        s if s % 3600 == 0 => plural(s / 3600, "hour"),
        s if s % 60 == 0 => plural(s / 60, "minute"),
        s => plural(s, "second"),
    }
}

fn plural(n: u64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_escaped_outside_code() {
        assert_eq!(md("a [b] <c> `<d>`"), r"a \[b\] \<c\> `<d>`");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_text(900), "15 minutes");
        assert_eq!(duration_text(3600), "1 hour");
        assert_eq!(duration_text(90), "90 seconds");
    }

    #[test]
    fn doc_lines_read_like_doc_comments() {
        assert_eq!(
            attrs("One.\n\nTwo.").to_string(),
            r#"# [doc = " One."] # [doc = ""] # [doc = " Two."]"#
        );
    }
}
