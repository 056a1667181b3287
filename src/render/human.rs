//! Human output: rustc-style snippets with a caret under the finding.
//!
//! ```text
//! T001 [*] `recieve` is a misspelling of `receive`
//!   --> notes/intro.md:12:9
//!    |
//! 12 | We will recieve the data.
//!    |         ^^^^^^^
//!    = help: Replace with `receive`
//! ```
//! `[*]` marks a finding whose fix this mode would apply. Long lines are cut
//! to a window around the finding. Colour only when asked for.

use std::fmt::Write as _;

use crate::diagnostic::{Applicability, Finding};
use crate::source::Origin;
use crate::text::Document;

/// Characters of context shown on each side of a finding in a long line.
const CONTEXT_CHARS: usize = 40;

/// ANSI styling, or none.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Whether to emit ANSI colour codes.
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// Where a finding is, as `path:line:col` (records as `dump.jsonl:42 (id a17)`).
#[must_use]
pub fn location(origin: &Origin, doc: &Document<'_>, offset: usize) -> String {
    let lc = doc.line_col(offset);
    match origin {
        Origin::Record { path, line, id } => {
            let id = id
                .as_deref()
                .map(|i| format!(" (id {i})"))
                .unwrap_or_default();
            format!("{}:{line}{id} {}:{}", path.display(), lc.line, lc.column)
        }
        _ => format!("{}:{}:{}", origin.display_path(), lc.line, lc.column),
    }
}

/// Renders one finding as a snippet.
#[must_use]
pub fn render_finding(
    origin: &Origin,
    doc: &Document<'_>,
    f: &Finding,
    level: Applicability,
    style: Style,
) -> String {
    let mut out = String::new();
    let mark = if f.fix_at(level).is_some() {
        " [*]"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "{}{} {}",
        style.paint("1;31", f.rule.code),
        style.paint("1;36", mark),
        style.paint("1", &f.message)
    );
    let text = doc.text();
    let line_idx = doc.lines().line_of(f.span.start);
    let line_span = doc.lines().line_span(text, line_idx);
    let line_no = (line_idx + 1).to_string();
    let pad = " ".repeat(line_no.len());
    let _ = writeln!(
        out,
        "{pad}{} {}",
        style.paint("1;34", "-->"),
        location(origin, doc, f.span.start)
    );
    let _ = writeln!(out, "{pad} {}", style.paint("1;34", "|"));
    // The snippet: the line, cut to a window of chars around the span.
    let line = line_span.slice(text);
    let start_in_line = f.span.start - line_span.start;
    let end_in_line = f.span.end.min(line_span.end).max(f.span.start) - line_span.start;
    // Only the window is looked at, so a finding in a megabyte-long line
    // costs no more than in a short one.
    let before = &line[..start_in_line];
    let marked: String = line[start_in_line..end_in_line].chars().collect();
    let after = &line[end_in_line..];
    let (lead, before_shown) = match before.char_indices().rev().nth(CONTEXT_CHARS) {
        Some((i, c)) => ("…", &before[i + c.len_utf8()..]),
        None => ("", before),
    };
    let (trail, after_shown) = match after.char_indices().nth(CONTEXT_CHARS) {
        Some((i, _)) => ("…", &after[..i]),
        None => ("", after),
    };
    let (before_s, after_s) = (before_shown, after_shown);
    let shown = format!("{lead}{before_s}{marked}{after_s}{trail}");
    let _ = writeln!(
        out,
        "{} {} {}",
        style.paint("1;34", &line_no),
        style.paint("1;34", "|"),
        visible(&shown)
    );
    let caret_col = visible(&format!("{lead}{before_s}")).chars().count();
    let caret_len = visible(&marked).chars().count().max(1);
    let _ = writeln!(
        out,
        "{pad} {} {}{}",
        style.paint("1;34", "|"),
        " ".repeat(caret_col),
        style.paint("1;31", &"^".repeat(caret_len))
    );
    if let Some(first) = f.suggestions.first() {
        let mut help = first.title.clone();
        let others: Vec<&str> = f.suggestions[1..]
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        if !others.is_empty() {
            let _ = write!(help, " (or: {})", others.join("; "));
        }
        let tier = first.fix.applicability();
        if tier != Applicability::Safe {
            let _ = write!(help, " [{}]", tier.as_str());
        }
        let _ = writeln!(out, "{pad} {} {help}", style.paint("1;34", "= help:"));
    }
    out
}

/// Makes invisible characters visible in a snippet (tabs as spaces, control
/// and zero-width characters as `<U+XXXX>`), so carets line up.
fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
                ) =>
            {
                let _ = write!(out, "<U+{:04X}>", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}
